import type { Severity } from '../types';
import { ENV_SOURCES as S } from './env-sources';

/**
 * Env settings that are valid but expensive or dangerous, judged against the active cluster (reference
 * nccl-env.md §4, §5, §7). A condition is data: which variable, which values, on which kind of cluster. The
 * rules in core/env/rules read this table; figures are measurements with their source.
 */

export type IntraNodeLinkKind = 'nvlink' | 'pcie';
export type FabricKind = 'infiniband' | 'efa' | 'roce' | 'ethernet';

/** A test on one variable's resolved value (compared trimmed and case-insensitively). */
export type ValueTest =
  | { kind: 'any' }
  | { kind: 'equals'; values: string[] }
  | { kind: 'not-equals'; values: string[] }
  /** Integer outside [min, max]. */
  | { kind: 'outside'; min: number; max: number }
  /** Integer greater than `than`. */
  | { kind: 'greater'; than: number }
  /** Contains none of `substrings` and is not one of `except`. */
  | { kind: 'lacks'; substrings: string[]; except: string[] };

export interface ProfileTest {
  intraNode?: IntraNodeLinkKind[];
  network?: FabricKind[];
  /** NVLink SHARP available. */
  nvls?: boolean;
}

/** One measured bandwidth, with where it was measured. */
export interface Measurement {
  label: string;
  /** Only shown on clusters with this fabric (the path exists there). */
  network?: FabricKind;
  GBps: number;
  source: string;
  note: string;
}

export interface FootgunCost {
  /** What the measured comparison is. */
  metric: string;
  /** Where the "before" figure comes from: the active profile's own measurement, or a fixed measurement. */
  baseline: 'profile-in-node-send-recv' | 'profile-in-node-all-reduce' | Measurement;
  /** What the setting falls back to. */
  after: Measurement[];
}

export interface EnvFootgun {
  /** Finding code (also the rule id). */
  id: string;
  severity: Severity;
  /** Canonical variable name (legacy aliases match too), or a name prefix. */
  variable: string;
  prefix?: boolean;
  when: ValueTest;
  profile?: ProfileTest;
  /** One finding per document instead of one per assignment. */
  oncePerDocument?: boolean;
  /** Short statement of the risk; `{name}`, `{value}` and `{profile}` are filled in. */
  message: string;
  /** Extra sentences added when the value also passes a test. */
  notes?: Array<{ when: ValueTest; text: string }>;
  /** Rule documentation paragraph. */
  doc: string;
  /**
   * A measured ratio (not a bandwidth) between the default path and the fallback; hovers turn it into an
   * estimate against the profile's own per-GPU network bandwidth, labelled as such.
   */
  ratio?: { low: number; high: number; what: string; source: string };
  /** Unquantified cost as stated by the source (when there is no measurement). */
  costText?: string;
  cost?: FootgunCost;
  /** Quick fix: set this value instead (omit = offer removing the line where that is safe). */
  fixValue?: string;
  /**
   * The setting only matters between nodes: when the script shows a single-node launch, the finding drops to
   * `severity` and `text` (with `{evidence}` filled in) replaces the cost.
   */
  singleNode?: { severity: Severity; text: string };
  source: string;
}

/**
 * Launcher options that tell how many nodes a job spans, read from launch scripts to judge settings that only
 * matter between nodes (NCCL_IB_DISABLE). `node-count`: the value is the node count (`N`, elastic `MIN:MAX`,
 * Slurm `MIN-MAX`); `single-node`: the flag alone means one node; `procs-per-node`: a per-node process count
 * with no node count means the launcher's default of one node; `process-count`: total processes (one node when
 * ≤ the profile's GPUs per node); `multi-node-hint`: only meaningful across nodes (host lists, node ranks,
 * rendezvous endpoints), so implicit single-node evidence no longer counts. `slurm`: only inside `#SBATCH`
 * lines and srun/sbatch/salloc commands (elsewhere `-N` means other things, e.g. mpirun's processes per node).
 * `key=value` entries match Hydra-style overrides (`trainer.nnodes=2`).
 */
export interface LaunchNodeOption {
  names: string[];
  kind: 'node-count' | 'single-node' | 'procs-per-node' | 'process-count' | 'multi-node-hint';
  style?: 'flag' | 'key=value';
  slurm?: boolean;
  launcher: string;
  source: string;
}

