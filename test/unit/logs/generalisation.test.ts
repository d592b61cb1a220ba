/**
 * Generalisation beyond the labelled corpus: short failure excerpts from public GitHub issue threads (not in
 * /work/shared/corpus), one case per excerpt, each with the root-cause category and the 0-based index of the
 * line where the failure first shows. Prefixes, paths and host names are kept as the reporters pasted them
 * (shortened where long); the error text is as it appeared in the thread, since that is what the engine must
 * recognise.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeLogText } from '../../../server/src/core/logs';
import type { LogCategory } from '../../../server/src/core/data/log-signatures';

interface Excerpt {
  category: LogCategory;
  /** 0-based index into `text.split('\n')` of the line the root cause should point at. */
  firstLineIndex: number;
  source: string;
  text: string;
}

const CASES: Excerpt[] = [
  // ---- nccl-timeout --------------------------------------------------------------------------------------------
  {
    category: 'nccl-timeout',
    firstLineIndex: 0,
    source: 'https://github.com/hiyouga/LlamaFactory/issues/7396',
    text: `[80746] [rank0]:[E321 02:07:08.408271257 ProcessGroupNCCL.cpp:607] [Rank 0] Watchdog caught collective operation timeout: WorkNCCL(SeqNum=1580, OpType=ALLREDUCE, NumelIn=466119168, NumelOut=466119168, Timeout(ms)=600000) ran for 600060 milliseconds before timing out.
[80747] [rank4]:[E321 02:07:08.414640780 ProcessGroupNCCL.cpp:607] [Rank 4] Watchdog caught collective operation timeout: WorkNCCL(SeqNum=1580, OpType=ALLREDUCE, NumelIn=466119168, NumelOut=466119168, Timeout(ms)=600000) ran for 600067 milliseconds before timing out.
[80748] [rank0]:[E321 02:07:08.465150152 ProcessGroupNCCL.cpp:1664] [PG 1 Rank 0] Exception (either an error or timeout) detected by watchdog at work: 1580, last enqueued NCCL work: 1582, last completed NCCL work: 1579.
[80749] [rank3]:[E321 02:07:08.465224069 ProcessGroupNCCL.cpp:1664] [PG 1 Rank 3] Exception (either an error or timeout) detected by watchdog at work: 1580, last enqueued NCCL work: 1582, last completed NCCL work: 1579.`,
  },
  {
    category: 'nccl-timeout',
    firstLineIndex: 0,
    source: 'https://github.com/OFA-Sys/OFA/issues/271',
    text: `[E ProcessGroupNCCL.cpp:737] [Rank 1] Watchdog caught collective operation timeout: WorkNCCL(SeqNum=469508, OpType=ALLREDUCE, Timeout(ms)=1800000) ran for 1802212 milliseconds before timing out.
[E ProcessGroupNCCL.cpp:737] [Rank 3] Watchdog caught collective operation timeout: WorkNCCL(SeqNum=469508, OpType=ALLREDUCE, Timeout(ms)=1800000) ran for 1802211 milliseconds before timing out.
[E ProcessGroupNCCL.cpp:737] [Rank 2] Watchdog caught collective operation timeout: WorkNCCL(SeqNum=469508, OpType=ALLREDUCE, Timeout(ms)=1800000) ran for 1802212 milliseconds before timing out.`,
  },
  {
    // the watchdog line is glued to the end of a Lightning progress bar (no newline before it)
    category: 'nccl-timeout',
    firstLineIndex: 0,
    source: 'https://github.com/pytorch/pytorch/issues/118369',
    text: `Epoch 0:   6%|██                               | 32040/500150 [6:28:43<94:39:17,  1.37it/s, loss=2.6, v_num=95nc, reduced_train_loss=2.590, global_step=3.2e+4, consumed_samples=2.56e+7][E ProcessGroupNCCL.cpp:458] [Rank 0] Watchdog caught collective operation timeout: WorkNCCL(SeqNum=96120, OpType=ALLREDUCE, Timeout(ms)=1800000) ran for 25624887 milliseconds before timing out.
[E ProcessGroupNCCL.cpp:458] [Rank 0] Watchdog caught collective operation timeout: WorkNCCL(SeqNum=96117, OpType=ALLREDUCE, Timeout(ms)=1800000) ran for 25625613 milliseconds before timing out.
[E ProcessGroupNCCL.cpp:458] [Rank 7] Watchdog caught collective operation timeout: WorkNCCL(SeqNum=64088, OpType=ALLREDUCE, Timeout(ms)=1800000) ran for 25625251 milliseconds before timing out.`,
  },
  {
    // the process is aborted by a C++ exception whose what() (next line) is the watchdog timeout: the timeout is
    // the failure, the abort only echoes it
    category: 'nccl-timeout',
    firstLineIndex: 3,
    source: 'https://github.com/sgl-project/sglang/issues/1693',
    text: `frame #6: clone + 0x43 (0x7f3c750b0353 in /usr/lib/x86_64-linux-gnu/libc.so.6)

terminate called after throwing an instance of 'c10::DistBackendError'
  what():  [PG 3 Rank 5] Process group watchdog thread terminated with exception: [Rank 5] Watchdog caught collective operation timeout: WorkNCCL(SeqNum=9141, OpType=_ALLGATHER_BASE, NumelIn=19008, NumelOut=152064, Timeout(ms)=600000) ran for 600020 milliseconds before timing out.
Exception raised from checkTimeout at ../torch/csrc/distributed/c10d/ProcessGroupNCCL.cpp:609 (most recent call first):
frame #0: c10::Error::Error(c10::SourceLocation, std::string) + 0x96 (0x7f3b6d41df86 in /usr/local/lib/python3.10/dist-packages/torch/lib/libc10.so)`,
  },

  {
    // a hang at teardown: the watchdog kills the process (fatal "F" log level, time-of-day prefix)
    category: 'nccl-timeout',
    firstLineIndex: 0,
    source: 'https://github.com/modelscope/ms-swift/issues/7992',
    text: `18:19:06.687 [rank2]:[F205 18:19:06.383067836 ProcessGroupNCCL.cpp:1614] [PG ID 17 PG GUID 137(INTRA_DISTRIBUTED_OPTIMIZER_INSTANCE_GROUP) Rank 2] [PG ID 17 PG GUID 137(INTRA_DISTRIBUTED_OPTIMIZER_INSTANCE_GROUP) Rank 2] Terminating the process after attempting to dump debug info, due to ProcessGroupNCCL watchdog hang.
18:19:08.785 W0205 18:19:08.782000 4021 torch/distributed/elastic/multiprocessing/api.py:900] Sending process 4086 closing signal SIGTERM
18:19:08.785 W0205 18:19:08.785000 4021 torch/distributed/elastic/multiprocessing/api.py:900] Sending process 4088 closing signal SIGTERM`,
  },

  {
    // the exception that reaches Python names the watchdog timeout as the original reason
    category: 'nccl-timeout',
    firstLineIndex: 0,
    source: 'https://github.com/zai-org/GLM-130B/issues/132',
    text: `RuntimeError: NCCL communicator was aborted on rank 2.  Original reason for failure was: [Rank 2] Watchdog caught collective operation timeout: WorkNCCL(SeqNum=10, OpType=BROADCAST, Timeout(ms)=1800000) ran for 1805457 milliseconds before timing out.`,
  },
  {
    category: 'nccl-timeout',
    firstLineIndex: 2,
    source: 'https://github.com/open-mmlab/mmdetection/issues/12392',
    text: `  File "/home/anaconda3/envs/torch2.0.1/lib/python3.8/site-packages/torch/distributed/distributed_c10d.py", line 1700, in all_reduce
    work = default_pg.allreduce([tensor], opts)
RuntimeError: NCCL communicator was aborted on rank 1.  Original reason for failure was: [Rank 1] Watchdog caught collective operation timeout: WorkNCCL(SeqNum=2511984, OpType=ALLREDUCE, Timeout(ms)=1800000) ran for 1809553 milliseconds before timing out.
[E ProcessGroupNCCL.cpp:828] [Rank 2] Watchdog caught collective operation timeout: WorkNCCL(SeqNum=2511984, OpType=ALLREDUCE, Timeout(ms)=1800000) ran for 1809826 milliseconds before timing out.
[E ProcessGroupNCCL.cpp:828] [Rank 0] Watchdog caught collective operation timeout: WorkNCCL(SeqNum=2511984, OpType=ALLREDUCE, Timeout(ms)=1800000) ran for 1809836 milliseconds before timing out.`,
  },
  {
    // older PyTorch: the watchdog rethrows as std::runtime_error, then std::terminate aborts the process
    category: 'nccl-timeout',
    firstLineIndex: 0,
    source: 'https://github.com/huggingface/picotron_tutorial/issues/6',
    text: `[E ProcessGroupNCCL.cpp:915] [Rank 2] NCCL watchdog thread terminated with exception: [Rank 2] Watchdog caught collective operation timeout: WorkNCCL(SeqNum=1, OpType=ALLREDUCE, NumelIn=1, NumelOut=1, Timeout(ms)=120000) ran for 120822 milliseconds before timing out.
terminate called after throwing an instance of 'std::runtime_error'
  what():  [Rank 2] NCCL watchdog thread terminated with exception: [Rank 2] Watchdog caught collective operation timeout: WorkNCCL(SeqNum=1, OpType=ALLREDUCE, NumelIn=1, NumelOut=1, Timeout(ms)=120000) ran for 120822 milliseconds before timing out.
[E ProcessGroupNCCL.cpp:488] Some NCCL operations have failed or timed out. Due to the asynchronous nature of CUDA kernels, subsequent GPU operations might run on corrupted/incomplete data.
[E ProcessGroupNCCL.cpp:494] To avoid data inconsistency, we are taking the entire process down.`,
  },

  {
    category: 'nccl-timeout',
    firstLineIndex: 3,
    source: 'https://github.com/arrival-ltd/catalyst-rl-tutorial/issues/15',
    text: `frame #6: clone + 0x43 (0x7f35872f2353 in /lib/x86_64-linux-gnu/libc.so.6)

terminate called after throwing an instance of 'c10::DistBackendError'
  what():  [Rank 6] NCCL watchdog thread terminated with exception: [Rank 6] Watchdog caught collective operation timeout: WorkNCCL(SeqNum=880, OpType=BROADCAST, NumelIn=131137536, NumelOut=131137536, Timeout(ms)=1800000) ran for 1800902 milliseconds before timing out.
Exception raised from checkTimeout at ../torch/csrc/distributed/c10d/ProcessGroupNCCL.cpp:525 (most recent call first):`,
  },

  // ---- nccl-error ----------------------------------------------------------------------------------------------
  {
    category: 'nccl-error',
    firstLineIndex: 0,
    source: 'https://github.com/NVIDIA/nccl/issues/2076',
    text: `torch.distributed.DistBackendError: NCCL error in: /pytorch/torch/csrc/distributed/c10d/NCCLUtils.hpp:268, remote process exited or there was a network error, NCCL version 2.21.5
ncclRemoteError: A call failed possibly due to a network error or a remote process exiting prematurely.
Last error:
socketProgressOpt: Call to recv from 172.16.0.12<33759> failed : Connection reset by peer`,
  },
  {
    category: 'nccl-error',
    firstLineIndex: 0,
    source: 'https://github.com/verl-project/verl/issues/161',
    text: `torch.distributed.DistBackendError: NCCL error in: ../torch/csrc/distributed/c10d/NCCLUtils.hpp:275, invalid usage (run with NCCL_DEBUG=WARN for details), NCCL version 2.20.5
ncclInvalidUsage: This usually reflects invalid usage of NCCL library.
Last error:
Duplicate GPU detected : rank 1 and rank 0 both on CUDA device 10`,
  },
  {
    // mpirun output prefixes; the duplicate-GPU warning is the first line of the failure
    category: 'nccl-error',
    firstLineIndex: 1,
    source: 'https://github.com/horovod/horovod/issues/3929',
    text: `[1,2]<stdout>:
[1,2]<stdout>:smc-gpu-03:29880:30398 [0] init.cc:497 NCCL WARN Duplicate GPU detected : rank 2 and rank 0 both on CUDA device 1000
[1,2]<stdout>:smc-gpu-03:29880:30398 [0] NCCL INFO init.cc:867 -> 5
[1,2]<stdout>:smc-gpu-03:29880:30398 [0] NCCL INFO init.cc:903 -> 5
[1,4]<stdout>:
[1,4]<stdout>:smc-gpu-03:29882:30400 [0] init.cc:497 NCCL WARN Duplicate GPU detected : rank 4 and rank 0 both on CUDA device 1000
[1,4]<stdout>:smc-gpu-03:29882:30400 [0] NCCL INFO init.cc:867 -> 5`,
  },

  {
    category: 'nccl-error',
    firstLineIndex: 0,
    source: 'https://github.com/NVIDIA/nccl/issues/520',
    text: `compute-dy-p4d24xlarge-5: compute-dy-p4d24xlarge-5:3048:4991 [2] graph/rings.cc:38 NCCL WARN Error : ring 2 does not loop back to start (7 != 2)
compute-dy-p4d24xlarge-5: compute-dy-p4d24xlarge-5:3048:4991 [2] NCCL INFO graph/connect.cc:281 -> 3
compute-dy-p4d24xlarge-5: compute-dy-p4d24xlarge-5:3048:4991 [2] NCCL INFO init.cc:771 -> 3
compute-dy-p4d24xlarge-5: compute-dy-p4d24xlarge-5:3048:4991 [2] NCCL INFO group.cc:72 -> 3 [Async thread]`,
  },
  {
    // old Ray worker prefix "(pid=N)"
    category: 'nccl-error',
    firstLineIndex: 0,
    source: 'https://github.com/ray-project/ray_lightning/issues/24',
    text: `(pid=909597) RuntimeError: NCCL error in: /opt/conda/conda-bld/pytorch_1603729062494/work/torch/lib/c10d/ProcessGroupNCCL.cpp:784, unhandled cuda error, NCCL version 2.7.8
(pid=909608) z-pc:909608:910337 [0] NCCL INFO Channel 00 : 0[2d000] -> 1[2e000] via P2P/IPC
(pid=909608) 
(pid=909608) z-pc:909608:910337 [0] transport/p2p.cc:238 NCCL WARN failed to open CUDA IPC handle : 217 peer access is not supported between these two devices
(pid=909608) z-pc:909608:910337 [0] NCCL INFO transport.cc:68 -> 1`,
  },

  // ---- network-ib ----------------------------------------------------------------------------------------------
  {
    category: 'network-ib',
    firstLineIndex: 0,
    source: 'https://github.com/NVIDIA/nccl/issues/1814',
    text: `hostname-test:984:1357 [4] ib_plugin.c:1615 NCCL WARN NET/IB : Got completion from peer 172.36.143.59<44206> with status=12 opcode=129 len=65536 vendor err 129 (Recv) localGid ::ffff:29.87.88.182 remoteGids::ffff:29.87.4.221
hostname-test:984:1357 [4] NCCL INFO transport/net.cc:1298 -> 6
hostname-test:984:1357 [4] NCCL INFO proxy.cc:694 -> 6
hostname-test:984:1357 [4] NCCL INFO proxy.cc:874 -> 6 [Progress Thread]`,
  },
  {
    category: 'network-ib',
    firstLineIndex: 0,
    source: 'https://github.com/NVIDIA/nccl/issues/928',
    text: `H100-2:19989:20082 [1] transport/net_ib.cc:1295 NCCL WARN NET/IB : Got completion from peer fe80::966d:ae03:8b:df78%ib0<53249> with error 4, opcode 32564, len 32564, vendor err 81 (Send)
H100-2:19989:20082 [1] NCCL INFO transport/net.cc:1008 -> 6
H100-2:19989:20082 [1] NCCL INFO proxy.cc:679 -> 6

H100-1:9821:9920 [1] transport/net_ib.cc:1295 NCCL WARN NET/IB : Got completion from peer fe80::966d:ae03:8b:df50%ib0<44413> with error 4, opcode 32613, len 32613, vendor err 81 (Send)`,
  },
  {
    category: 'network-ib',
    firstLineIndex: 1,
    source: 'https://github.com/NVIDIA/nccl-tests/issues/252',
    text: `kolyoz1:27255:27934 [0] NCCL INFO proxy.cc:878 -> 6 [Progress Thread]
kolyoz2:25146:25854 [0] ib_plugin.c:1105 NCCL WARN NET/IB : Got completion from peer 10.0.35.1<49189> with error 4, opcode 5327, len 5327, vendor err 81 (Send)
kolyoz2:25146:25854 [0] NCCL INFO transport/net.cc:1137 -> 6
kolyoz2:25146:25852 [0] NCCL INFO [Service thread] Connection closed by localRank 0`,
  },

  {
    category: 'network-ib',
    firstLineIndex: 0,
    source: 'https://github.com/NVIDIA/nccl/issues/230',
    text: `2019-06-02T16:13:44.884Z: [1,12]<stdout>:container-e275-1553839402050-12124-01-000057:815:864 [0] transport/net_ib.cu:80 NCCL WARN NET/IB : Got async event : local catastrophic error
2019-06-02T16:13:44.884Z: [1,12]<stdout>:
2019-06-02T16:13:44.884Z: [1,12]<stdout>:container-e275-1553839402050-12124-01-000057:815:864 [0] misc/ibvwrap.cu:220 NCCL WARN Call to ibv_get_async_event failed`,
  },
  {
    category: 'network-ib',
    firstLineIndex: 0,
    source: 'https://github.com/NVIDIA/nccl-tests/issues/185',
    text: `dgxh100-3:2152176:2152299 [0] misc/ibvwrap.cc:187 NCCL WARN Call to ibv_modify_qp failed with error Network is unreachable
dgxh100-3:2152176:2152299 [0] NCCL INFO transport/net_ib.cc:1030 -> 2`,
  },

  // ---- network-efa ---------------------------------------------------------------------------------------------
  {
    category: 'network-efa',
    firstLineIndex: 1,
    source: 'https://github.com/aws/aws-ofi-nccl/issues/24',
    text: `[1,31]<stdout>:ip-172-32-36-209:8800:9549 [7] NCCL INFO NET/OFI No NIC info for dev 0
[1,23]<stdout>:ip-172-32-45-165:72593:73427 [7] create_nccl_ofi_component:459 NCCL WARN NET/OFI Couldn't open AV. RC: -22, ERROR: Invalid argument
[1,23]<stdout>:ip-172-32-45-165:72593:73427 [7] NCCL INFO include/net.h:24 -> 2`,
  },
  {
    category: 'network-efa',
    firstLineIndex: 1,
    source: 'https://github.com/aws/aws-ofi-nccl/issues/889',
    text: `ip-10-36-29-253:79:79 [0] NCCL INFO Bootstrap : Using eth0:10.36.29.253<0>
libfabric:85:1747438790::core:core:fi_getinfo_():1392<warn> fi_getinfo: provider efa output empty list
ip-10-36-29-253:79:92 [0] nccl_net_ofi_domain_get_ep:969 NCCL WARN NET/OFI Creating new endpoint for domain 0x7f9befa99380 failed: Invalid argument`,
  },

  {
    category: 'network-efa',
    firstLineIndex: 0,
    source: 'https://github.com/aws/aws-ofi-nccl/issues/156',
    text: `[1,13]<stdout>:nccl-tests-worker-1:35:89 [5] ofi_process_cq:1039 NCCL WARN NET/OFI Request 0x7fbb944701b8 completed with error. RC: 20. Error: unknown error. Completed length: 0, Request: { buffer_index: 255, dev: 1, size: 0, state: CREATED, direction: SEND }
[1,13]<stderr>:libfabric:35:1668017255::efa:cq:rxr_cq_write_tx_error():243<warn> rxr_cq_write_tx_error: err: 20, prov_err: Not a directory (20)`,
  },
  {
    category: 'network-efa',
    firstLineIndex: 0,
    source: 'https://github.com/awslabs/awsome-distributed-ai/issues/203',
    text: `register_rail_mr_buffer:617 NCCL WARN NET/OFI Unable to register memory (type = 2) for device 4. RC: -22, Error: Invalid argument`,
  },
  {
    // libfabric's own completion error, before NCCL says anything
    category: 'network-efa',
    firstLineIndex: 0,
    source: 'https://github.com/aws/aws-ofi-nccl/issues/346',
    text: `libfabric:451707:1708520807::efa:cq:efa_rdm_txe_handle_error():737<warn> err: 5, message: Invalid address My EFA addr: fi_addr_efa://[fe80::13:c2ff:fe6f:f03d]:0:1072483550 My host id: i-0db7083f3fcbebb65 Peer EFA addr: fi_addr_efa://[fe80::b8:aff:fe44:425]:0:947699476 Peer host id: i-0ce6d3d57139f053c (7)
ip-172-31-69-127:451707:453373 [4] NCCL INFO Channel 00/0 : 0[4] -> 8[4] [send] via NET/AWS Libfabric/4/GDRDMA`,
  },

  // ---- network-socket ------------------------------------------------------------------------------------------
  {
    category: 'network-socket',
    firstLineIndex: 0,
    source: 'https://github.com/NVIDIA/nccl-tests/issues/166',
    text: `gpu004:2200689:2200706 [3] misc/socket.cc:49 NCCL WARN socketProgress: Connection closed by remote peer gpu004.ds-a4-r02.abc.com<55693>
gpu004:2200689:2200706 [3] NCCL INFO misc/socket.cc:749 -> 6

gpu004:2200689:2200706 [3] proxy.cc:1143 NCCL WARN Socket recv failed while polling for opId=0x7f4774cc9620
gpu004:2200689:2200706 [3] NCCL INFO transport/net.cc:288 -> 3`,
  },
  {
    category: 'network-socket',
    firstLineIndex: 0,
    source: 'https://github.com/NVIDIA/nccl/issues/795',
    text: `a100-st-p4d24xlarge-22:183006:183220 [1] misc/socket.cc:518 NCCL WARN Net : Call to recv from 10.200.84.247<58355> failed : Broken pipe
a100-st-p4d24xlarge-22:183006:183220 [1] NCCL INFO misc/socket.cc:535 -> 6
a100-st-p4d24xlarge-22:183006:183220 [1] NCCL INFO transport/net_socket.cc:368 -> 6
a100-st-p4d24xlarge-22:183006:183220 [1] proxy.cc:1119 NCCL WARN [Proxy Service 9] Failed to execute operation Connect from rank 9, retcode 6`,
  },
  {
    category: 'network-socket',
    firstLineIndex: 0,
    source: 'https://github.com/NVIDIA/nccl/issues/1920',
    text: `2025-11-24T03:20:21.001125857Z [2025-11-24 11:20:21] gpu-server320 [5] misc/socket.cc:46 NCCL WARN socketProgressOpt: Call to send to 10.44.137.149<52905> failed : Connection reset by peer
2025-11-24T03:20:21.001128133Z gpu-server320 [5] NCCL INFO misc/socket.cc:64 -> 6
2025-11-24T03:20:21.001129886Z gpu-server320 [5] NCCL INFO misc/socket.cc:80 -> 6
2025-11-24T03:20:21.001135879Z gpu-server320 [5] NCCL INFO bootstrap.cc:868 -> 6 ncclSocketConnect()`,
  },

  {
    // gloo (CPU collectives) losing its TCP peer
    category: 'network-socket',
    firstLineIndex: 1,
    source: 'https://github.com/pantheon5100/pid_diffusion/issues/2',
    text: `    work.wait()
RuntimeError: [/opt/conda/conda-bld/pytorch_1670525551200/work/third_party/gloo/gloo/transport/tcp/pair.cc:598] Connection closed by peer [10.0.1.17]:22780`,
  },
  {
    category: 'network-socket',
    firstLineIndex: 0,
    source: 'https://github.com/RVC-Project/Retrieval-based-Voice-Conversion-WebUI/issues/1882',
    text: `RuntimeError: [../third_party/gloo/gloo/transport/tcp/pair.cc:589] Read error [192.168.70.92]:25266: Connection reset by peer`,
  },

  // ---- rendezvous ----------------------------------------------------------------------------------------------
  {
    category: 'rendezvous',
    firstLineIndex: 0,
    source: 'https://github.com/pytorch/pytorch/issues/85604',
    text: `[W socket.cpp:401] [c10d] The server socket has failed to listen on [::]:47531 (errno: 98 - Address already in use).
[W socket.cpp:401] [c10d] The server socket has failed to bind to 0.0.0.0:47531 (errno: 98 - Address already in use).
[E socket.cpp:435] [c10d] The server socket has failed to listen on any local network address.
Traceback (most recent call last):
  File "train.py", line 180, in <module>`,
  },
  {
    category: 'rendezvous',
    firstLineIndex: 0,
    source: 'https://github.com/hiyouga/LlamaFactory/issues/3698',
    text: `torch.distributed.DistBackendError: [4] is setting up NCCL communicator and retrieving ncclUniqueId from [0] via c10d key-value store by key '0', but store->get('0') got error: Socket Timeout
Exception raised from recvBytes at ../torch/csrc/distributed/c10d/Utils.hpp:672 (most recent call first):`,
  },
  {
    category: 'rendezvous',
    firstLineIndex: 1,
    source: 'https://github.com/InternLM/InternEvo/issues/285',
    text: `  >       work = group.allreduce([tensor], opts)
  E       RuntimeError: [3] is setting up NCCL communicator and retrieving ncclUniqueId from [0] via c10d key-value store by key '0', but store->get('0') got error: Socket Timeout
  E       Exception raised from doWait at ../torch/csrc/distributed/c10d/TCPStore.cpp:445 (most recent call first):`,
  },

  {
    category: 'rendezvous',
    firstLineIndex: 0,
    source: 'https://github.com/lewandofskee/MobileMamba/issues/15',
    text: `torch.distributed.DistStoreError: Timed out after 901 seconds waiting for clients. 1/2 clients joined.`,
  },

  {
    // the warnings are retries; the error after them is the failure, which started with the first retry
    category: 'rendezvous',
    firstLineIndex: 0,
    source: 'https://github.com/hpcaitech/Open-Sora/issues/667',
    text: `[W socket.cpp:697] [c10d] The client socket has failed to connect to [::ffff:0.104.99.143]:47389 (errno: 110 - Connection timed out).
[W socket.cpp:697] [c10d] The client socket has failed to connect to [::ffff:0.104.99.143]:47389 (errno: 110 - Connection timed out).
[W socket.cpp:697] [c10d] The client socket has failed to connect to 0.104.99.143:47389 (errno: 110 - Connection timed out).
[E socket.cpp:753] [c10d] The client socket has failed to connect to any network address of (6841231, 47389).`,
  },
  {
    category: 'rendezvous',
    firstLineIndex: 0,
    source: 'https://github.com/ofsoundof/GRL-Image-Restoration/issues/27',
    text: `trainer/0 [1]:[W socket.cpp:558] [c10d] The client socket has failed to connect to [::ffff:0.0.0.5]:40323 (errno: 110 - Connection timed out).
trainer/0 [0]:[W socket.cpp:558] [c10d] The client socket has failed to connect to [::ffff:0.0.0.5]:40323 (errno: 110 - Connection timed out).

trainer/0 [1]:[W socket.cpp:558] [c10d] The client socket has failed to connect to 0.0.0.5:40323 (errno: 110 - Connection timed out).
trainer/0 [1]:[E socket.cpp:610] [c10d] The client socket has failed to connect to any network address of (05, 40323).`,
  },

  // ---- cuda-oom ------------------------------------------------------------------------------------------------
  {
    category: 'cuda-oom',
    firstLineIndex: 0,
    source: 'https://github.com/NVIDIA/TensorRT-LLM/issues/1670',
    text: `VM-0-16-ubuntu:392:494 [2] enqueue.cc:43 NCCL WARN Cuda failure 'out of memory'

VM-0-16-ubuntu:392:494 [2] enqueue.cc:54 NCCL WARN Cuda failure 'invalid resource handle'

VM-0-16-ubuntu:392:494 [2] enqueue.cc:43 NCCL WARN Cuda failure 'out of memory'`,
  },
  {
    category: 'cuda-oom',
    firstLineIndex: 1,
    source: 'https://github.com/PKU-YuanGroup/Open-Sora-Plan/issues/386',
    text: `ins-7df6eojsifuykig9:3018453:3024011 [2] NCCL INFO Channel 01 : 2[1040] -> 1[1030] via SHM/direct/direct
ins-7df6eojsifuykig9:3018451:3018451 [0] enqueue.cc:1085 NCCL WARN Cuda failure 'out of memory'
NCCL Error 1: unhandled cuda error`,
  },
  {
    category: 'cuda-oom',
    firstLineIndex: 0,
    source: 'https://github.com/pytorch/pytorch/issues/16417',
    text: `torch.cuda.OutOfMemoryError: CUDA out of memory. Tried to allocate 22.00 MiB. GPU 0 has a total capacity of 23.65 GiB of which 11.06 MiB is free. Including non-PyTorch memory, this process has 23.60 GiB memory in use. Of the allocated memory 22.90 GiB is allocated by PyTorch, and 194.87 MiB is reserved by PyTorch but unallocated. If reserved but unallocated memory is large try setting PYTORCH_CUDA_ALLOC_CONF=expandable_segments:True to avoid fragmentation.  See documentation for Memory Management  (https://pytorch.org/docs/stable/notes/cuda.html#environment-variables)`,
  },

  {
    // cuBLAS cannot create its handle when the GPU is full (the reporter fixed it by freeing GPU memory)
    category: 'cuda-oom',
    firstLineIndex: 1,
    source: 'https://github.com/QwenLM/Qwen3/issues/873',
    text: `    return F.linear(input, self.weight, self.bias)
RuntimeError: CUDA error: CUBLAS_STATUS_ALLOC_FAILED when calling \`cublasCreate(handle)\``,
  },

  {
    category: 'cuda-oom',
    firstLineIndex: 2,
    source: 'https://github.com/modelscope/ms-swift/issues/6301',
    text: `[rank11]:     attn_output = torch.nn.functional.scaled_dot_product_attention(
[rank11]: 
[rank11]: torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 4.35 GiB. GPU 3 has a total capacity of 63.42 GiB of which 1.70 GiB is free. Process 2521735 has 474.00 MiB memory in use. Including non-PyTorch memory, this process has 60.30 GiB memory in use. Of the allocated memory 50.94 GiB is allocated by PyTorch, and 8.56 GiB is reserved by PyTorch but unallocated. If reserved but unallocated memory is large try setting PYTORCH_CUDA_ALLOC_CONF=expandable_segments:True to avoid fragmentation.  See documentation for Memory Management  (https://pytorch.org/docs/stable/notes/cuda.html#environment-variables)
W1026 03:51:31.222000 2521679 site-packages/torch/distributed/elastic/multiprocessing/api.py:908] Sending process 2521733 closing signal SIGTERM`,
  },

  // ---- host-oom ------------------------------------------------------------------------------------------------
  {
    category: 'host-oom',
    firstLineIndex: 0,
    source: 'https://github.com/ShengcaiLiao/QAConv/issues/19',
    text: `oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,task_memcg=/user.slice/user-1000.slice/user@1000.service,task=python,pid=698405,uid=1000
[441280.839852] Out of memory: Killed process 698405 (python) total-vm:49978204kB, anon-rss:12918388kB, file-rss:68668kB, shmem-rss:53352kB, UID:1000 pgtables:49772kB oom_score_adj:0
[441281.626336] oom_reaper: reaped process 698405 (python), now anon-rss:0kB, file-rss:68664kB, shmem-rss:53172kB`,
  },
  {
    category: 'host-oom',
    firstLineIndex: 0,
    source: 'https://github.com/lmzpai/roboMamba/issues/10',
    text: `E0325 20:57:27.620000 2606 site-packages/torch/distributed/elastic/multiprocessing/api.py:869] failed (exitcode: -9) local_rank: 5 (pid: 2630) of binary: /root/miniconda3/bin/python
Traceback (most recent call last):
  File "/root/miniconda3/bin/torchrun", line 8, in <module>
    sys.exit(main())`,
  },
  {
    category: 'host-oom',
    firstLineIndex: 1,
    source: 'https://github.com/xk-huang/yet-another-vectornet/issues/37',
    text: `100%|██████████████████████████████████| 205944/205944 [18:54<00:00, 181.58it/s]
Killed`,
  },

  {
    category: 'host-oom',
    firstLineIndex: 9,
    source: 'https://github.com/resistzzz/Prompt4NR/issues/3',
    text: `Traceback (most recent call last):
  File "main-multigpu.py", line 422, in <module>
    join=True)
  File "/home/season/miniconda3/envs/torch/lib/python3.7/site-packages/torch/multiprocessing/spawn.py", line 240, in spawn
    return start_processes(fn, args, nprocs, join, daemon, start_method='spawn')
  File "/home/season/miniconda3/envs/torch/lib/python3.7/site-packages/torch/multiprocessing/spawn.py", line 198, in start_processes
    while not context.join():
  File "/home/season/miniconda3/envs/torch/lib/python3.7/site-packages/torch/multiprocessing/spawn.py", line 146, in join
    signal_name=name
torch.multiprocessing.spawn.ProcessExitedException: process 0 terminated with signal SIGKILL
/home/season/miniconda3/envs/torch/lib/python3.7/multiprocessing/semaphore_tracker.py:144: UserWarning: semaphore_tracker: There appear to be 15 leaked semaphores to clean up at shutdown
  len(cache))`,
  },

  {
    category: 'host-oom',
    firstLineIndex: 0,
    source: 'https://github.com/bcbio/bcbio-nextgen/issues/2393',
    text: `slurmstepd-dback-c11-n01: error: Job 848444 exceeded memory limit (33715636 > 32757760), being killed
slurmstepd-dback-c11-n01: error: Exceeded job memory limit
slurmstepd-dback-c11-n01: error: *** JOB 848444 ON dback-c11-n01 CANCELLED AT 2018-05-04T17:06:42 ***`,
  },
  {
    category: 'host-oom',
    firstLineIndex: 1,
    source: 'https://github.com/openbabel/openbabel/issues/2658',
    text: `Dec 13 08:57:45 ... sorting Suffix Array chunks and saving them to disk...
slurmstepd-falkor7: error: Step 1141810.0 exceeded memory limit (52917772 > 20971520), being killed
srun: Exceeded job memory limit
slurmstepd-falkor7: error: *** STEP 1141810.0 ON falkor7 CANCELLED AT 2023-12-13T08:58:22 ***
srun: Job step aborted: Waiting up to 32 seconds for job step to finish.
srun: error: falkor7: task 0: Killed`,
  },
  {
    // "Exceeded job memory limit at some point" alone is also printed for jobs that succeed (chaos/slurm#54), so
    // the failure is the task's "Out Of Memory"
    category: 'host-oom',
    firstLineIndex: 2,
    source: 'https://github.com/pepkit/geofetch/issues/13',
    text: `Pypiper terminating spawned child process 107099...(tee)
slurmstepd: error: Exceeded job memory limit at some point.
srun: error: udc-ba26-19: task 0: Out Of Memory
srun: Terminating job step 2750598.0`,
  },

  {
    // the DeepSpeed launcher reports a worker killed by SIGKILL
    category: 'host-oom',
    firstLineIndex: 1,
    source: 'https://github.com/deepspeedai/DeepSpeed/issues/3232',
    text: `[2023-04-14 13:11:27,879] [INFO] [launch.py:428:sigkill_handler] Killing subprocess 13266
[2023-04-14 13:11:27,885] [ERROR] [launch.py:434:sigkill_handler] ['/usr/bin/python3', '-u', 'main.py', '--local_rank=0', '--data_path', 'Dahoas/rm-static', '--zero_stage', '2', '--deepspeed', '--output_dir', '/content/DeepSpeedExamples/applications/DeepSpeed-Chat/output/actor-models/125m'] exits with return code = -9`,
  },

  // ---- shm -----------------------------------------------------------------------------------------------------
  {
    category: 'shm',
    firstLineIndex: 0,
    source: 'https://github.com/hkchengrex/STCN/issues/132',
    text: `RuntimeError: DataLoader worker (pid 46794) is killed by signal: Bus error. It is possible that dataloader's workers are out of shared memory. Please try to raise your shared memory limit.`,
  },
  {
    category: 'shm',
    firstLineIndex: 1,
    source: 'https://github.com/facebookresearch/mmf/issues/441',
    text: `2020-08-03T10:20:25 | mmf.trainers.core.training_loop: Starting training...
ERROR: Unexpected bus error encountered in worker. This might be caused by insufficient shared memory (shm).
Traceback (most recent call last):
RuntimeError: DataLoader worker (pid 263230) is killed by signal: Bus error. It is possible that dataloader's workers are out of shared memory. Please try to raise your shared memory limit.`,
  },
  {
    category: 'shm',
    firstLineIndex: 0,
    source: 'https://github.com/NVIDIA/nccl-tests/issues/166',
    text: `ubuntu:9621:9688 [3] misc/shmutils.cc:112 NCCL WARN Error while creating shared memory segment /dev/shm/nccl-KWfVyt (size 5967872)
ubuntu:9621:9688 [3] NCCL INFO transport/shm.cc:114 -> 2
ubuntu:9621:9688 [3] NCCL INFO transport.cc:33 -> 2
ubuntu:9621:9688 [3] NCCL INFO group.cc:65 -> 2 [Async thread]`,
  },

  {
    // DataLoader workers pass tensors through /dev/shm files named /torch_*: "No space left" here is shm, not the disk
    category: 'shm',
    firstLineIndex: 1,
    source: 'https://github.com/MIC-DKFZ/nnUNet/issues/2162',
    text: `    return super()._share_fd_cpu_(*args, **kwargs)
RuntimeError: unable to write to file </torch_8289_606636967_0>: No space left on device (28)
Traceback (most recent call last):
  File "/opt/miniconda3/envs/nnUnet_scratch/lib/python3.10/multiprocessing/queues.py", line 244, in _feed`,
  },
  {
    category: 'shm',
    firstLineIndex: 3,
    source: 'https://github.com/openclimatefix-archives/nowcasting_dataset/issues/158',
    text: `2021-09-25 03:32:37,760 INFO ./prepare_ml_data.py 178 Got batch 12600
Traceback (most recent call last):
  File "/home/jack/miniconda3/envs/nowcasting_dataset/lib/python3.8/site-packages/torch/multiprocessing/reductions.py", line 319, in reduce_storage
RuntimeError: unable to open shared memory object </torch_2197781_1082808688> in read-write mode`,
  },

  {
    category: 'shm',
    firstLineIndex: 0,
    source: 'https://github.com/pytorch/pytorch/issues/20409',
    text: `RuntimeError: unable to resize file </torch_22438_3818345986> to the right size`,
  },

  // ---- cuda-illegal-access -------------------------------------------------------------------------------------
  {
    category: 'cuda-illegal-access',
    firstLineIndex: 0,
    source: 'https://github.com/yewzijian/RegTR/issues/33',
    text: `06/26 18:54:31 [ERROR] trainer - <class 'RuntimeError'> at trainer.py:101 - CUDA error: an illegal memory access was encountered
CUDA kernel errors might be asynchronously reported at some other API call,so the stacktrace below might be incorrect.
For debugging consider passing CUDA_LAUNCH_BLOCKING=1.`,
  },
  {
    category: 'cuda-illegal-access',
    firstLineIndex: 0,
    source: 'https://github.com/skhu101/GauHuman/issues/21',
    text: `RuntimeError: merge_sort: failed to synchronize: cudaErrorIllegalAddress: an illegal memory access was encountered`,
  },
  {
    category: 'cuda-illegal-access',
    firstLineIndex: 0,
    source: 'https://github.com/open-mmlab/mmrotate/issues/500',
    text: `RuntimeError: CUDA error: an illegal memory access was encountered
terminate called after throwing an instance of 'c10::Error'
  what():  CUDA error: an illegal memory access was encountered`,
  },

  {
    category: 'cuda-illegal-access',
    firstLineIndex: 2,
    source: 'https://github.com/RVC-Project/Retrieval-based-Voice-Conversion-WebUI/issues/215',
    text: `INFO:user-test-3:loss_disc=2.957, loss_gen=2.745, loss_fm=7.675,loss_mel=18.730, loss_kl=1.756
terminate called after throwing an instance of 'c10::Error'
  what():  CUDA error: an illegal instruction was encountered
CUDA kernel errors might be asynchronously reported at some other API call, so the stacktrace below might be incorrect.`,
  },

  {
    // the watchdog rethrows the CUDA error of the rank that faulted; the other ranks then time out
    category: 'cuda-illegal-access',
    firstLineIndex: 0,
    source: 'https://github.com/vllm-project/vllm/issues/6042',
    text: `[rank3]:[E ProcessGroupNCCL.cpp:1414] [PG 2 Rank 3] Process group watchdog thread terminated with exception: CUDA error: an illegal memory access was encountered
--
  | CUDA kernel errors might be asynchronously reported at some other API call, so the stacktrace below might be incorrect.
  | For debugging consider passing CUDA_LAUNCH_BLOCKING=1.`,
  },

  // ---- device-assert -------------------------------------------------------------------------------------------
  {
    category: 'device-assert',
    firstLineIndex: 0,
    source: 'https://github.com/milesial/Pytorch-UNet/issues/375',
    text: `../aten/src/ATen/native/cuda/NLLLoss2d.cu:103: nll_loss2d_forward_kernel: block: [5,0,0], thread: [996,0,0] Assertion \`t >= 0 && t < n_classes\` failed.
../aten/src/ATen/native/cuda/NLLLoss2d.cu:103: nll_loss2d_forward_kernel: block: [5,0,0], thread: [997,0,0] Assertion \`t >= 0 && t < n_classes\` failed.
../aten/src/ATen/native/cuda/NLLLoss2d.cu:103: nll_loss2d_forward_kernel: block: [2,0,0], thread: [783,0,0] Assertion \`t >= 0 && t < n_classes\` failed.`,
  },
  {
    category: 'device-assert',
    firstLineIndex: 0,
    source: 'https://github.com/joe-siyuan-qiao/DetectoRS/issues/13',
    text: `/pytorch/aten/src/THCUNN/SpatialClassNLLCriterion.cu:104: void cunn_SpatialClassNLLCriterion_updateOutput_kernel(T *, T *, T *, long *, T *, int, int, int, int, int, long) [with T = float, AccumT = float]: block: [0,0,0], thread: [455,0,0] Assertion \`t >= 0 && t < n_classes\` failed.
RuntimeError: copy_if failed to synchronize: device-side assert triggered
terminate called after throwing an instance of 'c10::Error'`,
  },
  {
    category: 'device-assert',
    firstLineIndex: 0,
    source: 'https://github.com/isht7/pytorch-deeplab-resnet/issues/19',
    text: `RuntimeError: cuda runtime error (59) : device-side assert triggered`,
  },

  {
    category: 'device-assert',
    firstLineIndex: 0,
    source: 'https://github.com/pytorch/pytorch/issues/112488',
    text: `/opt/conda/conda-bld/pytorch_1695392035891/work/aten/src/ATen/native/cuda/Loss.cu:94: operator(): block: [117,0,0], thread: [26,0,0] Assertion \`input_val >= zero && input_val <= one\` failed.
/opt/conda/conda-bld/pytorch_1695392035891/work/aten/src/ATen/native/cuda/Loss.cu:94: operator(): block: [117,0,0], thread: [27,0,0] Assertion \`input_val >= zero && input_val <= one\` failed.
[E ProcessGroupNCCL.cpp:915] [Rank 1] NCCL watchdog thread terminated with exception: CUDA error: device-side assert triggered
CUDA kernel errors might be asynchronously reported at some other API call, so the stacktrace below might be incorrect.`,
  },

  // ---- xid -----------------------------------------------------------------------------------------------------
  {
    category: 'xid',
    firstLineIndex: 2,
    source: 'https://github.com/NVIDIA/open-gpu-kernel-modules/issues/1151',
    text: `NVRM: GPU at PCI:0000:06:00: GPU-0b6b7808-c002-f593-ac86-cd8e57757b94
NVRM: GPU Board Serial Number: 0
NVRM: Xid (PCI:0000:06:00): 79, GPU has fallen off the bus.
NVRM: GPU 0000:06:00.0: GPU has fallen off the bus.
NVRM: kgspRcAndNotifyAllChannels_IMPL: RC all channels for critical error 79.`,
  },
  {
    category: 'xid',
    firstLineIndex: 0,
    source: 'https://github.com/NVIDIA/NVSentinel/issues/155',
    text: `[ 1843.308145] NVRM: The NVIDIA GPU 0000:b3:00.0
               NVRM: (PCI ID: 10de:26b5) installed in this system has
               NVRM: fallen off the bus and is not responding to commands.
[ 1843.439662] NVRM: The NVIDIA probe routine failed for 1 device(s).`,
  },

  {
    category: 'xid',
    firstLineIndex: 1,
    source: 'https://github.com/leptonai/gpud/pull/46',
    text: `[Fri Aug 30 11:11:22 2024] nvidia-peermem nv_get_p2p_free_callback:127 ERROR detected invalid context, skipping further processing
[Fri Aug 30 11:43:09 2024] NVRM: Xid (PCI:0000:cb:00): 13, pid='<unknown>', name=<unknown>, Graphics SM Warp Exception on (GPC 7, TPC 7, SM 0): Illegal Instruction Parameter
[Fri Aug 30 11:43:09 2024] NVRM: Xid (PCI:0000:cb:00): 13, pid='<unknown>', name=<unknown>, Graphics SM Global Exception on (GPC 7, TPC 7, SM 0): Multiple Warp Errors
[Fri Aug 30 11:43:14 2024] NVRM: Xid (PCI:0000:cb:00): 109, pid=1797828, name=pt_main_thread, Ch 00000008, errorString CTX SWITCH TIMEOUT, Info 0x58005`,
  },
  {
    category: 'xid',
    firstLineIndex: 0,
    source: 'https://github.com/Bumblebee-Project/Bumblebee/issues/677',
    text: `[24128.828315] NVRM: Xid (PCI:0000:01:00): 32, Channel ID 00000000 intr 00004000
[24128.828608] NVRM: Xid (PCI:0000:01:00): 32, Channel ID 00000000 intr 00004000
[24128.834365] NVRM: Xid (PCI:0000:01:00): 31, Ch 00000003, engmask 00000101, intr 10000000`,
  },

  // ---- ecc -----------------------------------------------------------------------------------------------------
  {
    category: 'ecc',
    firstLineIndex: 0,
    source: 'https://github.com/NVIDIA/semantic-segmentation/issues/33',
    text: `RuntimeError: cuda runtime error (39) : uncorrectable ECC error encountered at /pytorch/aten/src/THC/THCCachingHostAllocator.cpp:265
terminate called without an active exception`,
  },
  {
    category: 'ecc',
    firstLineIndex: 1,
    source: 'https://github.com/kohya-ss/sd-scripts/issues/1434',
    text: `    exponent = exponent / (half_dim - downscale_freq_shift)
RuntimeError: CUDA error: uncorrectable ECC error encountered
CUDA kernel errors might be asynchronously reported at some other API call, so the stacktrace below might be incorrect.

[E ProcessGroupNCCL.cpp:916] [Rank 1] NCCL watchdog thread terminated with exception: CUDA error: uncorrectable ECC error encountered`,
  },
  {
    category: 'ecc',
    firstLineIndex: 0,
    source: 'https://github.com/nagadit/DeepFaceLab_Linux/issues/89',
    text: `F tensorflow/stream_executor/lib/statusor.cc:34] Attempting to fetch value instead of handling error Internal: failed initializing StreamExecutor for CUDA device ordinal 0: Internal: failed call to cuDevicePrimaryCtxRetain: CUDA_ERROR_ECC_UNCORRECTABLE: uncorrectable ECC error encountered`,
  },

  {
    category: 'ecc',
    firstLineIndex: 0,
    source: 'https://github.com/leptonai/gpud/pull/1174',
    text: `NVRM: Xid (PCI:0000:9b:00): 94, pid=1234, name=python3, Contained ECC error`,
  },

  // ---- nvlink --------------------------------------------------------------------------------------------------
  {
    category: 'nvlink',
    firstLineIndex: 0,
    source: 'https://github.com/MIC-DKFZ/nnUNet/issues/1519',
    text: `RuntimeError: CUDA error: uncorrectable NVLink error detected during the execution
CUDA kernel errors might be asynchronously reported at some other API call, so the stacktrace below might be incorrect.`,
  },
  {
    category: 'nvlink',
    firstLineIndex: 0,
    source: 'https://github.com/leptonai/gpud/pull/1160',
    text: `NVRM: Xid (PCI:0000:00:00): 149, NETIR_LINK_EVT Fatal XC0 i0 Link 00 (0x026001c6 0x00000000 0x00000000 0x00000000 0x00000000 0x00000000)`,
  },

  {
    category: 'nvlink',
    firstLineIndex: 0,
    source: 'https://github.com/leptonai/gpud/pull/1174',
    text: `NVRM: Xid (PCI:0018:01:00): 145, RLW_RXPIPE Nonfatal XC0 i0 Link 13 (0x0409a0c2 0x00000008 0x00000001 0x00000000 0x00100000 0x00000004)`,
  },

  // ---- disk-full -----------------------------------------------------------------------------------------------
  {
    category: 'disk-full',
    firstLineIndex: 0,
    source: 'https://github.com/hiyouga/LlamaFactory/issues/5155',
    text: `safetensors_rust.SafetensorError: Error while serializing: IoError(Os { code: 28, kind: StorageFull, message: "No space left on device" })`,
  },
  {
    category: 'disk-full',
    firstLineIndex: 0,
    source: 'https://github.com/NVIDIA/Megatron-LM/issues/878',
    text: `OSError: [Errno 28] No space left on device`,
  },

  {
    // Metaflow prefixes (time, run/step/task and pid, run id) before every line; the failure starts at the
    // ERROR line that introduces the traceback
    category: 'disk-full',
    firstLineIndex: 0,
    source: 'https://github.com/databrickslabs/dolly/issues/139',
    text: `2023-04-29 06:01:12.977 [177/train/578 (pid 28936)] [09c561ee-a44c-4795-967c-7183a83b3160] 2023-04-29 06:01:12 ERROR [__main__] main failed
2023-04-29 06:01:12.977 [177/train/578 (pid 28936)] [09c561ee-a44c-4795-967c-7183a83b3160] Traceback (most recent call last):
2023-04-29 06:01:12.977 [177/train/578 (pid 28936)] [09c561ee-a44c-4795-967c-7183a83b3160]   File "/opt/conda/lib/python3.7/site-packages/torch/serialization.py", line 604, in _save
2023-04-29 06:01:12.977 [177/train/578 (pid 28936)] [09c561ee-a44c-4795-967c-7183a83b3160]     zip_file.write_record(name, storage.data_ptr(), num_bytes)
2023-04-29 06:01:12.977 [177/train/578 (pid 28936)] [09c561ee-a44c-4795-967c-7183a83b3160] OSError: [Errno 28] No space left on device`,
  },

  // ---- checkpoint-io -------------------------------------------------------------------------------------------
  {
    category: 'checkpoint-io',
    firstLineIndex: 1,
    source: 'https://github.com/pytorch/pytorch/issues/10577',
    text: `    serialized_storages[key]._write_file(f, _should_read_directly(f))
RuntimeError: write(): fd 29 failed with Input/output error`,
  },
  {
    category: 'checkpoint-io',
    firstLineIndex: 1,
    source: 'https://github.com/Sachini/ronin/issues/51',
    text: `    super(_open_zipfile_writer_file, self).__init__(torch._C.PyTorchFileWriter(str(name)))
RuntimeError: File my_out/checkpoints/checkpoint_0.pt cannot be opened.`,
  },
  {
    category: 'checkpoint-io',
    firstLineIndex: 1,
    source: 'https://github.com/h2oai/h2o-llmstudio/issues/214',
    text: `zip_file.write_record(name, storage.data_ptr(), num_bytes)
RuntimeError: [enforce fail at inline_container.cc:471] . PytorchStreamWriter failed writing file data/228: file write failed`,
  },

  {
    // resuming from a checkpoint that an earlier save left truncated (the thread: the disk had filled up)
    category: 'checkpoint-io',
    firstLineIndex: 1,
    source: 'https://github.com/sml2h3/dddd_trainer/issues/36',
    text: `Search for history checkpoints...
RuntimeError: PytorchStreamReader failed reading zip archive: failed finding central directory`,
  },
  {
    category: 'checkpoint-io',
    firstLineIndex: 0,
    source: 'https://github.com/open-mmlab/mmdetection/issues/4835',
    text: `RuntimeError: [enforce fail at inline_container.cc:144] . PytorchStreamReader failed reading zip archive: failed finding central directory`,
  },

  {
    category: 'checkpoint-io',
    firstLineIndex: 0,
    source: 'https://github.com/meta-pytorch/torchforge/issues/568',
    text: `RuntimeError: [enforce fail at inline_container.cc:664] . unexpected pos 704 vs 598`,
  },
  {
    // loading a checkpoint whose save was cut short
    category: 'checkpoint-io',
    firstLineIndex: 0,
    source: 'https://github.com/Lightning-AI/pytorch-lightning/issues/688',
    text: `RuntimeError: unexpected EOF, expected 8 more bytes. The file might be corrupted.`,
  },

  // ---- slurm-timeout -------------------------------------------------------------------------------------------
  {
    category: 'slurm-timeout',
    firstLineIndex: 0,
    source: 'https://github.com/ZettaAI/zetta_utils/issues/671',
    text: `srun: Job step aborted: Waiting up to 47 seconds for job step to finish.
slurmstepd: error: *** JOB 494583 ON ... CANCELLED AT 2024-04-20T09:09:37 DUE TO TIME LIMIT ***
slurmstepd: error: *** STEP 494583.0 ON ... CANCELLED AT 2024-04-20T09:09:37 DUE TO TIME LIMIT ***`,
  },
  {
    category: 'slurm-timeout',
    firstLineIndex: 1,
    source: 'https://github.com/marbl/canu/issues/1052',
    text: `Current # sequences loaded and processed from file: 35000...
slurmstepd: error: *** JOB 3884617 ON node023 CANCELLED AT 2018-08-19T16:30:21 DUE TO TIME LIMIT ***`,
  },

  {
    category: 'slurm-timeout',
    firstLineIndex: 1,
    source: 'https://github.com/marbl/canu/issues/1214',
    text: `Thread 04 processes reads 1056026-1075950
=>> PBS: job killed: walltime 86415 exceeded limit 86400`,
  },

  // ---- slurm-node-fail -----------------------------------------------------------------------------------------
  {
    category: 'slurm-node-fail',
    firstLineIndex: 0,
    source: 'https://github.com/nebius/soperator/issues/854',
    text: `salloc: error: Node failure on worker-1`,
  },

  // ---- nan-loss ------------------------------------------------------------------------------------------------
  {
    category: 'nan-loss',
    firstLineIndex: 2,
    source: 'https://github.com/vpetren/gradnorm_tf/issues/17',
    text: `epoch: 3449 loss: 0.2075416080653667
epoch: 3450 loss: 0.21063452526926987
epoch: 3451 loss: nan
epoch: 3452 loss: nan`,
  },
  {
    category: 'nan-loss',
    firstLineIndex: 1,
    source: 'https://github.com/epfLLM/Megatron-LLM/pull/34',
    text: ` iteration     3633/    8000 | consumed samples:       232512 | elapsed time per iteration (ms): 6956.6 | learning rate: 6.245E-06 | global batch size:    64 | loss scale: 1.0 | grad norm: 0.794 | number of skipped iterations:   0 | number of nan iterations:   0 |
***WARNING*** Bad grad_norm detected (grad_norm=nan)
 iteration     3634/    8000 | consumed samples:       232576 | elapsed time per iteration (ms): 8295.0 | learning rate: 6.245E-06 | global batch size:    64 | loss scale: 1.0 | number of skipped iterations:   1 |`,
  },
  {
    // Megatron stops printing "lm loss" once the loss is NaN
    category: 'nan-loss',
    firstLineIndex: 2,
    source: 'https://github.com/epfLLM/Megatron-LLM/issues/33',
    text: ` iteration     3383/    8000 | consumed samples:       216512 | elapsed time per iteration (ms): 7613.1 | learning rate: 6.680E-06 | global batch size:    64 | lm loss: 7.334521E-01 | loss scale: 1.0 | grad norm: 0.752 | number of skipped iterations:   0 | number of nan iterations:   0 |
 iteration     3384/    8000 | consumed samples:       216576 | elapsed time per iteration (ms): 7845.5 | learning rate: 6.678E-06 | global batch size:    64 | lm loss: 7.072597E-01 | loss scale: 1.0 | grad norm: 0.741 | number of skipped iterations:   0 | number of nan iterations:   0 |
 iteration     3385/    8000 | consumed samples:       216640 | elapsed time per iteration (ms): 7624.3 | learning rate: 6.676E-06 | global batch size:    64 | loss scale: 1.0 | grad norm: nan | number of skipped iterations:   0 | number of nan iterations:   0 |
 iteration     3386/    8000 | consumed samples:       216704 | elapsed time per iteration (ms): 7610.9 | learning rate: 6.674E-06 | global batch size:    64 | loss scale: 1.0 | grad norm: nan | number of skipped iterations:   0 | number of nan iterations:   0 |`,
  },

  {
    category: 'nan-loss',
    firstLineIndex: 12,
    source: 'https://github.com/karpathy/nanoGPT/issues/215',
    text: `2023-03-22 09:30:39 iter 2920: loss 3.9883, time 1099.34ms, mfu 15.34%
2023-03-22 09:30:50 iter 2930: loss 3.9408, time 1097.30ms, mfu 15.34%
2023-03-22 09:31:01 iter 2940: loss 3.9994, time 1097.68ms, mfu 15.34%
2023-03-22 09:31:12 iter 2950: loss 4.0977, time 1096.94ms, mfu 15.34%
2023-03-22 09:31:23 iter 2960: loss 4.1535, time 1097.23ms, mfu 15.34%
2023-03-22 09:31:34 iter 2970: loss 3.9453, time 1097.65ms, mfu 15.34%
2023-03-22 09:31:45 iter 2980: loss 3.8993, time 1099.18ms, mfu 15.34%
2023-03-22 09:31:56 iter 2990: loss 3.8853, time 1096.65ms, mfu 15.34%
2023-03-22 09:32:32 step 3000: train loss 4.0390, val loss 4.0427
saving checkpoint to out
2023-03-22 09:32:41 iter 3000: loss 4.2490, time 35392.33ms, mfu 13.85%

2023-03-22 09:32:52 iter 3010: loss nan, time 1019.95ms, mfu 14.12%
2023-03-22 09:33:02 iter 3020: loss nan, time 1015.95ms, mfu 14.36%`,
  },

  {
    category: 'nan-loss',
    firstLineIndex: 0,
    source: 'https://github.com/Intellindust-AI-Lab/DEIM/issues/96',
    text: `Loss is nan, stopping training`,
  },
  {
    category: 'nan-loss',
    firstLineIndex: 1,
    source: 'https://github.com/prannaykaul/lvc/issues/20',
    text: `    raise FloatingPointError(
FloatingPointError: Loss became infinite or NaN at iteration=1029!
loss_dict = {'loss_box_reg_stage0': tensor(nan, device='cuda:0', grad_fn=<MeanBackward0>), 'loss_box_reg_stage1': tensor(nan, device='cuda:0', grad_fn=<MeanBackward0>), 'data_time': 0.007915766909718513}`,
  },

  // ---- grad-overflow -------------------------------------------------------------------------------------------
  {
    // apex amp: the loss scale collapses towards zero, every step is skipped
    category: 'grad-overflow',
    firstLineIndex: 0,
    source: 'https://github.com/NVIDIA/apex/issues/318',
    text: `Gradient overflow. Skipping step, loss scaler 0 reducing loss scale to 8.165126103939127e-202
Gradient overflow. Skipping step, loss scaler 0 reducing loss scale to 4.082563051969564e-202
Gradient overflow. Skipping step, loss scaler 0 reducing loss scale to 2.041281525984782e-202
Gradient overflow. Skipping step, loss scaler 0 reducing loss scale to 1.020640762992391e-202`,
  },
  {
    category: 'grad-overflow',
    firstLineIndex: 0,
    source: 'https://github.com/whai362/PVT/issues/94',
    text: `Gradient overflow.  Skipping step, loss scaler 0 reducing loss scale to 0.03125`,
  },

  {
    // fairseq: the loss scale halves on every overflow until it gives up
    category: 'grad-overflow',
    firstLineIndex: 2,
    source: 'https://github.com/facebookresearch/fairseq/issues/512',
    text: `| epoch 027 | loss 6.343 | nll_loss 4.984 | ppl 31.65 | wps 164346 | ups 0.4 | wpb 364096 | bsz 11907 | num_updates 10198 | lr 0.000626286 | gnorm 0.390 | clip 0% | oom 0 | loss_scale 0.500 | wall 23080 | train_wall 21383
| epoch 027 | valid on 'valid' subset | valid_loss 8.30118 | valid_nll_loss 7.15366 | valid_ppl 142.39 | num_updates 10198 | best 4.46376
| WARNING: overflow detected, setting loss scale to: 0.25
| WARNING: overflow detected, setting loss scale to: 0.125
| WARNING: overflow detected, setting loss scale to: 0.0625
| WARNING: overflow detected, setting loss scale to: 0.0001220703125
Traceback (most recent call last):`,
  },
  {
    category: 'grad-overflow',
    firstLineIndex: 0,
    source: 'https://github.com/bert-nmt/bert-nmt/issues/47',
    text: `FloatingPointError: Minimum loss scale reached (0.0001). Your loss is probably exploding. Try lowering the learning rate, using gradient clipping or increasing the batch size.`,
  },

  // ---- grad-norm-spike -----------------------------------------------------------------------------------------
  {
    category: 'grad-norm-spike',
    firstLineIndex: 3,
    source: 'https://github.com/unslothai/unsloth/issues/5207',
    text: `{'loss': 1.46,  'grad_norm':    14.98}
{'loss': 1.28,  'grad_norm':     9.78}
{'loss': 1.60,  'grad_norm':     7.64}
{'loss': 1.14,  'grad_norm':    92.10}
{'loss': 1.54,  'grad_norm':    29.00}
{'loss': 1.61,  'grad_norm':     5.21}
{'loss': 1.36,  'grad_norm':     7.83}
{'loss': 1.36,  'grad_norm':     7.79}
{'loss': 1.51,  'grad_norm': 11140.00}`,
  },

  // ---- python-exception ----------------------------------------------------------------------------------------
  {
    category: 'python-exception',
    firstLineIndex: 0,
    source: 'https://github.com/Facico/Chinese-Vicuna/issues/113',
    text: `ERROR:torch.distributed.elastic.multiprocessing.api:failed (exitcode: 1) local_rank: 0 (pid: 1622990) of binary: /home/changquan/anaconda3/envs/lang/bin/python
Traceback (most recent call last):
  File "/home/changquan/anaconda3/envs/lang/bin/torchrun", line 8, in <module>
    sys.exit(main())`,
  },
  {
    // torchrun first stops the other workers, then reports the one that failed
    category: 'python-exception',
    firstLineIndex: 3,
    source: 'https://github.com/OEvortex/unsloth/issues/10',
    text: `  0%|          | 0/800 [00:22<?, ?it/s]
W0801 13:23:17.366000 32974 torch/distributed/elastic/multiprocessing/api.py:900] Sending process 33051 closing signal SIGTERM
W0801 13:23:17.367000 32974 torch/distributed/elastic/multiprocessing/api.py:900] Sending process 33052 closing signal SIGTERM
E0801 13:23:20.000000 32974 torch/distributed/elastic/multiprocessing/api.py:874] failed (exitcode: 1) local_rank: 3 (pid: 33054) of binary: /home/ubuntu/pythonn3.11/bin/python3
Traceback (most recent call last):
  File "/home/ubuntu/pythonn3.11/bin/torchrun", line 10, in <module>`,
  },
  {
    category: 'python-exception',
    firstLineIndex: 0,
    source: 'https://github.com/minghaochen/chatglm3-base-tuning/issues/8',
    text: `RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:2 and cuda:0!`,
  },

  {
    category: 'python-exception',
    firstLineIndex: 2,
    source: 'https://github.com/deepspeedai/DeepSpeed/issues/5302',
    text: `[2024-03-20 20:31:29,210] [INFO] [launch.py:315:sigkill_handler] Killing subprocess 3353707
[2024-03-20 20:31:29,240] [INFO] [launch.py:315:sigkill_handler] Killing subprocess 3353708
[2024-03-20 20:31:29,269] [ERROR] [launch.py:321:sigkill_handler] ['/data/anaconda3/envs/llama/bin/python', '-u', 'src/train_bash.py', '--local_rank=4', '--stage', 'sft', '--deepspeed', 'configs/deepspeed_zero3_config.json', '--do_train'] exits with return code = 1`,
  },

  // ---- process-abort -------------------------------------------------------------------------------------------
  {
    category: 'process-abort',
    firstLineIndex: 0,
    source: 'https://github.com/asyncbridge/tsinghua-tencent-100k/issues/4',
    text: `terminate called after throwing an instance of 'std::bad_array_new_length'
  what():  std::bad_array_new_length
*** Aborted at 1592991226 (unix time) try "date -d @1592991226" if you are using GNU date ***
PC: @     0x7fa86e494e97 gsignal
*** SIGABRT (@0x3e800004e7e) received by PID 20094 (TID 0x7fa86fc9df00) from PID 20094; stack trace: ***
Aborted (core dumped)`,
  },
  {
    category: 'process-abort',
    firstLineIndex: 0,
    source: 'https://github.com/lippman1125/pytorch_FAN/issues/8',
    text: `./exp/train.sh: line 22: 1956726 Aborted                 (core dumped) python3 main.py -c $C --nFeats $N --data $Dtr --pointType $T --val-batch $Bte --train-batch $Btr --use-attention --resume $C/checkpoint.pth.tar`,
  },
  {
    category: 'process-abort',
    firstLineIndex: 2,
    source: 'https://github.com/hpcaitech/ColossalAI/issues/1400',
    text: `                             GPU: allocated 544.37 MB, max allocated 1228.39 MB,
                             cached: 1620.0 MB, max cached: 1620.0 MB
ERROR:torch.distributed.elastic.multiprocessing.api:failed (exitcode: -6) local_rank: 0 (pid: 218624) of binary: /home/gehao/anaconda3/envs/mlsys/bin/python
Traceback (most recent call last):
  File "/home/gehao/anaconda3/envs/mlsys/bin/torchrun", line 33, in <module>`,
  },

  {
    category: 'process-abort',
    firstLineIndex: 0,
    source: 'https://github.com/rshaojimmy/MultiModal-DeepFake/issues/24',
    text: `torch.multiprocessing.spawn.ProcessExitedException: process 1 terminated with signal SIGABRT`,
  },

  // ---- segfault ------------------------------------------------------------------------------------------------
  {
    category: 'segfault',
    firstLineIndex: 0,
    source: 'https://github.com/FlagOpen/FlagEmbedding/issues/1549',
    text: `E1119 08:26:02.715000 28705 site-packages/torch/distributed/elastic/multiprocessing/api.py:882] failed (exitcode: -11) local_rank: 0 (pid: 28773) of binary: /app/anaconda3/envs/py312/bin/python3.12
Traceback (most recent call last):
  File "/app/anaconda3/envs/py312/bin/torchrun", line 7, in <module>
    sys.exit(main())`,
  },
  {
    category: 'segfault',
    firstLineIndex: 0,
    source: 'https://github.com/Henry1iu/TNT-Trajectory-Prediction/issues/33',
    text: `[Info: Device_0: train_Ep_11: loss: 4.38811e+02; avg_loss: 4.53619e+02]:  20%|| 11/56 [00:02<00:08,  5.02it/s]Segmentation fault (core dumped)`,
  },
  {
    category: 'segfault',
    firstLineIndex: 1,
    source: 'https://github.com/pytorch/pytorch/issues/61839',
    text: `    cmd=cmd)
subprocess.CalledProcessError: Command '['/opt/tiger/conda/bin/python3', '-u', 'train_imagenet.py', '--local_rank=7']' died with <Signals.SIGSEGV: 11>.`,
  },

  {
    category: 'segfault',
    firstLineIndex: 2,
    source: 'https://github.com/yxlu-0102/MP-SENet/issues/7',
    text: `  File "/home/wrl/miniconda3/envs/python37/lib/python3.7/site-packages/torch/multiprocessing/spawn.py", line 136, in join
    signal_name=name
torch.multiprocessing.spawn.ProcessExitedException: process 0 terminated with signal SIGSEGV`,
  },
  {
    category: 'segfault',
    firstLineIndex: 2,
    source: 'https://github.com/facebookresearch/SlowFast/issues/118',
    text: `  File "/users/azerroug/anaconda/sf/lib/python3.6/site-packages/torch/multiprocessing/spawn.py", line 107, in join
    (error_index, name)
Exception: process 0 terminated with signal SIGSEGV`,
  },

  {
    category: 'segfault',
    firstLineIndex: 2,
    source: 'https://github.com/flashlight/wav2letter/issues/308',
    text: `*** Aborted at 1558920654 (unix time) try "date -d @1558920654" if you are using GNU date ***
PC: @     0x7fc4a6cf6460 (unknown)
*** SIGSEGV (@0x0) received by PID 66514 (TID 0x7fc5093d5dc0) from PID 0; stack trace: ***
    @     0x7fc4abc0b390 (unknown)`,
  },

  {
    category: 'segfault',
    firstLineIndex: 2,
    source: 'https://github.com/deepspeedai/DeepSpeedExamples/issues/626',
    text: `[2023-07-10 04:26:05,876] [INFO] [launch.py:318:sigkill_handler] Killing subprocess 94984
[2023-07-10 04:26:05,876] [INFO] [launch.py:318:sigkill_handler] Killing subprocess 94985
[2023-07-10 04:26:35,999] [ERROR] [launch.py:324:sigkill_handler] ['/global/D1/homes/sushant/sushanta/venv/bin/python3.10', '-u', 'trainCLM.py', '--local_rank=1', '--deepspeed', '/home/sushant/D1/sushanta/try/nepaligpt/clm/config/deepspeed_config.json'] exits with return code = -11`,
  },

  // ---- config-mismatch -----------------------------------------------------------------------------------------
  {
    category: 'config-mismatch',
    firstLineIndex: 0,
    source: 'https://github.com/deepspeedai/DeepSpeed/issues/6914',
    text: `[rank0]: AssertionError: Check batch related parameters. train_batch_size is not equal to micro_batch_per_gpu * gradient_acc_step * world_size 8 != 2 * 1 * 1`,
  },
  {
    category: 'config-mismatch',
    firstLineIndex: 0,
    source: 'https://github.com/malllabiisc/InteractE/issues/5',
    text: `RuntimeError: Error(s) in loading state_dict for InteractE:
        size mismatch for conv_filt: copying a param with shape torch.Size([96, 1, 11, 11]) from checkpoint, the shape in current model is torch.Size([96, 1, 9, 9]).
        size mismatch for bn0.weight: copying a param with shape torch.Size([4]) from checkpoint, the shape in current model is torch.Size([1]).
        size mismatch for bn0.bias: copying a param with shape torch.Size([4]) from checkpoint, the shape in current model is torch.Size([1]).`,
  },
  {
    category: 'config-mismatch',
    firstLineIndex: 0,
    source: 'https://github.com/Deci-AI/super-gradients/issues/1476',
    text: `	size mismatch for heads.head1.stem.seq.conv.weight: copying a param with shape torch.Size([96, 96, 1, 1]) from checkpoint, the shape in current model is torch.Size([128, 96, 1, 1]).
	size mismatch for heads.head1.stem.seq.bn.weight: copying a param with shape torch.Size([96]) from checkpoint, the shape in current model is torch.Size([128]).`,
  },
  {
    category: 'config-mismatch',
    firstLineIndex: 1,
    source: 'https://github.com/hpcaitech/ColossalAI/issues/3043',
    text: `    assert numerator % denominator == 0, \\
AssertionError: 96 is not divisible by 64`,
  },
  {
    category: 'config-mismatch',
    firstLineIndex: 0,
    source: 'https://github.com/vllm-project/vllm/issues/414',
    text: `ValueError: Total number of attention heads (52) must be divisible by tensor parallel size (3).`,
  },
  {
    // the script does not define an argument the launch command passes; the launcher's exit code follows
    category: 'config-mismatch',
    firstLineIndex: 2,
    source: 'https://github.com/CircleRadon/TokenPacker/issues/23',
    text: `  File "/root/miniconda3/envs/llava/lib/python3.10/site-packages/transformers/hf_argparser.py", line 348, in parse_args_into_dataclasses
    raise ValueError(f"Some specified arguments are not used by the HfArgumentParser: {remaining_args}")
ValueError: Some specified arguments are not used by the HfArgumentParser: ['--scale_factor', '2']
[2025-07-12 10:41:18,916] [INFO] [launch.py:315:sigkill_handler] Killing subprocess 14659
[2025-07-12 10:41:18,917] [INFO] [launch.py:315:sigkill_handler] Killing subprocess 14660`,
  },
];

