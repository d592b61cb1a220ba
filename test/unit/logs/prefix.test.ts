import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePrefix } from '../../../server/src/core/logs';
import { LOG_SIGNATURES, XID_TABLE } from '../../../server/src/core/data/log-signatures';

const cases: Array<[string, Partial<ReturnType<typeof parsePrefix>>, string]> = [
  ['[rank12]:[E1206 18:44:12.715298746 ProcessGroupNCCL.cpp:607] [Rank 12] Watchdog', { rank: 12, level: 'E', time: '1206 18:44:12.715298746' }, 'Watchdog'],
  ['[default3]:hello', { rank: 3 }, 'hello'],
  [' 0: [rank3]: torch.distributed.DistBackendError: NCCL error', { rank: 0 }, 'torch.distributed.DistBackendError: NCCL error'],
  ['[1,23]<stderr>:RuntimeError: x', { rank: 23 }, 'RuntimeError: x'],
  ['kp-ddp-worker-0:3468:3905 [4] ib_plugin.c:1615 NCCL WARN NET/IB', { host: 'kp-ddp-worker-0', device: 4 }, 'ib_plugin.c:1615 NCCL WARN NET/IB'],
  ['2025-11-24T03:20:21.001125857Z gpu-server320 [5] NCCL INFO misc/socket.cc:64 -> 6', { host: 'gpu-server320', device: 5, time: '2025-11-24T03:20:21.001125857Z' }, 'NCCL INFO misc/socket.cc:64 -> 6'],
  ['E0325 20:57:27.620000 2606 site-packages/torch/distributed/elastic/multiprocessing/api.py:869] failed (exitcode: -9)', { level: 'E' }, 'failed (exitcode: -9)'],
  ['ERROR:torch.distributed.elastic.multiprocessing.api:failed (exitcode: -11)', { level: 'ERROR' }, 'failed (exitcode: -11)'],
  ['[E ProcessGroupNCCL.cpp:737] [Rank 1] Watchdog caught', { level: 'E', rank: 1 }, 'Watchdog caught'],
  ['10.3.35.83: WARN: Function: find_ofi_provider', { host: '10.3.35.83' }, 'WARN: Function: find_ofi_provider'],
  ['(RayTrainWorker pid=954, ip=10.67.132.202) msg', { host: '10.67.132.202' }, 'msg'],
  ['[2023-04-28 06:59:46,878] [INFO] [logging.py:96:log_dist] [Rank 0] step=510, skipped=8,', { rank: 0, level: 'INFO', time: '2023-04-28 06:59:46,878' }, 'step=510, skipped=8,'],
  ['01/17/2024 13:47:27 [INFO|DP=0|PP=0|TP=0|ip-26-0-160-225]: iteration: 991', { host: 'ip-26-0-160-225', level: 'INFO' }, 'iteration: 991'],
  ['2024-05-07 15:51:09,140 - root - INFO - Starting training', { level: 'INFO', time: '2024-05-07 15:51:09,140' }, 'Starting training'],
  ['[ 1843.308145] NVRM: The NVIDIA GPU', { time: '1843.308145' }, 'NVRM: The NVIDIA GPU'],
  ['plain text line', { rank: null, host: null }, 'plain text line'],
];

for (const [line, expect, body] of cases) {
  test(`prefix: ${line.slice(0, 60)}`, () => {
    const p = parsePrefix(line);
    for (const [k, v] of Object.entries(expect)) assert.equal((p as unknown as Record<string, unknown>)[k], v, k);
    assert.equal(line.slice(p.bodyStart), body);
  });
}

