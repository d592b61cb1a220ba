import { planFor } from './config/plan-for';
import type { FileReader } from './config/plan';
import type { TrainlintDocument } from './document';
import { estimatePlan } from './estimate/plan-estimate';
import type { ThroughputInputs } from './logs/progress';
import { figureValue, type ClusterProfile, type Dtype } from './profiles/types';

/**
 * What a training config attached to a log contributes to the log's analysis: the model FLOPs per token and
 * peak TFLOP/s that turn tokens/s into MFU, and the throughput trainlint expects for that config, so the
 * report can put achieved next to expected.
 */
export interface AttachedConfigFacts {
  path: string;
  framework: string;
  inputs: ThroughputInputs;
  expectedTokensPerSecPerGpu: number | null;
  expectedMfu: number | null;
  flopsPerToken: number | null;
  /** How the figures were derived, and what could not be. */
  notes: string[];
}

export function factsFromConfig(doc: TrainlintDocument, profile: ClusterProfile, reader?: FileReader): AttachedConfigFacts | { error: string } {
  const plan = planFor(doc, reader);
  if (!plan) return { error: `${doc.path} is not a training config trainlint understands (detected: ${doc.detection.label})` };
  const est = estimatePlan(plan, profile);
  const wanted = (plan.precision?.value ?? 'bf16') as Dtype;
  // one peak for achieved and expected MFU: the profile GPU's dense peak at the config's precision
  const precision: Dtype = profile.gpu.peakDenseTflops[wanted] ? wanted : 'bf16';
  const peak = figureValue(profile.gpu.peakDenseTflops[precision]);
  const peakSource = `dense ${precision} peak of ${profile.gpu.name}${precision === wanted ? ` for the config's ${wanted}` : ` (no ${wanted} figure)`}, profile ${profile.name}`;
  const notes: string[] = [];
  const flops = est.flopsPerToken?.value ?? null;
  if (flops === null) notes.push(`FLOPs per token unknown: ${est.gaps.map((g) => `${g.what} (${g.why})`).join('; ') || 'model dims missing'}`);
  else notes.push(`FLOPs per token ${flops.toExponential(3)} (${est.flopsPerToken!.convention} convention: ${est.flopsPerToken!.formula})`);
  if (peak !== undefined) notes.push(`peak ${peak} TFLOP/s per GPU (${peakSource}), used for achieved and expected MFU`);
  const expectedTflops = est.throughput?.tflopsPerGpu ?? null;
  const expectedMfu = expectedTflops !== null && peak ? expectedTflops / peak : null;
  if (expectedMfu !== null) notes.push(`expected MFU = ${Number(expectedTflops!.toPrecision(4))} estimated TFLOP/s/GPU / ${peak} peak = ${(100 * expectedMfu).toFixed(1)}%`);
  const world = est.parallelism.world || undefined;
  return {
    path: doc.path,
    framework: plan.frameworkLabel,
    inputs: {
      flopsPerToken: flops ?? undefined,
      peakTflops: peak,
      peakSource: peak !== undefined ? peakSource : undefined,
      gpus: world,
      gpusSource: world ? `GPUs of the attached config ${doc.path}` : undefined,
      seqLength: plan.batch.seqLen?.value,
    },
    expectedTokensPerSecPerGpu: est.throughput?.tokensPerSecPerGpu ?? null,
    expectedMfu,
    flopsPerToken: flops,
    notes,
  };
}
