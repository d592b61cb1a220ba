import { ENV_SOURCES as S } from './env-sources';

/**
 * Every environment variable trainlint knows the domain of: NCCL (NVIDIA env page 2.28.6 plus names read by the
 * tuner or seen in the wild), PyTorch ProcessGroupNCCL / torch.distributed (with their legacy `NCCL_*` names),
 * AWS EFA / libfabric and a few CUDA variables training scripts set. One row per name; facts are from
 * shared/reference/nccl-env.md and each row cites its source.
 */

export type EnvFamily = 'nccl' | 'torch-nccl' | 'torch-distributed' | 'torch' | 'efa' | 'rdma' | 'cuda';

/**
 * How a value is written:
 * - `bool01` NCCL switches, 0 or 1;  `bool` PyTorch switches (0/1/true/false)
 * - `int` integer, `bytes` integer number of bytes
 * - `enum` one of `values` (see `caseInsensitive`, `legacyNumeric`)
 * - `iface-list` / `hca-list` comma lists of name prefixes with a leading `^` (exclude) and `=` (exact)
 * - `token-list` comma list of `values` tokens with a leading `^` (exclude); `algo-list`/`proto-list` also allow
 *   the NCCL 2.24 `func:list;func:list` form
 * - `string`, `path`, `host-port`, `cidr`, `netdevs-policy` free-form, only light syntax checks
 */
export type EnvValueKind =
  | 'bool01'
  | 'bool'
  | 'int'
  | 'bytes'
  | 'enum'
  | 'iface-list'
  | 'hca-list'
  | 'token-list'
  | 'algo-list'
  | 'proto-list'
  | 'string'
  | 'path'
  | 'host-port'
  | 'cidr'
  | 'netdevs-policy';

export interface EnvEnumValue {
  value: string;
  meaning: string;
  /** The value still works but is deprecated (e.g. NCCL_LAUNCH_MODE=GROUP since 2.9). */
  deprecated?: string;
}

export interface LegacyNumericForm {
  /** Integer -> current name, e.g. '0' -> 'LOC'. */
  map: Record<string, string>;
  /** What integers above the largest key mean today. */
  aboveMax?: string;
  /** Why integers are discouraged (shown in the finding). */
  note: string;
}

export type EnvVarStatus =
  | 'current'
  /** Read by NCCL but not on NVIDIA's env page (tuner source, plugins, tuning scripts). */
  | 'undocumented'
  | 'deprecated'
  | 'removed'
  /** Old name that still works (or worked) under a new one. */
  | 'renamed'
  /** Not read by NCCL or PyTorch at all, despite the name (e.g. NCCL_TIMEOUT). */
  | 'not-a-variable';

export interface EnvVarSpec {
  name: string;
  family: EnvFamily;
  type: EnvValueKind;
  values?: EnvEnumValue[];
  caseInsensitive?: boolean;
  legacyNumeric?: LegacyNumericForm;
  /** Default as documented (free text: several defaults depend on version or platform). */
  default?: string;
  range?: { min?: number; max?: number; multipleOf?: number; note?: string };
  since?: string;
  status: EnvVarStatus;
  /** e.g. "removed in NCCL 2.5", "deprecated since torch 2.2.0". */
  statusNote?: string;
  /** Name to use instead (renamed/deprecated/removed). */
  replacement?: string;
  /** NVIDIA env-page section: SYS = fine in scripts, DBG = debugging knob not meant for production. */
  category?: 'SYS' | 'DBG';
  description: string;
  source: string;
}

const BOOL01: EnvEnumValue[] = [
  { value: '0', meaning: 'off' },
  { value: '1', meaning: 'on' },
];
const BOOL: EnvEnumValue[] = [
  { value: '0', meaning: 'off' },
  { value: '1', meaning: 'on' },
];
const P2P_LEVELS: EnvEnumValue[] = [
  { value: 'LOC', meaning: 'never use P2P (always disabled)' },
  { value: 'NVL', meaning: 'use P2P only over NVLink' },
  { value: 'PIX', meaning: 'use P2P when GPUs sit on the same PCI switch' },
  { value: 'PXB', meaning: 'use P2P across PCI switches (no CPU in the path)' },
  { value: 'PHB', meaning: 'use P2P through the CPU of the same NUMA node' },
  { value: 'SYS', meaning: 'use P2P across NUMA nodes / the SMP interconnect' },
];
const GDR_LEVELS: EnvEnumValue[] = [
  { value: 'LOC', meaning: 'never use GPUDirect RDMA (always disabled)' },
  { value: 'PIX', meaning: 'use GDR when NIC and GPU share a PCI switch' },
  { value: 'PXB', meaning: 'use GDR across PCI switches' },
  { value: 'PHB', meaning: 'use GDR through the CPU of the same NUMA node' },
  { value: 'SYS', meaning: 'use GDR across NUMA nodes' },
];
const LEVEL_INTS: LegacyNumericForm = {
  map: { '0': 'LOC', '1': 'PIX', '2': 'PXB', '3': 'PHB', '4': 'SYS' },
  aboveMax: 'SYS',
  note:
    'integers are kept only for compatibility: the path-type numbering changed between versions (NCCL 2.4.7 documented 4 = same NUMA node and 5 = across the SMP link), so an old script may mean something else',
};
const ZERO_ONE_TWO = (m0: string, m1: string, m2: string): EnvEnumValue[] => [
  { value: '0', meaning: m0 },
  { value: '1', meaning: m1 },
  { value: '2', meaning: m2 },
];

type Row = Omit<EnvVarSpec, 'family' | 'status' | 'source'> & Partial<Pick<EnvVarSpec, 'status' | 'source'>>;
const nccl = (r: Row): EnvVarSpec => ({ family: 'nccl', status: 'current', source: S.E, ...r });

