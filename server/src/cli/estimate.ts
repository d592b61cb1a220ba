import { TrainlintDocument } from '../core/document';
import { planFor } from '../core/config/plan-for';
import type { FileReader } from '../core/config/plan';
import { estimatePlan, type PlanEstimate } from '../core/estimate/plan-estimate';
import { checkpointSection, checkpointText } from '../core/checkpoint/section';
import { checkpointCommentOptions } from '../core/checkpoint/header-comment';
import { resolveActiveProfile } from '../core/profiles/active';
import { isTrainingConfigKind } from '../core/types';
import { checkKnownFlags, formatFlag, parseArgs, stringFlag, UsageError } from './args';
import { InputError, readTextFile } from './io';
import { resolveProfileForCli } from './profile-option';
import type { CliIo } from './types';
import { cliUserProfiles } from './workspace-profiles';

import { fsReader } from '../node/fs-reader';
export { fsReader };

/** `trainlint estimate <config> [--profile NAME] [--nodes N] [--format text|json]` (cli-contract.md). */
export async function runEstimate(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv);
  checkKnownFlags(args, ['profile', 'nodes', 'format']);
  const format = formatFlag(args, ['text', 'json'] as const, 'text');
  if (args.positionals.length !== 1) throw new UsageError('estimate needs exactly one config file');
  const nodesFlag = stringFlag(args, 'nodes');
  let nodes: number | undefined;
  if (nodesFlag !== undefined) {
    if (!/^\d+$/.test(nodesFlag) || Number(nodesFlag) < 1) throw new UsageError(`--nodes must be a whole number of at least 1 (got "${nodesFlag}")`);
    nodes = Number(nodesFlag);
  }
  const path = args.positionals[0];
  const configured = resolveProfileForCli(stringFlag(args, 'profile'), io);
  let text: string;
  try {
    text = readTextFile(path);
  } catch (e) {
    if (e instanceof InputError) throw new InputError(`${path}: ${e.message}`);
    throw e;
  }
  const doc = new TrainlintDocument(path, text);
  const plan = planFor(doc, fsReader);
  if (!plan) {
    if (isTrainingConfigKind(doc.kind)) throw new InputError(`${path}: could not be parsed as YAML`);
    throw new InputError(`${path}: not a training config trainlint understands (detected: ${doc.detection.label}); supported: nanotron, Megatron/NeMo (YAML or a Megatron-LM launch script), accelerate, DeepSpeed, axolotl, LLaMA-Factory, torchtune, llm-foundry`);
  }
  const active = resolveActiveProfile(doc, configured, cliUserProfiles());
  if (active.fallbackReason) io.err(`trainlint: ${active.fallbackReason}`);
  const est = estimatePlan(plan, active.profile, { nodes });
  const checkpoint = checkpointSection(plan, active.profile, { nodes, ...checkpointCommentOptions(text) });
  if (format === 'json') io.out(JSON.stringify({ ...toJson(est, path), checkpoint }, null, 2));
  else io.out(`${toText(est, path, plan.variant)}\n${checkpointText(checkpoint)}`);
  return 0;
}

function toJson(e: PlanEstimate, file: string) {
  return {
    version: 1,
    file,
    framework: e.framework,
    profile: e.profile,
    model: e.model,
    parallelism: e.parallelism,
    memory: e.memory,
    step: e.step,
    throughput: e.throughput,
    flopsPerToken: e.flopsPerToken,
    gaps: e.gaps.map((g) => ({ what: g.what, why: g.why })),
    assumptions: e.assumptions,
    derivation: e.derivation,
  };
}

const gb = (b: number) => `${(b / 1e9).toFixed(1)} GB`;

function toText(e: PlanEstimate, file: string, variant?: string): string {
  const out: string[] = [];
  out.push(`${file}: ${e.framework}${variant ? ` (variant ${variant})` : ''}, profile ${e.profile}`);
  const p = e.parallelism;
  out.push(`layout: ${p.world} GPUs = ${p.nodes} node(s) × ${p.gpusPerNode}; dp ${p.dp} × tp ${p.tp} × pp ${p.pp} × cp ${p.cp}${p.ep > 1 ? `, ep ${p.ep}` : ''}`);
  if (e.model) out.push(`model: ${(e.model.params / 1e9).toFixed(2)}B parameters${e.model.activeParams !== e.model.params ? `, ${(e.model.activeParams / 1e9).toFixed(2)}B active per token` : ''}`);
  if (e.memory) {
    const b = e.memory.breakdown;
    const states = `weights ${gb(b.weights)}, gradients ${gb(b.gradients)}, optimizer ${gb(b.optimizer)}`;
    if (e.memory.perGpuBytes === null || b.activations === null)
      out.push(`memory per GPU: not estimated (activations unknown, see below); known parts: ${states}, other ${gb(b.other)} of ${gb(e.memory.capacityBytes)}`);
    else out.push(`memory per GPU: ${gb(e.memory.perGpuBytes)} of ${gb(e.memory.capacityBytes)} (${states}, activations ${gb(b.activations)}, other ${gb(b.other)})`);
  }
  if (e.step && e.throughput) {
    out.push(`step: ${e.step.timeMs.toFixed(0)} ms (compute ${e.step.computeMs.toFixed(0)} ms, exposed communication ${e.step.exposedCommMs.toFixed(0)} ms, pipeline bubble ${(e.step.bubbleFraction * 100).toFixed(1)} %), ${e.step.tokensPerStep.toLocaleString('en-US')} tokens`);
    out.push(`throughput: ${e.throughput.tokensPerSecPerGpu.toFixed(0)} tokens/s/GPU, ${e.throughput.tflopsPerGpu.toFixed(0)} TFLOP/s/GPU, ${mfuText(e.throughput)} (${e.flopsPerToken?.convention} FLOP convention)`);
  }
  for (const g of e.gaps) out.push(`not estimated: ${g.what}: ${g.why}`);
  for (const a of e.assumptions) out.push(`assumed: ${a}`);
  out.push('', 'how:');
  for (const [k, lines] of Object.entries(e.derivation)) for (const l of lines) out.push(`  [${k}] ${l}`);
  return out.join('\n');
}

/** MFU with the peak it is measured against (an FP8 run: the FP8 peak, and the BF16-peak figure beside it). */
function mfuText(t: NonNullable<PlanEstimate['throughput']>): string {
  const base = `MFU ${(t.mfu * 100).toFixed(1)} % of the ${t.mfuPrecision.toUpperCase()} dense peak ${t.mfuPeakTflops} TFLOP/s`;
  return t.mfuBf16 !== undefined ? `${base} (${(t.mfuBf16 * 100).toFixed(1)} % of the BF16 peak)` : base;
}
