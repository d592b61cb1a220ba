import { runStepsOf } from '../../checkpoint/inputs';
import type { TrainingPlan } from '../plan';

/**
 * Optimizer steps of the whole run as the plan states them: train steps, else ⌈train samples / global batch⌉
 * (Megatron --train-samples), else epochs × samples per epoch / global batch. Undefined when the file does not
 * bound the run.
 */
export function runLengthSteps(plan: TrainingPlan): { value: number; how: string } | undefined {
  const ts = plan.run.trainSteps;
  if (ts && ts.value > 0) return { value: ts.value, how: `${ts.value.toLocaleString('en-US')} steps (${ts.key})` };
  const gb = plan.batch.globalBatch;
  const samples = plan.run.trainSamples;
  if (samples && gb && gb.value > 0) {
    const value = Math.ceil(samples.value / gb.value);
    return { value, how: `⌈${samples.value.toLocaleString('en-US')} samples (${samples.key}) / global batch ${gb.value}⌉ = ${value.toLocaleString('en-US')} steps` };
  }
  return gb ? runStepsOf(plan, gb.value) : undefined;
}

/** Text of a YAML scalar literal at `range` is a boolean spelled in the file (so a fix may replace it). */
export function isLiteralBoolean(text: string): boolean {
  return /^(true|false|yes|no|on|off)$/i.test(text.trim());
}