const NCCL_DOCUMENTED: EnvVarSpec[] = [
  // 1a. Network interface selection / sockets / bootstrap
  nccl({ name: 'NCCL_SOCKET_IFNAME', type: 'iface-list', category: 'SYS', default: 'auto (lo and docker* only if nothing else exists; ib* preferred)', description: 'IP interfaces used for bootstrap and the socket transport: comma list of name prefixes; a leading `^` excludes, a leading `=` means exact names (`eth`, `=eth0`, `^docker`, `^=docker0`). Setting it disables auto-selection and may use every interface that matches.' }),
  nccl({ name: 'NCCL_SOCKET_FAMILY', type: 'enum', values: [{ value: 'AF_INET', meaning: 'IPv4' }, { value: 'AF_INET6', meaning: 'IPv6' }], category: 'SYS', default: 'unset', description: 'Force IPv4 or IPv6 interfaces.' }),
  nccl({ name: 'NCCL_SOCKET_RETRY_CNT', type: 'int', range: { min: 1 }, since: '2.24', category: 'SYS', default: '34', description: 'Retries after ETIMEDOUT/ECONNREFUSED/EHOSTUNREACH on connect.' }),
  nccl({ name: 'NCCL_SOCKET_RETRY_SLEEP_MSEC', type: 'int', range: { min: 1 }, since: '2.24', category: 'SYS', default: '100', description: 'First back-off in ms; grows linearly, total ≈ (N+1)·N/2·sleep (≈60 s with defaults).' }),
  nccl({ name: 'NCCL_SOCKET_NTHREADS', type: 'int', range: { min: 1, max: 16 }, since: '2.4.8', category: 'SYS', default: 'AWS: 2; GCP gVNIC: 4; else 1', description: 'CPU helper threads per socket-transport connection; more = faster sockets, more CPU. NCCL_SOCKET_NTHREADS × NCCL_NSOCKS_PERTHREAD must be ≤ 64.' }),
  nccl({ name: 'NCCL_NSOCKS_PERTHREAD', type: 'int', range: { min: 1 }, since: '2.4.8', category: 'SYS', default: 'AWS: 8; else 1', description: 'Sockets opened per helper thread; >1 helps when per-socket speed is capped.' }),
  nccl({ name: 'NCCL_OOB_NET_ENABLE', type: 'bool01', values: BOOL01, since: '2.23', category: 'SYS', default: 'not stated', description: 'Use the NCCL net (e.g. IB) instead of sockets for out-of-band init traffic.' }),
  nccl({ name: 'NCCL_OOB_NET_IFNAME', type: 'iface-list', since: '2.23', category: 'SYS', default: 'unset', description: 'Device(s) for the OOB net when enabled; `^`/`=` prefixes and `:port` allowed; first match used.' }),
  nccl({ name: 'NCCL_UID_STAGGER_THRESHOLD', type: 'int', range: { min: 1 }, since: '2.23', category: 'SYS', default: '256', description: 'Ranks per ncclUniqueId above which contacting the unique-id root is staggered.' }),
  nccl({ name: 'NCCL_UID_STAGGER_RATE', type: 'int', range: { min: 1 }, since: '2.23', category: 'SYS', default: '7000', description: 'Target message rate (messages/s) used to compute the stagger delay.' }),
  nccl({ name: 'NCCL_CONF_FILE', type: 'path', since: '2.23', category: 'SYS', default: 'unset → ~/.nccl.conf', description: 'Alternative static config file (`VAR=value` lines); no `~` expansion.' }),
  nccl({ name: 'NCCL_IGNORE_CPU_AFFINITY', type: 'bool01', values: BOOL01, since: '2.4.6', category: 'SYS', default: '0', description: "Ignore the job's CPU affinity and use GPU affinity only (the playbook's latency fix in containers)." }),
  nccl({ name: 'NCCL_SET_THREAD_NAME', type: 'bool01', values: BOOL01, since: '2.12', category: 'SYS', default: '0', description: 'Name NCCL CPU threads (debugging/profiling).' }),
  // 1b. InfiniBand / RoCE
  nccl({ name: 'NCCL_IB_HCA', type: 'hca-list', category: 'SYS', default: 'auto', description: 'RDMA HCAs/ports NCCL uses: comma list of names with optional `:port`; a leading `^` excludes, a leading `=` means exact names. Without `=`, `mlx5_1` also matches `mlx5_10`…`mlx5_19` (NVIDIA recommends always using `=`). Hard limit 32 HCAs.' }),
  nccl({ name: 'NCCL_IB_TIMEOUT', type: 'int', range: { min: 0, note: '1–31; 0 or ≥ 32 means an infinite timeout' }, category: 'SYS', default: '20 since 2.23; 18 from 2.14; 14 before', description: 'IB Local Ack Timeout = 4.096 µs × 2^value; raise on very large fabrics if `ibv_poll_cq` fails with error 12.' }),
  nccl({ name: 'NCCL_IB_RETRY_CNT', type: 'int', range: { min: 0 }, since: '2.1.15', category: 'SYS', default: '7', description: 'IB retry count (IB spec 12.7.38).' }),
  nccl({ name: 'NCCL_IB_GID_INDEX', type: 'int', range: { min: -1 }, since: '2.1.4', category: 'SYS', default: '-1 (auto-select)', description: 'GID index for RoCE (see `show_gids`); 3 is the classic fix for immediate error 12 on RoCE v2.' }),
  nccl({ name: 'NCCL_IB_ADDR_FAMILY', type: 'enum', values: [{ value: 'AF_INET', meaning: 'IPv4' }, { value: 'AF_INET6', meaning: 'IPv6' }], since: '2.21', category: 'SYS', default: 'AF_INET', description: 'IP family of the auto-selected GID when the GID index is unset.' }),
  nccl({ name: 'NCCL_IB_ADDR_RANGE', type: 'cidr', since: '2.21', category: 'SYS', default: 'unset (ignored)', description: 'Restrict auto-selected GIDs to a CIDR range.' }),
  nccl({ name: 'NCCL_IB_ROCE_VERSION_NUM', type: 'int', range: { min: 1, max: 2 }, since: '2.21', category: 'SYS', default: '2', description: 'RoCE version of the auto-selected GID.' }),
  nccl({ name: 'NCCL_IB_SL', type: 'int', range: { min: 0 }, since: '2.1.4', category: 'SYS', default: '0', description: 'IB Service Level (must be an AR-enabled SL for adaptive routing).' }),
  nccl({ name: 'NCCL_IB_TC', type: 'int', range: { min: 0 }, since: '2.1.15', category: 'SYS', default: '0', description: 'IB traffic class.' }),
  nccl({ name: 'NCCL_IB_FIFO_TC', type: 'int', range: { min: 0 }, since: '2.22.3', category: 'SYS', default: '= NCCL_IB_TC', description: 'Traffic class for small credit-return control messages.' }),
  nccl({ name: 'NCCL_IB_RETURN_ASYNC_EVENTS', type: 'bool01', values: BOOL01, since: '2.23', category: 'SYS', default: '1', description: 'Stop IB communication on fatal IB async events (always logged as warnings).' }),
  nccl({ name: 'NCCL_IB_DISABLE', type: 'bool01', values: BOOL01, category: 'DBG', default: '0', description: 'Disable IB/RoCE; NCCL falls back to IP sockets.' }),
  nccl({ name: 'NCCL_IB_AR_THRESHOLD', type: 'bytes', since: '2.6', category: 'DBG', default: '8192', description: 'Messages above this go in a separate message eligible for adaptive routing; > NCCL_BUFFSIZE disables AR use.' }),
  nccl({ name: 'NCCL_IB_QPS_PER_CONNECTION', type: 'int', range: { min: 1, max: 128 }, since: '2.10', category: 'DBG', default: '1', description: 'QPs per rank-pair connection; more QPs = more routing entropy on multi-level fabrics.' }),
  nccl({ name: 'NCCL_IB_SPLIT_DATA_ON_QPS', type: 'bool01', values: BOOL01, since: '2.18', category: 'DBG', default: '0 since 2.20 (1 in 2.18–2.19)', description: '1 = split each message over all QPs (latency cost with many QPs); 0 = round-robin QPs per message.' }),
  nccl({ name: 'NCCL_IB_PCI_RELAXED_ORDERING', type: 'enum', values: ZERO_ONE_TWO('off', 'force (fail if unavailable)', 'use if available'), since: '2.12', category: 'DBG', default: '2', description: 'PCIe Relaxed Ordering for IB; helps mainly in virtualized environments.' }),
  nccl({ name: 'NCCL_IB_ADAPTIVE_ROUTING', type: 'bool01', values: BOOL01, since: '2.16', category: 'DBG', default: '1 on IB, 0 on RoCE', description: 'Use adaptive-routing-capable transfers.' }),
  nccl({ name: 'NCCL_IB_ECE_ENABLE', type: 'bool01', values: BOOL01, since: '2.19 (page heading says 2.23)', category: 'DBG', default: '1', description: 'Enhanced Connection Establishment (passes CC/AR/selective-repeat settings to the HCA); misconfigured ECE hurts performance.' }),
  nccl({ name: 'NCCL_IB_MERGE_NICS', type: 'bool01', values: BOOL01, since: '2.20', category: 'DBG', default: '1', description: 'Merge the two ports of dual-port NICs into one logical device.' }),
  nccl({ name: 'NCCL_IB_CUDA_SUPPORT', type: 'bool01', values: BOOL01, status: 'removed', statusNote: 'removed in NCCL 2.4.0 (now ignored)', replacement: 'NCCL_NET_GDR_LEVEL', category: 'DBG', description: 'Old GPUDirect-RDMA force/disable switch.' }),
  nccl({ name: 'NCCL_IB_GDR_LEVEL', type: 'enum', values: GDR_LEVELS, caseInsensitive: true, legacyNumeric: LEVEL_INTS, status: 'renamed', statusNote: 'renamed to NCCL_NET_GDR_LEVEL in NCCL 2.4.0', replacement: 'NCCL_NET_GDR_LEVEL', since: '2.3.4', category: 'DBG', description: 'Legacy name of NCCL_NET_GDR_LEVEL (max NIC↔GPU distance for GPUDirect RDMA).' }),
  // 1c. Network plugins / selection
  nccl({ name: 'NCCL_NET', type: 'string', since: '2.10', category: 'SYS', default: 'auto', source: S.E, description: 'Force a network module by exact (case-insensitive) name: `IB`, `Socket`, or a plugin name such as `AWS Libfabric`; no silent fallback.' }),
  nccl({ name: 'NCCL_NET_PLUGIN', type: 'string', since: '2.11', category: 'SYS', default: 'unset → libnccl-net.so, else internal', description: 'Choose the net plugin: a suffix, a library file name, or `none`.' }),
  nccl({ name: 'NCCL_TUNER_PLUGIN', type: 'string', category: 'SYS', default: 'unset → libnccl-tuner.so, then the net plugin, else internal', description: 'Choose the tuner plugin: a suffix, file name, or `none`.' }),
  nccl({ name: 'NCCL_PROFILER_PLUGIN', type: 'string', category: 'SYS', default: 'unset → libnccl-profiler.so, else none', description: 'Choose the profiler plugin: suffix, file name, `none` or `STATIC_PLUGIN`.' }),
  nccl({ name: 'NCCL_ENV_PLUGIN', type: 'string', since: '2.28', category: 'SYS', default: 'unset → libnccl-env.so if present', description: 'External environment plugin: library path, suffix or `none`.' }),
  nccl({ name: 'NCCL_COLLNET_ENABLE', type: 'bool01', values: BOOL01, since: '2.6', category: 'SYS', default: '0', description: 'Enable CollNet (in-network reduction, e.g. IB SHARP).' }),
  nccl({ name: 'NCCL_COLLNET_NODE_THRESHOLD', type: 'int', range: { min: 1 }, since: '2.9.9', category: 'SYS', default: '2', description: 'Below this node count CollNet is not used.' }),
  nccl({ name: 'NCCL_NETDEVS_POLICY', type: 'netdevs-policy', since: '2.28', category: 'SYS', default: 'AUTO', description: 'How NICs are assigned to GPUs: `AUTO`, `MAX:N` or `ALL`.' }),
  nccl({ name: 'NCCL_CROSS_NIC', type: 'enum', values: ZERO_ONE_TWO('keep rings/trees on the same NIC index on every node (rail-optimized fabrics)', 'allow different NICs (all NICs on one switch)', 'prefer the same NIC, cross if faster'), category: 'SYS', default: '2', description: 'Whether rings/trees may use different NICs on different nodes.' }),
  // 1d. GPUDirect / topology / transports
  nccl({ name: 'NCCL_P2P_DISABLE', type: 'bool01', values: BOOL01, category: 'DBG', default: '0', description: 'Disable the P2P transport (direct GPU-to-GPU access over NVLink or PCIe).' }),
  nccl({ name: 'NCCL_P2P_LEVEL', type: 'enum', values: P2P_LEVELS, caseInsensitive: true, legacyNumeric: LEVEL_INTS, since: '2.3.4', category: 'DBG', default: 'auto', description: 'Maximum GPU-to-GPU distance at which the P2P transport is used.' }),
  nccl({ name: 'NCCL_P2P_DIRECT_DISABLE', type: 'bool01', values: BOOL01, category: 'DBG', default: '0', description: 'Forbid direct P2P access to user buffers between GPUs of one process.' }),
  nccl({ name: 'NCCL_SHM_DISABLE', type: 'bool01', values: BOOL01, category: 'DBG', default: '0', description: 'Disable the shared-memory transport (host-memory path used when P2P cannot); NCCL then uses the network between CPU sockets.' }),
  nccl({ name: 'NCCL_NET_GDR_LEVEL', type: 'enum', values: GDR_LEVELS, caseInsensitive: true, legacyNumeric: LEVEL_INTS, since: '2.3.4 (this name since 2.4.0)', category: 'DBG', default: 'auto', description: 'Maximum NIC↔GPU distance at which GPUDirect RDMA is used.' }),
  nccl({ name: 'NCCL_NET_GDR_C2C', type: 'bool01', values: BOOL01, since: '2.26', category: 'DBG', default: '1 since 2.27 (0 in 2.26)', description: "Allow GDR through a C2C-attached CPU's NIC (Grace)." }),
  nccl({ name: 'NCCL_NET_GDR_READ', type: 'bool01', values: BOOL01, category: 'DBG', default: '1 on NVLink platforms since 2.4.2, else 0', description: 'GPUDirect RDMA on the send side (read GPU memory directly).' }),
  nccl({ name: 'NCCL_NET_SHARED_BUFFERS', type: 'bool01', values: BOOL01, since: '2.8', category: 'DBG', default: '1', description: 'One shared buffer pool for inter-node P2P (constant memory instead of linear in peer count).' }),
  nccl({ name: 'NCCL_NET_SHARED_COMMS', type: 'bool01', values: BOOL01, since: '2.12', category: 'DBG', default: '1', description: 'Reuse connections under PXN.' }),
  nccl({ name: 'NCCL_NVB_DISABLE', type: 'bool01', values: BOOL01, since: '2.11', category: 'DBG', default: '0', description: 'Disable intra-node NVLink forwarding through an intermediate GPU.' }),
  nccl({ name: 'NCCL_PXN_DISABLE', type: 'bool01', values: BOOL01, since: '2.12', category: 'DBG', default: '0', description: 'Disable PXN (send to a non-local NIC over NVLink via another GPU).' }),
  nccl({ name: 'NCCL_P2P_PXN_LEVEL', type: 'enum', values: ZERO_ONE_TWO('never', 'only if the NIC is not reachable through PCI switches', 'always'), since: '2.12', category: 'DBG', default: '2', description: 'When PXN is used for send/recv.' }),
  nccl({ name: 'NCCL_PXN_C2C', type: 'bool01', values: BOOL01, since: '2.27', category: 'DBG', default: '1 since 2.28 (0 in 2.27)', description: 'Allow PXN when the peer GPU reaches the NIC via C2C+PCIe.' }),
  nccl({ name: 'NCCL_TOPO_FILE', type: 'path', since: '2.6', category: 'SYS', default: 'unset (loads /var/run/nvidia-topologyd/virtualTopology.xml if present)', description: 'Topology XML loaded before detection (VMs/cloud); aws-ofi-nccl sets it itself on p4d.' }),
  nccl({ name: 'NCCL_TOPO_DUMP_FILE', type: 'path', since: '2.6', category: 'SYS', default: 'unset', description: 'Write the detected topology XML to this file.' }),
  nccl({ name: 'NCCL_MNNVL_ENABLE', type: 'enum', values: ZERO_ONE_TWO('off', 'on (fail if unavailable)', 'auto-detect'), since: '2.21', category: 'DBG', default: 'not stated (2 = auto-detect)', description: 'Multi-node NVLink (needs cuMem and an IMEX domain).' }),
  nccl({ name: 'NCCL_MNNVL_UUID', type: 'int', since: '2.25', category: 'DBG', default: 'from fabric manager', description: 'Override the MNNVL UUID (64-bit integer).' }),
  nccl({ name: 'NCCL_MNNVL_CLIQUE_ID', type: 'int', since: '2.25', category: 'DBG', default: 'from fabric manager', description: 'Soft-partition MNNVL domains (32-bit integer).' }),
  // 1e. Algorithms, protocols, channels, buffers
  nccl({ name: 'NCCL_ALGO', type: 'algo-list', caseInsensitive: true, values: [{ value: 'Ring', meaning: 'ring' }, { value: 'Tree', meaning: 'tree (2.5+)' }, { value: 'Collnet', meaning: 'CollNet (2.5–2.13)' }, { value: 'CollnetChain', meaning: 'CollNet chain (2.14+)' }, { value: 'CollnetDirect', meaning: 'CollNet direct (2.14+)' }, { value: 'NVLS', meaning: 'NVLink SHARP (2.17+)' }, { value: 'NVLSTree', meaning: 'NVLS + tree (2.18+)' }, { value: 'PAT', meaning: 'PAT (2.23+)' }], since: '2.5', category: 'DBG', default: 'unset (auto)', description: 'Restrict the algorithms NCCL may use (comma list, `^` excludes; since 2.24 also `func:list;func:list`). Since 2.24 an unknown token is a warning plus failure, with no implicit fallback to Ring.' }),
  nccl({ name: 'NCCL_PROTO', type: 'proto-list', caseInsensitive: true, values: [{ value: 'LL', meaning: 'low-latency' }, { value: 'LL128', meaning: 'low-latency 128-byte' }, { value: 'Simple', meaning: 'simple (bandwidth)' }], since: '2.5', category: 'DBG', default: 'all supported (LL,LL128,Simple where LL128 is supported, else LL,Simple)', description: 'Restrict protocols (comma list, `^` excludes; 2.24+ per-function syntax). NVIDIA discourages setting it except to disable a suspected-buggy protocol; enabling LL128 where unsupported can corrupt data.' }),
  nccl({ name: 'NCCL_NTHREADS', type: 'int', range: { min: 64, max: 512, multipleOf: 32, note: 'documented values 64, 128, 256, 512' }, category: 'DBG', default: '512 on recent GPUs (256 on some older)', source: S.E, description: 'CUDA threads per block (one block per channel); must be a multiple of 32.' }),
  nccl({ name: 'NCCL_LL128_NTHREADS', type: 'int', range: { multipleOf: 32 }, status: 'undocumented', statusNote: 'read in tuning.cc, not on the env page', source: S.TUN, description: 'Threads for LL128 kernels.' }),
  nccl({ name: 'NCCL_MAX_NCHANNELS', type: 'int', range: { min: 1 }, since: '2.5.0 (NCCL_MAX_NRINGS before)', category: 'DBG', default: 'auto', description: 'Cap the number of channels (= CUDA blocks used for communication); superseded by NCCL_MAX_CTAS.' }),
  nccl({ name: 'NCCL_MIN_NCHANNELS', type: 'int', range: { min: 1, max: 32, note: '≤ 12 before 2.3, ≤ 16 in 2.3–2.4, ≤ 32 since 2.5' }, since: '2.5.0 (NCCL_MIN_NRINGS before)', category: 'DBG', default: 'platform dependent', description: 'Force more channels (more SMs used for communication); superseded by NCCL_MIN_CTAS.' }),
  nccl({ name: 'NCCL_MAX_NRINGS', type: 'int', range: { min: 1 }, status: 'renamed', statusNote: 'legacy alias until NCCL 2.4; ignored if NCCL_MAX_NCHANNELS is set', replacement: 'NCCL_MAX_NCHANNELS', category: 'DBG', description: 'Legacy name of NCCL_MAX_NCHANNELS.' }),
  nccl({ name: 'NCCL_MIN_NRINGS', type: 'int', range: { min: 1 }, status: 'renamed', statusNote: 'legacy alias until NCCL 2.4; ignored if NCCL_MIN_NCHANNELS is set', replacement: 'NCCL_MIN_NCHANNELS', category: 'DBG', description: 'Legacy name of NCCL_MIN_NCHANNELS.' }),
  nccl({ name: 'NCCL_MAX_CTAS', type: 'int', range: { min: 1, max: 64, note: '≤ 32 before 2.25' }, since: '2.17', category: 'DBG', default: 'undefined', description: 'Maximum CTAs; overrides ncclConfig_t.maxCTAs.' }),
  nccl({ name: 'NCCL_MIN_CTAS', type: 'int', range: { min: 1, max: 64, note: '≤ 32 before 2.25' }, since: '2.17', category: 'DBG', default: 'undefined', description: 'Minimum CTAs; overrides ncclConfig_t.minCTAs.' }),
  nccl({ name: 'NCCL_CTA_POLICY', type: 'enum', values: ZERO_ONE_TWO('default', 'efficiency', 'zero-CTA'), since: '2.27', category: 'SYS', default: '0', description: 'Communicator CTA policy.' }),
  nccl({ name: 'NCCL_CGA_CLUSTER_SIZE', type: 'int', range: { min: 0, max: 8 }, since: '2.16', category: 'DBG', default: 'undefined (auto)', description: 'Thread-block-cluster size for sm90+ kernels.' }),
  nccl({ name: 'NCCL_BUFFSIZE', type: 'bytes', range: { min: 1, note: 'powers of 2 recommended' }, category: 'DBG', default: '4194304 (4 MiB)', description: 'Per-peer communication buffer size; lower it to save memory.' }),
  nccl({ name: 'NCCL_P2P_NET_CHUNKSIZE', type: 'bytes', since: '2.14', category: 'DBG', default: '131072', description: 'Chunk size of send/recv over the network.' }),
  nccl({ name: 'NCCL_P2P_LL_THRESHOLD', type: 'bytes', since: '2.14', category: 'DBG', default: '16384', description: 'Maximum size for the LL protocol in P2P operations.' }),
  nccl({ name: 'NCCL_ALLOC_P2P_NET_LL_BUFFERS', type: 'bool01', values: BOOL01, since: '2.14', category: 'DBG', default: '0', description: 'Dedicated LL buffers for every P2P network connection (large memory at high rank counts, e.g. all-to-all).' }),
  nccl({ name: 'NCCL_NVLS_ENABLE', type: 'enum', values: ZERO_ONE_TWO('off (no NVLS resources allocated)', 'on (fail init if unavailable)', 'auto'), since: '2.17', category: 'DBG', default: '2 (auto)', description: 'NVLink SHARP (3rd-gen NVSwitch, Hopper+): offloads e.g. all-reduce to the switch.' }),
  nccl({ name: 'NCCL_SINGLE_RING_THRESHOLD', type: 'bytes', status: 'removed', statusNote: 'removed in NCCL 2.3 (now ignored)', since: '2.1', category: 'DBG', description: 'Old single-ring size limit.' }),
  nccl({ name: 'NCCL_LL_THRESHOLD', type: 'bytes', status: 'removed', statusNote: 'removed in NCCL 2.5 (now ignored)', since: '2.1', category: 'DBG', description: 'Old LL protocol size limit.' }),
  nccl({ name: 'NCCL_TREE_THRESHOLD', type: 'bytes', status: 'removed', statusNote: 'removed in NCCL 2.5 (now ignored)', since: '2.4', category: 'DBG', description: 'Old tree size limit (still exported by old EFA scripts).' }),
  nccl({ name: 'NCCL_THREAD_THRESHOLDS', type: 'string', status: 'undocumented', statusNote: 'read in tuning.cc, not on the env page', source: S.TUN, description: 'Per-thread work thresholds before growing threads/channels: 6 integers.' }),
  // 1f. Memory registration, launch, runtime
  nccl({ name: 'NCCL_CUMEM_ENABLE', type: 'bool01', values: BOOL01, since: '2.18', category: 'DBG', default: '0 in 2.18; auto-enabled since 2.19 when supported', description: 'Allocate with cuMem* APIs.' }),
  nccl({ name: 'NCCL_CUMEM_HOST_ENABLE', type: 'bool01', values: BOOL01, since: '2.23', category: 'DBG', default: '0 in 2.23; since 2.24 1 if driver ≥ 12.6 and runtime ≥ 12.2', description: 'cuMem host allocations (needs NUMA support; Docker without SYS_NICE breaks it).' }),
  nccl({ name: 'NCCL_MEM_SYNC_DOMAIN', type: 'enum', values: [{ value: '0', meaning: 'default domain' }, { value: '1', meaning: 'cudaLaunchMemSyncDomainRemote' }], since: '2.16', category: 'DBG', default: '1', description: 'Memory sync domain of NCCL kernels (CUDA 12, sm90+) to avoid interference with compute.' }),
  nccl({ name: 'NCCL_DMABUF_ENABLE', type: 'bool01', values: BOOL01, since: '2.13', category: 'DBG', default: '1 (auto-off without kernel/driver support)', description: 'GDR buffer registration through Linux dma-buf.' }),
  nccl({ name: 'NCCL_GRAPH_REGISTER', type: 'bool01', values: BOOL01, since: '2.11', category: 'DBG', default: '1', description: 'User-buffer registration for CUDA-graph-captured calls.' }),
  nccl({ name: 'NCCL_LOCAL_REGISTER', type: 'bool01', values: BOOL01, since: '2.19', category: 'DBG', default: '1', description: 'Honour explicit ncclCommRegister.' }),
  nccl({ name: 'NCCL_LEGACY_CUDA_REGISTER', type: 'bool01', values: BOOL01, since: '2.24', category: 'DBG', default: '0', description: 'Allow registering cudaMalloc buffers (can implicitly synchronize → hang risk).' }),
  nccl({ name: 'NCCL_WIN_ENABLE', type: 'bool01', values: BOOL01, since: '2.27', category: 'DBG', default: '1', description: 'Window memory registration.' }),
  nccl({ name: 'NCCL_GRAPH_MIXING_SUPPORT', type: 'bool01', values: BOOL01, since: '2.13', category: 'DBG', default: '1', description: 'Allow outstanding NCCL calls from parallel CUDA graphs / mixed with eager calls; disabling avoids some launch hangs.' }),
  nccl({ name: 'NCCL_SET_STACK_SIZE', type: 'bool01', values: BOOL01, since: '2.9', category: 'DBG', default: '0', description: 'Pre-set the kernel stack size (fixes hangs caused by CUDA memory reconfiguration).' }),
  nccl({ name: 'NCCL_LAUNCH_MODE', type: 'enum', values: [{ value: 'PARALLEL', meaning: 'launch per device in parallel' }, { value: 'GROUP', meaning: 'cooperative-group launch', deprecated: 'deprecated since NCCL 2.9' }], caseInsensitive: true, since: '2.1.0', category: 'DBG', default: 'PARALLEL', description: 'Launch mode for multi-GPU processes.' }),
  nccl({ name: 'NCCL_LAUNCH_ORDER_IMPLICIT', type: 'bool01', values: BOOL01, since: '2.26', category: 'DBG', default: '0', description: 'Order operations from different communicators on one device by host program order.' }),
  nccl({ name: 'NCCL_LAUNCH_RACE_FATAL', type: 'bool01', values: BOOL01, since: '2.26', category: 'DBG', default: '1', description: 'Fatal error if host threads race to launch on one device.' }),
  nccl({ name: 'NCCL_RUNTIME_CONNECT', type: 'bool01', values: BOOL01, since: '2.22', category: 'DBG', default: '1', description: 'Connect peers lazily at first use (0 = at init).' }),
  nccl({ name: 'NCCL_COMM_BLOCKING', type: 'bool01', values: BOOL01, since: '2.14', category: 'DBG', default: 'undefined (blocking unless the config says otherwise)', description: 'Force blocking / non-blocking communicators.' }),
  nccl({ name: 'NCCL_CHECKS_DISABLE', type: 'bool01', values: BOOL01, status: 'deprecated', statusNote: 'deprecated since NCCL 2.2.12', since: '2.0.5', category: 'DBG', default: '0', description: 'Old switch to skip argument checks.' }),
  nccl({ name: 'NCCL_CHECK_POINTERS', type: 'bool01', values: BOOL01, since: '2.2.12', category: 'DBG', default: '0', description: 'Validate CUDA pointers on every call (adds latency).' }),
  // 1g. Debug output and RAS
  nccl({ name: 'NCCL_DEBUG', type: 'enum', caseInsensitive: true, values: [{ value: 'VERSION', meaning: 'print the NCCL version' }, { value: 'WARN', meaning: 'print an explicit message whenever a call fails' }, { value: 'INFO', meaning: 'debug information' }, { value: 'TRACE', meaning: 'replayable trace of every call' }], category: 'SYS', default: 'unset (no NCCL log lines; errors only returned as codes)', description: 'NCCL log level.' }),
  nccl({ name: 'NCCL_DEBUG_FILE', type: 'path', since: '2.2.12', category: 'SYS', default: 'stdout', description: 'Write the NCCL log to a file; `%h` = hostname, `%p` = PID; `/dev/stdout` and `/dev/stderr` allowed; no `~`. The file is overwritten, so use a per-process-unique name.' }),
  nccl({ name: 'NCCL_DEBUG_SUBSYS', type: 'token-list', caseInsensitive: true, values: ['INIT', 'COLL', 'P2P', 'SHM', 'NET', 'GRAPH', 'TUNING', 'ENV', 'ALLOC', 'CALL', 'PROXY', 'NVLS', 'BOOTSTRAP', 'REG', 'PROFILE', 'RAS', 'ALL'].map((v) => ({ value: v, meaning: `${v} subsystem` })), since: '2.3.4', category: 'SYS', default: 'INIT,BOOTSTRAP,ENV', description: 'Filter INFO output by subsystem; a leading `^` disables the listed subsystems.' }),
  nccl({ name: 'NCCL_DEBUG_TIMESTAMP_FORMAT', type: 'string', since: '2.26', category: 'SYS', default: ' [%F %T] ', description: 'strftime timestamp format for log lines (`%Xf` = X fractional digits; `_` = space; empty = none).' }),
  nccl({ name: 'NCCL_DEBUG_TIMESTAMP_LEVELS', type: 'token-list', caseInsensitive: true, values: ['VERSION', 'WARN', 'INFO', 'ABORT', 'TRACE', 'ALL'].map((v) => ({ value: v, meaning: `${v} lines` })), since: '2.26', category: 'SYS', default: 'WARN only', description: 'Which log levels get timestamps; `^` inverts.' }),
  nccl({ name: 'NCCL_RAS_ENABLE', type: 'bool01', values: BOOL01, since: '2.24', category: 'DBG', default: '1', description: 'RAS subsystem (query job health with the `ncclras` client).' }),
  nccl({ name: 'NCCL_RAS_ADDR', type: 'host-port', since: '2.24', category: 'DBG', default: 'localhost:28028', description: 'RAS listen socket `host:port` (IPv6 in `[]`); use distinct ports for co-located jobs.' }),
  nccl({ name: 'NCCL_RAS_TIMEOUT_FACTOR', type: 'int', range: { min: 1 }, since: '2.24', category: 'DBG', default: '1', description: 'Multiplies all RAS timeouts (5–60 s base).' }),
];

