import { fmtCount, fmtBytes, fmtDuration, fmtPct, type Quantity } from '../estimate/checkpoint';
import type { HoverProvider } from '../features';
import type { Position, Range } from '../types';
import { checkpointAnalysisFor, type CheckpointAnalysis } from './analysis';
import { CHECKPOINT_APPLIES } from './applies';
import { writtenIntervalKey } from './interval-key';
import { optimumInConfigUnit } from './interval-fix';
import { intervalBeyondRun } from './run-coverage';

function inside(r: Range | undefined, p: Position): boolean {
  if (!r) return false;
  const after = p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character);
  const before = p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character);
  return after && before;
}

function lines(label: string, value: string, qn?: Quantity): string[] {
  const out = [`- **${label}: ${value}**`];
  for (const d of qn?.derivation ?? []) out.push(`  - ${d}`);
  return out;
}

/** The whole checkpoint calculation, inputs first, as markdown. */
export function checkpointHoverMarkdown(a: CheckpointAnalysis): string {
  const md: string[] = ['### Checkpoint cost (trainlint)'];
  const i = a.built.inputs;
  const e = a.estimate;
  if (i) {
    md.push(
      `Inputs: ${i.paramsTotal.toLocaleString('en-US')} params; dp ${i.dp} x tp ${i.tp} x pp ${i.pp}${i.cp && i.cp > 1 ? ` x cp ${i.cp}` : ''} = ${i.gpus} GPUs (${a.nodes} nodes of ${i.gpusPerNode}); ` +
        `${i.optimizerSharded ? 'optimizer sharded' : 'optimizer not sharded'}${i.weightsSharded ? ', weights sharded' : ''}; ${i.async ? 'async' : 'synchronous'} save; ` +
        `step time ${a.stepTimeSec ? `${a.stepTimeSec.toPrecision(3)} s (${a.stepTimeSource ?? 'given'})` : 'unknown'}; profile "${a.profile.name}".`,
      `Storage: ${a.built.tierNote}.`,
      `Failure rate: ${i.failureRatePerGpuHour.toExponential(3)} per GPU-hour (${a.built.failureNote}).`,
    );
    if (a.built.intervalNote) md.push(`Note: ${a.built.intervalNote}.`);
    if (a.built.runSteps) md.push(`Run length: ${a.built.runSteps.how}.`);
    if (i.measuredBlockingSec !== undefined) md.push(`Measured save time ${fmtDuration(i.measuredBlockingSec)} from \`# trainlint: checkpoint-save=\`.`);
    if (i.restartSec !== undefined) md.push(`Restart cost ${fmtDuration(i.restartSec)} from \`# trainlint: restart=\`.`);
    else md.push('Restart cost not counted; add `# trainlint: restart=10m` (requeue + load + warm-up) at the top of the file to include it, and `# trainlint: checkpoint-save=45s` to use a save time measured in your logs.');
  }
  if (e) {
    md.push(
      '',
      ...lines('Checkpoint size', fmtBytes(e.sizeBytes.value), e.sizeBytes),
      ...lines('Per rank / busiest node', `${fmtBytes(e.perRankBytes.value)} / ${fmtBytes(e.perNodeBytes.value)}`, { ...e.perRankBytes, derivation: [...e.perRankBytes.derivation, ...e.perNodeBytes.derivation] }),
      ...lines('Save time', fmtDuration(e.writeSeconds.value), e.writeSeconds),
      ...lines('Training blocked per save (delta)', fmtDuration(e.blockingSeconds.value), e.blockingSeconds),
      ...lines('Job MTBF (M)', fmtDuration(e.jobMtbfSeconds.value), e.jobMtbfSeconds),
      ...lines('Young interval', fmtDuration(e.youngIntervalSeconds.value), e.youngIntervalSeconds),
      ...lines('Optimal interval (Daly)', `${fmtDuration(e.optimalIntervalSeconds.value)}${e.optimalIntervalSteps ? ` = ${Math.round(e.optimalIntervalSteps.value).toLocaleString('en-US')} steps` : ''}`, {
        ...e.optimalIntervalSeconds,
        derivation: [...e.optimalIntervalSeconds.derivation, ...(e.optimalIntervalSteps?.derivation ?? [])],
      }),
      ...lines('Overhead at the optimum', fmtPct(e.optimalOverheadFraction.value), e.optimalOverheadFraction),
    );
    const beyond = intervalBeyondRun(a);
    if (beyond) md.push(`- **Configured interval: longer than the run** (${beyond.how}): no checkpoint is written during it, so the saving overhead does not apply; a failure restarts from step 0.`);
    else if (e.intervalSeconds && e.overheadFraction && e.lostGpuHoursPerFailure) {
      md.push(
        ...lines('Configured interval', fmtDuration(e.intervalSeconds.value), e.intervalSeconds),
        ...lines('Overhead at the configured interval', fmtPct(e.overheadFraction.value), e.overheadFraction),
        ...lines('Work lost per failure', `${e.lostGpuHoursPerFailure.value.toFixed(1)} GPU-hours (${e.lostGpuHoursPerFailureAtOptimum.value.toFixed(1)} at the optimum)`, e.lostGpuHoursPerFailure),
      );
    }
    if (e.expectedFailures) md.push(...lines('Expected failures over the run', fmtCount(e.expectedFailures.value), e.expectedFailures));
    if (e.storageNeededBytes) md.push(...lines('Storage for kept checkpoints', fmtBytes(e.storageNeededBytes.value), e.storageNeededBytes));
    const opt = optimumInConfigUnit(a);
    if (opt) md.push('', `Suggested: save every ${opt.text}.`);
  }
  const gaps = [...a.built.gaps, ...(a.error ? [a.error] : [])];
  if (gaps.length) md.push('', `Not computed: ${gaps.join('; ')}.`);
  return md.join('\n');
}

export const checkpointIntervalHover: HoverProvider = {
  id: 'checkpoint-interval',
  appliesTo: CHECKPOINT_APPLIES,
  hover(ctx, position) {
    const w = writtenIntervalKey(ctx.doc);
    const a = checkpointAnalysisFor(ctx);
    if (!a) return null;
    const iv = a.plan.checkpoint.interval;
    const ranges = [w?.keyRange, w?.valueRange, iv && !iv.file && iv.origin === 'config' ? iv.range : undefined];
    const hit = ranges.find((r) => inside(r, position));
    if (!hit) return null;
    return { markdown: checkpointHoverMarkdown(a), range: hit };
  },
};