export const LAUNCH_NODE_OPTIONS: readonly LaunchNodeOption[] = [
  { names: ['--nnodes'], kind: 'node-count', launcher: 'torchrun / torch.distributed.run', source: S.TORCHRUN },
  { names: ['--standalone'], kind: 'single-node', launcher: 'torchrun (single-node rendezvous)', source: S.TORCHRUN },
  { names: ['--nproc_per_node', '--nproc-per-node'], kind: 'procs-per-node', launcher: 'torchrun (--nnodes defaults to 1)', source: S.TORCHRUN },
  { names: ['--node_rank', '--node-rank', '--rdzv_endpoint', '--rdzv-endpoint', '--master_addr', '--master-addr'], kind: 'multi-node-hint', launcher: 'torchrun', source: S.TORCHRUN },
  { names: ['--num_machines', '--num-machines'], kind: 'node-count', launcher: 'accelerate launch', source: S.ACCEL },
  { names: ['--num_processes', '--num-processes'], kind: 'process-count', launcher: 'accelerate launch', source: S.ACCEL },
  { names: ['--machine_rank', '--machine-rank', '--main_process_ip', '--main-process-ip'], kind: 'multi-node-hint', launcher: 'accelerate launch', source: S.ACCEL },
  { names: ['--num_nodes', '--num-nodes'], kind: 'node-count', launcher: 'deepspeed', source: S.DSRUN },
  { names: ['--hostfile', '-H', '--hosts', '--host'], kind: 'multi-node-hint', launcher: 'deepspeed / mpirun', source: S.DSRUN },
  { names: ['--nodes', '-N'], kind: 'node-count', slurm: true, launcher: 'Slurm (#SBATCH, srun, salloc)', source: S.SLURM },
  { names: ['nnodes', 'num_nodes'], kind: 'node-count', style: 'key=value', launcher: 'Hydra override (verl trainer.nnodes, Lightning trainer.num_nodes)', source: S.VERL },
];

/** Commands that start processes on other hosts: a script running them may span nodes. */
export const MULTI_NODE_COMMANDS: readonly string[] = ['srun', 'mpirun', 'mpiexec', 'orterun', 'pdsh', 'clush', 'pssh'];

/** Send/recv between 2 GPUs of one AWS p5 node with NVLink taken away (Smol Training Playbook). */
export const P5_SENDRECV_WITHOUT_NVLINK: Measurement[] = [
  { label: 'through host memory (SHM) on an AWS p5 node', GBps: 3.24, source: S.PB, note: 'sendrecv_perf, 2 GPUs of one AWS p5 node, P2P disabled, forced through the CPU' },
  { label: 'over EFA on an AWS p5 node', network: 'efa', GBps: 38.16, source: S.PB, note: 'sendrecv_perf, 2 GPUs of one AWS p5 node, FI_PROVIDER=efa NCCL_P2P_DISABLE=1' },
];

/** Ring all-reduce over NVLink without NVLS (8x H100). */
export const RING_ALLREDUCE_NO_NVLS: Measurement = {
  label: 'Ring over NVLink (no NVLS)',
  GBps: 370,
  source: S.NT212,
  note: 'NCCL maintainer: ~370 GB/s busbw for Ring on NVLink 4 (365–370 GB/s measured in NCCL issue #1455)',
};

const NVLINK_COST: FootgunCost = {
  metric: 'send/recv between 2 GPUs of one node',
  baseline: 'profile-in-node-send-recv',
  after: P5_SENDRECV_WITHOUT_NVLINK,
};