/** NCCL-adjacent names seen in the wild but not on NVIDIA's 2.28 page (reference §2). */
const NCCL_UNDOCUMENTED: EnvVarSpec[] = [
  nccl({ name: 'NCCL_NCHANNELS_PER_NET_PEER', type: 'int', range: { min: 1 }, status: 'undocumented', statusNote: 'not on the NCCL 2.28 env page', source: S.PB, description: 'Channels per remote peer for send/recv. On AWS p5 send/recv busbw fell from ~42–43 GB/s (2–4 nodes) to ~21 GB/s at ≥ 5 nodes when NCCL dropped from 2 to 1; =2 restored it but can slow all-to-all (NCCL issue #1272).' }),
  nccl({ name: 'NCCL_NVLS_CHUNKSIZE', type: 'bytes', status: 'undocumented', statusNote: 'not on the NCCL 2.28 env page; aws-ofi-nccl 1.11 sets it to 512KiB', source: S.OFI715, description: 'NVLS chunk size.' }),
  nccl({ name: 'NCCL_NVLSTREE_MAX_CHUNKSIZE', type: 'bytes', status: 'undocumented', statusNote: 'not on the NCCL 2.28 env page; aws-ofi-nccl 1.11 sets it to 512KiB', source: S.OFI715, description: 'NVLS-tree maximum chunk size.' }),
  nccl({ name: 'NCCL_NET_FORCE_FLUSH', type: 'bool01', values: BOOL01, status: 'undocumented', statusNote: 'not on the NCCL 2.28 env page (seen in an EFA nccl-tests log)', source: S.N1597, description: 'Force a flush after network receives.' }),
  nccl({ name: 'NCCL_MIN_P2P_NCHANNELS', type: 'int', range: { min: 1 }, status: 'undocumented', statusNote: 'not on the NCCL 2.28 env page (RCCL documents it)', source: S.E, description: 'Minimum channels used for P2P operations.' }),
  nccl({ name: 'NCCL_MAX_P2P_NCHANNELS', type: 'int', range: { min: 1 }, status: 'undocumented', statusNote: 'not on the NCCL 2.28 env page (RCCL documents it)', source: S.E, description: 'Maximum channels used for P2P operations.' }),
  nccl({ name: 'NCCL_NCHANNELS_PER_PEER', type: 'int', range: { min: 1 }, status: 'undocumented', statusNote: 'not on the NCCL 2.28 env page (RCCL documents it)', source: S.E, description: 'Channels per peer for P2P operations.' }),
  nccl({ name: 'NCCL_IB_USE_INLINE', type: 'bool01', values: BOOL01, status: 'undocumented', statusNote: 'not documented by NVIDIA', source: S.E, description: 'Use inline data for small IB messages.' }),
  nccl({ name: 'NCCL_SHARP_DISABLE', type: 'bool01', values: BOOL01, status: 'undocumented', statusNote: 'not documented by NVIDIA', source: S.E, description: 'Disable SHARP (plugin setting).' }),
  nccl({ name: 'NCCL_TEMP_DIR', type: 'path', status: 'undocumented', statusNote: 'not documented by NVIDIA', source: S.E, description: 'Temporary directory.' }),
  nccl({ name: 'NCCL_TIMEOUT', type: 'string', status: 'not-a-variable', statusNote: 'NCCL has no such variable', source: S.PTH, description: 'Appears in blog advice but NCCL reads no such variable. The PyTorch collective timeout is the `timeout=` argument of `init_process_group` (default 10 min for NCCL process groups in current source).' }),
];

