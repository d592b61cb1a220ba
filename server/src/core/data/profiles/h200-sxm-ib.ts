import type { ClusterProfile } from '../../profiles/types';
import { H200_SXM } from './gpus';
import { H100_FAILURE_RATE, HGX_H100_ALLTOALL_IN_NODE, HGX_H100_NVLINK, HGX_H100_SENDRECV_IN_NODE, localNvme, NDR_PER_GPU } from './shared';
import { SRC } from './sources';

export const H200_SXM_IB: ClusterProfile = {
  name: 'h200-sxm-ib',
  description: '8x H200 SXM 141GB per node (18x NVLink 4, 900 GB/s, NVSwitch with NVLS), 400 Gb/s NDR InfiniBand per GPU',
  gpu: H200_SXM,
  gpusPerNode: 8,
  intraNode: { ...HGX_H100_NVLINK, nvlinkGBps: { ...HGX_H100_NVLINK.nvlinkGBps!, note: `MLPerf H200 node: "18x 4th Gen NVLink, 900GB/s" (${SRC.MLC_H200}); ${HGX_H100_NVLINK.nvlinkGBps!.note}` } },
  network: {
    kind: 'infiniband',
    perNodeGbps: { theoretical: 3200, source: SRC.MLC_H200, note: 'MLPerf node lists "10x 400Gbe Infiniband"; 8 GPU-attached compute NICs assumed (one per GPU)' },
    perGpuGbps: NDR_PER_GPU,
    nics: 8,
  },
  collectives: {
    'all-reduce': [{ nodes: 1, gpus: 8, busbwGBps: 475, latencyUs: 12.9, source: SRC.NT272, note: '8x H200 all-reduce busbw peak 475 GB/s; latency as measured on H100 SXM (AWS p5, same NVLink fabric)' }],
    'all-to-all': [{ ...HGX_H100_ALLTOALL_IN_NODE, note: 'measured on 8x H100 SXM (same NVLink 4 fabric)' }],
    'send-recv': [{ ...HGX_H100_SENDRECV_IN_NODE, note: 'measured on 8x H100 SXM (same NVLink 4 fabric)' }],
  },
  storage: [localNvme('measured on an AWS p5 node (26.59 GiB/s); override with your own measurement')],
  failureRatePerGpuHour: { ...H100_FAILURE_RATE, note: `H100 rate (same die, Llama 3 run): ${H100_FAILURE_RATE.note}` },
};
