/**
 * How much of the measured GEMM ceiling a whole training step reaches. The cluster profile gives the
 * achievable matmul TFLOPs (torch.matmul on large shapes); end-to-end steps also run attention, norms,
 * activations, the loss and the optimizer, at lower efficiency. The Smol Training Playbook measures
 * end-to-end MFU of 20-41 %, i.e. about 50-55 % of the matmul ceiling; trainlint uses the low end.
 */
export interface EfficiencyFact {
  value: number;
  range?: [number, number];
  what: string;
  source: string;
}

export const STEP_EFFICIENCY = {
  endToEndShareOfMatmul: {
    value: 0.5,
    range: [0.5, 0.55],
    what: 'end-to-end compute throughput as a share of the achievable GEMM TFLOPs',
    source: 'https://huggingfacetb-smol-training-playbook.hf.space/#compute-units-and-flops',
  },
  matmulShareOfPeak: {
    value: 0.745,
    range: [0.72, 0.77],
    what: 'large BF16 GEMMs reach 72-77 % of the dense peak; used only when a profile has no measured matmul figure for the dtype',
    source: 'https://huggingfacetb-smol-training-playbook.hf.space/#compute-units-and-flops',
  },
  fullRecomputeExtra: {
    value: 0.3,
    what: 'full activation recomputation costs roughly 30 % extra compute (cross-check of the extra forward pass)',
    source: 'https://github.com/NVIDIA/Megatron-LM/blob/main/docs/source/api-guide/context_parallel.rst',
  },
  /** Share of a collective that overlaps with compute when the framework overlaps it (DDP buckets in backward). */
  dpOverlappableShareOfBackward: {
    value: 1,
    what: 'DP gradient reduction overlaps the backward pass (buckets reduce while earlier layers still compute); only what exceeds the backward time is exposed',
    source: 'https://huggingface.co/spaces/nanotron/ultrascale-playbook',
  },
} satisfies Record<string, EfficiencyFact>;