const torch = (r: Row & { family?: EnvFamily }): EnvVarSpec => ({ family: 'torch-nccl', status: 'current', source: S.PTC, ...r });

const TORCH: EnvVarSpec[] = [
  torch({ name: 'TORCH_NCCL_ASYNC_ERROR_HANDLING', type: 'enum', values: [{ value: '0', meaning: 'no handling (a failed collective can hang forever)' }, { value: '1', meaning: 'abort the communicator and tear down the process' }, { value: '2', meaning: 'abort the communicator only' }, { value: '3', meaning: 'tear down without abort (SkipCleanUp)' }], default: '3', source: S.PTD, description: 'What the ProcessGroupNCCL watchdog does on an error or timeout.' }),
  torch({ name: 'TORCH_NCCL_BLOCKING_WAIT', type: 'bool', values: BOOL, default: 'false', source: S.PTD, description: '`wait()` blocks and raises on timeout; PyTorch notes blocking wait has a performance overhead, async error handling little or none.' }),
  torch({ name: 'TORCH_NCCL_DESYNC_DEBUG', type: 'bool', values: BOOL, default: 'false (forced on by TORCH_DISTRIBUTED_DEBUG=DETAIL)', source: S.PTD, description: 'Report the culprit rank of a collective desync.' }),
  torch({ name: 'TORCH_NCCL_ENABLE_TIMING', type: 'bool', values: BOOL, default: 'false (forced on with desync debug)', source: S.PTD, description: 'Record start events for per-collective timing.' }),
  torch({ name: 'TORCH_NCCL_ENABLE_MONITORING', type: 'bool', values: BOOL, default: 'true', source: S.PTD, description: 'Heartbeat monitor thread that kills the process if the watchdog is stuck.' }),
  torch({ name: 'TORCH_NCCL_HEARTBEAT_TIMEOUT_SEC', type: 'int', range: { min: 1 }, default: '480 (8 min) in current source; 600 in some earlier 2.x', description: 'Heartbeat timeout before the monitor aborts the process.' }),
  torch({ name: 'TORCH_NCCL_DUMP_ON_TIMEOUT', type: 'bool', values: BOOL, default: 'true in current source; false in earlier 2.x', source: S.PTD, description: 'Dump flight-recorder debug info on timeout/exception; needs TORCH_NCCL_TRACE_BUFFER_SIZE > 0.' }),
  torch({ name: 'TORCH_NCCL_TRACE_BUFFER_SIZE', type: 'int', range: { min: 0 }, default: '2000 in current FlightRecorder; 0 (disabled) in earlier 2.x', source: S.PTFR, description: 'Flight-recorder ring-buffer size in events; 0 disables the recorder.' }),
  torch({ name: 'TORCH_FR_BUFFER_SIZE', type: 'int', range: { min: 0 }, default: '2000', source: S.PTFR, description: 'Newer name of TORCH_NCCL_TRACE_BUFFER_SIZE (flight-recorder ring-buffer size).' }),
  torch({ name: 'TORCH_NCCL_WAIT_TIMEOUT_DUMP_MILSEC', type: 'int', range: { min: 0 }, default: '15000 (current); 60000 and 2000 in older sources', description: 'Time to wait for the dump before killing the process.' }),
  torch({ name: 'TORCH_NCCL_COORD_CHECK_MILSEC', type: 'int', range: { min: 1 }, default: '1000', description: 'Coordination poll interval for dumps.' }),
  torch({ name: 'TORCH_NCCL_AVOID_RECORD_STREAMS', type: 'bool', values: BOOL, default: 'false', description: 'Stash tensors instead of `recordStream` (caching-allocator safety with less memory retention).' }),
  torch({ name: 'TORCH_NCCL_HIGH_PRIORITY', type: 'bool', values: BOOL, source: S.PTD, description: 'Use a high-priority CUDA stream for NCCL.' }),
  torch({ name: 'TORCH_NCCL_RETHROW_CUDA_ERRORS', type: 'bool', values: BOOL, default: 'true', description: 'Re-raise CUDA errors seen by the watchdog.' }),
  torch({ name: 'TORCH_NCCL_NAN_CHECK', type: 'bool', values: BOOL, default: 'false', description: 'Check collective inputs for NaN (NCCL backend).' }),
  torch({ name: 'TORCH_DIST_NAN_CHECK', family: 'torch-distributed', type: 'bool', values: BOOL, source: S.PTENV, description: 'Backend-agnostic NaN check of send buffers.' }),
  torch({ name: 'TORCH_NCCL_LOG_CPP_STACK_ON_UNCLEAN_SHUTDOWN', type: 'bool', values: BOOL, default: 'true', description: 'Log the C++ stack on unclean shutdown.' }),
  torch({ name: 'TORCH_NCCL_CUDA_EVENT_CACHE', type: 'bool', values: BOOL, default: 'false (in the version read)', description: 'Cache CUDA events.' }),
  torch({ name: 'TORCH_NCCL_PROPAGATE_ERROR', type: 'bool', values: BOOL, source: S.PTH, description: 'Propagate NCCL errors to all ranks through the TCPStore.' }),
  torch({ name: 'TORCH_NCCL_BCAST_UNIQUEID', type: 'bool', values: BOOL, source: S.PTH, description: 'Control broadcast of the NCCL unique id.' }),
  torch({ name: 'TORCH_NCCL_USE_TENSOR_REGISTER_ALLOCATOR_HOOK', type: 'bool', values: BOOL, source: S.PTH, description: 'Register/deregister tensors with NCCL from allocator hooks.' }),
  torch({ name: 'TORCH_ENABLE_NCCL_HEALTH_CHECK', type: 'bool', values: BOOL, source: S.PTH, description: 'Health-check communicators at init.' }),
  torch({ name: 'TORCH_FR_DUMP_TEMP_FILE', type: 'path', source: S.FRTEMP, description: 'Path prefix where flight-recorder dumps go.' }),
  torch({ name: 'TORCH_DISTRIBUTED_DEBUG', family: 'torch-distributed', type: 'enum', caseInsensitive: true, values: [{ value: 'OFF', meaning: 'default' }, { value: 'INFO', meaning: 'extra c10d/DDP logging' }, { value: 'DETAIL', meaning: 'collective consistency checks; turns on desync debug and dump-on-timeout' }], default: 'OFF', source: S.PTDBG, description: 'Extra torch.distributed logging and checks.' }),
  torch({ name: 'TORCH_SHOW_CPP_STACKTRACES', family: 'torch', type: 'bool', values: BOOL, source: S.PTENV, description: 'Print the C++ stack on C++ errors.' }),
  torch({ name: 'TORCH_CPP_LOG_LEVEL', family: 'torch', type: 'enum', caseInsensitive: true, values: [{ value: 'INFO', meaning: 'info' }, { value: 'WARNING', meaning: 'warnings' }, { value: 'ERROR', meaning: 'errors' }, { value: 'FATAL', meaning: 'fatal only' }, { value: '0', meaning: 'info' }, { value: '1', meaning: 'warnings' }, { value: '2', meaning: 'errors' }, { value: '3', meaning: 'fatal only' }], source: S.PTENV, description: 'c10 log level.' }),
  torch({ name: 'CUDA_DEVICE_MAX_CONNECTIONS', family: 'cuda', type: 'int', range: { min: 1, max: 32 }, default: 'CUDA default', source: S.MEG, description: 'Hardware work queues per device. Megatron-LM refuses to start unless it is 1 with sequence parallelism or async TP all-reduce; newer Megatron warns that FSDP wants it > 1, and for MoE EP overlap "1 or 32".' }),
  torch({ name: 'CUDA_LAUNCH_BLOCKING', family: 'cuda', type: 'bool', values: BOOL, default: 'unset', source: S.CLB, description: 'Synchronous kernel launches, for debugging the op behind an asynchronous CUDA error (very slow).' }),
  torch({ name: 'PYTORCH_CUDA_ALLOC_CONF', family: 'torch', type: 'string', default: 'unset', source: S.CUDAMEM, description: 'Caching-allocator options, e.g. `expandable_segments:True` (suggested by the OOM message to reduce fragmentation).' }),
];

