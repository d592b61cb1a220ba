import type { GpuSpec } from '../../profiles/types';
import { SRC } from './sources';

/** GPU specifications shared by the built-in profiles (hardware.md §1). */

const H100_SXM_PEAK: GpuSpec['peakDenseTflops'] = {
  fp64: { theoretical: 66.9, source: SRC.GLH100, note: 'FP64 Tensor Core; datasheet "67"' },
  fp32: { theoretical: 66.9, source: SRC.GLH100, note: 'FP32 vector; datasheet "67"' },
  tf32: { theoretical: 494.7, source: SRC.GLH100, note: 'dense (datasheet 989.4 is with 2:4 sparsity)' },
  bf16: { theoretical: 989.4, source: SRC.GLH100, note: 'dense (datasheet 1978.9 is with 2:4 sparsity)' },
  fp16: { theoretical: 989.4, source: SRC.GLH100, note: 'dense (datasheet 1978.9 is with 2:4 sparsity)' },
  fp8: { theoretical: 1978.9, source: SRC.GLH100, note: 'dense; the Smol Training Playbook quotes the sparse 3,960' },
  int8: { theoretical: 1978.9, source: SRC.GLH100, note: 'dense' },
};

const H100_SXM_MATMUL: GpuSpec['achievableMatmulTflops'] = {
  fp64: { measured: 52.8, source: SRC.PB, note: 'torch.matmul 49.5-56.1 TFLOPs on Llama-70B shapes (midpoint)' },
  tf32: { measured: 376.3, source: SRC.PB, note: 'torch.matmul FP32 (TF32 TC) 356.5-396.1 TFLOPs (midpoint)' },
  bf16: { measured: 736.1, source: SRC.PB, note: 'torch.matmul 714.5-757.7 TFLOPs (midpoint)' },
  fp16: { measured: 709.4, source: SRC.PB, note: 'torch.matmul 686.5-732.2 TFLOPs (midpoint)' },
  fp8: { measured: 1333.2, source: SRC.PB, note: 'torch._scaled_mm e4m3 1209.7-1456.6 TFLOPs (midpoint); TE.Linear autocast 547.3-1120.8' },
};

export const H100_SXM: GpuSpec = {
  name: 'H100 SXM5 80GB',
  memoryBytes: {
    theoretical: 80e9,
    measured: 83_892_938_283,
    source: SRC.PB,
    note: 'datasheet "80 GB"; CUDA reports 83,295,872 KiB; a DCGM memory test allocated 83,892,938,283 bytes (98.4 %)',
  },
  hbmBandwidthGBps: { theoretical: 3350, measured: 3038, source: SRC.PB, note: 'nvbandwidth device_local_copy ~1,519 GB/s read + ~1,519 GB/s write' },
  peakDenseTflops: H100_SXM_PEAK,
  achievableMatmulTflops: H100_SXM_MATMUL,
};

export const H200_SXM: GpuSpec = {
  name: 'H200 SXM 141GB',
  memoryBytes: { theoretical: 141e9, source: SRC.MLC_H200 },
  hbmBandwidthGBps: { theoretical: 4800, source: SRC.NV_H200 },
  peakDenseTflops: H100_SXM_PEAK,
  achievableMatmulTflops: Object.fromEntries(
    Object.entries(H100_SXM_MATMUL).map(([k, f]) => [k, { ...f, note: `measured on H100 SXM (same GH100 die and compute as H200): ${f!.note ?? ''}` }]),
  ),
};

export const H100_PCIE: GpuSpec = {
  name: 'H100 PCIe 80GB',
  memoryBytes: { theoretical: 80e9, source: SRC.H100PB },
  hbmBandwidthGBps: { theoretical: 2000, source: SRC.H100PB, note: 'product brief: "greater than 2,000 GB/s"' },
  peakDenseTflops: {
    fp64: { theoretical: 51, source: SRC.NV_H100, note: 'FP64 Tensor Core; datasheet value not re-verified (needs verification)' },
    tf32: { theoretical: 378, source: SRC.NV_H100, note: 'half the datasheet sparse 756; needs verification' },
    bf16: { theoretical: 756.5, source: SRC.NV_H100, note: 'half the datasheet sparse 1,513; needs verification' },
    fp16: { theoretical: 756.5, source: SRC.NV_H100, note: 'half the datasheet sparse 1,513; needs verification' },
    fp8: { theoretical: 1513, source: SRC.NV_H100, note: 'half the datasheet sparse 3,026; needs verification' },
  },
  achievableMatmulTflops: {},
};

export const A100_SXM_80GB: GpuSpec = {
  name: 'A100 SXM4 80GB',
  memoryBytes: { theoretical: 80e9, source: SRC.TC_A100 },
  hbmBandwidthGBps: { theoretical: 2039, source: SRC.TC_A100 },
  peakDenseTflops: {
    fp64: { theoretical: 19.5, source: SRC.GLA100, note: 'FP64 Tensor Core' },
    fp32: { theoretical: 19.5, source: SRC.GLA100 },
    tf32: { theoretical: 156, source: SRC.GLA100 },
    bf16: { theoretical: 312, source: SRC.GLA100 },
    fp16: { theoretical: 312, source: SRC.GLA100 },
    int8: { theoretical: 624, source: SRC.GLA100 },
  },
  achievableMatmulTflops: {},
};
