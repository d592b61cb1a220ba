import type { ClusterProfile } from '../../profiles/types';
import { H100_SXM } from './gpus';
import { H100_FAILURE_RATE, HGX_H100_ALLREDUCE_IN_NODE, HGX_H100_ALLTOALL_IN_NODE, HGX_H100_NVLINK, HGX_H100_SENDRECV_IN_NODE, localNvme } from './shared';
import { SRC } from './sources';

/** AWS p5.48xlarge as measured in the Smol Training Playbook (SmolLM3 cluster), hardware.md §3-§6. */
export const AWS_P5: ClusterProfile = {
  name: 'aws-p5',
  description: 'AWS p5.48xlarge: 8x H100 SXM5, 32x 100 Gbps EFA (the Smol Training Playbook / SmolLM3 cluster)',
  gpu: H100_SXM,
  gpusPerNode: 8,
  intraNode: {
    ...HGX_H100_NVLINK,
    pcieGBps: {
      theoretical: 15.754,
      measured: 14.2,
      source: SRC.PB,
      note: 'host->GPU goes through a PCIe Gen4 x8 CPU->switch hop (lstopo 15.75 GB/s); nvbandwidth host_to_device ~14.2 GB/s',
    },
  },
  network: {
    kind: 'efa',
    perNodeGbps: { theoretical: 3200, source: SRC.PB, note: '32 x 100 Gbps EFA, SRD transport' },
    perGpuGbps: {
      theoretical: 400,
      measured: 340,
      source: SRC.PB,
      note: '4 x 100 Gbps EFA behind each GPU PCIe switch; sendrecv_perf across nodes 42-43 GB/s (42.5 GB/s = 340 Gb/s)',
    },
    nics: 32,
  },
  collectives: {
    'all-reduce': [
      ...HGX_H100_ALLREDUCE_IN_NODE,
      { nodes: 2, busbwGBps: 479, latencyUs: 55.5, source: SRC.PB },
      { nodes: 3, busbwGBps: 335, busbwRangeGBps: [320, 350], source: SRC.PB, note: '~320-350 GB/s from 3-4 nodes on' },
      { nodes: 16, busbwGBps: 335, busbwRangeGBps: [320, 350], latencyUs: 235, source: SRC.PB, note: 'roughly flat 5-16 nodes; latency grows about linearly with nodes' },
    ],
    'all-to-all': [
      HGX_H100_ALLTOALL_IN_NODE,
      { nodes: 2, busbwGBps: 81, latencyUs: 60, source: SRC.PB },
      { nodes: 3, busbwGBps: 51.5, busbwRangeGBps: [45, 58], source: SRC.PB, note: '~45-58 GB/s from 3-4 nodes on' },
      { nodes: 16, busbwGBps: 51.5, busbwRangeGBps: [45, 58], latencyUs: 621, source: SRC.PB },
    ],
    'send-recv': [
      HGX_H100_SENDRECV_IN_NODE,
      { nodes: 2, busbwGBps: 42.5, busbwRangeGBps: [42, 43], latencyUs: 46.5, source: SRC.PB, note: 'latency 40-53 us at all node counts' },
      { nodes: 4, busbwGBps: 42.5, busbwRangeGBps: [42, 43], source: SRC.PB },
      {
        nodes: 5,
        busbwGBps: 21,
        source: SRC.PB,
        note: 'from 5 nodes NCCL drops to 1 channel per peer; NCCL_NCHANNELS_PER_NET_PEER=2 restores ~42 GB/s',
      },
      { nodes: 16, busbwGBps: 21, latencyUs: 46.5, source: SRC.PB },
    ],
  },
  storage: [
    localNvme(),
    { name: 'weka', kind: 'network-fs', path: '/fsx', writeGBps: { measured: 4.52, source: SRC.PB_STORAGE, note: 'WekaFS 4.21 GiB/s (single node, gdsio)' }, survivesNodeLoss: true },
    { name: 'fsx-lustre', kind: 'network-fs', path: '/admin', writeGBps: { measured: 1.213, source: SRC.PB_STORAGE, note: 'FSx for Lustre 1.13 GiB/s' }, survivesNodeLoss: true },
    { name: 'ebs-root', kind: 'block', path: '/', writeGBps: { measured: 1.18, source: SRC.PB_STORAGE, note: 'EBS root ~1.1 GiB/s' }, survivesNodeLoss: false },
  ],
  failureRatePerGpuHour: H100_FAILURE_RATE,
};