export const ENV_FOOTGUNS: readonly EnvFootgun[] = [
  {
    id: 'nccl-p2p-disabled-on-nvlink',
    severity: 'warning',
    variable: 'NCCL_P2P_DISABLE',
    when: { kind: 'equals', values: ['1'] },
    profile: { intraNode: ['nvlink'] },
    message: '{name}={value} takes GPU-to-GPU traffic off NVLink on {profile}: NCCL falls back to host memory or the network.',
    doc: 'NCCL_P2P_DISABLE=1 turns off the P2P transport, so GPUs of one node stop talking over NVLink/NVSwitch and go through host memory (or the NIC). It is usually copied from a forum fix for a PCIe machine. On an NVLink node it costs one to two orders of magnitude of intra-node bandwidth. Remove it unless you are debugging a P2P hang.',
    cost: NVLINK_COST,
    fixValue: '0',
    source: S.PB,
  },
  {
    id: 'nccl-p2p-disabled-on-pcie',
    severity: 'information',
    variable: 'NCCL_P2P_DISABLE',
    when: { kind: 'equals', values: ['1'] },
    profile: { intraNode: ['pcie'] },
    message: '{name}={value}: GPUs of one node stop using PCIe peer-to-peer and copy through host memory (SHM) instead.',
    doc: 'On a PCIe node NCCL_P2P_DISABLE=1 routes intra-node traffic through host memory instead of direct PCIe peer-to-peer. Keep it only if P2P is known broken on these machines.',
    fixValue: '0',
    source: S.E,
  },
  {
    id: 'nccl-p2p-level-loc',
    severity: 'warning',
    variable: 'NCCL_P2P_LEVEL',
    when: { kind: 'equals', values: ['LOC', '0'] },
    profile: { intraNode: ['nvlink'] },
    message: '{name}={value} means "never use P2P": on {profile} GPU-to-GPU traffic leaves NVLink, as with NCCL_P2P_DISABLE=1.',
    doc: 'NCCL_P2P_LEVEL=LOC (legacy integer 0) disables the P2P transport just like NCCL_P2P_DISABLE=1. On an NVLink node that moves intra-node traffic off NVLink.',
    cost: NVLINK_COST,
    source: S.E,
  },
  {
    id: 'nccl-shm-disabled',
    severity: 'information',
    variable: 'NCCL_SHM_DISABLE',
    when: { kind: 'equals', values: ['1'] },
    message: '{name}={value} disables the shared-memory transport: traffic between GPUs that cannot use P2P (e.g. across CPU sockets) goes over the network instead.',
    doc: 'NCCL_SHM_DISABLE=1 removes the host-memory transport; NCCL then uses the network between CPU sockets. It is a workaround for a broken /dev/shm (containers without --shm-size), not a tuning knob.',
    source: S.E,
  },
  {
    id: 'nccl-ib-disabled',
    severity: 'warning',
    variable: 'NCCL_IB_DISABLE',
    when: { kind: 'equals', values: ['1'] },
    profile: { network: ['infiniband', 'roce'] },
    message: '{name}={value} on {profile} ({network}): NCCL stops using RDMA and sends inter-node traffic over TCP sockets (harmless only in single-node jobs).',
    doc: 'NCCL_IB_DISABLE=1 disables the InfiniBand/RoCE verbs transport; NCCL falls back to IP sockets for everything between nodes. It is a debugging switch (NVIDIA lists it under debugging variables). Harmless on a single node, very expensive on more than one.',
    costText: 'third-party Azure tests measured 27–57× higher multi-node throughput over InfiniBand than over Ethernet',
    ratio: { low: 27, high: 57, what: 'IB vs Ethernet multi-node throughput (third-party Azure tests)', source: S.AZH },
    singleNode: {
      severity: 'information',
      text: 'This script launches one node ({evidence}), so there is no inter-node traffic and it costs nothing here; remove it before the job grows to several nodes.',
    },
    fixValue: '0',
    source: S.AZH,
  },
  {
    id: 'nccl-net-socket',
    severity: 'warning',
    variable: 'NCCL_NET',
    when: { kind: 'equals', values: ['Socket'] },
    profile: { network: ['infiniband', 'roce', 'efa'] },
    message: '{name}={value} forces the TCP socket transport on {profile} ({network}), with no fallback to RDMA.',
    doc: 'NCCL_NET names the network module NCCL must use, with no silent fallback. `Socket` on an RDMA cluster sends all inter-node traffic over TCP.',
    costText: 'third-party Azure tests measured 27–57× higher multi-node throughput over InfiniBand than over Ethernet',
    ratio: { low: 27, high: 57, what: 'IB vs Ethernet multi-node throughput (third-party Azure tests)', source: S.AZH },
    source: S.E,
  },
  {
    id: 'nccl-gdr-disabled',
    severity: 'warning',
    variable: 'NCCL_NET_GDR_LEVEL',
    when: { kind: 'equals', values: ['LOC', '0'] },
    profile: { intraNode: ['nvlink'] },
    message: '{name}={value} disables GPUDirect RDMA: network traffic is staged through CPU bounce buffers.',
    doc: 'NCCL_NET_GDR_LEVEL=LOC (or legacy 0) never lets the NIC read/write GPU memory directly; every inter-node transfer is copied through host memory.',
    source: S.E,
  },
  {
    id: 'nccl-gdr-read-disabled',
    severity: 'warning',
    variable: 'NCCL_NET_GDR_READ',
    when: { kind: 'equals', values: ['0'] },
    profile: { intraNode: ['nvlink'] },
    message: '{name}={value} turns off GPUDirect RDMA on the send side on an NVLink platform, where it is on by default since NCCL 2.4.2.',
    doc: 'NCCL_NET_GDR_READ=0 makes the send side copy through host memory; NCCL enables GDR reads by default on NVLink platforms.',
    fixValue: '1',
    source: S.E,
  },
  {
    id: 'nccl-algo-forced',
    severity: 'warning',
    variable: 'NCCL_ALGO',
    when: { kind: 'any' },
    message: '{name}={value} overrides NCCL\'s per-size algorithm choice; NVIDIA classes it as a debugging setting, and since 2.24 an unknown token makes NCCL fail with no fallback to Ring.',
    doc: 'NCCL_ALGO restricts the algorithms NCCL may pick (Ring, Tree, NVLS, CollNet, PAT). Forcing one blocks auto-tuning for every message size; an Azure ND H100 v5 test at 1–8 nodes saw no consistent gain from forcing Ring or Tree. Keep it for benchmarks (NVIDIA suggests NCCL_ALGO=RING for 2-node HCA tests), not for training.',
    costText: 'no consistent benefit measured from forcing Ring or Tree on ND H100 v5 (1–8 nodes)',
    source: S.AZB,
  },
  {
    id: 'nccl-proto-forced',
    severity: 'warning',
    variable: 'NCCL_PROTO',
    when: { kind: 'any' },
    message: '{name}={value} restricts NCCL\'s protocols; NVIDIA discourages it except to disable a suspected-buggy protocol.',
    notes: [
      { when: { kind: 'equals', values: ['simple'] }, text: 'NCCL_PROTO=simple comes from old EFA recipes for aws-ofi-nccl ≤ 1.5.0; on newer stacks it needlessly removes the low-latency LL/LL128 protocols.' },
      { when: { kind: 'equals', values: ['LL128'] }, text: 'Forcing LL128 on a platform that does not support it can corrupt data.' },
    ],
    doc: 'NCCL_PROTO restricts protocols (LL, LL128, Simple). It blocks auto-tuning; forcing LL128 where unsupported can corrupt data, and `NCCL_PROTO=simple` from old EFA recipes removes the low-latency protocols small messages need.',
    source: S.E,
  },
  {
    id: 'nccl-debug-verbose',
    severity: 'warning',
    variable: 'NCCL_DEBUG',
    when: { kind: 'equals', values: ['INFO', 'TRACE'] },
    message: '{name}={value} left on: every rank writes NCCL debug logs. Use WARN in production (prints a message whenever a call fails).',
    notes: [{ when: { kind: 'equals', values: ['TRACE'] }, text: 'TRACE writes a replayable trace of every call.' }],
    doc: 'NCCL_DEBUG=INFO (and TRACE, which traces every call) is for verifying transports ("via P2P/CUMEM", "NET/IB") in a short test. Left in a training script it produces large per-rank logs; NVIDIA notes debugging settings can cause sub-optimal behaviour if kept. NCCL_DEBUG=WARN still prints an explicit message whenever a call fails.',
    costText: 'not quantified in the sources (log volume grows with the number of ranks)',
    fixValue: 'WARN',
    source: S.E,
  },
  {
    id: 'nccl-debug-file-overwritten',
    severity: 'warning',
    variable: 'NCCL_DEBUG_FILE',
    when: { kind: 'lacks', substrings: ['%h', '%p'], except: ['/dev/stdout', '/dev/stderr'] },
    message: '{name}={value} has no %h (host) or %p (PID): every process writes the same file, which is overwritten and interleaved.',
    doc: 'NCCL_DEBUG_FILE is opened for writing by every process. Without `%h`/`%p` in the name, ranks overwrite each other and the log is lost or corrupted. Use e.g. `nccl.%h.%p.log`.',
    source: S.E,
  },
  {
    id: 'nccl-ib-timeout-infinite',
    severity: 'warning',
    variable: 'NCCL_IB_TIMEOUT',
    when: { kind: 'outside', min: 1, max: 31 },
    message: '{name}={value} means an infinite IB timeout (valid range 1–31): a dead link hangs the job instead of failing.',
    doc: 'NCCL_IB_TIMEOUT sets the IB Local Ack Timeout to 4.096 µs × 2^value for values 1–31; 0 or ≥ 32 means infinite, so a broken link turns into a hang. Raise it moderately (MLPerf OCI uses 22) if you see error 12 on a very large fabric.',
    fixValue: '22',
    source: S.E,
  },
  {
    id: 'efa-min-nchannels',
    severity: 'warning',
    variable: 'NCCL_MIN_NCHANNELS',
    when: { kind: 'any' },
    profile: { network: ['efa'] },
    message: '{name}={value} on EFA: AWS says leave it at the default; extra channels shrink messages and starve EFA (only p4d/p4de need 8).',
    doc: 'On AWS EFA clusters the cheat sheet says to leave NCCL_MIN_NCHANNELS at its default: more channels than needed split messages into smaller pieces and starve EFA.',
    source: S.EFA,
  },
  {
    id: 'efa-buffsize',
    severity: 'warning',
    variable: 'NCCL_BUFFSIZE',
    when: { kind: 'any' },
    profile: { network: ['efa'] },
    message: '{name}={value} on EFA: the AWS EFA cheat sheet says to leave NCCL_BUFFSIZE at its default.',
    doc: 'The AWS EFA cheat sheet lists NCCL_BUFFSIZE among the settings to leave at the default on p4d/p5.',
    source: S.EFA,
  },
  {
    id: 'efa-socket-threads',
    severity: 'information',
    variable: 'NCCL_SOCKET_NTHREADS',
    when: { kind: 'any' },
    profile: { network: ['efa'] },
    message: '{name} tunes the TCP socket transport, which EFA traffic does not use.',
    doc: 'NCCL_SOCKET_NTHREADS and NCCL_NSOCKS_PERTHREAD tune NCCL\'s socket transport; the AWS EFA cheat sheet marks them not applicable to EFA.',
    source: S.EFA,
  },
  {
    id: 'efa-nsocks-perthread',
    severity: 'information',
    variable: 'NCCL_NSOCKS_PERTHREAD',
    when: { kind: 'any' },
    profile: { network: ['efa'] },
    message: '{name} tunes the TCP socket transport, which EFA traffic does not use.',
    doc: 'NCCL_NSOCKS_PERTHREAD tunes NCCL\'s socket transport; the AWS EFA cheat sheet marks it not applicable to EFA.',
    source: S.EFA,
  },
  {
    id: 'nccl-nchannels-per-net-peer',
    severity: 'information',
    variable: 'NCCL_NCHANNELS_PER_NET_PEER',
    when: { kind: 'greater', than: 1 },
    message: '{name}={value}: on AWS p5 =2 restored send/recv from ~21 to ~42 GB/s at ≥ 5 nodes, but it can slow all-to-all (MoE) — measure both.',
    doc: 'NCCL_NCHANNELS_PER_NET_PEER is not on NVIDIA\'s env page. The Smol Training Playbook used =2 to fix a send/recv drop beyond 4 p5 nodes, and warns it can regress all-to-all (NCCL issue #1272).',
    source: S.PB,
  },
  {
    id: 'efa-rdmav-fork-safe',
    severity: 'warning',
    variable: 'RDMAV_',
    prefix: true,
    when: { kind: 'any' },
    profile: { network: ['efa'] },
    message: '{name} is an rdma-core variable; the AWS EFA cheat sheet says not to use RDMAV_* on EFA (it can break things on newer kernels).',
    doc: 'RDMAV_FORK_SAFE and other RDMAV_* variables belong to rdma-core; AWS advises against them on EFA instances.',
    source: S.EFA,
  },
  {
    id: 'efa-device-rdma-not-needed',
    severity: 'hint',
    variable: 'FI_EFA_USE_DEVICE_RDMA',
    when: { kind: 'equals', values: ['1'] },
    profile: { network: ['efa'] },
    message: '{name}={value} is only needed for aws-ofi-nccl 1.6.x and ≤ 1.5.0; with libfabric ≥ 1.18 and aws-ofi-nccl ≥ 1.7 it is harmless but unnecessary.',
    doc: 'FI_EFA_USE_DEVICE_RDMA=1 was required by older aws-ofi-nccl releases; newer stacks enable device RDMA themselves.',
    source: S.EFA,
  },
  {
    id: 'efa-fork-safe-not-needed',
    severity: 'hint',
    variable: 'FI_EFA_FORK_SAFE',
    when: { kind: 'equals', values: ['1'] },
    profile: { network: ['efa'] },
    message: '{name}={value} has no effect on kernel ≥ 5.15, and aws-ofi-nccl sets it itself.',
    doc: 'FI_EFA_FORK_SAFE=1 is set by aws-ofi-nccl at init (`NET/OFI Setting FI_EFA_FORK_SAFE environment variable to 1`) and is not needed on kernel ≥ 5.15.',
    source: S.EFA,
  },
  {
    id: 'efa-shm-transfer-default',
    severity: 'hint',
    variable: 'FI_EFA_ENABLE_SHM_TRANSFER',
    when: { kind: 'equals', values: ['1'] },
    profile: { network: ['efa'] },
    message: '{name}={value} is already the default.',
    doc: 'FI_EFA_ENABLE_SHM_TRANSFER=1 is the default; the AWS cheat sheet lists it as not needed.',
    source: S.EFA,
  },
  {
    id: 'efa-provider-legacy',
    severity: 'hint',
    variable: 'FI_PROVIDER',
    when: { kind: 'equals', values: ['efa'] },
    profile: { network: ['efa'] },
    message: '{name}={value} is only needed for aws-ofi-nccl ≤ 1.5.0 on p4/p5.',
    doc: 'FI_PROVIDER=efa was needed by aws-ofi-nccl ≤ 1.5.0; newer plugins select EFA themselves.',
    source: S.EFA,
  },
  {
    id: 'efa-provider-slow-path',
    severity: 'warning',
    variable: 'FI_PROVIDER',
    when: { kind: 'not-equals', values: ['efa'] },
    profile: { network: ['efa'] },
    message: '{name}={value} on {profile}: libfabric uses the {value} provider instead of EFA (the playbook uses FI_PROVIDER=tcp only to force the slow host path in a benchmark).',
    doc: 'On an EFA cluster FI_PROVIDER selects the libfabric provider; anything but `efa` (e.g. `tcp`, `sockets`) moves NCCL traffic off the EFA devices.',
    source: S.PB,
  },
  {
    id: 'efa-settings-off-efa',
    severity: 'information',
    variable: 'FI_EFA_',
    prefix: true,
    oncePerDocument: true,
    when: { kind: 'any' },
    profile: { network: ['infiniband', 'roce', 'ethernet'] },
    message: 'AWS EFA settings ({name}) on {profile}, which has no EFA: they do nothing here. If this script runs on AWS, check it with the aws-p5 profile.',
    doc: 'FI_EFA_* variables configure libfabric\'s EFA provider and only matter on AWS EFA instances. On another cluster they are leftovers; their presence also suggests the active cluster profile is not the one the script was written for.',
    source: S.EFA,
  },
  {
    id: 'torch-nccl-async-error-handling-off',
    severity: 'warning',
    variable: 'TORCH_NCCL_ASYNC_ERROR_HANDLING',
    when: { kind: 'equals', values: ['0'] },
    message: '{name}={value} disables the watchdog\'s error handling: a failed or timed-out collective can hang the job forever instead of aborting it.',
    doc: 'TORCH_NCCL_ASYNC_ERROR_HANDLING=0 tells the ProcessGroupNCCL watchdog to do nothing on an error or timeout, so a dead peer turns into an indefinite hang that burns the whole allocation. The default (3) tears the process down so the job fails fast and can restart.',
    fixValue: '3',
    source: S.PTD,
  },
  {
    id: 'torch-nccl-monitoring-off',
    severity: 'warning',
    variable: 'TORCH_NCCL_ENABLE_MONITORING',
    when: { kind: 'equals', values: ['0', 'false'] },
    message: '{name}={value} disables the heartbeat monitor: a stuck watchdog is never detected and the job hangs instead of being killed.',
    doc: 'TORCH_NCCL_ENABLE_MONITORING=0 turns off the thread that kills the process when the NCCL watchdog itself is stuck; failures then become indefinite hangs.',
    fixValue: '1',
    source: S.PTD,
  },
  {
    id: 'torch-nccl-blocking-wait',
    severity: 'information',
    variable: 'TORCH_NCCL_BLOCKING_WAIT',
    when: { kind: 'equals', values: ['1', 'true'] },
    message: '{name}={value}: every wait() blocks the host; PyTorch notes blocking wait has a performance overhead while async error handling has little or none.',
    doc: 'TORCH_NCCL_BLOCKING_WAIT=1 makes `wait()` block and raise on timeout. The default asynchronous error handling gives the same fail-fast behaviour with less host overhead.',
    source: S.PR46879,
  },
  {
    id: 'torch-flight-recorder-off',
    severity: 'information',
    variable: 'TORCH_NCCL_TRACE_BUFFER_SIZE',
    when: { kind: 'equals', values: ['0'] },
    message: '{name}={value} disables the flight recorder: after a hang the logs say "Stack trace of the failed collective not found".',
    doc: 'TORCH_NCCL_TRACE_BUFFER_SIZE=0 disables PyTorch\'s NCCL flight recorder, the ring buffer that tells you which collective and rank stalled first after a watchdog timeout.',
    fixValue: '2000',
    source: S.FR219,
  },
  {
    id: 'nccl-timeout-not-a-variable',
    severity: 'warning',
    variable: 'NCCL_TIMEOUT',
    when: { kind: 'any' },
    message: 'NCCL has no NCCL_TIMEOUT variable: this does not change any timeout. The collective timeout is the `timeout=` argument of torch.distributed.init_process_group (default 10 min for NCCL process groups).',
    doc: 'NCCL_TIMEOUT appears in blog advice but neither NCCL nor PyTorch reads it. Set the watchdog timeout with `init_process_group(timeout=timedelta(...))` (or your framework\'s option, e.g. Megatron\'s --distributed-timeout-minutes).',
    source: S.PTH,
  },
  {
    id: 'cuda-launch-blocking',
    severity: 'warning',
    variable: 'CUDA_LAUNCH_BLOCKING',
    when: { kind: 'equals', values: ['1'] },
    message: '{name}={value} makes every CUDA kernel launch synchronous: useful to locate a CUDA error, very slow for training.',
    doc: 'CUDA_LAUNCH_BLOCKING=1 is what PyTorch\'s CUDA error message suggests for debugging; left in a launch script it serializes every kernel launch with the host.',
    fixValue: '0',
    source: S.CLB,
  },
  {
    id: 'nccl-nvls-disabled',
    severity: 'information',
    variable: 'NCCL_NVLS_ENABLE',
    when: { kind: 'equals', values: ['0'] },
    profile: { nvls: true },
    message: '{name}={value} turns off NVLink SHARP on {profile}: in-node all-reduce runs as Ring instead.',
    doc: 'NVLS offloads all-reduce to the NVSwitch on HGX H100/H200 (~1.3× in-node all-reduce). It costs memory per communicator (one H800 log: 768 MiB), so set 0 only when memory-starved.',
    cost: { metric: 'in-node all-reduce bus bandwidth (8 GPUs)', baseline: 'profile-in-node-all-reduce', after: [RING_ALLREDUCE_NO_NVLS] },
    source: S.NT212,
  },
  {
    id: 'torch-distributed-debug-detail',
    severity: 'information',
    variable: 'TORCH_DISTRIBUTED_DEBUG',
    when: { kind: 'equals', values: ['DETAIL'] },
    message: '{name}={value} adds collective consistency checks on every call and turns on desync debug; meant for debugging, not long runs.',
    doc: 'TORCH_DISTRIBUTED_DEBUG=DETAIL wraps process groups with consistency checks and enables desync debugging and dump-on-timeout. Use INFO or OFF for production runs.',
    source: S.PTDBG,
  },
  {
    id: 'nccl-check-pointers',
    severity: 'information',
    variable: 'NCCL_CHECK_POINTERS',
    when: { kind: 'equals', values: ['1'] },
    message: '{name}={value} validates CUDA pointers on every NCCL call, which adds latency.',
    doc: 'NCCL_CHECK_POINTERS=1 is a debugging aid that checks every buffer pointer on each call.',
    fixValue: '0',
    source: S.E,
  },
  {
    id: 'nccl-legacy-cuda-register',
    severity: 'information',
    variable: 'NCCL_LEGACY_CUDA_REGISTER',
    when: { kind: 'equals', values: ['1'] },
    message: '{name}={value} lets NCCL register cudaMalloc buffers, which can implicitly synchronize and hang.',
    doc: 'NCCL_LEGACY_CUDA_REGISTER=1 allows registering cudaMalloc memory; NVIDIA warns it can implicitly synchronize, a hang risk.',
    source: S.E,
  },
];