/** Legacy names PyTorch still reads with a deprecation warning per rank (torch 2.2.0, PR #114077). */
const TORCH_LEGACY: Array<[legacy: string, current: string, source: string]> = [
  ['NCCL_ASYNC_ERROR_HANDLING', 'TORCH_NCCL_ASYNC_ERROR_HANDLING', S.PR114077],
  ['NCCL_BLOCKING_WAIT', 'TORCH_NCCL_BLOCKING_WAIT', S.PR114077],
  ['NCCL_DESYNC_DEBUG', 'TORCH_NCCL_DESYNC_DEBUG', S.PR114077],
  ['NCCL_ENABLE_TIMING', 'TORCH_NCCL_ENABLE_TIMING', S.PR114077],
  ['NCCL_USE_TENSOR_REGISTER_ALLOCATOR_HOOK', 'TORCH_NCCL_USE_TENSOR_REGISTER_ALLOCATOR_HOOK', S.PR114077],
  ['ENABLE_NCCL_HEALTH_CHECK', 'TORCH_ENABLE_NCCL_HEALTH_CHECK', S.PR114077],
  ['TORCH_NCCL_DEBUG_INFO_TEMP_FILE', 'TORCH_FR_DUMP_TEMP_FILE', S.FRTEMP],
];

function legacyRows(): EnvVarSpec[] {
  return TORCH_LEGACY.map(([legacy, current, source]) => {
    const cur = TORCH.find((t) => t.name === current)!;
    return {
      ...cur,
      name: legacy,
      status: 'deprecated' as const,
      statusNote: 'deprecated since torch 2.2.0: PyTorch still reads it but prints a deprecation warning on every rank',
      replacement: current,
      source,
    };
  });
}

