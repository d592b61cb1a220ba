import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LogReport } from '../../../server/src/protocol';

export const CORPUS_LOGS = path.join(__dirname, '../../../../shared/corpus/logs');

/** Lines of a corpus log (1-based access via lines[n - 1]). */
export function corpusLines(name: string): string[] {
  return fs.readFileSync(path.join(CORPUS_LOGS, name), 'utf8').split(/\r?\n/);
}

/**
 * A failed-run report shaped like the server's output for the NCCL reduce-scatter timeout log in the corpus:
 * the texts are the log's own lines, the watchdog timeout repeated on several ranks.
 */
export function ncclTimeoutReport(): LogReport {
  const name = '002-llamafactory-nccl-timeout-reducescatter.log';
  const lines = corpusLines(name);
  const watchdog = lines.map((t, i) => ({ t, line: i + 1 })).filter((x) => x.t.includes('Watchdog caught collective operation timeout'));
  const rankOf = (t: string) => Number(/^\[rank(\d+)\]/.exec(t)?.[1] ?? NaN);
  return {
    version: 1,
    file: `/runs/${name}`,
    lines: lines.length,
    frameworks: ['pytorch'],
    outcome: 'failed',
    rootCause: {
      category: 'nccl-timeout',
      line: watchdog[0].line,
      rank: rankOf(watchdog[0].t),
      host: null,
      summary: 'Collective _REDUCE_SCATTER_BASE (SeqNum 7753) timed out after 600000 ms on every rank.',
      remedies: ['Find the rank that did not reach the collective (stack dump, py-spy).', 'Raise the timeout only after ruling out a hang.'],
      text: watchdog[0].t,
    },
    // One event per rank, as a scanner that does not collapse would send them.
    events: watchdog.map((w) => ({
      category: 'nccl-timeout', severity: 'error' as const, line: w.line, count: 1, ranks: [rankOf(w.t)],
      summary: 'Watchdog caught collective operation timeout', text: w.t,
    })),
    throughput: null,
    series: { line: [], iteration: [], loss: [], stepTimeMs: [], tokensPerSecPerGpu: [] },
    timeline: [{ line: watchdog[0].line, kind: 'first-error', text: watchdog[0].t }],
    unreadable: [],
  };
}

/** A healthy run's report with `n` progress lines (optionally with gaps) and an attached config. */
export function progressReport(n: number, opts: { gapsEvery?: number } = {}): LogReport {
  const series: LogReport['series'] = { line: [], iteration: [], loss: [], stepTimeMs: [], tokensPerSecPerGpu: [] };
  for (let i = 0; i < n; i++) {
    const gap = opts.gapsEvery !== undefined && i % opts.gapsEvery === 0;
    series.line.push(10 + i);
    series.iteration.push(i + 1);
    series.loss.push(gap ? null : 10 / Math.sqrt(i + 1));
    series.stepTimeMs.push(gap ? null : 5000 + (i % 7) * 10);
    series.tokensPerSecPerGpu.push(gap ? null : 6000 - (i % 5) * 20);
  }
  return {
    version: 1, file: 'run.log', lines: n + 20, frameworks: ['megatron'], outcome: 'healthy', rootCause: null, events: [],
    throughput: { iterations: n, tokensPerSecPerGpu: { median: 5960, p10: 5920, p90: 6000 }, tflopsPerGpu: { median: 230.5 }, mfu: { median: 0.233 }, stepTimeMs: { median: 5030 } },
    series,
    timeline: [{ line: 1, kind: 'start', text: 'training starts' }, { line: n + 15, kind: 'end', text: 'done' }],
    transports: [{ transport: 'NET/IB', count: 16, note: 'InfiniBand verbs (GPUDirect RDMA when /GDRDMA is shown)' }],
    unreadable: [],
    config: { path: '/work/configs/llama-70b.yaml', expectedTokensPerSecPerGpu: 7450, expectedMfu: 0.4, flopsPerToken: 4.2e11 },
  };
}