/** Interface names that are never the data network (NCCL auto-selection only uses them when nothing else exists). */
export const VIRTUAL_INTERFACES: ReadonlyArray<{ name: string; what: string; source: string }> = [
  { name: 'lo', what: 'loopback', source: S.E },
  { name: 'docker0', what: 'Docker bridge', source: S.E },
  { name: 'docker', what: 'Docker bridge', source: S.E },
];

/** Socket interface prefix AWS documents for its GPU instances. */
export const EFA_SOCKET_IFNAME = { prefix: 'en', note: 'covers p5.48xlarge and p4d(e).24xlarge; otherwise check `ifconfig`', source: S.EFA };

/**
 * The AWS EFA presets (cheat sheet): which variables each software generation needs. trainlint checks the
 * newest one and names the older ones in the message.
 */
export const EFA_PRESETS: ReadonlyArray<{ stack: string; required: Array<{ name: string; value: string; why: string }>; source: string }> = [
  {
    stack: 'libfabric ≥ 1.18 + aws-ofi-nccl ≥ 1.7',
    required: [{ name: 'FI_EFA_USE_HUGE_PAGE', value: '0', why: 'without it os.fork() in multi-worker DataLoaders can fail with "OSError: Cannot allocate memory" (minor performance cost)' }],
    source: S.EFA,
  },
  { stack: 'aws-ofi-nccl 1.6.x', required: [{ name: 'FI_EFA_USE_HUGE_PAGE', value: '0', why: '' }, { name: 'FI_EFA_USE_DEVICE_RDMA', value: '1', why: '' }], source: S.EFA },
  {
    stack: 'aws-ofi-nccl ≤ 1.5.0',
    required: [
      { name: 'FI_EFA_USE_HUGE_PAGE', value: '0', why: '' },
      { name: 'FI_EFA_USE_DEVICE_RDMA', value: '1', why: '' },
      { name: 'FI_PROVIDER', value: 'efa', why: '' },
      { name: 'NCCL_PROTO', value: 'simple', why: '' },
    ],
    source: S.EFA,
  },
];