// Signature table: verbatim example lines from reference/log-errors.md must match their entry.
const examples: Array<[string, string]> = [
  ['NCCL-TIMEOUT-001', '[E ProcessGroupNCCL.cpp:737] [Rank 1] Watchdog caught collective operation timeout: WorkNCCL(SeqNum=469508, OpType=ALLREDUCE, Timeout(ms)=1800000) ran for 1802212 milliseconds before timing out.'],
  ['NCCL-HEARTBEAT-002', '[rank144]:[E ProcessGroupNCCL.cpp:1316] [PG 0 Rank 144] Heartbeat monitor timed out! Process will be terminated after dumping debug info. workMetaList_.size()=1'],
  ['NCCL-BLOCKWAIT-003', '[rank1]:[E1002 18:16:40.662691402 ProcessGroupNCCL.cpp:756] [Rank 1] Work WorkNCCL(SeqNum=2521, OpType=ALLREDUCE, NumelIn=160672064, NumelOut=160672064, Timeout(ms)=600000) timed out in blocking wait.'],
  ['NET-IB-020', 'kolyoz2:25146:25854 [0] ib_plugin.c:1105 NCCL WARN NET/IB : Got completion from peer 10.0.35.1<49189> with error 4, opcode 5327, len 5327, vendor err 81 (Send)'],
  ['NET-SOCK-030', 'ubuntu:39964:40075 [0] misc/socket.cc:483 NCCL WARN socketStartConnect: Connect to 10.0.0.2<45763> failed : Software caused connection abort'],
  ['NET-SHM-040', 'g148:14937:69361 [0] misc/shmutils.cc:129 NCCL WARN Error while attaching to shared memory segment /dev/shm/nccl-glnlGK (size 14156128), error: No such file or directory (2)'],
  ['NET-EFA-050', 'register_mr_buffers:544 NCCL WARN NET/OFI Unable to register memory (type = 2) for device 0. RC: -22, Error: Invalid argument'],
  ['DIST-BIND-060', 'torch.distributed.DistNetworkError: The server socket has failed to listen on any local network address. port: 18071, useIpv6: false, code: -98, name: EADDRINUSE, message: address already in use'],
  ['DIST-CONNECT-061', 'torch.distributed.DistStoreError: Timed out after 6 seconds waiting for workers. 1/2 workers joined.'],
  ['DIST-CONNECT-061', 'RuntimeError: [/pytorch/third_party/gloo/gloo/transport/tcp/unbound_buffer.cc:81] Timed out waiting 1800000ms for recv operation to complete'],
  ['PROC-KILLED', '/var/spool/slurmd/job00191/slurm_script: line 28:  8156 Killed                  python3 main.py --prop hform'],
  ['MEM-CUDA-OOM-080', 'RuntimeError: CUDA out of memory. Tried to allocate 12.50 MiB (GPU 0; 10.92 GiB total capacity; 8.57 MiB already allocated; 9.28 GiB free; 4.68 MiB cached)'],
  ['MEM-HOST-OOM-081', 'slurmstepd: error: Detected 2 oom_kill events in StepId=JOBID.13. Some of the step tasks have been OOM Killed.'],
  ['MEM-SHM-BUS-082', 'RuntimeError: DataLoader worker (pid 7579) is killed by signal: Bus error. It is possible that dataloader\'s workers are out of shared memory. Please try to raise your shared memory limit.'],
  ['CUDA-ASSERT-091', 'RuntimeError: CUDA error: device-side assert triggered'],
  ['GPU-XID-093', 'May 13 17:19:01 hyperion kernel: NVRM: Xid (PCI:0000:08:00): 31, Ch 0000003b, intr 10000000. MMU Fault: ENGINE GRAPHICS HUBCLIENT_SCC faulted @ 0x0_04687000.'],
  ['GPU-XID-LEGACY', 'XID 48 An uncorrectable double bit error (DBE) has been detected on GPU (<id>)'],
  ['SLURM-NODEFAIL-111', 'Slurm Job_id=<JOB_ID> Name=JOB_NAME Failed, Run time d-hh:mm:ss, NODE_FAIL, ExitCode 0'],
  ['NET-EFA-050', 'libfabric:462:1673041636:efa:core:rxr_info_to_rxr():506<warn> FI_HMEM capability requires RDMA, which this device does not support.'],
  ['IO-DISK-100', 'OSError: [Errno 122] Disk quota exceeded'],
  ['IO-CKPT-WRITE', 'RuntimeError: [enforce fail at inline_container.cc:445] . PytorchStreamWriter failed writing file data/176: file write failed'],
  ['SLURM-NODEFAIL-111', 'slurmstepd: error: *** STEP 1943824.0 ON jean-zay-iam17 CANCELLED AT 2023-03-06T03:17:51 DUE TO NODE FAILURE, SEE SLURMCTLD LOG FOR DETAILS ***'],
  ['SLURM-EXIT-113', 'srun: error: sn30-r1-h1: task 0: Exited with exit code 1'],
  ['NUM-SCALE-MIN-122', 'Exception: Current loss scale already at minimum - cannot decrease scale anymore. Exiting run.'],
  ['PY-SEGV-131', '[ip-172-31-77-112:61444] Signal: Segmentation fault (11)'],
  ['CFG-MEGATRON-140', 'Using sequence parallelism requires setting the environment variable CUDA_DEVICE_MAX_CONNECTIONS to 1'],
  ['CFG-DEPRECATED-ENV-141', '[rank0]:[W1111 11:55:57.148815586 Utils.hpp:112] Warning: Environment variable NCCL_ASYNC_ERROR_HANDLING is deprecated; use TORCH_NCCL_ASYNC_ERROR_HANDLING instead (function operator())'],
];

for (const [id, line] of examples) {
  test(`signature ${id} matches its reference example`, () => {
    const sig = LOG_SIGNATURES.find((s) => s.id === id);
    assert.ok(sig, id);
    assert.ok(sig.literals.some((l) => line.includes(l)), 'a literal of the prefilter occurs');
    assert.ok(sig.pattern.test(line), 'the pattern confirms');
  });
}

test('every signature has a sourced meaning and a contract category or none', () => {
  for (const s of LOG_SIGNATURES) {
    assert.match(s.source, /^https:\/\//, s.id);
    assert.ok(s.meaning.length > 10, s.id);
    if (s.role === 'cause') assert.ok(s.remedies.length > 0, `${s.id} is a cause and needs remedies`);
  }
  assert.equal(XID_TABLE.find((x) => x.xid === 79)?.critical, true);
  assert.equal(XID_TABLE.find((x) => x.xid === 74)?.category, 'nvlink');
});
