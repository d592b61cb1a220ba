import type { CollectivePoint, Figure, IntraNodeSpec, StorageTier } from '../../profiles/types';
import { SRC } from './sources';

/** Pieces several built-in profiles share (same HGX baseboard, same NICs, same failure data). */

/** HGX/DGX H100 or H200: 18 NVLink-4 links through 4 NVSwitches, NVLS capable (hardware.md §2). */
export const HGX_H100_NVLINK: IntraNodeSpec = {
  kind: 'nvlink',
  nvlinkGBps: {
    theoretical: 450,
    measured: 370,
    source: SRC.NT212,
    note: '18 links x 25 GB/s each way = 450 GB/s per direction; NCCL reaches ~370 GB/s busbw for non-all-reduce collectives (protocol overhead ~20 %)',
  },
  nvls: true,
  pcieGBps: { theoretical: 63.015, source: SRC.GLH100, note: 'PCIe Gen5 x16 host link, 128 GB/s bidirectional' },
};

/** 8 x ConnectX-7 NDR 400 Gb/s, one per GPU (DGX/HGX H100). */
export const NDR_PER_GPU: Figure = {
  theoretical: 400,
  measured: 376,
  source: SRC.NT290,
  note: 'NVIDIA expects 46-48 GB/s of NCCL bandwidth per 400 Gb/s NDR NIC (47 GB/s = 376 Gb/s)',
};

/** 1-node all-reduce busbw on 8 x H100 SXM by GPU count: Ring ~370 up to 4 GPUs, NVLS above (hardware.md §2). */
export const HGX_H100_ALLREDUCE_IN_NODE: CollectivePoint[] = [
  { nodes: 1, gpus: 2, busbwGBps: 370, source: SRC.N1455, note: 'Ring 365-370 GB/s for 2-4 GPUs' },
  { nodes: 1, gpus: 4, busbwGBps: 370, source: SRC.N1455 },
  { nodes: 1, gpus: 5, busbwGBps: 420, source: SRC.N1455, note: 'NVLS' },
  { nodes: 1, gpus: 6, busbwGBps: 440, source: SRC.N1455, note: 'NVLS' },
  { nodes: 1, gpus: 7, busbwGBps: 460, source: SRC.N1455, note: 'NVLS' },
  { nodes: 1, gpus: 8, busbwGBps: 480, latencyUs: 12.9, source: SRC.PB, note: 'NVLS, ~1.3x over Ring (476 GB/s in nccl-tests#290); 12.9 us small-message latency measured on AWS p5' },
];

export const HGX_H100_ALLTOALL_IN_NODE: CollectivePoint = {
  nodes: 1, gpus: 8, busbwGBps: 344, latencyUs: 7.6, source: SRC.PB, note: 'no NVLS acceleration for all-to-all; measured on AWS p5 (8 x H100 SXM)',
};

export const HGX_H100_SENDRECV_IN_NODE: CollectivePoint = {
  nodes: 1, gpus: 2, busbwGBps: 364.93, source: SRC.PB, note: 'sendrecv_perf, 2 GPUs over NVLink',
};

/** Llama 3 405B: 419 unexpected interruptions in 54 days on 16,384 H100 (checkpointing.md §5, §6.1). */
export const H100_FAILURE_RATE: Figure = {
  measured: 419 / (16384 * 54 * 24),
  source: SRC.LLAMA3,
  note: '419 unexpected interruptions / (16,384 GPUs x 54 days x 24 h) = one per ~50,700 GPU-hours',
};

/** Local NVMe RAID-0 as measured on the playbook's p5 nodes; other clusters should override it. */
export function localNvme(note?: string): StorageTier {
  return {
    name: 'local-nvme',
    kind: 'local-nvme',
    path: '/scratch',
    writeGBps: {
      measured: 28.55,
      source: SRC.PB_STORAGE,
      note: note ?? '26.59 GiB/s (= 28.55 GB/s) on 8 x 3.5 TB NVMe RAID-0, 64 threads, 1 MiB I/O',
    },
    survivesNodeLoss: false,
  };
}
