import { NSYS_CAPTURE_NOTE, PROFILER_LONG_WINDOW as LONG } from '../../data/run-hygiene';
import type { Rule } from '../../rules/rule';
import type { QuickFix, RelatedInfo } from '../../types';
import type { ProfilerPlan, TrainingPlan } from '../plan';
import { planFor } from '../plan-for';
import { CONFIG_KINDS, editable, replaceFix } from './common';
import { isLiteralBoolean, runLengthSteps } from './run-steps';

const n = (x: number) => x.toLocaleString('en-US');

/** Steps the profiler records, clipped to the run when the run is shorter; undefined when it never starts. */
export function profiledSteps(p: ProfilerPlan, plan: TrainingPlan): { steps: number; how: string; clippedAt?: number } | undefined {
  const start = p.start.value;
  let end = p.end.value;
  const incl = p.endInclusive ? 1 : 0;
  const run = runLengthSteps(plan);
  if (run && start > run.value) return undefined;
  let clippedAt: number | undefined;
  if (run && end + incl - 1 > run.value) {
    clippedAt = run.value;
    end = run.value + 1 - incl;
  }
  const steps = end - start + incl;
  if (steps <= 0) return undefined;
  const bounds = `${p.start.key} ${n(start)} to ${p.end.key} ${n(p.end.value)}`;
  const how = p.endInclusive ? `${bounds}, both included` : `${bounds}, end excluded`;
  return { steps, how: clippedAt !== undefined ? `${how}; the run ends at step ${n(clippedAt)} (${run!.how})` : how, clippedAt };
}

function ranksText(p: ProfilerPlan, plan: TrainingPlan): string {
  const r = p.ranks;
  if (!r) return 'on the ranks the file lists (not readable here)';
  const world = plan.cluster.world?.value;
  const of = world ? ` (${r.value.length} of ${n(world)} GPUs)` : '';
  return `on rank${r.value.length === 1 ? '' : 's'} ${r.value.join(', ')}${of}`;
}

/**
 * A profiler left on in the config (Megatron-LM --profile, Megatron-Bridge profiling.use_*_profiler, NeMo 1.x
 * model.nsys_profile.enabled). Long windows are a warning (trace size, slower steps), short ones information.
 */
export const profilerLeftOnRule: Rule = {
  id: 'profiler-enabled',
  defaultSeverity: 'information',
  doc: `Notes a profiler the config turns on and how many steps it records on which ranks (end − start for Megatron-LM --profile-step-start/--profile-step-end and Megatron-Bridge profile_step_start/profile_step_end; both ends for NeMo 1.x nsys_profile). More than ${LONG.aboveSteps} profiled steps is a warning: NeMo RL's guidance is to limit profiling to about ${LONG.aboveSteps} steps to keep profile files manageable (${LONG.source}), and profiled steps run slower. A short window is information: fine for a benchmark, better dropped from a production launch.`,
  appliesTo: CONFIG_KINDS,
  check(ctx) {
    const plan = planFor(ctx.doc);
    const p = plan?.monitoring.profiler;
    if (!plan || !p) return [];
    const win = profiledSteps(p, plan);
    if (!win) return [];
    const long = win.steps > LONG.aboveSteps;
    const tool = p.on.value === 'nsys' ? 'Nsight Systems (nsys)' : 'the PyTorch profiler';
    const switchText = p.on.key.startsWith('--') ? p.on.key : `${p.on.key}: true`;
    const head = `${switchText} runs ${tool} for ${n(win.steps)} step${win.steps === 1 ? '' : 's'} (${win.how}) ${ranksText(p, plan)}`;
    const nsys = p.on.value === 'nsys' ? `; ${NSYS_CAPTURE_NOTE.text}` : '';
    const message = long
      ? `${head}: more than the ~${LONG.aboveSteps} steps NeMo RL recommends profiling to keep trace files manageable; every profiled step runs slower and adds to a trace that grows with the window${nsys}. Profile a few steps in a separate short run.`
      : `${head}: a short window, fine for a benchmark${nsys}; drop it from a production launch.`;
    const related: RelatedInfo[] = [];
    if (p.start.origin !== 'default') related.push({ message: `profiling starts at step ${n(p.start.value)}`, range: p.start.range });
    if (p.end.origin !== 'default') related.push({ message: `profiling stops at step ${n(p.end.value)}`, range: p.end.range });
    const fixes: QuickFix[] = [];
    if (long && editable(p.end) && p.end.origin === 'config') {
      const end = p.start.value + LONG.aboveSteps - (p.endInclusive ? 1 : 0);
      fixes.push(replaceFix(`Profile ${LONG.aboveSteps} steps (${p.end.key} = ${end})`, p.end.range, String(end)));
    }
    if (!p.on.key.startsWith('--') && editable(p.on) && isLiteralBoolean(ctx.doc.text.slice(ctx.doc.lines.offsetAt(p.on.range.start), ctx.doc.lines.offsetAt(p.on.range.end)))) {
      fixes.push(replaceFix(`Turn the profiler off (${p.on.key}: false)`, p.on.range, 'false', false));
    }
    return [
      {
        code: 'profiler-enabled',
        severity: long ? 'warning' : 'information',
        message,
        range: p.on.range,
        data: { tool: p.on.value, profiledSteps: win.steps, start: p.start.value, end: p.end.value, endInclusive: p.endInclusive, ranks: p.ranks?.value ?? null, thresholdSteps: LONG.aboveSteps },
        ...(related.length ? { related } : {}),
        ...(fixes.length ? { fixes } : {}),
      },
    ];
  },
};