for (const c of CASES) {
  test(`generalisation ${c.category} at line ${c.firstLineIndex}: ${c.source}`, () => {
    const r = analyzeLogText(c.text);
    const rc = r.rootCause;
    assert.ok(rc, `expected ${c.category}, got no root cause`);
    assert.equal(rc.category, c.category, `${rc.category} at line ${rc.line}: ${rc.summary}`);
    assert.equal(rc.line, c.firstLineIndex, rc.summary);
    assert.ok(rc.remedies.length > 0, 'a root cause comes with remedies');
  });
}

/** Real lines that look alarming but are not a failure: they must not be named as a root cause. */
const NOT_FAILURES: Array<{ source: string; text: string }> = [
  {
    // apex loss scaling during warm-up: the scale is still high, the maintainer confirms it is not a failure
    source: 'https://github.com/LEEYOONHYUNG/BVAE-TTS/issues/3',
    text: `Gradient overflow. Skipping step, loss scaler 0 reducing loss scale to 32768.0`,
  },
  {
    source: 'https://github.com/kenziyuliu/MS-G3D/issues/9',
    text: `Gradient overflow. Skipping step, loss scaler 0 reducing loss scale to 131072.0`,
  },
  {
    // the EFA plugin's harmless start-up notices
    source: 'https://github.com/aws/deep-learning-containers/issues/2675',
    text: `NCCL INFO NET/Plugin: Failed to find ncclCollNetPlugin_v6 symbol.
NCCL INFO NET/Plugin: Failed to find ncclCollNetPlugin symbol (v4 or v5).`,
  },
];

for (const c of NOT_FAILURES) {
  test(`not a failure: ${c.source}`, () => {
    const rc = analyzeLogText(c.text).rootCause;
    assert.equal(rc, null, rc ? `${rc.category} at line ${rc.line}: ${rc.summary}` : '');
  });
}

test('every contract category has a real excerpt except the loss-spike check, which no thread gave as text', () => {
  const seen = new Set(CASES.map((c) => c.category));
  for (const c of ['nccl-timeout', 'nccl-error', 'network-ib', 'network-efa', 'network-socket', 'rendezvous', 'cuda-oom', 'host-oom', 'shm', 'cuda-illegal-access', 'device-assert', 'xid', 'ecc', 'nvlink', 'disk-full', 'checkpoint-io', 'slurm-timeout', 'slurm-node-fail', 'nan-loss', 'grad-overflow', 'grad-norm-spike', 'python-exception', 'process-abort', 'segfault', 'config-mismatch'] as const) {
    assert.ok(seen.has(c), c);
  }
});
