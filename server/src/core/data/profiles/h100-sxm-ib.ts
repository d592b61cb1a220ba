import type { ClusterProfile } from '../../profiles/types';
import { H100_SXM } from './gpus';
import { H100_FAILURE_RATE, HGX_H100_ALLREDUCE_IN_NODE, HGX_H100_ALLTOALL_IN_NODE, HGX_H100_NVLINK, HGX_H100_SENDRECV_IN_NODE, localNvme, NDR_PER_GPU } from './shared';
import { SRC } from './sources';

export const H100_SXM_IB: ClusterProfile = {
  name: 'h100-sxm-ib',
  description: '8x H100 SXM5 per node (NVLink 4 + NVSwitch with NVLS), 8x 400 Gb/s NDR InfiniBand (DGX/HGX H100)',
  gpu: H100_SXM,
  gpusPerNode: 8,
  intraNode: HGX_H100_NVLINK,
  network: {
    kind: 'infiniband',
    perNodeGbps: { theoretical: 3200, source: SRC.LKML, note: '8 x ConnectX-7 400 Gb/s, one per GPU (also MLPerf XE9680 "8x 400Gb Infiniband")' },
    perGpuGbps: NDR_PER_GPU,
    nics: 8,
  },
  collectives: {
    'all-reduce': HGX_H100_ALLREDUCE_IN_NODE,
    'all-to-all': [HGX_H100_ALLTOALL_IN_NODE],
    'send-recv': [HGX_H100_SENDRECV_IN_NODE],
  },
  storage: [localNvme('measured on an AWS p5 node (26.59 GiB/s, 8 x 3.5 TB NVMe RAID-0); DGX H100 has 8 x 3.84 TB NVMe data drives - override with your own measurement')],
  failureRatePerGpuHour: H100_FAILURE_RATE,
};
