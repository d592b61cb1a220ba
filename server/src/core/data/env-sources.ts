/**
 * Source URLs of the env-var facts (the tags of shared/reference/nccl-env.md). Every entry of
 * nccl-vars.ts and env-footguns.ts cites one of these.
 */
export const ENV_SOURCES = {
  /** NVIDIA NCCL env-var page, 2.28.6. */
  E: 'https://docs.nvidia.com/deeplearning/nccl/user-guide/docs/env.html',
  /** NCCL 2.4.7 env page (old numeric P2P levels). */
  E247: 'https://docs.nvidia.com/deeplearning/nccl/archives/nccl_247/nccl-developer-guide/docs/env.html',
  /** NCCL tuner source (NCCL_NTHREADS, NCCL_LL128_NTHREADS, NCCL_THREAD_THRESHOLDS). */
  TUN: 'https://github.com/NVIDIA/nccl/blob/master/src/graph/tuning.cc',
  /** PyTorch ProcessGroupNCCL env-var page. */
  PTD: 'https://pytorch.org/docs/stable/torch_nccl_environment_variables.html',
  PTH: 'https://github.com/pytorch/pytorch/blob/main/torch/csrc/distributed/c10d/ProcessGroupNCCL.hpp',
  PTC: 'https://github.com/pytorch/pytorch/blob/main/torch/csrc/distributed/c10d/ProcessGroupNCCL.cpp',
  PTFR: 'https://github.com/pytorch/pytorch/blob/main/torch/csrc/distributed/c10d/FlightRecorder.hpp',
  PTDBG: 'https://pytorch.org/docs/stable/distributed.html#debugging-torch-distributed-applications',
  PTENV: 'https://docs.pytorch.org/docs/stable/debugging_environment_variables.html',
  /** Legacy NCCL_* names deprecated in torch 2.2.0 (PR #114077). */
  PR114077: 'https://github.com/pytorch/pytorch/pull/114880',
  PR46879: 'https://github.com/pytorch/pytorch/pull/46879',
  FRTEMP: 'https://github.com/pytorch/tutorials/pull/3532',
  MEG: 'https://github.com/NVIDIA/Megatron-LM',
  /** AWS EFA cheat sheet. */
  EFA: 'https://github.com/aws-samples/awsome-distributed-training/blob/main/1.architectures/efa-cheatsheet.md',
  OFI715: 'https://github.com/aws/aws-ofi-nccl/issues/715',
  OFI161: 'https://github.com/aws/aws-ofi-nccl/issues/161',
  ADA203: 'https://github.com/awslabs/awsome-distributed-ai/issues/203',
  /** Smol Training Playbook, Infrastructure chapter. */
  PB: 'https://huggingface.co/spaces/HuggingFaceTB/smol-training-playbook',
  N426: 'https://github.com/NVIDIA/nccl/issues/426',
  N902: 'https://github.com/NVIDIA/nccl/issues/902',
  N1597: 'https://github.com/NVIDIA/nccl/issues/1597',
  NT212: 'https://github.com/NVIDIA/nccl-tests/issues/212',
  N1455: 'https://github.com/NVIDIA/nccl/issues/1455',
  AZB: 'https://jingchaozhang.github.io/Ring-vs-Tree-NCCL-Algorithm-Comparison',
  AZH: 'https://jingchaozhang.github.io/',
  HUNG: 'https://github.com/agiresearch/InstructGLM/issues/3',
  /** PyTorch memory-management docs (PYTORCH_CUDA_ALLOC_CONF), linked from the OOM message. */
  CUDAMEM: 'https://pytorch.org/docs/stable/notes/cuda.html#environment-variables',
  /** A PyTorch CUDA error text recommending CUDA_LAUNCH_BLOCKING=1 (reference log-errors.md). */
  CLB: 'https://github.com/Bing-su/adetailer/issues/346',
  /** TORCH_NCCL_TRACE_BUFFER_SIZE=0 log text. */
  FR219: 'https://github.com/snowflakedb/ArcticTraining/issues/219',
  /** Launcher options that give a job's node count (launch-node options in env-footguns.ts). */
  TORCHRUN: 'https://docs.pytorch.org/docs/stable/elastic/run.html',
  ACCEL: 'https://huggingface.co/docs/accelerate/package_reference/cli#accelerate-launch',
  DSRUN: 'https://github.com/deepspeedai/DeepSpeed/blob/master/deepspeed/launcher/runner.py',
  SLURM: 'https://slurm.schedmd.com/sbatch.html',
  VERL: 'https://github.com/volcengine/verl',
} as const;

/**
 * Where the measurements of a source were taken, for honest attribution of a profile's figure in env messages
 * ("364.93 GB/s over NVLink on an AWS p5 node (Smol Training Playbook)", not "on <active profile>"). Keyed by
 * source URL; a figure whose source is not listed is attributed to the profile that states it.
 */
export const MEASUREMENT_SITES: Readonly<Record<string, { where: string; title: string; source: string }>> = {
  [ENV_SOURCES.PB]: {
    where: 'an 8× H100 SXM AWS p5 node',
    title: 'Smol Training Playbook',
    source: ENV_SOURCES.PB,
  },
};
