import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ruleById } from '../../../server/src/core';
import { ENV_RULES } from '../../../server/src/core/env';
import { applyFix, codesAt, envFindings } from './helpers';

const one = (text: string, code: string, profile?: string, path = 'x.sh') => {
  const f = envFindings(path, text, profile).filter((x) => x.code === code);
  assert.equal(f.length, 1, `${code} in ${JSON.stringify(text)}: ${JSON.stringify(envFindings(path, text, profile).map((x) => x.code))}`);
  return f[0];
};

test('unknown names in the known families: did-you-mean by edit distance, word order and TORCH_ prefix, with a rename fix', () => {
  const typo = one('export NCCL_P2P_DISABLED=1\n', 'env-unknown-variable');
  assert.match(typo.message, /Did you mean NCCL_P2P_DISABLE\?/);
  assert.equal(applyFix('export NCCL_P2P_DISABLED=1\n', typo.fixes![0]), 'export NCCL_P2P_DISABLE=1\n');
  assert.match(one('export NCCL_DISABLE_P2P=1\n', 'env-unknown-variable').message, /NCCL_P2P_DISABLE \(same words/);
  assert.match(one('export NCCL_ENABLE_MONITORING=0\n', 'env-unknown-variable').message, /TORCH_NCCL_ENABLE_MONITORING \(PyTorch reads it with the TORCH_ prefix\)/);
  assert.match(one('export NCCL_DEBUG_SUBSYSTEM=ALL\n', 'env-unknown-variable').message, /NCCL_DEBUG_SUBSYS/);
  // an exported NCCL_ name with nothing close is still unknown, without a fix
  const far = one('export NCCL_FOO_BAR_BAZ=1\n', 'env-unknown-variable');
  assert.equal(far.fixes, undefined);
  assert.equal(far.severity, 'information');
  assert.match(far.message, /not on NVIDIA's NCCL env page/);
  assert.equal(typo.severity, 'warning');
  // not judged: other families, build paths, libfabric knobs outside the table, script-local variables
  for (const ok of ['export GLOO_SOCKET_IFNAME=eth0', 'export NCCL_HOME=/opt/nccl', 'export NCCL_TESTS_PATH=/opt/t', 'export FI_LOG_LEVEL=warn', 'NCCL_FOO_BAR_BAZ=1', 'export CUDA_VISIBLE_DEVICES=0,1']) {
    assert.deepEqual(envFindings('x.sh', ok + '\n').filter((x) => x.code === 'env-unknown-variable'), [], ok);
  }
  // but a libfabric near-miss is a note
  assert.equal(one('export FI_EFA_USE_HUGE_PAGES=0\n', 'env-unknown-variable', 'aws-p5').severity, 'information');
});

test('values: bool, int, bytes, enums (case, legacy ints), lists with ^ and = prefixes, algo/proto tokens', () => {
  const inv = (text: string) => one(text, 'env-invalid-value');
  const t = inv('export NCCL_P2P_DISABLE=true\n');
  assert.match(t.message, /expects 0 or 1/);
  assert.equal(applyFix('export NCCL_P2P_DISABLE=true\n', t.fixes![0]), 'export NCCL_P2P_DISABLE=1\n');
  inv('export NCCL_IB_TIMEOUT=twenty\n');
  inv('export NCCL_BUFFSIZE=4MB\n');
  assert.match(inv('export NCCL_P2P_LEVEL=NVLINK\n').message, /Did you mean NVL\?/);
  assert.match(inv('export NCCL_DEBUG=VERBOSE\n').message, /VERSION, WARN, INFO, TRACE/);
  assert.match(inv('export NCCL_ALGO=Ring,Trees\n').message, /"Trees".*Did you mean Tree\?.*no fallback to Ring/);
  assert.match(inv('export NCCL_SOCKET_IFNAME=eth0,^docker0\n').message, /only works as the first character/);
  assert.match(inv('export NCCL_IB_HCA=mlx5_0,=mlx5_1\n').message, /"=" \(exact match\) only works at the start/);
  assert.match(inv('export NCCL_IB_HCA==^mlx5_1\n').message, /write "\^="/);
  inv('export NCCL_IB_HCA==mlx5_0:x\n');
  inv('export NCCL_DEBUG_SUBSYS=INIT,NETWORK\n');
  inv('export TORCH_NCCL_ASYNC_ERROR_HANDLING=4\n');
  // the error range is the offending list entry
  const r = inv('export NCCL_SOCKET_IFNAME=eth0,^docker0\n').range;
  assert.deepEqual([r.start.character, r.end.character], [31, 39]);
  for (const ok of [
    'NCCL_P2P_LEVEL=nvl',
    'NCCL_P2P_LEVEL=3',
    'NCCL_SOCKET_IFNAME=^=docker0,lo',
    'NCCL_IB_HCA==mlx5_0:1,mlx5_1:1',
    'NCCL_ALGO=ring,collnetdirect;allreduce:tree,collnetdirect;broadcast:ring',
    'NCCL_ALGO=allreduce:^tree',
    'NCCL_PROTO=^LL128',
    'NCCL_DEBUG_SUBSYS=^INIT,COLL',
    'TORCH_NCCL_BLOCKING_WAIT=true',
    'NCCL_BUFFSIZE=0x400000',
    'NCCL_RAS_ADDR=[::1]:28028',
    'NCCL_NETDEVS_POLICY=MAX:2',
  ]) {
    assert.deepEqual(envFindings('x.sh', `export ${ok}\n`).filter((x) => x.code === 'env-invalid-value'), [], ok);
  }
});

test('ranges: documented bounds and multiples', () => {
  assert.match(one('export NCCL_SOCKET_NTHREADS=32\n', 'env-value-out-of-range').message, /1–16/);
  assert.match(one('export NCCL_NTHREADS=100\n', 'env-value-out-of-range').message, /multiple of 32/);
  assert.match(one('export NCCL_MAX_CTAS=128\n', 'env-value-out-of-range').message, /1–64/);
  assert.deepEqual(envFindings('x.sh', 'export NCCL_NTHREADS=256\n').filter((x) => x.code === 'env-value-out-of-range'), []);
});

test('legacy integer P2P/GDR levels are translated, with the 2.4.7 numbering caveat and a fix', () => {
  const f = one('export NCCL_P2P_LEVEL=5\n', 'nccl-legacy-numeric-level');
  assert.match(f.message, /reads it as SYS .*2\.4\.7/);
  assert.equal(applyFix('export NCCL_P2P_LEVEL=5\n', f.fixes![0]), 'export NCCL_P2P_LEVEL=SYS\n');
  assert.match(one('export NCCL_NET_GDR_LEVEL=2\n', 'nccl-legacy-numeric-level').message, /PXB/);
  // 0 = LOC: also disables P2P on an NVLink node
  assert.deepEqual(codesAt(envFindings('x.sh', 'export NCCL_P2P_LEVEL=0\n')), ['1:nccl-legacy-numeric-level', '1:nccl-p2p-level-loc']);
});

test('deprecated and removed names: rename fix to the current name; removed ones offer deletion', () => {
  for (const [old, now] of [
    ['NCCL_ASYNC_ERROR_HANDLING', 'TORCH_NCCL_ASYNC_ERROR_HANDLING'],
    ['NCCL_DESYNC_DEBUG', 'TORCH_NCCL_DESYNC_DEBUG'],
    ['NCCL_IB_GDR_LEVEL', 'NCCL_NET_GDR_LEVEL'],
    ['NCCL_MAX_NRINGS', 'NCCL_MAX_NCHANNELS'],
    ['TORCH_NCCL_DEBUG_INFO_TEMP_FILE', 'TORCH_FR_DUMP_TEMP_FILE'],
  ]) {
    const text = `export ${old}=1\n`;
    const f = one(text, 'env-deprecated');
    assert.equal(applyFix(text, f.fixes![0]), `export ${now}=1\n`, old);
  }
  assert.match(one('export NCCL_LAUNCH_MODE=GROUP\n', 'env-deprecated').message, /deprecated since NCCL 2\.9/);
  const rm = one('export NCCL_TREE_THRESHOLD=0\n', 'env-removed-variable');
  assert.match(rm.message, /removed in NCCL 2\.5/);
  assert.equal(applyFix('a\nexport NCCL_TREE_THRESHOLD=0\nb\n', one('a\nexport NCCL_TREE_THRESHOLD=0\nb\n', 'env-removed-variable').fixes![0]), 'a\nb\n');
  // legacy alias values are still judged with the current name's foot-guns
  assert.ok(envFindings('x.sh', 'export NCCL_ASYNC_ERROR_HANDLING=0\n').some((x) => x.code === 'torch-nccl-async-error-handling-off'));
});

test('foot-guns judged against the profile', () => {
  const on = (text: string, profile: string) => codesAt(envFindings('x.sh', text, profile));
  assert.deepEqual(on('export NCCL_IB_DISABLE=1\n', 'h100-sxm-ib'), ['1:nccl-ib-disabled']);
  assert.deepEqual(on('export NCCL_IB_DISABLE=1\n', 'aws-p5'), ['1:efa-missing-settings']);
  assert.deepEqual(on('export NCCL_NVLS_ENABLE=0\n', 'a100-sxm-ib'), [], 'A100 has no NVLS');
  // the NVLS figure is the profile's own in-node all-reduce measurement
  assert.match(one('export NCCL_NVLS_ENABLE=0\n', 'nccl-nvls-disabled', 'h100-sxm-ib').message, /480 GB\/s .* 370 GB\/s .*1\.30× slower/);
  assert.match(one('export NCCL_NVLS_ENABLE=0\n', 'nccl-nvls-disabled', 'h200-sxm-ib').message, /475 GB\/s .* 370 GB\/s .*1\.28× slower/);
  assert.match(one('export NCCL_TIMEOUT=1800\n', 'nccl-timeout-not-a-variable').message, /init_process_group/);
  assert.match(one('export TORCH_NCCL_ASYNC_ERROR_HANDLING=0\n', 'torch-nccl-async-error-handling-off').message, /hang/);
  assert.match(one('export NCCL_DEBUG=TRACE\n', 'nccl-debug-verbose').message, /every call/);
  assert.equal(envFindings('x.sh', 'export NCCL_DEBUG=WARN\n').length, 0);
  one('export NCCL_ALGO=Tree\n', 'nccl-algo-forced');
  assert.match(one('export NCCL_PROTO=simple\n', 'nccl-proto-forced').message, /aws-ofi-nccl ≤ 1\.5\.0/);
  one('export NCCL_IB_TIMEOUT=0\n', 'nccl-ib-timeout-infinite');
  assert.equal(envFindings('x.sh', 'export NCCL_IB_TIMEOUT=22\n').length, 0);
  one('export NCCL_DEBUG_FILE=/tmp/nccl.log\n', 'nccl-debug-file-overwritten');
  assert.equal(envFindings('x.sh', 'export NCCL_DEBUG_FILE=/tmp/nccl.%h.%p.log\n').length, 0);
  one('export NCCL_NET_GDR_LEVEL=LOC\n', 'nccl-gdr-disabled');
  one('export NCCL_MIN_NCHANNELS=32\n', 'efa-min-nchannels', 'aws-p5');
  one('export RDMAV_FORK_SAFE=1\n', 'efa-rdmav-fork-safe', 'aws-p5');
  one('export FI_PROVIDER=tcp\n', 'efa-provider-slow-path', 'aws-p5');
  one('export CUDA_LAUNCH_BLOCKING=1\n', 'cuda-launch-blocking');
  one('export NCCL_SHM_DISABLE=1\n', 'nccl-shm-disabled');
  one('export NCCL_NCHANNELS_PER_NET_PEER=2\n', 'nccl-nchannels-per-net-peer');
  one('export TORCH_NCCL_TRACE_BUFFER_SIZE=0\n', 'torch-flight-recorder-off');
  // default-valued or unresolved settings are not foot-guns
  assert.deepEqual(envFindings('x.sh', 'export NCCL_P2P_DISABLE=0\nexport NCCL_ALGO=$ALGO\n'), []);
});

test('NCCL_SOCKET_IFNAME selecting loopback or docker bridges; exclusion lists are fine', () => {
  const f = one('export NCCL_SOCKET_IFNAME=eth0,docker0\n', 'nccl-socket-ifname');
  assert.match(f.message, /Docker bridge/);
  assert.deepEqual([f.range.start.character, f.range.end.character], [31, 38]);
  one('export NCCL_SOCKET_IFNAME==lo\n', 'nccl-socket-ifname');
  one('NCCL_SOCKET_IFNAME=lo torchrun x.py\n', 'nccl-socket-ifname');
  for (const ok of ['^lo,docker', '^=docker0', 'eth', 'ens', 'ib0', '=eth0']) assert.deepEqual(envFindings('x.sh', `export NCCL_SOCKET_IFNAME=${ok}\n`), [], ok);
});

test('NCCL_IB_HCA prefixes that over-match get "=" inserted by the fix', () => {
  const text = 'export NCCL_IB_HCA=mlx5_1,mlx5_2\n';
  const f = one(text, 'nccl-ib-hca-prefix');
  assert.match(f.message, /"mlx5_1" also matches mlx5_10…mlx5_19 on nodes with 11\+ RDMA devices \(and likewise "mlx5_2"\)/);
  assert.equal(f.severity, 'warning');
  // mlx5_0 cannot over-match; higher numbers only on very large nodes (a note)
  assert.deepEqual(envFindings('x.sh', 'export NCCL_IB_HCA=mlx5_0\n'), []);
  assert.equal(one('export NCCL_IB_HCA=mlx5_0,mlx5_2,mlx5_3\n', 'nccl-ib-hca-prefix').severity, 'information');
  assert.equal(applyFix(text, f.fixes![0]), 'export NCCL_IB_HCA==mlx5_1,mlx5_2\n');
  const ex = 'export NCCL_IB_HCA="^mlx5_1"\n';
  assert.equal(applyFix(ex, one(ex, 'nccl-ib-hca-prefix').fixes![0]), 'export NCCL_IB_HCA="^=mlx5_1"\n');
  assert.deepEqual(envFindings('x.sh', 'export NCCL_IB_HCA=mlx5\n'), []);
  assert.deepEqual(envFindings('x.sh', 'export NCCL_IB_HCA==mlx5_1:1\n'), []);
});

test('same variable twice: reported in one scope, not across branches or per-command overrides', () => {
  const f = one('export NCCL_DEBUG=INFO\nexport NCCL_DEBUG=WARN\n', 'env-duplicate-assignment');
  assert.match(f.message, /INFO on line 1, then WARN/);
  assert.equal(f.related?.[0].range.start.line, 0);
  assert.deepEqual(envFindings('x.sh', 'export NCCL_IB_TIMEOUT=22\nexport NCCL_IB_TIMEOUT=22\n'), []);
  assert.deepEqual(envFindings('x.sh', 'if x; then export NCCL_CROSS_NIC=0; else export NCCL_CROSS_NIC=1; fi\n'), []);
  assert.deepEqual(envFindings('x.sh', 'export NCCL_CROSS_NIC=0\nNCCL_CROSS_NIC=1 ./bench\n'), []);
});

test('contradictions: P2P level with P2P disabled, IB knobs with IB disabled, threads × sockets > 64', () => {
  const f = one('export NCCL_P2P_LEVEL=NVL\nsrun --export=ALL,NCCL_P2P_DISABLE=1 python x.py\n', 'env-contradiction');
  assert.equal(f.range.start.line, 0);
  assert.match(one('export NCCL_IB_DISABLE=1\nexport NCCL_IB_HCA==mlx5_0\n', 'env-contradiction', 'h100-sxm-ib').message, /no effect/);
  assert.match(one('export NCCL_SOCKET_NTHREADS=16\nexport NCCL_NSOCKS_PERTHREAD=8\n', 'env-contradiction').message, /16 × 8 = 128/);
  // a per-command P2P_DISABLE does not contradict another command's level
  assert.deepEqual(envFindings('x.sh', 'NCCL_P2P_LEVEL=NVL ./a\nNCCL_P2P_DISABLE=1 ./b\n').filter((x) => x.code === 'env-contradiction'), []);
});

test('Megatron sequence parallelism needs CUDA_DEVICE_MAX_CONNECTIONS=1', () => {
  const bad = 'export CUDA_DEVICE_MAX_CONNECTIONS=8\ntorchrun pretrain_gpt.py --tensor-model-parallel-size 2 --sequence-parallel\n';
  const f = one(bad, 'megatron-cuda-device-max-connections');
  assert.equal(f.severity, 'error');
  assert.equal(applyFix(bad, f.fixes![0]).split('\n')[0], 'export CUDA_DEVICE_MAX_CONNECTIONS=1');
  assert.equal(one('torchrun pretrain_gpt.py --sequence-parallel\n', 'megatron-cuda-device-max-connections').severity, 'information');
  assert.deepEqual(envFindings('x.sh', 'export CUDA_DEVICE_MAX_CONNECTIONS=1\ntorchrun x.py --sequence-parallel\n'), []);
  assert.deepEqual(envFindings('x.sh', 'export CUDA_DEVICE_MAX_CONNECTIONS=8\n# --sequence-parallel\n'), []);
});

test('YAML env maps and Kubernetes lists are linted in any YAML; .env and Dockerfile too', () => {
  const k8s = 'spec:\n  containers:\n    - env:\n        - name: NCCL_P2P_DISABLE\n          value: "1"\n        - name: NCCL_DEBUG\n          value: INFO\n        - name: NCCL_DEBUG\n          value: WARN\n';
  assert.deepEqual(codesAt(envFindings('pod.yaml', k8s)), ['4:nccl-p2p-disabled-on-nvlink', '6:nccl-debug-verbose', '8:env-duplicate-assignment']);
  const cfg = 'model:\n  hidden_size: 4096\nenv:\n  NCCL_P2P_LEVEL: 2\n  NCCL_DEBUG: "${oc.env:DBG}"\n';
  assert.deepEqual(codesAt(envFindings('train.yaml', cfg)), ['4:nccl-legacy-numeric-level']);
  // YAML without env maps: nothing from this area
  assert.deepEqual(envFindings('c.yaml', 'NCCL_P2P_DISABLE: 1\n'), []);
  assert.deepEqual(codesAt(envFindings('.env', 'NCCL_P2P_DISABLE=1\n')), ['1:nccl-p2p-disabled-on-nvlink']);
  assert.deepEqual(codesAt(envFindings('Dockerfile', 'FROM x\nENV NCCL_IB_DISABLE=1\n')), ['2:nccl-ib-disabled']);
});

test('every env rule has an id, a severity and a one-paragraph doc; ids are unique and found by ruleById', () => {
  const ids = new Set<string>();
  for (const r of ENV_RULES) {
    assert.ok(!ids.has(r.id), r.id);
    ids.add(r.id);
    assert.ok(r.doc.length > 60 && !r.doc.includes('\n\n'), r.id);
    assert.equal(ruleById(r.id), r);
  }
  assert.ok(ids.has('nccl-debug-verbose'), 'the settings example in package.json names this code');
});

test('bad input never throws: binary, empty, huge line, odd bytes', () => {
  for (const text of ['', '\u0000\u0001binary', 'export ' + 'A'.repeat(200000) + '=1', 'export NCCL_DEBUG=\u00e9\u00e9', '"""\n\'\'\'\n$((((', '\\']) {
    assert.doesNotThrow(() => envFindings('x.sh', text));
    assert.ok(!envFindings('x.sh', text).some((f) => f.code === 'internal-error'));
  }
});

test('GPU containers without --shm-size/--ipc=host (warning) or memlock/SYS_NICE (note)', () => {
  const f = one('docker run --gpus all -it img python x.py\n', 'container-nccl-settings');
  assert.equal(f.severity, 'warning');
  assert.match(f.message, /--shm-size=1g \(or --ipc=host\), --ulimit memlock=-1, --cap-add SYS_NICE/);
  assert.equal(one('docker run --gpus all --shm-size=1g img\n', 'container-nccl-settings').severity, 'information');
  assert.deepEqual(envFindings('x.sh', 'docker run --gpus=all --ipc=host --ulimit memlock=-1 --cap-add SYS_NICE img\ndocker run img\n'), []);
});

test('commands after && or || are conditional: no duplicate alarm against an unconditional export', () => {
  assert.deepEqual(codesAt(envFindings('x.sh', '[ -z "$X" ] && export NCCL_DEBUG=INFO\nexport NCCL_DEBUG=WARN\n')), ['1:nccl-debug-verbose']);
});

test('NCCL debugging variables get a hint, except where the reference recommends setting them', () => {
  assert.equal(one('export NCCL_MAX_NCHANNELS=4\n', 'nccl-debug-variable').severity, 'hint');
  assert.deepEqual(envFindings('x.sh', 'export NCCL_IB_QPS_PER_CONNECTION=4\nexport NCCL_BUFFSIZE=4194304\n'), []);
});

test('a later unconditional unset removes a setting: no foot-gun for it, but a conditional unset does not', () => {
  assert.deepEqual(envFindings('x.sh', 'export NCCL_IB_DISABLE=1\nunset NCCL_IB_DISABLE\ntorchrun x.py\n'), []);
  assert.deepEqual(codesAt(envFindings('x.sh', 'export NCCL_IB_DISABLE=1\nif x; then unset NCCL_IB_DISABLE; fi\n')), ['1:nccl-ib-disabled']);
  // set again after the unset: judged
  assert.deepEqual(codesAt(envFindings('x.sh', 'export NCCL_IB_DISABLE=0\nunset NCCL_IB_DISABLE\nexport NCCL_IB_DISABLE=1\n')), ['3:nccl-ib-disabled']);
});