const efa = (r: Row & { family?: EnvFamily }): EnvVarSpec => ({ family: 'efa', status: 'current', source: S.EFA, ...r });

const EFA_ROWS: EnvVarSpec[] = [
  efa({ name: 'FI_PROVIDER', type: 'string', default: 'auto', description: 'libfabric provider. `efa` is only needed for aws-ofi-nccl ≤ 1.5.0 on p4/p5; the playbook uses `FI_PROVIDER=efa` / `tcp` with NCCL_P2P_DISABLE=1 only to force slow paths in a benchmark.' }),
  efa({ name: 'FI_EFA_USE_DEVICE_RDMA', type: 'bool01', values: BOOL01, description: 'Use EFA device RDMA (GPUDirect). Not needed with libfabric ≥ 1.18.0 and aws-ofi-nccl ≥ 1.7.0 (harmless on p4/p5); needed for aws-ofi-nccl 1.6.x and ≤ 1.5.0.' }),
  efa({ name: 'FI_EFA_FORK_SAFE', type: 'bool01', values: BOOL01, description: 'Not needed on kernel ≥ 5.15 (no effect); aws-ofi-nccl sets it itself.' }),
  efa({ name: 'FI_EFA_USE_HUGE_PAGE', type: 'bool01', values: BOOL01, description: 'Set to 0 when `os.fork()` fails with `OSError: Cannot allocate memory` (multi-worker DataLoader); minor performance cost. In every AWS preset.' }),
  efa({ name: 'FI_EFA_SET_CUDA_SYNC_MEMOPS', type: 'bool01', values: BOOL01, source: S.ADA203, description: 'Set to 0 with efa-installer < 1.29.1 and NCCL ≥ 2.19.0, else `NET/OFI Unable to register memory (type = 2) ... RC: -22`.' }),
  efa({ name: 'FI_EFA_ENABLE_SHM_TRANSFER', type: 'bool01', values: BOOL01, default: '1', description: 'Not needed (already the default).' }),
  efa({ name: 'FI_EFA_TX_MIN_CREDITS', type: 'int', description: 'Legacy leftover in old EFA scripts.' }),
  efa({ name: 'FI_OFI_RXR_RX_COPY_UNEXP', type: 'bool01', values: BOOL01, description: 'Legacy leftover in old EFA scripts.' }),
  efa({ name: 'FI_LOG_LEVEL', type: 'string', description: 'libfabric log level.' }),
  efa({ name: 'RDMAV_FORK_SAFE', family: 'rdma', type: 'bool01', values: BOOL01, description: 'rdma-core variable: do not use on EFA (can break things on newer kernels).' }),
];

