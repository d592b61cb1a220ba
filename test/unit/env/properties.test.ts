import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { TrainlintDocument } from '../../../server/src/core';
import { extractEnv } from '../../../server/src/core/env';
import { envFindings } from './helpers';

const SHELLISH = fc.constantFrom('export ', 'NCCL_DEBUG=', '"', "'", '$', '${', '$(', '`', '\\', '\n', ' ', '#', '<<EOF\n', 'EOF\n', '(', ')', ';', '&&', '|', '=', 'INFO', 'if ', 'fi', '{', '}', 'srun --export=', ',', 'NCCL_P2P_DISABLE=1');

test('any mix of shell syntax: extraction and the env rules never throw, and every range lies inside the text', () => {
  fc.assert(
    fc.property(fc.array(SHELLISH, { maxLength: 60 }).map((xs) => xs.join('')), fc.constantFrom('x.sh', '.env', 'Dockerfile', 'x.yaml'), (text, path) => {
      const doc = new TrainlintDocument(path, path === 'Dockerfile' ? `ENV ${text}` : path === 'x.yaml' ? `env:\n  ${text}` : text);
      const ex = extractEnv(doc);
      for (const a of ex.assignments) {
        assert.ok(a.nameStart >= 0 && a.nameEnd <= doc.text.length && a.valueStart <= a.valueEnd && a.valueEnd <= doc.text.length);
        if (path !== 'x.yaml') assert.equal(doc.text.slice(a.nameStart, a.nameEnd), a.name);
      }
      const f = envFindings(path, doc.text);
      assert.ok(!f.some((x) => x.code === 'internal-error'), JSON.stringify(f));
    }),
    { numRuns: 400 },
  );
});

test('export NAME=VALUE round-trips for plain and single-quoted values', () => {
  const name = fc.stringMatching(/^NCCL_[A-Z][A-Z0-9_]{0,12}$/);
  const value = fc.stringMatching(/^[A-Za-z0-9_.,:\/^=-]{0,20}$/);
  fc.assert(
    fc.property(name, value, fc.boolean(), (n, v, quote) => {
      const text = `export ${n}=${quote ? `'${v}'` : v}\n`;
      const [a] = extractEnv(new TrainlintDocument('x.sh', text)).assignments;
      assert.equal(a.name, n);
      assert.equal(a.value, v);
      assert.equal(a.origin, 'export');
      if (v.length) assert.equal(text.slice(a.valueOffsets![0], a.valueOffsets![v.length - 1] + 1), v);
    }),
    { numRuns: 300 },
  );
});
