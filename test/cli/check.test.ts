import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli';

const tmp = mkdtempSync(join(tmpdir(), 'trainlint-cli-'));
const CORPUS = join(__dirname, '..', '..', '..', 'shared', 'corpus', 'configs');

test('check --format json follows the contract and exits 1 on an error finding', async () => {
  const f = join(tmp, 'dup.yaml');
  writeFileSync(f, 'parallelism:\n  tp: 2\n  tp: 4\nmodel: {}\n');
  const r = await runCli('check', f, '--format', 'json');
  assert.equal(r.code, 1, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.version, 1);
  assert.equal(out.files[0].file, f);
  assert.equal(out.files[0].kind, 'nanotron');
  const d = out.files[0].diagnostics.find((x: { code: string }) => x.code === 'yaml-duplicate-key');
  assert.deepEqual(d.range, { start: { line: 2, character: 2 }, end: { line: 2, character: 4 } });
  assert.equal(d.severity, 'error');
});

test('text output is file:line:col severity code message (1-based)', async () => {
  const f = join(tmp, 'dup2.yaml');
  writeFileSync(f, 'a: 1\na: 2\n');
  const r = await runCli('check', f);
  assert.match(r.stdout, new RegExp(`${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2:1 error yaml-duplicate-key `));
});

test('sarif output is SARIF 2.1.0 with one result per diagnostic', async () => {
  const f = join(tmp, 'dup3.yaml');
  writeFileSync(f, 'a: 1\na: 2\nb: 1\nb: 2\n');
  const r = await runCli('check', f, '--format', 'sarif');
  const s = JSON.parse(r.stdout);
  assert.equal(s.version, '2.1.0');
  assert.equal(s.runs[0].results.length, 2);
  assert.equal(s.runs[0].results[0].ruleId, 'yaml-duplicate-key');
  assert.equal(s.runs[0].results[0].locations[0].physicalLocation.region.startLine, 2);
});

test('a directory is walked for configs and scripts; the corpus configs are all recognised', async () => {
  const r = await runCli('check', CORPUS, '--format', 'json');
  assert.ok(r.code === 0 || r.code === 1, r.stderr);
  const out = JSON.parse(r.stdout) as { files: Array<{ file: string; kind: string }> };
  const kinds = Object.fromEntries(out.files.map((f) => [f.file.split('/').pop(), f.kind]));
  assert.equal(kinds['002-smollm3-nanotron-stage1-8T.yaml'], 'nanotron');
  assert.equal(kinds['013-torchtune-llama31-70b-full.yaml'], 'torchtune');
  assert.equal(kinds['014-llmfoundry-mpt-7b-pretrain.yaml'], 'llmfoundry');
  assert.equal(kinds['015-nemo1-megatron-llama-config.yaml'], 'nemo');
  assert.equal(kinds['010-llamafactory-llama3-full-sft-ds3.yaml'], 'llamafactory');
  assert.equal(kinds['008-axolotl-llama3-70b-qlora-fsdp.yaml'], 'axolotl');
  assert.equal(kinds['006-accelerate-template-fsdp.yaml'], 'accelerate');
  assert.equal(kinds['024-megatron-bridge-llama3-8b-override.yaml'], 'megatron');
  assert.equal(kinds['019-qwen3-pretrain-accelerate-p2p-disabled.sh'], 'env');
  // The label .json files are not training configs and are left out of a directory walk.
  assert.ok(!out.files.some((f) => f.file.endsWith('.json')));
});

test('unreadable inputs: missing file, directory entry without permission, /dev/null, FIFO-like, binary, bad UTF-8', async () => {
  const missing = await runCli('check', join(tmp, 'nope.yaml'));
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /nope\.yaml: no such file or directory/);

  const devnull = await runCli('check', '/dev/null');
  assert.equal(devnull.code, 2);
  assert.match(devnull.stderr, /not a regular file/);

  const bin = join(tmp, 'model.yaml');
  writeFileSync(bin, Buffer.from([0x61, 0x3a, 0x20, 0x00, 0x01, 0x02]));
  const b = await runCli('check', bin);
  assert.equal(b.code, 2);
  assert.match(b.stderr, /binary file/);

  const latin1 = join(tmp, 'latin1.yaml');
  writeFileSync(latin1, Buffer.from('name: caf\xe9\n', 'latin1'));
  const l = await runCli('check', latin1);
  assert.equal(l.code, 2);
  assert.match(l.stderr, /not valid UTF-8 text \(first invalid byte at offset 9\)/);

  if (process.getuid && process.getuid() !== 0) {
    const dir = join(tmp, 'locked');
    mkdirSync(dir);
    writeFileSync(join(dir, 'a.yaml'), 'a: 1\n');
    chmodSync(dir, 0);
    const d = await runCli('check', dir);
    assert.equal(d.code, 2);
    chmodSync(dir, 0o755);
  }
});

test('empty file is fine; usage errors exit 2', async () => {
  const empty = join(tmp, 'empty.yaml');
  writeFileSync(empty, '');
  const e = await runCli('check', empty);
  assert.equal(e.code, 2);
  assert.match(e.stderr, /empty\.yaml: not a file kind trainlint understands/);
  assert.equal((await runCli('check')).code, 2);
  assert.equal((await runCli('check', empty, '--format', 'xml')).code, 2);
  assert.equal((await runCli('check', empty, '--bogus', '1')).code, 2);
  assert.equal((await runCli('frobnicate')).code, 2);
});

test('a FIFO and a large sparse file get clear messages and exit 2 without reading them whole', async () => {
  const { execFileSync } = await import('node:child_process');
  const { truncateSync, openSync, closeSync } = await import('node:fs');
  const fifo = join(tmp, 'pipe.log');
  execFileSync('mkfifo', [fifo]);
  const c = await runCli('check', fifo);
  assert.equal(c.code, 2);
  assert.match(c.stderr, /not a regular file/);
  const a = await runCli('analyze', fifo);
  assert.equal(a.code, 2);
  assert.match(a.stderr, /not a regular file/);

  const sparse = join(tmp, 'huge.log');
  closeSync(openSync(sparse, 'w'));
  truncateSync(sparse, 5 * 1024 ** 3); // 5 GiB of holes: no disk used
  const big = await runCli('check', sparse);
  assert.equal(big.code, 2);
  assert.match(big.stderr, /too large for a config or script/);
  const an = await runCli('analyze', sparse);
  assert.equal(an.code, 2);
  assert.match(an.stderr, /binary file \(NUL byte at offset 0\)/);
});

test('an explicitly named file of no known kind is unsupported input (exit 2); SARIF names files outside cwd by URI', async () => {
  const junk = join(tmp, 'notes.txt');
  writeFileSync(junk, 'just some notes\n');
  const r = await runCli('check', junk);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /not a file kind trainlint understands/);
  const other = join(tmp, 'other.yaml');
  writeFileSync(other, 'a: 1\n');
  assert.equal((await runCli('check', other)).code, 2);
  // A YAML syntax error is still shown even when the kind cannot be told.
  const broken = join(tmp, 'broken.yaml');
  writeFileSync(broken, 'a: [1, 2\n');
  const b = await runCli('check', broken);
  assert.equal(b.code, 1);
  const dup = join(tmp, 'dup4.yaml');
  writeFileSync(dup, 'a: 1\na: 2\n');
  const s = JSON.parse((await runCli('check', dup, '--format', 'sarif')).stdout);
  assert.match(s.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, /^file:\/\/\/.*dup4\.yaml$/);
});
