import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ENV_CONTRADICTIONS, ENV_FOOTGUNS, ENV_RECOMMENDATIONS, P5_SENDRECV_WITHOUT_NVLINK, RING_ALLREDUCE_NO_NVLS } from '../../../server/src/core/data/env-footguns';
import { ENV_SOURCES } from '../../../server/src/core/data/env-sources';
import { canonicalEnvName, envVarSpec, NCCL_VARS } from '../../../server/src/core/data/nccl-vars';

const URLS = new Set<string>(Object.values(ENV_SOURCES));

test('every variable row has a unique name, a type, a description and a source from the reference', () => {
  const seen = new Set<string>();
  for (const v of NCCL_VARS) {
    assert.ok(!seen.has(v.name), `duplicate ${v.name}`);
    seen.add(v.name);
    assert.ok(v.description.length > 5, v.name);
    assert.ok(URLS.has(v.source), `${v.name}: ${v.source}`);
    if (v.type === 'enum') assert.ok(v.values?.length, `${v.name} enum without values`);
    if (v.replacement) assert.ok(envVarSpec(v.replacement), `${v.name} -> ${v.replacement} is not in the table`);
  }
  // the NCCL 2.28 page lists 105 names incl. 3 legacy aliases (reference §1); the table holds all of them
  assert.ok(NCCL_VARS.filter((v) => v.family === 'nccl' && v.source === ENV_SOURCES.E && v.status !== 'undocumented' && v.status !== 'not-a-variable').length >= 100);
});

test('table entries match the cited facts', () => {
  assert.equal(envVarSpec('NCCL_IB_TIMEOUT')!.default, '20 since 2.23; 18 from 2.14; 14 before');
  assert.equal(envVarSpec('NCCL_SOCKET_NTHREADS')!.range!.max, 16);
  assert.equal(envVarSpec('NCCL_MAX_CTAS')!.range!.max, 64);
  assert.equal(envVarSpec('NCCL_BUFFSIZE')!.default, '4194304 (4 MiB)');
  assert.deepEqual(envVarSpec('NCCL_P2P_LEVEL')!.legacyNumeric!.map, { '0': 'LOC', '1': 'PIX', '2': 'PXB', '3': 'PHB', '4': 'SYS' });
  assert.deepEqual(envVarSpec('NCCL_P2P_LEVEL')!.values!.map((v) => v.value), ['LOC', 'NVL', 'PIX', 'PXB', 'PHB', 'SYS']);
  assert.ok(!envVarSpec('NCCL_NET_GDR_LEVEL')!.values!.some((v) => v.value === 'NVL'), 'NVL is a P2P level only');
  assert.equal(envVarSpec('NCCL_TREE_THRESHOLD')!.status, 'removed');
  assert.equal(envVarSpec('NCCL_CHECKS_DISABLE')!.status, 'deprecated');
  assert.equal(envVarSpec('TORCH_NCCL_ASYNC_ERROR_HANDLING')!.default, '3');
  assert.equal(canonicalEnvName('NCCL_ASYNC_ERROR_HANDLING'), 'TORCH_NCCL_ASYNC_ERROR_HANDLING');
  assert.equal(envVarSpec('NCCL_TIMEOUT')!.status, 'not-a-variable');
  // the playbook's p5 send/recv measurements
  assert.deepEqual(P5_SENDRECV_WITHOUT_NVLINK.map((m) => m.GBps).sort((a, b) => a - b), [3.24, 38.16]);
  assert.ok(P5_SENDRECV_WITHOUT_NVLINK.every((m) => m.source === ENV_SOURCES.PB));
  assert.equal(RING_ALLREDUCE_NO_NVLS.GBps, 370);
});

test('foot-gun and contradiction rows name known variables (or prefixes) and cite a reference source', () => {
  const ids = new Set<string>();
  for (const g of ENV_FOOTGUNS) {
    assert.ok(!ids.has(g.id), g.id);
    ids.add(g.id);
    assert.ok(URLS.has(g.source), `${g.id}: ${g.source}`);
    if (!g.prefix) assert.ok(envVarSpec(g.variable), `${g.id}: ${g.variable}`);
    assert.ok(g.doc.length > 40, g.id);
  }
  for (const r of ENV_RECOMMENDATIONS) {
    assert.ok(envVarSpec(r.variable) && URLS.has(r.source), r.variable);
  }
  for (const c of ENV_CONTRADICTIONS) {
    assert.ok(URLS.has(c.source), c.id);
    assert.ok(envVarSpec(c.a.variable), c.id);
    if (!c.b.prefix) assert.ok(envVarSpec(c.b.variable), c.id);
  }
});