/** Pairs of settings where one makes the other meaningless or contradicts it. */
export interface EnvContradiction {
  id: string;
  severity: Severity;
  /** The setting that wins / disables. */
  a: { variable: string; when: ValueTest };
  /** The setting made meaningless (reported, with `a` as related information). */
  b: { variable: string; prefix?: boolean; when: ValueTest; except?: string[] };
  /** `{a}`, `{b}` are "NAME=value" as written. */
  message: string;
  source: string;
}

export const ENV_CONTRADICTIONS: readonly EnvContradiction[] = [
  {
    id: 'p2p-level-with-p2p-disabled',
    severity: 'warning',
    a: { variable: 'NCCL_P2P_DISABLE', when: { kind: 'equals', values: ['1'] } },
    b: { variable: 'NCCL_P2P_LEVEL', when: { kind: 'not-equals', values: ['LOC', '0'] } },
    message: '{b} asks NCCL to use P2P up to that distance, but {a} turns the P2P transport off: the level has no effect and GPU-to-GPU traffic does not use P2P at all.',
    source: S.E,
  },
  {
    id: 'ib-settings-with-ib-disabled',
    severity: 'information',
    a: { variable: 'NCCL_IB_DISABLE', when: { kind: 'equals', values: ['1'] } },
    b: { variable: 'NCCL_IB_', prefix: true, when: { kind: 'any' }, except: ['NCCL_IB_DISABLE'] },
    message: '{b} has no effect: {a} turns the IB/RoCE transport off.',
    source: S.E,
  },
  {
    id: 'heartbeat-with-monitoring-off',
    severity: 'warning',
    a: { variable: 'TORCH_NCCL_ENABLE_MONITORING', when: { kind: 'equals', values: ['0', 'false'] } },
    b: { variable: 'TORCH_NCCL_HEARTBEAT_TIMEOUT_SEC', when: { kind: 'any' } },
    message: '{b} has no effect: {a} disables the heartbeat monitor that uses it, so a stuck watchdog is never detected.',
    source: S.PTD,
  },
  {
    id: 'dump-without-trace-buffer',
    severity: 'warning',
    a: { variable: 'TORCH_NCCL_TRACE_BUFFER_SIZE', when: { kind: 'equals', values: ['0'] } },
    b: { variable: 'TORCH_NCCL_DUMP_ON_TIMEOUT', when: { kind: 'equals', values: ['1', 'true'] } },
    message: '{b} dumps the flight recorder on timeout, but {a} disables it: the dump is empty. PyTorch documents that dump-on-timeout needs TORCH_NCCL_TRACE_BUFFER_SIZE > 0.',
    source: S.PTD,
  },
  {
    id: 'legacy-max-nrings-ignored',
    severity: 'warning',
    a: { variable: 'NCCL_MAX_NCHANNELS', when: { kind: 'any' } },
    b: { variable: 'NCCL_MAX_NRINGS', when: { kind: 'any' } },
    message: '{b} is ignored because {a} is set.',
    source: S.E,
  },
  {
    id: 'legacy-min-nrings-ignored',
    severity: 'warning',
    a: { variable: 'NCCL_MIN_NCHANNELS', when: { kind: 'any' } },
    b: { variable: 'NCCL_MIN_NRINGS', when: { kind: 'any' } },
    message: '{b} is ignored because {a} is set.',
    source: S.E,
  },
];

