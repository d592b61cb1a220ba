import type { ClusterProfile } from '../../profiles/types';
import { H100_PCIE } from './gpus';
import { H100_FAILURE_RATE, localNvme } from './shared';
import { SRC } from './sources';

export const H100_PCIE_PROFILE: ClusterProfile = {
  name: 'h100-pcie',
  description: '8x H100 PCIe 80GB per node, GPUs talk over PCIe Gen5 x16 (no NVSwitch), 4x 400 Gb/s InfiniBand per node (assumed)',
  gpu: H100_PCIE,
  gpusPerNode: 8,
  intraNode: {
    kind: 'pcie',
    nvls: false,
    pcieGBps: {
      theoretical: 63.015,
      measured: 55,
      source: SRC.PCIE_P2P,
      note: 'Gen5 x16 63.015 GB/s per direction; ~54-56 GB/s unidirectional P2P measured on another Gen5 card (RTX PRO 6000), for contrast',
    },
  },
  network: {
    kind: 'infiniband',
    perNodeGbps: { theoretical: 1600, source: SRC.PB, note: 'assumed: 4 x 400 Gb/s InfiniBand NICs for 8 GPUs (playbook interconnect classes); override for your cluster' },
    perGpuGbps: { theoretical: 200, measured: 188, source: SRC.NT290, note: 'assumed one 400 Gb/s NIC per 2 GPUs; 47 GB/s achievable per NDR NIC shared by 2 GPUs' },
    nics: 4,
  },
  collectives: {},
  storage: [localNvme('measured on an AWS p5 node (26.59 GiB/s); override with your own measurement')],
  failureRatePerGpuHour: { ...H100_FAILURE_RATE, note: `H100 SXM rate (Llama 3): ${H100_FAILURE_RATE.note}` },
};
