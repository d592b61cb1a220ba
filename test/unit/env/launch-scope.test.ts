import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TrainlintDocument } from '../../../server/src/core';
import { launchScope } from '../../../server/src/core/env/launch-scope';
import { corpusText, envFindings } from './helpers';

const scope = (text: string, file = 'run.sh', gpusPerNode: number | undefined = 8) => launchScope(new TrainlintDocument(file, text), gpusPerNode);
const nodes = (text: string, file?: string) => scope(text, file).nodes;

test('explicit node counts of one: torchrun, accelerate, deepspeed, #SBATCH, srun, Hydra', () => {
  assert.equal(nodes('torchrun --nnodes 1 --nproc_per_node 8 train.py\n'), 'single');
  assert.equal(nodes('torchrun --nnodes=1 train.py\n'), 'single');
  assert.equal(nodes('#!/bin/bash\n#SBATCH --nodes=1\n#SBATCH --gres=gpu:8\nsrun python train.py\n'), 'single');
  assert.equal(nodes('#SBATCH -N 1\nsrun python train.py\n'), 'single');
  assert.equal(nodes('#SBATCH -N1\nsrun python train.py\n'), 'single');
  assert.equal(nodes('srun -N 1 --gpus-per-node 4 python train.py\n'), 'single');
  assert.equal(nodes('accelerate launch --num_machines 1 --num_processes 8 train.py\n'), 'single');
  assert.equal(nodes('deepspeed --num_nodes=1 --num_gpus 8 train.py\n'), 'single');
  assert.equal(nodes('python3 -m verl.trainer.main_ppo trainer.nnodes=1 trainer.n_gpus_per_node=8\n'), 'single');
  assert.equal(nodes('torchrun --standalone --nproc_per_node=4 train.py\n'), 'single');
  const s = scope('export NCCL_IB_DISABLE=1\ntorchrun --nnodes 1 train.py\n');
  assert.equal(s.evidence, '`--nnodes 1`, line 2');
  assert.equal(s.range?.start.line, 1);
});

test('node counts kept in variables and arrays are resolved when the script sets them literally', () => {
  assert.equal(nodes('NNODES=1\ntorchrun --nnodes $NNODES train.py\n'), 'single');
  assert.equal(nodes('NNODES=2\nARGS=(\n  --nnodes ${NNODES}\n  --nproc_per_node 8\n)\ntorchrun ${ARGS[@]} train.py\n'), 'multi');
  assert.equal(scope('NUM_NODES=1\nARGS=(--nnodes "$NUM_NODES")\n').evidence, '`--nnodes "$NUM_NODES"` with `NUM_NODES=1`, line 2');
  // set by whoever submits the job: unknown
  assert.equal(nodes('torchrun --nnodes $NNODES --nproc_per_node 8 train.py\n'), 'unknown');
  assert.equal(nodes('torchrun --nnodes ${NNODES:-1} train.py\n'), 'unknown');
});

test('multi-node launches: counts above one, elastic ranges, Slurm ranges, Hydra overrides', () => {
  assert.equal(nodes('torchrun --nnodes 2 --nproc_per_node 8 train.py\n'), 'multi');
  assert.equal(nodes('torchrun --nnodes=1:4 train.py\n'), 'multi');
  assert.equal(nodes('#SBATCH --nodes=2-4\nexport CUDA_VISIBLE_DEVICES=0,1\nsrun python train.py\n'), 'multi');
  assert.equal(nodes('accelerate launch --num_machines 4 train.py\n'), 'multi');
  assert.equal(nodes('python -m verl.trainer.main_ppo trainer.nnodes=2\n'), 'multi');
  // one node in the header but two in srun: the larger wins
  assert.equal(nodes('#SBATCH --nodes=1\nsrun --nodes=2 python train.py\n'), 'multi');
});