/** NCCL_SOCKET_NTHREADS × NCCL_NSOCKS_PERTHREAD must not exceed this. */
export const SOCKET_THREADS_TIMES_SOCKS_MAX = { value: 64, source: S.E };

/** Megatron-LM refuses to start with sequence parallelism unless CUDA_DEVICE_MAX_CONNECTIONS=1. */
export const MEGATRON_SEQUENCE_PARALLEL = {
  variable: 'CUDA_DEVICE_MAX_CONNECTIONS',
  required: '1',
  flags: ['--sequence-parallel'],
  errorText: 'Using sequence parallelism requires setting the environment variable CUDA_DEVICE_MAX_CONNECTIONS to 1',
  source: S.MEG,
};

/**
 * GPU containers started without the shared/pinned-memory settings NCCL needs (playbook container checklist,
 * reference §5 and the last foot-gun row of §7). `present` lists the flags (or flag prefixes) that satisfy an item.
 */
export const CONTAINER_CHECKLIST: ReadonlyArray<{ id: string; present: string[]; add: string; why: string; severity: Severity; source: string }> = [
  {
    id: 'shm',
    present: ['--shm-size', '--ipc=host', '--ipc host'],
    add: '--shm-size=1g (or --ipc=host)',
    why: 'with Docker\'s default 64 MB /dev/shm NCCL fails with "Error while creating shared memory segment" and DataLoader workers die with bus errors',
    severity: 'warning',
    source: S.PB,
  },
  {
    id: 'memlock',
    present: ['--ulimit memlock', '--ulimit=memlock'],
    add: '--ulimit memlock=-1',
    why: 'pinned-memory registration (e.g. EFA/IB) fails under the default memlock limit',
    severity: 'information',
    source: S.PB,
  },
  {
    id: 'sys-nice',
    present: ['--cap-add SYS_NICE', '--cap-add=SYS_NICE', '--privileged', '--cap-add ALL', '--cap-add=ALL'],
    add: '--cap-add SYS_NICE',
    why: 'Docker disables NUMA support, which breaks NCCL\'s cuMem host allocations',
    severity: 'information',
    source: S.PB,
  },
];