export const NCCL_VARS: readonly EnvVarSpec[] = [...NCCL_DOCUMENTED, ...NCCL_UNDOCUMENTED, ...TORCH, ...legacyRows(), ...EFA_ROWS];

const BY_NAME = new Map(NCCL_VARS.map((v) => [v.name, v]));

export function envVarSpec(name: string): EnvVarSpec | undefined {
  return BY_NAME.get(name);
}

/** The current name a legacy alias stands for (NCCL_ASYNC_ERROR_HANDLING -> TORCH_NCCL_ASYNC_ERROR_HANDLING). */
export function canonicalEnvName(name: string): string {
  const spec = BY_NAME.get(name);
  if (spec && (spec.status === 'deprecated' || spec.status === 'renamed') && spec.replacement) return spec.replacement;
  return name;
}

/**
 * Name families whose members trainlint judges; anything else a script sets is left alone. `strict` families get
 * "unknown variable" findings for any exported name not in the table; the others (libfabric's FI_* has hundreds
 * of knobs) only when the name is a near-miss of a known one. `complete` means the table holds the whole
 * documented list (NVIDIA's NCCL 2.28 page), so an unknown name is a warning rather than a note.
 */
export const ENV_FAMILIES: ReadonlyArray<{ prefix: string; family: EnvFamily; strict: boolean; complete: boolean; label: string }> = [
  { prefix: 'TORCH_NCCL_', family: 'torch-nccl', strict: true, complete: false, label: 'PyTorch ProcessGroupNCCL' },
  { prefix: 'TORCH_DISTRIBUTED_', family: 'torch-distributed', strict: true, complete: false, label: 'torch.distributed' },
  { prefix: 'TORCH_FR_', family: 'torch-nccl', strict: true, complete: false, label: 'PyTorch flight recorder' },
  { prefix: 'NCCL_', family: 'nccl', strict: true, complete: true, label: 'NCCL' },
  { prefix: 'FI_EFA_', family: 'efa', strict: false, complete: false, label: 'libfabric EFA provider' },
  { prefix: 'FI_', family: 'efa', strict: false, complete: false, label: 'libfabric' },
  { prefix: 'RDMAV_', family: 'rdma', strict: false, complete: false, label: 'rdma-core' },
  { prefix: 'TORCH_', family: 'torch', strict: false, complete: false, label: 'PyTorch' },
  { prefix: 'CUDA_', family: 'cuda', strict: false, complete: false, label: 'CUDA' },
];

/**
 * Names in the NCCL_ prefix that are build/install settings of other tools (PyTorch's setup.py, nccl-tests,
 * module files), never read by NCCL at run time: a suffix like _HOME or _PATH marks them.
 */
export const NON_RUNTIME_NAME_SUFFIX = /_(HOME|ROOT|ROOT_DIR|DIR|PATH|LIB|LIBS|LIB_DIR|LIBRARY|LIBRARIES|INCLUDE|INCLUDE_DIR|INCLUDE_DIRS|VERSION|SRC|BUILD|INSTALL|PREFIX)$/;

export function envFamilyOf(name: string): (typeof ENV_FAMILIES)[number] | undefined {
  return ENV_FAMILIES.find((f) => name.startsWith(f.prefix));
}
