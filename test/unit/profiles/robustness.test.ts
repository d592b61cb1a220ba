import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { checkText, completionsAt, createRuleContext, hoverAt, TrainlintDocument } from '../../../server/src/core';
import { parseNcclTests } from '../../../server/src/core/profiles/nccl-tests';
import { resolveProfile } from '../../../server/src/core/profiles/registry';

const PROFILE = 'name: lab\nextends: aws-p5\ngpusPerNode: 8\nnetwork:\n  perGpuGbps: 300\n  kind: efa\nstorage:\n  - name: weka\n    writeGBps: 9\ncollectives:\n  all-reduce:\n    - {nodes: 2, busbwGBps: 400, latencyUs: 50}\n';
const SMOL = readFileSync(join(__dirname, '..', '..', '..', '..', 'shared', 'corpus', 'configs', '002-smollm3-nanotron-stage1-8T.yaml'), 'utf8');
const NCCL = readFileSync(join(__dirname, '..', '..', 'fixtures', 'nccl-tests', 'all_reduce_perf.2node.mpirun.txt'), 'utf8');

/** Deletes, duplicates or replaces a slice of the text. */
const mutated = (base: string) =>
  fc.tuple(fc.nat(base.length), fc.nat(40), fc.constantFrom('', ':', '-', ' ', '\n', '{', '[', '#', '-1', '0', 'null', '\t', '"', '1e400')).map(([at, len, ins]) => base.slice(0, at) + ins + base.slice(Math.min(base.length, at + len)));

test('mutated profile files: check, hover and completion never throw, resolution always yields a profile', () => {
  fc.assert(
    fc.property(mutated(PROFILE), fc.nat(20), fc.nat(30), (text, line, character) => {
      const r = checkText('lab.cluster.yaml', text);
      assert.ok(Array.isArray(r.findings));
      const ctx = createRuleContext(new TrainlintDocument('lab.cluster.yaml', text));
      hoverAt(ctx, { line, character });
      completionsAt(ctx, { line, character });
      const res = resolveProfile('lab', [{ path: 'lab.cluster.yaml', text }]);
      assert.ok(res.profile.gpusPerNode >= 1);
      if (res.source === 'lab.cluster.yaml') assert.equal(res.fallbackReason, undefined);
    }),
    { numRuns: 300 },
  );
});

test('mutated nanotron configs: the parallelism hover never throws', () => {
  const start = SMOL.indexOf('parallelism:');
  const region = SMOL.slice(start, start + 400);
  fc.assert(
    fc.property(mutated(region), fc.nat(14), fc.nat(30), (r, line, character) => {
      const text = SMOL.slice(0, start) + r + SMOL.slice(start + 400);
      const ctx = createRuleContext(new TrainlintDocument('c.yaml', text), { profileName: 'aws-p5' });
      const base = text.slice(0, start).split('\n').length - 1;
      hoverAt(ctx, { line: base + line, character });
    }),
    { numRuns: 150 },
  );
});

test('mutated nccl-tests outputs parse or report a line inside the file', () => {
  fc.assert(
    fc.property(mutated(NCCL), (text) => {
      const r = parseNcclTests(text, 'all_reduce_perf.txt');
      if (r.error) assert.ok(r.error.line >= 1 && r.error.line <= text.split('\n').length, JSON.stringify(r.error));
      else for (const t of r.tables) assert.ok(t.rows.every((row) => Number.isFinite(row.busbwGBps)));
    }),
    { numRuns: 300 },
  );
});
