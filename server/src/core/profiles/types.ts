/**
 * A cluster profile: the hardware every estimate stands on. Every figure carries where it came from
 * (`source`), a theoretical (datasheet / line-rate) value and, where someone measured it, a measured value.
 * Units are in the field names: GB/s = 10^9 bytes/s, Gbps = 10^9 bits/s, us = microseconds.
 */

/** One sourced number. Estimators use `measured` when present, else `theoretical`. */
export interface Figure {
  theoretical?: number;
  measured?: number;
  /** URL (or file path for user profiles) the figure comes from. */
  source: string;
  /** Caveats: conditions of the measurement, conflicts, "needs verification". */
  note?: string;
}

export type Dtype = 'fp64' | 'fp32' | 'tf32' | 'bf16' | 'fp16' | 'fp8' | 'int8';
export const DTYPES: readonly Dtype[] = ['fp64', 'fp32', 'tf32', 'bf16', 'fp16', 'fp8', 'int8'];

export interface GpuSpec {
  /** Human name, e.g. "H100 SXM5 80GB". */
  name: string;
  memoryBytes: Figure;
  hbmBandwidthGBps: Figure;
  /** Dense (no 2:4 sparsity) Tensor Core peak per dtype, TFLOPs. */
  peakDenseTflops: Partial<Record<Dtype, Figure>>;
  /** What a large GEMM actually reaches (torch.matmul / scaled_mm benchmarks), TFLOPs. */
  achievableMatmulTflops: Partial<Record<Dtype, Figure>>;
}

export type IntraNodeKind = 'nvlink' | 'pcie';

export interface IntraNodeSpec {
  kind: IntraNodeKind;
  /** NVLink bandwidth per GPU, per direction (GB/s). theoretical = line rate, measured = NCCL-achievable. */
  nvlinkGBps?: Figure;
  /** NVLink SHARP (in-switch all-reduce) available. */
  nvls?: boolean;
  /** Host / peer PCIe link per GPU, per direction (GB/s). */
  pcieGBps: Figure;
}

export type NetworkKind = 'infiniband' | 'efa' | 'roce' | 'ethernet';

export interface NetworkSpec {
  kind: NetworkKind;
  /** Scale-out bandwidth per node, one direction (Gb/s). */
  perNodeGbps: Figure;
  /** Scale-out bandwidth per GPU, one direction (Gb/s); measured = what NCCL send/recv reaches. */
  perGpuGbps: Figure;
  /** Number of NICs per node. */
  nics: number;
}

export type CollectiveOp = 'all-reduce' | 'all-gather' | 'reduce-scatter' | 'all-to-all' | 'broadcast' | 'send-recv';
export const COLLECTIVE_OPS: readonly CollectiveOp[] = ['all-reduce', 'all-gather', 'reduce-scatter', 'all-to-all', 'broadcast', 'send-recv'];

/** One measured nccl-tests point: large-message bus bandwidth and/or small-message latency at a node count. */
export interface CollectivePoint {
  nodes: number;
  /** GPUs taking part (defaults to nodes x gpusPerNode). */
  gpus?: number;
  /** Large-message bus bandwidth (nccl-tests busbw), GB/s. */
  busbwGBps?: number;
  /** The source gave a range; busbwGBps is its midpoint. */
  busbwRangeGBps?: [number, number];
  /** Small-message time (nccl-tests `time` column at the smallest sizes), us. */
  latencyUs?: number;
  source: string;
  note?: string;
}

export type StorageKind = 'local-nvme' | 'network-fs' | 'object-store' | 'block';

export interface StorageTier {
  name: string;
  kind: StorageKind;
  /** Mount point or URL prefix where the tier lives on this cluster (used to match checkpoint paths). */
  path?: string;
  /** Sustained write bandwidth as seen from one node (GB/s). */
  writeGBps: Figure;
  /** Capacity in bytes when known. */
  capacityBytes?: Figure;
  /** True when the tier survives the loss of the node that wrote to it. */
  survivesNodeLoss: boolean;
}

export interface ClusterProfile {
  name: string;
  description: string;
  /** Name of the profile this one was derived from (user profiles). */
  extends?: string;
  gpu: GpuSpec;
  gpusPerNode: number;
  /** Nodes in the cluster, when a user profile says (the most a job can use). */
  nodes?: number;
  intraNode: IntraNodeSpec;
  network: NetworkSpec;
  /** Measured collective tables by op; points ordered by node count. */
  collectives: Partial<Record<CollectiveOp, CollectivePoint[]>>;
  storage: StorageTier[];
  /** Probability that one GPU-hour ends in a job-stopping failure (1 / MTBF per GPU in hours). */
  failureRatePerGpuHour: Figure;
}

/** The value an estimator uses: measured when someone measured it, else the theoretical one. */
export function figureValue(f: Figure | undefined): number | undefined {
  if (!f) return undefined;
  return f.measured ?? f.theoretical;
}

/** Where a profile comes from: built in, or a user file. */
export interface ProfileEntry {
  profile: ClusterProfile;
  source: 'built-in' | string;
}