test('implicit single node: per-node process count, accelerate process count, CUDA_VISIBLE_DEVICES — unless a multi-node launcher appears', () => {
  assert.equal(nodes('torchrun --nproc_per_node 4 train.py\n'), 'single');
  assert.match(scope('torchrun --nproc-per-node=4 train.py\n').evidence!, /no node count, so the launcher runs one node/);
  assert.equal(nodes('accelerate launch --num_processes 8 train.py\n'), 'single');
  assert.equal(nodes('accelerate launch --num_processes 16 train.py\n'), 'unknown');
  assert.equal(nodes('accelerate launch --num_processes 8 --machine_rank $RANK --main_process_ip $HEAD train.py\n'), 'unknown');
  assert.equal(nodes('export CUDA_VISIBLE_DEVICES=0,1,2,3\npython train.py\n'), 'single');
  assert.equal(nodes('CUDA_VISIBLE_DEVICES=0,1 python train.py\n'), 'single');
  assert.equal(launchScope(new TrainlintDocument('run.sh', 'export CUDA_VISIBLE_DEVICES=0,1\npython train.py\n'), undefined).nodes, 'unknown');
  // more GPUs than a node of the profile has, or a launcher that reaches other hosts: unknown
  assert.equal(scope('export CUDA_VISIBLE_DEVICES=0,1,2,3\npython train.py\n', 'run.sh', 2).nodes, 'unknown');
  assert.equal(nodes('export CUDA_VISIBLE_DEVICES=0,1\nsrun python train.py\n'), 'unknown');
  assert.equal(nodes('export CUDA_VISIBLE_DEVICES=0,1\nmpirun -N 2 python train.py\n'), 'unknown');
  assert.equal(nodes('deepspeed --hostfile hosts --num_gpus 8 train.py\n'), 'unknown');
  assert.equal(nodes('torchrun --nproc_per_node 8 --master_addr $MASTER --node_rank $RANK train.py\n'), 'unknown');
  assert.equal(nodes('torchrun --nproc_per_node 8 --master_addr localhost train.py\n'), 'single');
  // -N means something else outside Slurm
  assert.equal(nodes('mpirun -N 1 python train.py\n'), 'unknown');
  // nothing to go on
  assert.equal(nodes('export NCCL_IB_DISABLE=1\npython train.py\n'), 'unknown');
  assert.equal(nodes('NCCL_IB_DISABLE=1\nCUDA_VISIBLE_DEVICES=0,1\n', '.env'), 'unknown');
});

test('nccl-ib-disabled: information with the reason on single-node launches, warning when multi-node or unknown', () => {
  const ib = (text: string) => envFindings('run.sh', text).find((f) => f.code === 'nccl-ib-disabled')!;
  const single = ib('export NCCL_IB_DISABLE=1\ntorchrun --nnodes=1 --nproc_per_node 8 train.py\n');
  assert.equal(single.severity, 'information');
  assert.match(single.message, /launches one node \(`--nnodes=1`, line 2\), so there is no inter-node traffic/);
  assert.doesNotMatch(single.message, /27–57×/);
  assert.equal(single.data!.launchNodes, 'single');
  assert.equal(single.related?.[0].range.start.line, 1);
  assert.equal(single.fixes?.[0].edits[0].newText, '0');
  const multi = ib('export NCCL_IB_DISABLE=1\ntorchrun --nnodes=2 --nproc_per_node 8 train.py\n');
  assert.equal(multi.severity, 'warning');
  assert.match(multi.message, /27–57×/);
  assert.equal(multi.data!.launchNodes, 'multi');
  const unknown = ib('export NCCL_IB_DISABLE=1\npython train.py\n');
  assert.equal(unknown.severity, 'warning');
  assert.equal(unknown.data!.launchNodes, undefined);
});

test('corpus 019 (3 GPUs, accelerate) and 020 (2 GPUs, verl): IB_DISABLE is information, with the GPUs shown; 030 (2 nodes) stays a warning', () => {
  for (const [file, shown] of [
    ['019-qwen3-pretrain-accelerate-p2p-disabled.sh', '`CUDA_VISIBLE_DEVICES=0,1,2`, line 1: 3 GPUs'],
    ['020-verl-grpo-2gpu-p2p-ib-disabled.sh', '`CUDA_VISIBLE_DEVICES=0,1`, line 16: 2 GPUs'],
  ]) {
    const f = envFindings(file, corpusText(file)).find((x) => x.code === 'nccl-ib-disabled')!;
    assert.equal(f.severity, 'information', file);
    assert.ok(f.message.includes(shown), f.message);
  }
  const f030 = '030-awsome-nccl-tests-efa-env.sh';
  assert.equal(launchScope(new TrainlintDocument(f030, corpusText(f030)), 8).nodes, 'multi');
  const f016 = '016-megatron-llama3-8b-h100-fp8.sh';
  assert.equal(launchScope(new TrainlintDocument(f016, corpusText(f016)), 8).nodes, 'single');
  const f004 = '004-nanotron-carbon-smoke-2node.sh';
  assert.equal(launchScope(new TrainlintDocument(f004, corpusText(f004)), 8).nodes, 'multi');
});