/** Flags that mark a container run as a GPU job. */
export const GPU_CONTAINER_FLAGS = ['--gpus', '--runtime=nvidia', '--runtime nvidia'];

/** Recommended settings for H100-class clusters with their context and evidence (reference §6), shown in hovers. */
export const ENV_RECOMMENDATIONS: ReadonlyArray<{ variable: string; text: string; source: string }> = [
  { variable: 'NCCL_ALGO', text: 'leave unset (like NCCL_PROTO, NCCL_NTHREADS and the channel/CTA variables): NVIDIA classes them as debugging knobs and an ND H100 v5 test saw no consistent gain from forcing Ring or Tree', source: S.AZB },
  { variable: 'NCCL_PROTO', text: 'leave unset: NVIDIA classes it as a debugging knob', source: S.E },
  { variable: 'NCCL_IB_HCA', text: 'on IB NDR nodes (8 HCAs) write exact names with `=` to avoid prefix over-match (`mlx5_1` ⇒ `mlx5_1x`)', source: S.E },
  { variable: 'NCCL_SOCKET_IFNAME', text: 'set it to the real data/management NIC: auto-selection may pick unusable interfaces (init failures or hangs)', source: S.E },
  { variable: 'NCCL_IB_GID_INDEX', text: '3 on RoCE v2 only: the classic fix for an immediate error 12 when NICs sit under different switches', source: S.N426 },
  { variable: 'NCCL_IB_TIMEOUT', text: 'raise it (e.g. 22 in an MLPerf OCI RoCE config) on very large or congested fabrics; error 12 is a retry timeout and a larger value helps only if the links work', source: S.N902 },
  { variable: 'NCCL_CROSS_NIC', text: '0 on rail-optimized fat trees keeps rings on one rail; the default 2 is usually fine', source: S.E },
  { variable: 'NCCL_IB_QPS_PER_CONNECTION', text: '> 1 on multi-level fabrics with poor ECMP entropy (more QPs = more routing entropy)', source: S.E },
  { variable: 'NCCL_IGNORE_CPU_AFFINITY', text: '1 in containers or with odd cpusets (the playbook\'s latency fix, also in an MLPerf OCI config)', source: S.PB },
  { variable: 'NCCL_NVLS_ENABLE', text: 'leave the default (2) on HGX H100/H200: NVLS gives ~1.3× in-node all-reduce; set 0 only if memory-starved', source: S.NT212 },
  { variable: 'TORCH_NCCL_ASYNC_ERROR_HANDLING', text: 'keep the default 3 with monitoring on and the flight recorder on (TORCH_NCCL_TRACE_BUFFER_SIZE > 0, TORCH_NCCL_DUMP_ON_TIMEOUT=1): fail fast and leave a dump instead of hanging', source: S.PTD },
  { variable: 'CUDA_DEVICE_MAX_CONNECTIONS', text: '1 for Megatron TP + sequence parallelism on Hopper (a hard requirement in Megatron)', source: S.MEG },
  { variable: 'FI_EFA_USE_HUGE_PAGE', text: '0 on AWS p4/p5: part of every AWS EFA preset', source: S.EFA },
];
