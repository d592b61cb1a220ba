/**
 * Failure signatures of training logs: what a line means, how sure we are that it is a cause rather than a
 * symptom, and what to do about it. Facts and example lines come from `reference/log-errors.md`; each entry
 * names the source it was taken from. Categories are the root-cause ids of the CLI contract.
 *
 * Matching is two-step for speed: `literals` are cheap substrings (any one must occur in the line; the scanner
 * combines every literal of every table into one prefilter), then `pattern` confirms. Named groups in
 * `pattern` become event details.
 */

export type LogCategory =
  | 'nccl-timeout'
  | 'nccl-error'
  | 'network-ib'
  | 'network-efa'
  | 'network-socket'
  | 'rendezvous'
  | 'cuda-oom'
  | 'host-oom'
  | 'shm'
  | 'cuda-illegal-access'
  | 'device-assert'
  | 'xid'
  | 'ecc'
  | 'nvlink'
  | 'disk-full'
  | 'checkpoint-io'
  | 'slurm-timeout'
  | 'slurm-node-fail'
  | 'nan-loss'
  | 'loss-spike'
  | 'grad-overflow'
  | 'grad-norm-spike'
  | 'python-exception'
  | 'process-abort'
  | 'segfault'
  | 'config-mismatch';

export const LOG_CATEGORIES: readonly LogCategory[] = [
  'nccl-timeout', 'nccl-error', 'network-ib', 'network-efa', 'network-socket', 'rendezvous', 'cuda-oom', 'host-oom',
  'shm', 'cuda-illegal-access', 'device-assert', 'xid', 'ecc', 'nvlink', 'disk-full', 'checkpoint-io', 'slurm-timeout',
  'slurm-node-fail', 'nan-loss', 'loss-spike', 'grad-overflow', 'grad-norm-spike', 'python-exception', 'process-abort',
  'segfault', 'config-mismatch',
];

/**
 * How a line relates to a failure:
 * - `cause`: a first-hand fault (OOM, Xid, IB completion error, disk full...). Root-cause candidates first.
 * - `contributing`: an error that is often, but not always, secondary (socket resets, NCCL error codes,
 *   exit codes, a Python exception of no known kind). Candidates when no `cause` is present.
 * - `symptom`: what the other ranks print afterwards (watchdog timeouts, "taking the entire process down",
 *   srun "Terminated"). Candidates only when nothing else is known.
 * - `info`: context (transport used, environment overrides, start/restart markers).
 */
export type CausalRole = 'cause' | 'contributing' | 'symptom' | 'info';

export type EventSeverity = 'error' | 'warning' | 'information';

export interface LogSignature {
  id: string;
  /** null for context lines that are not failures (they feed the timeline, transports, environment). */
  category: LogCategory | null;
  severity: EventSeverity;
  role: CausalRole;
  /** Any one of these substrings must be in the line before `pattern` is tried. */
  literals: string[];
  pattern: RegExp;
  /** One sentence: what the line usually means. */
  meaning: string;
  remedies: string[];
  source: string;
  /** Tags other signatures can refer to (`absorbsPreceding`). */
  tags?: string[];
  /**
   * The same incident often starts a few lines earlier with a less specific line (bash "Killed" before the
   * cgroup OOM report, srun "Force Terminated" before the time-limit banner). When such a tagged line is at
   * most `withinLines` earlier, this event is placed there.
   */
  absorbsPreceding?: { tags: string[]; withinLines: number };
  /** Detail names (named groups of `pattern`) whose values keep otherwise identical events apart. */
  distinctBy?: string[];
  /** Bookkeeping line: feeds the analysis (sequence numbers, rank lists) but is not listed as an event. */
  silent?: boolean;
}

const LOG_ERRORS = 'https://github.com/NVIDIA/nccl/issues/1405';

/**
 * Literal variants for the prefilter: a literal of 4 characters caps the skip search's stride (its window is the
 * shortest literal), so short literals are spelled with the one character their signature's pattern requires
 * next to them (a digit, a loss key's last character, a quote or a white-space character). A line where the
 * pattern can match holds one of the variants, so the same lines reach the pattern.
 */
export const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
/*
 * The skip search only looks at a literal's first five characters (the window): a literal whose first five
 * characters hold letter pairs common in ordinary log text ("er", "in", "le" at the end of the window) makes the
 * window stop more often. Where a message offers a choice, the literal is a substring of it that starts with
 * rare pairs or with the same five characters as an existing literal ("loss scale to", "Bad grad_norm").
 */
/** What `\b[Ll]oss\b['"]?\s*` can leave just before `=` (the \s characters that are latin1 and not a newline). */
const BEFORE_LOSS_EQUALS = ['s', "'", '"', ' ', '\t', '\v', '\f', '\xa0'];

