import type { ClusterProfile } from '../../profiles/types';
import { A100_SXM_80GB } from './gpus';
import { localNvme } from './shared';
import { SRC } from './sources';

export const A100_SXM_IB: ClusterProfile = {
  name: 'a100-sxm-ib',
  description: '8x A100 SXM4 80GB per node (NVLink 3 + NVSwitch, no NVLS), 8x 200 Gb/s HDR InfiniBand (DGX A100 layout)',
  gpu: A100_SXM_80GB,
  gpusPerNode: 8,
  intraNode: {
    kind: 'nvlink',
    nvlinkGBps: { theoretical: 300, source: SRC.GLA100, note: '12 NVLink 3 links, 300 + 300 GB/s' },
    nvls: false,
    pcieGBps: { theoretical: 31.508, source: SRC.GLA100, note: 'PCIe Gen4 x16, 32 + 32 GB/s' },
  },
  network: {
    kind: 'infiniband',
    perNodeGbps: { theoretical: 1600, source: 'https://docs.nvidia.com/dgx/dgxa100-user-guide/', note: '8 x 200 Gb/s HDR (DGX A100); not in the reference fact sheet - verify for your cluster' },
    perGpuGbps: { theoretical: 200, source: 'https://docs.nvidia.com/dgx/dgxa100-user-guide/', note: 'one HDR NIC per GPU; verify' },
    nics: 8,
  },
  collectives: {},
  storage: [localNvme('measured on an AWS p5 node (26.59 GiB/s); override with your own measurement')],
  failureRatePerGpuHour: {
    measured: 54 / (992 * 56 * 24),
    source: SRC.OPT,
    note: `OPT-175B on 992 A100 80GB: ~54 restarts in 56 days (${SRC.OPT_NOTES}) = one per ~24,700 GPU-hours`,
  },
};
