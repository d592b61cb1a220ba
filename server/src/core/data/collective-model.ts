import type { CollectiveOp } from '../profiles/types';
import { SRC } from './profiles/sources';

/**
 * The constants of trainlint's alpha-beta collective model. Measured profile tables take precedence; these
 * fill the gaps (hardware.md §7 nccl-tests definitions, §8 NCCL tuner cost model).
 */

/** nccl-tests bus-bandwidth factor: busbw = algbw x factor(n) (hardware.md §7). */
export interface BusbwFactor {
  formula: string;
  factor(n: number): number;
  source: string;
}

export const BUSBW_FACTORS: Record<CollectiveOp, BusbwFactor> = {
  'all-reduce': { formula: '2(n-1)/n', factor: (n) => (2 * (n - 1)) / n, source: SRC.PERF },
  'all-gather': { formula: '(n-1)/n', factor: (n) => (n - 1) / n, source: SRC.PERF },
  'reduce-scatter': { formula: '(n-1)/n', factor: (n) => (n - 1) / n, source: SRC.PERF },
  'all-to-all': { formula: '(n-1)/n', factor: (n) => (n - 1) / n, source: SRC.PERF },
  broadcast: { formula: '1', factor: () => 1, source: SRC.PERF },
  'send-recv': { formula: '1', factor: () => 1, source: SRC.PERF },
};

/** NCCL Ring/LL latencies (us) as in the tuner: base + per-step hardware latency by link (hardware.md §8). */
export const NCCL_LATENCY = {
  baseUs: { value: 6.6, source: SRC.TUN, note: 'Ring LL base latency in later NCCL trees (6.6 us; 3.6 us in NCCL 2.8)' },
  nvlinkStepUs: { value: 0.6, source: SRC.TUN, note: 'NVLink Ring LL hwLat' },
  pcieStepUs: { value: 1.0, source: SRC.TUN, note: 'PCI Ring LL hwLat' },
  netStepUs: { value: 2.7, source: SRC.TUN, note: 'NET Ring LL hwLat' },
  intraFactorMultiNode: { value: 1.8, source: SRC.TUN, note: 'LL intra-node latency x1.8 when nNodes > 1' },
} as const;

/** Share of a link's rate NCCL reaches, used only when a profile has no measured value for the link. */
export const LINK_EFFICIENCY = {
  nvlink: { value: 370 / 450, source: SRC.NT212, note: 'NCCL reaches ~370 GB/s busbw of the 450 GB/s NVLink 4 line rate (protocol overhead ~20 %)' },
  network: { value: 47 / 50, source: SRC.NT290, note: '46-48 GB/s of NCCL bandwidth per 400 Gb/s (50 GB/s) NDR NIC' },
  pcie: { value: 55 / 63.015, source: SRC.PCIE_P2P, note: '~54-56 GB/s unidirectional P2P of 63 GB/s on PCIe Gen5 x16' },
} as const;