export const LOG_SIGNATURES: LogSignature[] = [
  // ---- A. collective hangs and timeouts -------------------------------------------------------------------
  {
    id: 'NCCL-TIMEOUT-001',
    category: 'nccl-timeout',
    severity: 'error',
    role: 'symptom',
    literals: ['Watchdog caught collective operation timeout'],
    pattern: /Watchdog caught collective operation timeout(?:: WorkNCCL\(SeqNum=(?<seq>\d+), OpTy\s?pe=(?<op>\w+)(?:, Numel\s?In=(?<numelIn>\d+), Numel\s?Out=(?<numelOut>\d+))?, Timeout\(ms\)=(?<timeoutMs>\d+)\) ran for (?<ranMs>\d+))?/,
    meaning:
      'A collective did not finish within the process-group timeout: one or more ranks never entered or finished it (a straggler, a crashed peer, a fault logged earlier, or ranks calling collectives in a different order).',
    remedies: [
      'Look for the earliest non-timeout error on any rank (OOM, Xid, IB error, exception) - the timeouts are its echo.',
      'Compare "last completed" sequence numbers per rank: the rank that is behind is the suspect.',
      'Enable the flight recorder (TORCH_NCCL_TRACE_BUFFER_SIZE>0, TORCH_NCCL_DUMP_ON_TIMEOUT=1) to see where each rank was.',
      'Raise the init_process_group timeout only for legitimately long non-collective phases (eval, checkpoint I/O on rank 0).',
    ],
    source: 'https://github.com/hiyouga/LlamaFactory/issues/6269',
    distinctBy: ['seq', 'op'],
  },
  {
    id: 'NCCL-TIMEOUT-001-PROGRESS',
    category: 'nccl-timeout',
    severity: 'information',
    role: 'symptom',
    literals: ['last completed'],
    pattern: /(?:at work(?: sequence id)?: (?<at>\d+)|Timeout at NCCL work: (?<at2>\d+)).*last enqueued (?:NCCL )?work: (?<enqueued>\d+),? (?:PG status: )?last completed (?:NCCL )?work: (?<done>\d+)/,
    meaning: 'Per-rank watchdog bookkeeping: the collective sequence number in flight, last enqueued and last completed.',
    remedies: [],
    source: 'https://github.com/XPixelGroup/BasicSR/issues/737',
    silent: true,
  },
  {
    id: 'NCCL-HEARTBEAT-002',
    category: 'nccl-timeout',
    severity: 'error',
    role: 'symptom',
    literals: ['Heartbeat monitor timed out', 'watchdog got stuck for', 'after attempting to dump debug info'],
    pattern: /Heartbeat monitor timed out|watchdog got stuck for (?<seconds>\d+) seconds|Terminating the process after attempting to dump debug info, due to ProcessGroupNCCL watchdog hang/,
    meaning: 'The NCCL watchdog thread itself stopped making progress (a hung NCCL/CUDA call, the GIL held inside a CUDA call, or a deadlock).',
    remedies: [
      'Dump the stacks of the hung processes (py-spy dump, flight recorder) to find the blocking call.',
      'Only then adjust TORCH_NCCL_HEARTBEAT_TIMEOUT_SEC.',
    ],
    source: 'https://github.com/Intellindust-AI-Lab/DEIM/issues/105',
  },
  {
    id: 'NCCL-BLOCKWAIT-003',
    category: 'nccl-timeout',
    severity: 'error',
    role: 'symptom',
    literals: ['timed out in blocking wait'],
    pattern: /WorkNCCL\(SeqNum=(?<seq>\d+), OpType=(?<op>\w+).*timed out in blocking wait/,
    meaning: 'A collective timed out in the caller because TORCH_NCCL_BLOCKING_WAIT=1; same causes as a watchdog timeout.',
    remedies: ['Find the earliest non-timeout error across ranks; compare sequence numbers per rank.'],
    source: 'https://github.com/huggingface/diffusers/issues/12422',
    distinctBy: ['seq'],
  },
  {
    id: 'NCCL-OPS-FAILED',
    category: 'nccl-error',
    severity: 'error',
    role: 'symptom',
    literals: ['Some NCCL operations have failed or timed out'],
    pattern: /Some NCCL operations have failed or timed out/,
    meaning: 'The process group saw a failed or timed-out collective and is about to abort; the reason is logged earlier.',
    remedies: ['Look above this line (and on other ranks) for the first error.'],
    source: 'https://github.com/snowflakedb/ArcticTraining/issues/219',
  },
  {
    id: 'NCCL-TAKING-DOWN',
    category: 'process-abort',
    severity: 'error',
    role: 'symptom',
    literals: ['taking the entire process down'],
    pattern: /we are taking the entire process down/,
    meaning: 'PyTorch aborts the process after a failed collective to avoid using corrupted data.',
    remedies: ['Look above this line (and on other ranks) for the first error.'],
    source: 'https://github.com/snowflakedb/ArcticTraining/issues/219',
  },
  // ---- B. NCCL error codes -------------------------------------------------------------------------------------
  {
    id: 'NCCL-ERR-USAGE-014',
    category: 'nccl-error',
    severity: 'error',
    role: 'contributing',
    literals: ['invalid usage', 'ncclInvalidUsage', 'Duplicate GPU detected'],
    pattern: /NCCL error.*invalid usage|ncclInvalidUsage|Duplicate GPU detected : rank (?<rank>\d+) and rank (?<otherRank>\d+) both on CUDA device/,
    meaning: 'NCCL rejected how it was called: typically two ranks on one GPU (launcher starts more processes than GPUs) or mismatched group calls.',
    remedies: [
      'Check the rank-to-GPU mapping: one process per GPU (srun --ntasks-per-node vs torchrun --nproc-per-node, LOCAL_RANK use).',
      'Make every rank issue the same collectives in the same order.',
    ],
    source: 'https://gist.github.com/djberenberg/bf9551ab1bda8797caff6d48d51c5374',
  },
  {
    id: 'NCCL-ERR-REMOTE-015',
    category: 'nccl-error',
    severity: 'error',
    role: 'contributing',
    literals: ['remote process exited or there was a network error', 'ncclRemoteError:'],
    pattern: /remote process exited or there was a network error|ncclRemoteError:/,
    meaning: 'A peer died (look for its own error, OOM or Xid) or the network failed underneath NCCL.',
    remedies: ['Find the first rank that failed; run node health checks (IB counters, dmesg Xids) on its host.'],
    source: 'https://github.com/tatsu-lab/stanford_alpaca/issues/207',
  },
  {
    id: 'NCCL-ERR-CUDA-011',
    category: 'nccl-error',
    severity: 'error',
    role: 'contributing',
    literals: ['unhandled cuda error', 'ncclUnhandledCudaError'],
    pattern: /unhandled cuda error|ncclUnhandledCudaError/,
    meaning: 'A CUDA call failed under NCCL: a GPU/driver fault (check Xids), OOM while NCCL allocates, or P2P/IPC problems in containers.',
    remedies: ['Run with NCCL_DEBUG=WARN to see the CUDA error; check dmesg for Xids; free memory before init.'],
    source: 'https://github.com/swz30/Restormer/issues/75',
  },
  {
    id: 'NCCL-ERR-SYSTEM-012',
    category: 'nccl-error',
    severity: 'error',
    role: 'contributing',
    literals: ['unhandled system error', 'ncclSystemError'],
    pattern: /unhandled system error|ncclSystemError/,
    meaning: 'A socket, shared-memory, malloc or NVML call failed inside NCCL (wrong or firewalled interface, small /dev/shm, GPUs hidden from NVML).',
    remedies: ['Read the "Last error:" line; set NCCL_SOCKET_IFNAME; check /dev/shm size and GPU visibility per task.'],
    source: 'https://github.com/una-dinosauria/nccl-error',
  },
  {
    id: 'NCCL-ERR-INTERNAL-013',
    category: 'nccl-error',
    severity: 'error',
    role: 'contributing',
    // the topology search failing to close a ring is reported as an internal error (code 3)
    literals: ['internal error - please report', 'ncclInternalError', 'back to start'],
    pattern: /internal error - please report|ncclInternalError|ring \d+ does not loop back to start/,
    meaning: 'An NCCL internal check failed, often secondary to a socket or proxy failure logged first.',
    remedies: ['Look for the first NCCL WARN line on any rank.'],
    source: 'https://github.com/NVIDIA/nccl-tests/issues/166',
  },
  {
    id: 'NCCL-ERR-GENERIC',
    category: 'nccl-error',
    severity: 'error',
    role: 'contributing',
    literals: ['NCCL error in:', 'NCCL Error ', 'NCCL error:'],
    pattern: /NCCL [Ee]rror(?: in:| \d+:|:) ?(?<detail>.{0,160})/,
    meaning: 'An NCCL call returned an error code; the wrapper names which one.',
    remedies: ['Run with NCCL_DEBUG=INFO (or WARN) and read the first WARN line before this one.'],
    source: 'https://docs.nvidia.com/deeplearning/nccl/user-guide/docs/api/types.html',
  },
  {
    id: 'NCCL-COMM-ABORTED',
    category: 'nccl-error',
    severity: 'error',
    role: 'symptom',
    literals: ['NCCL communicator was aborted'],
    pattern: /NCCL communicator was aborted/,
    meaning: 'The NCCL communicator was torn down after an error on this or another rank.',
    remedies: ['Look for the first error on any rank before this line.'],
    source: 'https://github.com/snowflakedb/ArcticTraining/issues/219',
  },
  {
    id: 'NCCL-WARN',
    category: null,
    severity: 'warning',
    role: 'info',
    literals: ['NCCL WARN'],
    pattern: /NCCL WARN (?<detail>.{0,160})/,
    meaning: 'NCCL printed a warning; when a run fails, the first NCCL WARN line is usually the closest to the cause.',
    remedies: [],
    source: 'https://github.com/NVIDIA/nccl-tests/issues/166',
  },
  {
    id: 'NCCL-RETCODE-SOCKET',
    category: 'network-socket',
    severity: 'warning',
    role: 'contributing',
    // the pattern has `:\d+ -> `
    literals: DIGITS.map((d) => `${d} -> `),
    pattern: /NCCL INFO (?<file>(?:misc\/socket|bootstrap)\.cc):\d+ -> (?<code>\d+)/,
    meaning: 'An NCCL socket/bootstrap call failed and its return code propagated up (6 = remote error, 3 = internal, 2 = system).',
    remedies: [
      'Check that every node can reach the others on the chosen interface (NCCL_SOCKET_IFNAME, firewalls).',
      'If a peer process died first, its own error is the cause.',
    ],
    source: LOG_ERRORS,
  },
  {
    id: 'NCCL-RETCODE-SHM',
    category: 'shm',
    severity: 'warning',
    role: 'contributing',
    // the pattern has `:\d+ -> `
    literals: DIGITS.map((d) => `${d} -> `),
    pattern: /NCCL INFO (?<file>transport\/shm\.cc):\d+ -> (?<code>\d+)/,
    meaning: 'NCCL\'s shared-memory transport failed and its return code propagated up.',
    remedies: ['Give the container a larger /dev/shm (--shm-size or --ipc=host).'],
    source: 'https://github.com/NVIDIA/nccl-tests/issues/166',
  },
  {
    id: 'NCCL-RETCODE',
    category: 'nccl-error',
    severity: 'information',
    role: 'contributing',
    // the pattern has `:\d+ -> `
    literals: DIGITS.map((d) => `${d} -> `),
    pattern: /NCCL INFO (?<file>(?!misc\/socket|bootstrap|transport\/shm)[\w/]+\.cc):\d+ -> (?<code>[1-7])\b/,
    meaning: 'An NCCL return code propagating up the call stack (6 = remote error, 3 = internal, 2 = system, 1 = CUDA).',
    remedies: ['Read the NCCL WARN line just before this trace.'],
    source: LOG_ERRORS,
  },
  // ---- C. network transports ------------------------------------------------------------------------------------
  {
    id: 'NET-IB-020',
    category: 'network-ib',
    severity: 'error',
    role: 'cause',
    literals: ['NET/IB'],
    pattern: /NET\/IB ?: Got completion (?:from peer (?<peer>\S+) )?with (?:error |status=)(?<status>\d+),? opcode[ =](?<opcode>\d+)/,
    meaning:
      'An InfiniBand/RoCE work request failed; status 12 (transport retry counter exceeded) is a timeout: at start the NICs cannot talk (RoCE GID/routing), later a bad link or congestion.',
    remedies: [
      'RoCE: try NCCL_IB_GID_INDEX=3; run ib_write_bw between the two hosts.',
      'Check port counters and cables; drain the node if it recurs; a larger NCCL_IB_TIMEOUT helps on congested fabrics.',
    ],
    source: 'https://github.com/NVIDIA/nccl/issues/426',
    distinctBy: ['status'],
  },
  {
    id: 'NET-IB-WARN',
    category: 'network-ib',
    severity: 'error',
    role: 'cause',
    // verbs calls failing outside the NET/IB messages ("Call to ibv_modify_qp failed with error Network is unreachable")
    literals: ['NET/IB', 'Call to ibv_'],
    pattern: /NCCL WARN (?:NET\/IB ?: (?!Got completion)(?<detail>.{0,160})|Call to ibv_\w+ failed(?: with error (?<verbsError>.{0,80}))?)/,
    meaning: 'NCCL\'s InfiniBand transport reported a failure.',
    remedies: ['Check the IB devices and ports on this host (ibstat, ibv_devinfo) and the RDMA setup in the container.'],
    source: 'https://github.com/NVIDIA/nccl/issues/426',
  },
  {
    id: 'NET-SOCK-030',
    category: 'network-socket',
    severity: 'error',
    role: 'contributing',
    literals: ['Connection closed by remote peer', 'socketStartConnect', 'Call to connect', 'Call to recv from', 'Call to send to', 'Connection reset by peer', 'socketProgress', 'Socket recv failed', 'Failed to execute operation', 'no socket interface found'],
    pattern: /NCCL WARN .*(?:Connection closed by remote peer|socketStartConnect|Call to (?:connect|recv from|send to)|Connection reset by peer|socketProgress|Socket recv failed|Failed to execute operation|no socket interface found)/,
    meaning: 'An NCCL socket connection failed: usually a peer process already died; otherwise a wrong or unroutable interface or a firewall.',
    remedies: [
      'Find the first failing rank; if no peer died, pin the interface with NCCL_SOCKET_IFNAME and check firewalls between nodes.',
    ],
    source: 'https://github.com/NVIDIA/nccl/issues/914',
  },
  {
    id: 'NET-GLOO',
    category: 'network-socket',
    severity: 'error',
    role: 'contributing',
    literals: ['transport/tcp/pair.cc'],
    pattern: /gloo\/transport\/tcp\/pair\.cc:\d+\] (?<detail>(?:Connection closed by peer|Read error|Write error|Connection refused|Timed out)[^\n]{0,80})/,
    meaning: 'A gloo (CPU collective) TCP connection failed: usually the peer process died first; otherwise the network between the hosts or the chosen interface (GLOO_SOCKET_IFNAME).',
    remedies: ['Find the first failing rank and its own error; if no peer died, pin the interface with GLOO_SOCKET_IFNAME and check firewalls between nodes.'],
    source: 'https://github.com/pytorch/pytorch/issues/75512',
  },
  {
    id: 'NET-SHM-040',
    category: 'shm',
    severity: 'error',
    role: 'cause',
    literals: ['/dev/shm', 'shared memory segment'],
    pattern: /failed to extend \/dev\/shm|Error while (?:creating|attaching to) shared memory segment/,
    meaning: 'NCCL could not create a shared-memory segment: /dev/shm is too small (containers default to 64 MB) or not shared.',
    remedies: ['Start the container with --shm-size=1g (or more) or --ipc=host.', 'NCCL_SHM_DISABLE=1 only as a workaround (slower).'],
    source: 'https://github.com/pytorch/ci-infra/pull/490',
  },
  {
    id: 'NET-EFA-050',
    category: 'network-efa',
    severity: 'error',
    role: 'cause',
    // libfabric logs its own completion-queue errors ("libfabric:<pid>:<time>::efa:cq:<function>():<line><warn> err: N")
    literals: ['NET/OFI', 'fi_getinfo', 'FI_HMEM capability requires', 'efa:cq:'],
    pattern: /(?:WARN.*NET\/OFI|NET\/OFI.*(?:failed|Unable|Couldn't|Only EFA|[Ee]rror)|fi_getinfo: provider efa output empty list|FI_HMEM capability requires RDMA|libfabric:\d+:\d+::efa:cq:\S+<warn> (?:\S+: )?err: (?<fiErr>\d+))/,
    meaning: 'The AWS EFA plugin (aws-ofi-nccl / libfabric) failed, so NCCL cannot use EFA and falls back to TCP sockets or fails.',
    remedies: [
      'Pass the EFA devices into the container (/dev/infiniband/uverbs*) with --ulimit memlock=-1.',
      'Match the EFA installer, aws-ofi-nccl and NCCL versions (RC -22 on registration: FI_EFA_SET_CUDA_SYNC_MEMOPS=0 or upgrade).',
      'On instances without EFA, do not load the OFI plugin.',
    ],
    source: 'https://github.com/aws-samples/awsome-distributed-training/blob/main/1.architectures/efa-cheatsheet.md',
  },
  // ---- D. rendezvous / launcher ---------------------------------------------------------------------------------
  {
    id: 'DIST-BIND-060',
    category: 'rendezvous',
    severity: 'error',
    role: 'cause',
    literals: ['Address already in use', 'EADDRINUSE'],
    pattern: /failed to bind to (?<addr>\S+) \(errno: 98|Address already in use|EADDRINUSE/,
    meaning: 'The rendezvous/TCPStore port (MASTER_PORT) is already taken on this host by another job or a stale process.',
    remedies: ['Use a unique MASTER_PORT per job (or --rdzv_endpoint localhost:0); kill stale processes.'],
    source: 'https://github.com/meta-pytorch/torchtune/issues/392',
  },
  {
    id: 'DIST-CONNECT-061',
    category: 'rendezvous',
    severity: 'error',
    role: 'cause',
    literals: ['The client socket has timed out', 'RendezvousConnectionError', 'RendezvousTimeoutError', 'TCP client failed to connect', 'waiting for workers', 'waiting for clients', 'DistNetworkError: Connection reset', 'for recv operation to complete', 'ncclUniqueId from', 'network address of'],
    pattern: /The client socket has timed out after (?<timeout>\w+) while trying to connect to \((?<host>[^,]+), (?<port>\d+)\)|Rendezvous(?:Connection|Timeout)Error|TCP client failed to connect|Timed out after \d+ seconds waiting for (?:workers|clients)|DistNetworkError: Connection reset|Timed out waiting \d+ms for recv operation to complete|The client socket has failed to connect to any network address of \((?<host2>[^,]+), (?<port2>\d+)\)|retr(?:ie|ei)ving ncclUniqueId from \[\d+\] via c10d key-value store by key '[^']*', but store->get\('[^']*'\) got (?:error|exception): (?<storeError>.{0,80})/,
    meaning: 'A worker could not reach the rendezvous store (MASTER_ADDR:MASTER_PORT): wrong address, firewall, multiple NICs, or the nodes started too far apart.',
    remedies: [
      'Check from every node that MASTER_ADDR:MASTER_PORT is reachable (nc -zv) and resolves to the same host.',
      'Start all nodes together, or raise the rendezvous timeout.',
    ],
    source: 'https://github.com/pytorch/pytorch/issues/105782',
    absorbsPreceding: { tags: ['connect-retry'], withinLines: 6 },
  },
  {
    id: 'DIST-CONNECT-RETRY',
    category: null,
    severity: 'warning',
    role: 'info',
    literals: ['socket has failed to connect to'],
    pattern: /The client socket has failed to connect to (?!any network address)(?<addr>\S+)/,
    meaning: 'A worker\'s attempt to reach the rendezvous store failed and is retried; it fails for good if "failed to connect to any network address" follows.',
    remedies: [],
    source: 'https://github.com/hpcaitech/Open-Sora/issues/667',
    tags: ['connect-retry'],
  },
  {
    id: 'LAUNCH-CHILD-070',
    category: 'process-abort',
    severity: 'error',
    role: 'symptom',
    literals: ['ChildFailedError'],
    pattern: /ChildFailedError/,
    meaning: 'torchrun reports that a worker process failed; its "Root Cause" section names the first observed failure.',
    remedies: ['Read the Root Cause rank\'s own output above; check the timestamps of other ranks\' errors.'],
    source: 'https://github.com/lzhxmu/CPPO/issues/6',
  },
  {
    id: 'LAUNCH-EXITCODE-SEGV',
    category: 'segfault',
    severity: 'error',
    role: 'contributing',
    // the DeepSpeed launcher reports the same as "[...] exits with return code = -11"
    literals: ['exitcode: -11', 'exits with return code = -11'],
    pattern: /failed \(exitcode: -11\) local_rank: (?<localRank>\d+)|exits with return code = -11\b/,
    meaning: 'A worker was killed by SIGSEGV: a native-extension bug, an ABI/version mismatch (NCCL, driver, libraries) or bad memory.',
    remedies: ['Reinstall consistent versions (torch, NCCL, CUDA driver)', 'Run with faulthandler / a core dump to find the crashing library.'],
    source: 'https://github.com/pytorch/pytorch/issues/135486',
  },
  {
    id: 'LAUNCH-EXITCODE-ABRT',
    category: 'process-abort',
    severity: 'error',
    role: 'contributing',
    literals: ['exitcode: -6', 'exits with return code = -6'],
    pattern: /failed \(exitcode: -6\) local_rank: (?<localRank>\d+)|exits with return code = -6\b/,
    meaning: 'A worker aborted (SIGABRT), which accompanies a C++ std::terminate: an NCCL watchdog abort or a CUDA error in native code.',
    remedies: ['Find the "terminate called" or watchdog line of that rank above.'],
    source: 'https://github.com/lzhxmu/CPPO/issues/6',
  },
  {
    id: 'LAUNCH-EXITCODE-KILL',
    category: 'host-oom',
    severity: 'error',
    role: 'contributing',
    literals: ['exitcode: -9', 'Signal 9 (SIGKILL)', 'terminated with signal SIGKILL', 'exits with return code = -9'],
    pattern: /failed \(exitcode: -9\) local_rank: (?<localRank>\d+)|Signal 9 \(SIGKILL\) received|process (?<process>\d+) terminated with signal SIGKILL|exits with return code = -9\b/,
    meaning: 'A worker was killed by SIGKILL, typically the host OOM killer (or an external kill).',
    remedies: ['Check host memory (dmesg for "Out of memory", Slurm oom-kill events); lower DataLoader workers/prefetch; load checkpoints per shard.'],
    source: 'https://github.com/lmzpai/roboMamba/issues/10',
    tags: ['sigkill'],
  },
  {
    id: 'LAUNCH-EXITCODE-1',
    category: 'python-exception',
    severity: 'error',
    role: 'contributing',
    literals: ['exitcode: 1)', 'exits with return code = 1'],
    pattern: /failed \(exitcode: 1\) local_rank: (?<localRank>\d+)|exits with return code = 1\b/,
    meaning: 'A worker exited after a Python exception; its traceback is above.',
    remedies: ['Read that rank\'s traceback above this line.'],
    source: 'https://github.com/lzhxmu/CPPO/issues/6',
  },
  {
    id: 'LAUNCH-SIGTERM',
    category: null,
    severity: 'information',
    role: 'info',
    literals: ['closing signal SIGTERM'],
    pattern: /Sending process (?<pid>\d+) closing signal SIGTERM/,
    meaning: 'The launcher is stopping the healthy workers after another one failed.',
    remedies: [],
    source: 'https://github.com/OEvortex/unsloth/issues/10',
  },
  // ---- E. memory -------------------------------------------------------------------------------------------------
  {
    id: 'MEM-CUDA-OOM-080',
    category: 'cuda-oom',
    severity: 'error',
    role: 'cause',
    // cuBLAS cannot allocate its workspace when the GPU is full (CUBLAS_STATUS_ALLOC_FAILED on cublasCreate)
    literals: ['CUDA out of memory', 'HIP out of memory', 'CUDA error: out of memory', "Cuda failure 'out of memory'", 'CUBLAS_STATUS_ALLOC_FAILED'],
    pattern: /(?:CUDA|HIP) out of memory\.?(?: Tried to allocate (?<tried>[\d.]+ [KMGT]?i?B))?|CUDA error: out of memory|Cuda failure 'out of memory'|CUDA error: CUBLAS_STATUS_ALLOC_FAILED/,
    meaning: 'The GPU ran out of memory: activations, optimizer state or another process exceeded HBM (fragmentation when "reserved but unallocated" is large).',
    remedies: [
      'Lower the micro-batch size or sequence length; enable activation checkpointing.',
      'Shard more (ZeRO-3/FSDP, tensor parallelism) or offload.',
      'If reserved-but-unallocated memory is large: PYTORCH_CUDA_ALLOC_CONF=expandable_segments:True.',
      'Make sure no other process holds memory on the GPU.',
    ],
    source: 'https://github.com/murong-xu/CADS/issues/4',
  },
  {
    id: 'MEM-HOST-OOM-081',
    category: 'host-oom',
    severity: 'error',
    role: 'cause',
    literals: ['oom-kill', 'oom_kill', 'Out Of Memory', 'out of memory: Killed process', 'Out of memory: Killed process', 'invoked oom-killer', 'memory limit ('],
    // Slurm without cgroup OOM accounting: "Job|Step N exceeded memory limit (used > limit), being killed"
    pattern: /Detected \d+ oom[-_]kill event|task \d+: Out Of Memory|[Oo]ut of memory: Killed process (?<pid>\d+)|invoked oom-killer|oom-kill:constraint=|(?:Job|Step) [\d.]+ exceeded memory limit \((?<used>\d+) > (?<limit>\d+)\), being killed/,
    meaning: 'Host (CPU) RAM was exhausted and the kernel/cgroup OOM killer killed a process.',
    remedies: [
      'Fewer DataLoader workers / smaller prefetch; memory-mapped datasets.',
      'Load checkpoints per shard instead of the full state on every rank.',
      'Request more memory (--mem) and watch RSS.',
    ],
    source: 'https://github.com/ArjunaCluster/ArjunaUsers/issues/52',
    absorbsPreceding: { tags: ['sigkill'], withinLines: 5 },
  },
  {
    id: 'PROC-KILLED',
    category: 'host-oom',
    severity: 'error',
    role: 'contributing',
    literals: ['Killed', 'exit code 137', 'exit status 137'],
    pattern: /^\s*Killed\s*$|: line \d+: +\d+ Killed\b|killed by signal: Killed|exit (?:code|status):? 137\b/,
    meaning: 'A process was killed with SIGKILL; on training nodes this is usually the host OOM killer.',
    remedies: ['Check dmesg / Slurm for oom-kill events and the host memory of that node.'],
    source: 'https://github.com/ArjunaCluster/ArjunaUsers/issues/52',
    tags: ['sigkill'],
  },
  {
    id: 'MEM-SHM-BUS-082',
    category: 'shm',
    severity: 'error',
    role: 'cause',
    literals: ['Bus error', 'bus error', 'out of shared memory', 'insufficient shared memory'],
    pattern: /insufficient shared memory|out of shared memory|killed by signal: Bus error|task \d+: Bus error|Bus error \(core dumped\)/,
    meaning: 'A process (typically a DataLoader worker) got SIGBUS because /dev/shm was exhausted.',
    remedies: ['Raise the container shared memory (--shm-size=1g or --ipc=host); use fewer workers; num_workers=0 to confirm.'],
    source: 'https://github.com/open-mmlab/mmsegmentation/issues/1356',
  },
  {
    id: 'MEM-SHM-TORCH-FILE',
    category: 'shm',
    severity: 'error',
    role: 'cause',
    literals: ['to file </torch_', 'resize file </torch_', 'shared memory object </torch_'],
    pattern: /unable to (?:write to|resize) file <\/torch_[\d_]+>(?:(?: to the right size)?: (?<reason>.{0,60}))?|unable to open shared memory object <\/torch_[\d_]+> in read-write mode(?:: (?<reason2>.{0,60}))?/,
    meaning: 'PyTorch could not pass a tensor between processes (DataLoader workers, multiprocessing) through shared memory: /dev/shm is full or too small (containers default to 64 MB), or the open-file limit is reached.',
    remedies: [
      'Give the container more shared memory (--shm-size=16g or --ipc=host); fewer DataLoader workers or a smaller prefetch_factor.',
      'On "Too many open files": raise ulimit -n or use torch.multiprocessing.set_sharing_strategy("file_system").',
    ],
    source: 'https://github.com/idiap/ESLAM/issues/20',
  },
  {
    id: 'MEM-DATALOADER-EXIT',
    category: 'shm',
    severity: 'error',
    role: 'contributing',
    literals: ['exited unexpectedly'],
    pattern: /DataLoader worker \(pid\(s\) [\d, ]+\) exited unexpectedly/,
    meaning: 'A DataLoader worker died; most often shared memory or host memory ran out.',
    remedies: ['Check /dev/shm size and host memory; num_workers=0 to confirm.'],
    source: 'https://github.com/THU-DA-6D-Pose-Group/GDR-Net/issues/16',
  },
  // ---- F. CUDA / GPU hardware -------------------------------------------------------------------------------------
  {
    id: 'CUDA-ILLEGAL-090',
    category: 'cuda-illegal-access',
    severity: 'error',
    role: 'cause',
    literals: ['illegal memory access', 'illegal instruction was encountered'],
    pattern: /an illegal memory access was encountered|an illegal instruction was encountered/,
    meaning: 'A kernel accessed memory out of bounds (a kernel bug, rarely hardware); CUDA reports it asynchronously, so the stack shown may be unrelated.',
    remedies: [
      'Re-run with CUDA_LAUNCH_BLOCKING=1 or compute-sanitizer to find the kernel.',
      'If it follows one node around, run DCGM diagnostics on it.',
    ],
    source: 'https://github.com/Bing-su/adetailer/issues/346',
  },
  {
    id: 'CUDA-ASSERT-091',
    category: 'device-assert',
    severity: 'error',
    role: 'cause',
    literals: ['device-side assert', 'Device-side assertion', 'Assertion `'],
    pattern: /device-side assert triggered|Device-side assertion `|block: \[\d+,\d+,\d+\], thread: \[\d+,\d+,\d+\] Assertion `/,
    meaning: 'An index check inside a GPU kernel failed, e.g. a token or label id outside the embedding or vocabulary range.',
    remedies: ['Run with CUDA_LAUNCH_BLOCKING=1 (or on CPU) to get the failing op; check token ids < vocab size and label ranges.'],
    source: 'https://github.com/szc19990412/TransMIL/issues/28',
  },
  {
    id: 'GPU-ECC-092',
    category: 'ecc',
    severity: 'error',
    role: 'cause',
    literals: ['ncorrectable ECC error', 'ECC error encountered'],
    pattern: /uncorrectable ECC error/i,
    meaning: 'The GPU hit an uncorrectable memory (ECC) error.',
    remedies: ['Reset the GPU (nvidia-smi -r) or reboot; check nvidia-smi -q ECC / remapped rows; repeated errors mean RMA.'],
    source: 'https://github.com/stas00/ml-engineering/blob/master/compute/accelerator/nvidia/debug.md',
  },
  {
    id: 'GPU-XID-093',
    category: 'xid',
    severity: 'error',
    role: 'cause',
    literals: ['Xid ('],
    pattern: /NVRM: Xid \((?:PCI:)?(?<pci>[0-9a-fA-F:.]+)\): (?<xid>\d+),\s*(?<detail>.{0,120})/,
    meaning: 'The NVIDIA driver reported an Xid event; its number says which kind of fault (see the Xid table).',
    remedies: ['Look up the Xid number; critical ones need a GPU reset or drain.'],
    source: 'https://docs.nvidia.com/deploy/xid-errors/index.html',
    distinctBy: ['xid'],
  },
  {
    id: 'GPU-XID-LEGACY',
    category: 'xid',
    severity: 'error',
    role: 'cause',
    // the pattern has `XID \d`
    literals: DIGITS.map((d) => `XID ${d}`),
    pattern: /\bXID (?<xid>\d+) (?<detail>.{0,120})/,
    meaning: 'The NVIDIA driver reported an Xid event (older "XID n" wording); its number says which kind of fault.',
    remedies: ['Look up the Xid number; critical ones need a GPU reset or drain.'],
    source: 'https://docs.nvidia.com/deploy/dynamic-page-retirement/visibility.html',
    distinctBy: ['xid'],
  },
  {
    id: 'GPU-OFF-BUS',
    category: 'xid',
    severity: 'error',
    role: 'cause',
    literals: ['fallen off the bus'],
    pattern: /fallen off the bus/,
    meaning: 'The GPU dropped off the PCIe bus (Xid 79): a hardware, power, thermal or driver fault.',
    remedies: ['Drain the node; check PCIe and kernel logs, reseat or replace the GPU; collect nvidia-bug-report.sh.'],
    source: 'https://modal.com/docs/guide/gpu-health',
  },
  {
    id: 'GPU-NVLINK-094',
    category: 'nvlink',
    severity: 'error',
    role: 'cause',
    literals: ['NvlinkUncorrectable', 'uncorrectable NVLink error'],
    pattern: /cudaErrorNvlinkUncorrectable|uncorrectable NVLink error/,
    meaning: 'An uncorrectable NVLink error was detected.',
    remedies: ['Reset the GPU or reboot; check nvidia-smi nvlink -e counters; repeated errors need hardware service.'],
    source: 'https://github.com/stas00/ml-engineering/blob/master/compute/accelerator/nvidia/debug.md',
  },
  // ---- G. storage -------------------------------------------------------------------------------------------------
  {
    id: 'IO-DISK-100',
    category: 'disk-full',
    severity: 'error',
    role: 'cause',
    literals: ['No space left on device', 'Disk quota exceeded'],
    // /dev/shm and PyTorch's shared-memory files (/torch_<pid>_<n>) filling up is shm, not the disk
    pattern: /^(?!.*(?:\/dev\/shm|<\/torch_\d)).*(?:No space left on device|Disk quota exceeded)/,
    meaning: 'The file system (or quota) is full; the write of a checkpoint or log failed.',
    remedies: ['Free space or raise the quota before saving; keep only the latest local checkpoints and offload older ones; check df before each save.'],
    source: 'https://github.com/BinItAI/visdet/issues/95',
  },
  {
    id: 'IO-CKPT-WRITE',
    category: 'checkpoint-io',
    severity: 'error',
    role: 'cause',
    // "unexpected pos A vs B": the zip writer's end-of-file check after a short write
    literals: ['PytorchStreamWriter failed', 'cannot be opened', 'failed with Input/output error', 'unexpected pos'],
    pattern: /PytorchStreamWriter failed writing file|File \S+ cannot be opened|write\(\): fd \d+ failed with Input\/output error|inline_container\.cc:\d+\] \. ?unexpected pos \d+ vs \d+/,
    meaning: 'Writing a checkpoint file failed (often the disk or quota is full, or the storage is saturated).',
    remedies: ['Check free space and quota on the checkpoint path (df, quota); save asynchronously or to faster storage; keep fewer checkpoints.'],
    source: 'https://github.com/hiyouga/LlamaFactory/issues/1223',
  },
  {
    id: 'IO-CKPT-READ',
    category: 'checkpoint-io',
    severity: 'error',
    role: 'cause',
    literals: ['PytorchStreamReader failed reading', 'unexpected EOF'],
    pattern: /PytorchStreamReader failed reading (?:zip archive: (?<reason>[^\n]{0,80})|file \S+)|unexpected EOF, expected \d+ more bytes\. The file might be corrupted/,
    meaning: 'A checkpoint file is truncated or corrupt (an earlier save was cut short by a full disk, a quota or a killed job, or a download did not finish), so it cannot be loaded.',
    remedies: ['Resume from the previous complete checkpoint; check free space before saving and write checkpoints to a temporary name, renaming when complete.'],
    source: 'https://github.com/open-mmlab/mmdetection/issues/4835',
  },
  // ---- H. Slurm ---------------------------------------------------------------------------------------------------
  {
    id: 'SLURM-PREAMBLE',
    category: null,
    severity: 'information',
    role: 'info',
    literals: ['Force Terminated', 'Job step aborted'],
    pattern: /srun: (?:Force Terminated job|Job step aborted)/,
    meaning: 'srun is terminating the job step; the reason follows.',
    remedies: [],
    source: 'https://github.com/desihub/desitarget/issues/628',
    tags: ['slurm-preamble'],
  },
  {
    id: 'SLURM-TIMELIMIT-110',
    category: 'slurm-timeout',
    severity: 'error',
    role: 'cause',
    literals: ['DUE TO TIME LIMIT'],
    pattern: /\*\*\* (?:JOB|STEP) (?<job>[\d.]+) ON (?<node>\S+) CANCELLED AT (?<at>\S+) DUE TO TIME LIMIT/,
    meaning: 'Slurm killed the job at its time limit.',
    remedies: ['Checkpoint regularly and resubmit with #SBATCH --requeue / resume; set --time with margin for the final save.'],
    source: 'https://github.com/NVIDIA/JAX-Toolbox/pull/398',
    absorbsPreceding: { tags: ['slurm-preamble'], withinLines: 4 },
  },
  {
    // the same failure under PBS/Torque (category named after Slurm, the contract's scheduler)
    id: 'PBS-WALLTIME',
    category: 'slurm-timeout',
    severity: 'error',
    role: 'cause',
    literals: ['killed: walltime'],
    pattern: /PBS: job killed: walltime (?<used>\d+) exceeded limit (?<limit>\d+)/,
    meaning: 'PBS/Torque killed the job at its walltime limit.',
    remedies: ['Checkpoint regularly and resubmit to resume; request a walltime (-l walltime=) with margin for the final save.'],
    source: 'https://github.com/marbl/canu/issues/1214',
  },
  {
    id: 'SLURM-NODEFAIL-111',
    category: 'slurm-node-fail',
    severity: 'error',
    role: 'cause',
    literals: ['NODE FAILURE', 'Node failure on', 'NODE_FAIL'],
    pattern: /DUE TO NODE FAILURE|Node failure on (?<node>\S+)|Failed, Run time \S+, NODE_FAIL/,
    meaning: 'A node of the allocation failed (hardware, reboot, lost contact with slurmctld).',
    remedies: ['Exclude the node (--exclude) and check its health (Xids, DCGM); requeue from the last checkpoint.'],
    source: 'https://github.com/NVIDIA/JAX-Toolbox/pull/398',
    absorbsPreceding: { tags: ['slurm-preamble'], withinLines: 4 },
  },
  {
    id: 'SLURM-EXIT-113',
    category: 'python-exception',
    severity: 'error',
    role: 'contributing',
    literals: ['Exited with exit code'],
    pattern: /srun: error: (?<node>\S+): tasks? (?<task>[\d,-]+): Exited with exit code (?<code>\d+)/,
    meaning: 'The first task to exit with a non-zero code is the origin; tasks "Terminated"/"Killed" afterwards were stopped by srun.',
    remedies: ['Read that task\'s output just before this line.'],
    source: 'https://github.com/aertslab/pySCENIC/issues/456',
  },
  {
    id: 'SLURM-TERMINATED',
    category: 'process-abort',
    severity: 'warning',
    role: 'symptom',
    literals: [': Terminated', ': Killed'],
    pattern: /srun: error: (?<node>\S+): tasks? (?<task>[\d,-]+): (?:Terminated|Killed)/,
    meaning: 'srun stopped these tasks after the step was cancelled or another task failed.',
    remedies: ['Look for the first failing task or the cancellation reason.'],
    source: 'https://github.com/desihub/desitarget/issues/628',
  },
  // ---- I. numerics ------------------------------------------------------------------------------------------------
  {
    id: 'NUM-NAN-120',
    category: 'nan-loss',
    severity: 'error',
    role: 'cause',
    literals: ['found NaN in', 'found Inf in'],
    pattern: /found (?:NaN|Inf) in local grad norm/,
    meaning: 'Gradients became NaN/Inf before the data-parallel reduction (bad batch, LR/precision instability).',
    remedies: ['Inspect or skip the batch; lower the learning rate; prefer bf16 over fp16; use gradient clipping.'],
    source: 'https://github.com/NVIDIA/Megatron-LM',
  },
  {
    id: 'NUM-NAN-STOP',
    category: 'nan-loss',
    severity: 'error',
    role: 'cause',
    // DETR/DeiT-style loops print "Loss is nan, stopping training"; detectron2 raises FloatingPointError
    literals: ['nan, stopping', 'inf, stopping', 'Loss became infinite or NaN'],
    pattern: /[Ll]oss is (?:nan|inf|-inf), stopping training|Loss became infinite or NaN at iteration=(?<iteration>\d+)/,
    meaning: 'The training loop stopped itself because the loss became NaN or infinite.',
    remedies: ['Restart from the last good checkpoint with a lower learning rate or longer warm-up; prefer bf16 over fp16; check the data and labels of the last batches.'],
    source: 'https://github.com/facebookresearch/detectron2/issues/214',
  },
  {
    id: 'NUM-NAN-GRAD-NORM',
    category: 'nan-loss',
    severity: 'error',
    role: 'cause',
    literals: ['Bad grad_norm'],
    pattern: /Bad grad_norm detected \(grad_norm=(?<gradNorm>[-+]?(?:nan|inf))\)/i,
    meaning: 'The gradient norm is NaN/Inf: the step is skipped, and the loss is usually NaN from here on (bad batch, LR/precision instability).',
    remedies: ['Inspect or skip the batch; lower the learning rate; prefer bf16 over fp16; restart from the last good checkpoint if it repeats.'],
    source: 'https://github.com/epfLLM/Megatron-LLM/pull/34',
  },
  {
    id: 'NUM-NAN-LOSS-TEXT',
    category: 'nan-loss',
    severity: 'error',
    role: 'cause',
    // `=nan`/`=inf` spelled with what the pattern allows before the `=` (the old 4-character `=nan` also let a
    // line through when it held `loss:nan` plus an unrelated `x=nan`; `loss:nan` alone never had a literal)
    literals: [': nan', ': NaN', '= nan', ': inf', ': Inf', '= inf', ': -inf', ...BEFORE_LOSS_EQUALS.flatMap((c) => [`${c}=nan`, `${c}=inf`])],
    pattern: /\b[Ll]oss\b['"]?\s*[:=]\s*[-+]?(?:nan|NaN|inf|Inf)\b/,
    meaning: 'The training loss is NaN or infinite: the model diverged or a batch produced non-finite values.',
    remedies: ['Restart from the last good checkpoint with a lower learning rate; prefer bf16 over fp16; check the data around this step.'],
    source: 'https://github.com/huggingface/transformers/pull/35207',
  },
  {
    id: 'NUM-OVERFLOW-121',
    category: 'grad-overflow',
    severity: 'information',
    role: 'info',
    // apex amp (and its copies) print the scale after halving: "reducing loss scale to" the next attempted scale
    literals: ['OVERFLOW!', 'Overflow detected', 'Grad overflow on iteration', 'loss scale to'],
    pattern: /OVERFLOW! Rank (?<rank>\d+) Skipping step\. Attempted loss scale: (?<scale>[\d.e+]+)|(?:Overflow detected\. Skipping step\. Attempted loss scale: |Gradient overflow\.\s+Skipping step, loss scaler \d+ reducing loss scale to |overflow detected, setting loss scale to: )(?<scale2>\d[\d.]*(?:e[-+]?\d+)?)|Grad overflow on iteration (?<iter>\d+)/,
    meaning: 'fp16 dynamic loss scaling skipped a step because gradients overflowed; a burst at the start is normal, repeated overflows at a small scale are not.',
    remedies: ['Switch to bf16; lower the learning rate; check the data; restart from an earlier checkpoint if the scale keeps falling.'],
    source: 'https://github.com/deepspeedai/DeepSpeed/issues/931',
  },
  {
    id: 'NUM-SCALE-MIN-122',
    category: 'grad-overflow',
    severity: 'error',
    role: 'cause',
    literals: ['loss scale already at minimum', 'loss scale reached'],
    pattern: /loss scale already at minimum|Minimum loss scale reached/,
    meaning: 'fp16 loss scaling gave up: gradients are Inf/NaN at every scale (the model diverged or fp16 range is exceeded).',
    remedies: ['Train in bf16; lower the learning rate; check the data; restart from an earlier checkpoint.'],
    source: 'https://github.com/ymcui/Chinese-LLaMA-Alpaca/issues/534',
  },
  // ---- J. process crashes -----------------------------------------------------------------------------------------
  {
    id: 'PY-SEGV-131',
    category: 'segfault',
    severity: 'error',
    role: 'cause',
    literals: ['Segmentation fault', 'SIGSEGV'],
    // glog / absl failure handlers: "*** SIGSEGV (@0x0) received by PID N" and "*** SIGSEGV received at time="
    pattern: /Segmentation fault|<Signals\.SIGSEGV: 11>|Signal 11 \(SIGSEGV\)|process \d+ terminated with signal SIGSEGV|\*\*\* SIGSEGV (?:\(@0x[0-9a-f]+\) )?received (?:by PID|at time=)/,
    meaning: 'A process crashed with a segmentation fault: a native-extension bug, an ABI/version mismatch, or bad memory.',
    remedies: ['Reinstall consistent versions (torch, NCCL, driver, extensions); enable faulthandler or a core dump; try another node.'],
    source: 'https://github.com/pytorch/pytorch/issues/135486',
  },
  {
    id: 'PROC-TERMINATE',
    category: 'process-abort',
    severity: 'error',
    // a symptom: the abort echoes an error printed just before it or in its what() (a watchdog timeout, a CUDA
    // error); alone it is still the root cause
    role: 'symptom',
    // c10::DistBackendError is excluded: its what() (the next line) is a watchdog timeout or NCCL error that has
    // its own signature, and the abort only echoes it. Bash reports a job killed by SIGABRT as
    // "<script>: line N: <pid> Aborted   (core dumped) <command>", its status padded with spaces.
    literals: ['terminate called', 'Fatal Python error: Aborted', 'Signal 6 (SIGABRT)', 'Aborted  ', 'Aborted (core dumped)', 'terminated with signal SIGABRT'],
    pattern: /terminate called (?:after throwing an instance of '(?!c10::DistBackendError')(?<what>[^']+)'|without an active exception)|Fatal Python error: Aborted|Signal 6 \(SIGABRT\)|: line \d+: +\d+ Aborted +|^\s*Aborted \(core dumped\)\s*$|process \d+ terminated with signal SIGABRT/,
    meaning: 'A C++ exception escaped (std::terminate) and the process aborted; the message after "what():" or just before says why.',
    remedies: ['Read the "what():" text or the watchdog/CUDA error printed next to it.'],
    source: 'https://github.com/NVIDIA/Megatron-LM/issues/935',
  },
  {
    id: 'PY-DEVICE-MISMATCH',
    category: 'python-exception',
    severity: 'error',
    role: 'contributing',
    literals: ['tensors to be on the same device'],
    pattern: /Expected all tensors to be on the same device, but found at least two devices, (?<devices>\S+ and [^!\s]+)/,
    meaning: 'An operation mixed tensors on different devices (a tensor left on the CPU or on another GPU): a bug in device placement, often after changing device_map or the number of visible GPUs.',
    remedies: ['Move every input, buffer and label to the model\'s device (tensor.to(device)); check device_map / CUDA_VISIBLE_DEVICES and LOCAL_RANK use.'],
    source: 'https://github.com/minghaochen/chatglm3-base-tuning/issues/8',
  },
  // ---- K. configuration errors ------------------------------------------------------------------------------------
  {
    id: 'CFG-MEGATRON-140',
    category: 'config-mismatch',
    severity: 'error',
    role: 'cause',
    literals: ['CUDA_DEVICE_MAX_CONNECTIONS to 1'],
    pattern: /requires setting the environment variable CUDA_DEVICE_MAX_CONNECTIONS to 1/,
    meaning: 'Megatron needs CUDA_DEVICE_MAX_CONNECTIONS=1 for sequence parallelism / async gradient all-reduce.',
    remedies: ['export CUDA_DEVICE_MAX_CONNECTIONS=1 in the launch script.'],
    source: 'https://github.com/NVIDIA/Megatron-LM',
  },
  {
    id: 'CFG-DIVISIBILITY',
    category: 'config-mismatch',
    severity: 'error',
    role: 'cause',
    literals: ['assert ', 'divisible'],
    pattern: /assert .*%\s*\S*(?:parallel|_size|world|num_|batch)\S*\s*==\s*0|(?:is not|must be|should be) divisible by/,
    meaning: 'A size in the configuration does not divide evenly by a parallelism degree (e.g. layers by pipeline stages, heads by tensor parallel size).',
    remedies: ['Pick parallel sizes that divide the model dimensions (layers % PP, heads % TP, GBS % (MBS x DP)).'],
    source: 'https://github.com/NVIDIA/Megatron-LM',
  },
  {
    id: 'CFG-DS-BATCH',
    category: 'config-mismatch',
    severity: 'error',
    role: 'cause',
    literals: ['train_batch_size is not equal'],
    pattern: /Check batch related parameters\. train_batch_size is not equal to micro_batch_per_gpu \* gradient_acc_step \* world_size ?(?<sizes>\d+ != \d+ \* \d+ \* \d+)?/,
    meaning: 'DeepSpeed\'s batch sizes do not agree: train_batch_size must equal micro batch per GPU x gradient accumulation steps x data-parallel world size.',
    remedies: ['Set only two of train_batch_size / train_micro_batch_size_per_gpu / gradient_accumulation_steps (or "auto") and let the third follow from the world size.'],
    source: 'https://github.com/deepspeedai/DeepSpeed/issues/6914',
  },
  {
    id: 'CFG-STATE-DICT',
    category: 'config-mismatch',
    severity: 'error',
    role: 'cause',
    literals: ['state_dict for'],
    pattern: /Error\(s\) in loading state_dict for (?<model>\w+)/,
    meaning: 'The checkpoint does not fit the model: parameter names or shapes differ, so the model was built with a different configuration than the one that saved the checkpoint.',
    remedies: ['Build the model with the checkpoint\'s configuration (hidden size, layers, vocab, heads); check the checkpoint path; convert the checkpoint format if it came from another framework.'],
    source: 'https://github.com/malllabiisc/InteractE/issues/5',
  },
  {
    id: 'CFG-STATE-DICT-SHAPE',
    category: 'config-mismatch',
    severity: 'error',
    // some loaders only warn and go on with the mismatched parameters left as initialised
    role: 'contributing',
    literals: ['param with shape'],
    pattern: /size mismatch for (?<param>\S+): copying a param with shape (?<checkpoint>torch\.Size\(\[[\d, ]*\]\)) from checkpoint, the shape in current model is (?<model>torch\.Size\(\[[\d, ]*\]\))/,
    meaning: 'A checkpoint parameter has a different shape than the model\'s: the model configuration differs from the one the checkpoint was saved with.',
    remedies: ['Build the model with the checkpoint\'s configuration; if the head is meant to differ (fine-tuning to new classes), drop those keys before loading.'],
    source: 'https://github.com/Deci-AI/super-gradients/issues/1476',
  },
  {
    id: 'CFG-HF-UNUSED-ARGS',
    category: 'config-mismatch',
    severity: 'error',
    role: 'cause',
    literals: ['HfArgumentParser: '],
    pattern: /Some specified arguments are not used by the HfArgumentParser: (?<args>\[[^\]]{0,160}\]?)/,
    meaning: 'The launch command passes arguments the training script does not define (a renamed or removed option, a typo, or a stray line break in the shell script).',
    remedies: ['Rename or drop the listed arguments to match the script\'s dataclasses (check the framework\'s changelog for renamed options); check the launch script\'s line continuations.'],
    source: 'https://github.com/hiyouga/LlamaFactory/issues/1906',
  },
  {
    id: 'CFG-DEPRECATED-ENV-141',
    category: 'config-mismatch',
    severity: 'warning',
    role: 'info',
    literals: ['is deprecated; use'],
    pattern: /Environment variable (?<old>\w+) is deprecated; use (?<new>\w+) instead/,
    meaning: 'An environment variable was renamed; the old name may stop working.',
    remedies: ['Rename the variable in the launch script.'],
    source: 'https://github.com/goodfire-ai/spd/pull/250',
    distinctBy: ['old'],
  },
];

/** Signature ids used by the analyzer's own logic (block parsers, preambles). */
export const SIGNATURE_IDS = {
  timeoutProgress: 'NCCL-TIMEOUT-001-PROGRESS',
  watchdog: 'NCCL-TIMEOUT-001',
  childFailed: 'LAUNCH-CHILD-070',
  overflow: 'NUM-OVERFLOW-121',
  xid: 'GPU-XID-093',
} as const;

/** Xid numbers -> category and criticality, per NVIDIA's catalog as compiled in the reference. */
export interface XidEntry {
  xid: number;
  name: string;
  category: LogCategory;
  critical: boolean;
  action: string;
  source: string;
}

const XID_SRC = 'https://modal.com/docs/guide/gpu-health';
const XID_CATALOG = 'https://docs.nvidia.com/deploy/xid-errors/index.html';

export const XID_TABLE: XidEntry[] = [
  { xid: 8, name: 'GPU stopped processing', category: 'xid', critical: false, action: 'restart the application', source: XID_SRC },
  { xid: 13, name: 'Graphics Engine Exception', category: 'xid', critical: false, action: 'restart the application; debug with compute-sanitizer', source: XID_SRC },
  { xid: 31, name: 'GPU memory page fault (MMU fault)', category: 'xid', critical: false, action: 'debug the application unless new after a driver change', source: XID_SRC },
  { xid: 43, name: 'GPU stopped processing (reset channel verif error)', category: 'xid', critical: false, action: 'restart the application', source: XID_SRC },
  { xid: 45, name: 'Preemptive cleanup due to previous errors', category: 'xid', critical: false, action: 'look for the prior Xid', source: XID_SRC },
  { xid: 48, name: 'Double Bit ECC Error', category: 'ecc', critical: true, action: 'drain, reset the GPU or reboot', source: XID_SRC },
  { xid: 61, name: 'Internal micro-controller breakpoint', category: 'xid', critical: true, action: 'reset the GPU / reboot', source: XID_SRC },
  { xid: 62, name: 'Internal micro-controller halt', category: 'xid', critical: true, action: 'reset the GPU / reboot', source: XID_SRC },
  { xid: 63, name: 'ECC page retirement or row-remapping recording event', category: 'ecc', critical: false, action: 'reset the GPU when convenient', source: XID_SRC },
  { xid: 64, name: 'ECC page retirement or row-remapper recording failure', category: 'ecc', critical: true, action: 'reboot; repeated -> RMA', source: XID_SRC },
  { xid: 74, name: 'NVLink error', category: 'nvlink', critical: true, action: 'reset the GPU / reboot; persistent -> vendor', source: XID_SRC },
  { xid: 79, name: 'GPU has fallen off the bus', category: 'xid', critical: true, action: 'check PCIe/kernel logs; reseat/replace', source: XID_SRC },
  { xid: 92, name: 'High single-bit ECC error rate', category: 'ecc', critical: false, action: 'field diagnostics', source: XID_SRC },
  { xid: 94, name: 'Contained ECC error', category: 'ecc', critical: false, action: 'restart the affected application; reset the GPU when convenient', source: XID_SRC },
  { xid: 95, name: 'Uncontained ECC error', category: 'ecc', critical: true, action: 'reset the GPU before restarting applications', source: XID_SRC },
  { xid: 119, name: 'GSP RPC timeout', category: 'xid', critical: true, action: 'reset the GPU / power-cycle', source: XID_SRC },
  { xid: 120, name: 'GSP error', category: 'xid', critical: true, action: 'reset the GPU / power-cycle', source: XID_SRC },
  { xid: 140, name: 'Unrecovered ECC error', category: 'ecc', critical: true, action: 'drain and reset', source: XID_SRC },
  // Blackwell NVLink (NETIR = NVLink network interface, RLW = NVLink link-layer) per NVIDIA's Xid catalog;
  // the names are those the driver prints. Lower confidence: not in the compiled table of the reference.
  { xid: 145, name: 'NVLink RLW error', category: 'nvlink', critical: false, action: 'monitor; reset the GPU if it repeats', source: XID_CATALOG },
  { xid: 149, name: 'NVLink NETIR error', category: 'nvlink', critical: true, action: 'reset the GPU / reboot; check the NVLink fabric', source: XID_CATALOG },
  { xid: 154, name: 'GPU recovery action changed', category: 'xid', critical: true, action: 'follow the new recovery action (reset / reboot / drain)', source: XID_SRC },
];

/** NCCL transport seen in `Channel ... via X` lines and `Using network X` lines (reference §L). */
export interface TransportPattern {
  id: 'P2P/CUMEM' | 'P2P/IPC' | 'P2P' | 'SHM' | 'NET/IB' | 'NET/Libfabric' | 'NET/Socket' | 'NVLS' | 'CollNet';
  /** Substring of the line after "via " (or of "Using network ..."). */
  match: RegExp;
  meaning: string;
  /** Whether seeing it on a multi-node NVLink/IB cluster is suspicious. */
  suspicious?: string;
  source: string;
}

export const NCCL_TRANSPORTS: TransportPattern[] = [
  { id: 'P2P/CUMEM', match: /via P2P\/CUMEM|via P2P\/direct/, meaning: 'NVLink/PCIe peer-to-peer through CUDA memory handles', source: 'https://huggingface.co/spaces/HuggingFaceTB/smol-training-playbook' },
  { id: 'P2P/IPC', match: /via P2P\/IPC/, meaning: 'peer-to-peer through CUDA IPC', source: 'https://github.com/NVIDIA/nccl-tests/issues/188' },
  { id: 'SHM', match: /via SHM\//, meaning: 'host shared memory between GPUs of one node', suspicious: 'GPUs on one node talk through host shared memory instead of NVLink/P2P (slow on NVLink nodes; check NCCL_P2P_DISABLE / container IPC).', source: 'https://github.com/NVIDIA/nccl/issues/1232' },
  { id: 'NET/IB', match: /via NET\/IB|Using network IB/, meaning: 'InfiniBand/RoCE verbs (GPUDirect RDMA when GDRDMA is shown)', source: 'https://github.com/NVIDIA/nccl/issues/1589' },
  { id: 'NET/Libfabric', match: /via NET\/Libfabric|via NET\/AWS Libfabric|Using network AWS Libfabric|Using network Libfabric/, meaning: 'AWS EFA through libfabric', source: 'https://github.com/aws/aws-ofi-nccl/issues/161' },
  { id: 'NET/Socket', match: /via NET\/Socket|Using network Socket/, meaning: 'TCP sockets', suspicious: 'inter-node traffic went over TCP sockets: on an InfiniBand or EFA cluster that is orders of magnitude slower (the IB/OFI plugin did not load).', source: 'https://github.com/NVIDIA/nccl/issues/1232' },
];

/** Literal and pattern for NCCL lines that reveal the transport and the environment in effect. */
export const NCCL_CONTEXT_LINES = {
  transportLiterals: [' via ', 'Using network '],
  envLiteral: 'set by environment to',
  envPattern: /NCCL INFO (?<name>[A-Z][A-Z0-9_]+) set by environment to (?<value>[^\s.][^\s]*?)\.?\s*$/,
  versionLiteral: 'NCCL version',
  versionPattern: /NCCL version (?<version>\d+\.\d+\.\d+)/,
  source: 'https://gist.github.com/djberenberg/bf9551ab1bda8797caff6d48d51c5374',
};

/**
 * Numeric heuristics over progress lines and overflow messages. These thresholds are ours (the reference says
 * no framework prints a "spike" line); the sources are where the behaviour they detect is described.
 */
/**
 * Ranks that time out in different collectives (another OpType or another element count) are not waiting for a
 * slow rank: their code took different paths, so the sequence numbers do not point at a culprit.
 */
export const COLLECTIVE_DESYNC = {
  meaning: 'code-path divergence / desync: the ranks issued different collectives, so no rank is merely behind',
  remedies: [
    'Find the code path that differs between ranks: a rank-conditional eval, log or save that calls a collective, a data-dependent branch, or ranks with a different number of batches (end of epoch, uneven shards).',
    'Run with TORCH_DISTRIBUTED_DEBUG=DETAIL: it checks that ranks call matching collectives and reports the culprit rank of a desync.',
  ],
  source: 'https://pytorch.org/docs/stable/distributed.html#debugging-torch-distributed-applications',
};

export const LOG_HEURISTICS = {
  /** fp16 overflows at an attempted loss scale at or below this are treated as divergence, not warm-up. */
  overflowSuspiciousScale: { value: 256, source: 'https://github.com/deepspeedai/DeepSpeed/issues/931' },
  /** DeepSpeed `step=N, skipped=K`: K/N above this (after `minSteps`) means the model is not training. */
  skippedStepFraction: { value: 0.5, minSteps: 100, source: 'https://github.com/huggingface/transformers/issues/14531' },
  /** Loss above `factor` x running median of the previous `window` points (at least `minPoints`). */
  lossSpike: { factor: 1.5, minAbsoluteJump: 0.5, window: 20, minPoints: 5, source: 'https://github.com/huggingface/transformers/pull/35207' },
  /** Grad norm above `factor` x running median of the previous points. */
  gradNormSpike: { factor: 5, window: 20, minPoints: 3, source: 'https://github.com/huggingface/transformers/pull/35207' },
  /** Step time above `factor` x running median: a throughput drop (slow node, throttling, checkpoint stall). */
  throughputDrop: { factor: 1.5, window: 20, minPoints: 5, source: 'https://huggingface.co/spaces/HuggingFaceTB/smol-training-playbook' },
};

/** torchrun/launcher exit codes: negative = killed by that signal (reference LAUNCH-CHILD-070). */
export const EXIT_CODE_CATEGORIES: Array<{ code: number; signal: string; category: LogCategory; role: CausalRole; meaning: string; remediesOf: string; source: string }> = [
  { code: -6, remediesOf: 'PROC-TERMINATE', signal: 'SIGABRT', category: 'process-abort', role: 'contributing', meaning: 'aborted (SIGABRT), which accompanies a C++ std::terminate such as an NCCL watchdog abort or a CUDA error in native code', source: 'https://github.com/lzhxmu/CPPO/issues/6' },
  { code: -7, remediesOf: 'MEM-SHM-BUS-082', signal: 'SIGBUS', category: 'shm', role: 'contributing', meaning: 'got a bus error (SIGBUS), usually exhausted /dev/shm', source: 'https://github.com/open-mmlab/mmsegmentation/issues/1356' },
  { code: -9, remediesOf: 'MEM-HOST-OOM-081', signal: 'SIGKILL', category: 'host-oom', role: 'contributing', meaning: 'was killed (SIGKILL), typically by the host OOM killer or an external kill', source: 'https://github.com/lzhxmu/CPPO/issues/6' },
  { code: -11, remediesOf: 'PY-SEGV-131', signal: 'SIGSEGV', category: 'segfault', role: 'contributing', meaning: 'crashed with a segmentation fault (SIGSEGV)', source: 'https://github.com/pytorch/pytorch/issues/135486' },
  { code: 1, remediesOf: 'LAUNCH-EXITCODE-1', signal: 'exit 1', category: 'python-exception', role: 'contributing', meaning: 'exited after a Python exception (its traceback is above)', source: 'https://github.com/lzhxmu/CPPO/issues/6' },
];

/** Events found by numeric checks over progress lines rather than by a message. */
export const PROGRESS_CHECKS: Record<
  'nan-loss' | 'loss-missing' | 'loss-spike' | 'grad-norm-spike' | 'skipped-majority' | 'throughput-drop' | 'restart',
  { id: string; category: LogCategory | null; role: CausalRole; severity: EventSeverity; remedies: string[]; source: string }
> = {
  'nan-loss': {
    id: 'PROGRESS-NAN-LOSS', category: 'nan-loss', role: 'cause', severity: 'error',
    remedies: ['Restart from the last good checkpoint with a lower learning rate; prefer bf16 over fp16; inspect the batch at that step.'],
    source: 'https://github.com/huggingface/transformers/pull/35207',
  },
  'loss-missing': {
    id: 'PROGRESS-LOSS-MISSING', category: 'nan-loss', role: 'cause', severity: 'error',
    remedies: ['Restart from the last good checkpoint with a lower learning rate; enable --check-for-nan-in-loss-and-grad; inspect the batch at that iteration.'],
    source: 'https://github.com/epfLLM/Megatron-LLM/issues/11',
  },
  'loss-spike': {
    id: 'PROGRESS-LOSS-SPIKE', category: 'loss-spike', role: 'contributing', severity: 'warning',
    remedies: ['Check the data around that step; lower the learning rate or warm up longer; gradient clipping; skip the bad batch and resume.'],
    source: 'https://github.com/huggingface/transformers/pull/35207',
  },
  'grad-norm-spike': {
    id: 'PROGRESS-GRAD-NORM-SPIKE', category: 'grad-norm-spike', role: 'contributing', severity: 'warning',
    remedies: ['Check the batch at that step; keep gradient clipping on (max_grad_norm); lower the learning rate if spikes repeat.'],
    source: 'https://github.com/huggingface/transformers/pull/35207',
  },
  'skipped-majority': {
    id: 'PROGRESS-SKIPPED-MAJORITY', category: 'grad-overflow', role: 'cause', severity: 'error',
    remedies: ['Train in bf16 (fp16 overflows on this model); lower the learning rate; check the data.'],
    source: 'https://github.com/huggingface/transformers/issues/14531',
  },
  'throughput-drop': {
    id: 'PROGRESS-THROUGHPUT-DROP', category: null, role: 'info', severity: 'warning',
    remedies: ['Compare per-rank step times to find a slow node; check GPU clocks/throttling (DCGM) and checkpoint or eval stalls at those steps.'],
    source: 'https://huggingface.co/spaces/HuggingFaceTB/smol-training-playbook',
  },
  restart: {
    id: 'PROGRESS-RESTART', category: null, role: 'info', severity: 'information',
    remedies: [],
    source: 'https://github.com/lzhxmu/CPPO/issues/6',
  },
};
