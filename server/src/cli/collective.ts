import { estimateCollective } from '../core/estimate/collective';
import { formatBytes, formatGBps, formatUs, parseSize } from '../core/profiles/format';
import { resolveProfile } from '../core/profiles/registry';
import { COLLECTIVE_OPS, type CollectiveOp } from '../core/profiles/types';
import { checkKnownFlags, formatFlag, parseArgs, stringFlag, UsageError } from './args';
import { resolveProfileForCli } from './profile-option';
import type { CliIo } from './types';
import { cliUserProfiles } from './workspace-profiles';

/** `all_reduce`, `allreduce`, `AllReduce`, `all-reduce` all name the same op. */
export function parseCollectiveOp(text: string): CollectiveOp | undefined {
  const squashed = text.toLowerCase().replace(/[-_\s]/g, '').replace(/perf$/, '');
  const aliases: Record<string, CollectiveOp> = { alltoall: 'all-to-all', sendrecv: 'send-recv', p2p: 'send-recv', bcast: 'broadcast' };
  return aliases[squashed] ?? COLLECTIVE_OPS.find((op) => op.replace(/-/g, '') === squashed);
}

function positiveInt(args: ReturnType<typeof parseArgs>, name: string): number | undefined {
  const v = stringFlag(args, name);
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || Number(v) < 1) throw new UsageError(`--${name} must be a positive integer (got "${v}")`);
  return Number(v);
}

/** `trainlint collective <op> --size SIZE --gpus N [--gpus-per-node N] [--profile NAME] [--format text|json]` */
export async function runCollective(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv);
  checkKnownFlags(args, ['size', 'gpus', 'gpus-per-node', 'profile', 'format']);
  const format = formatFlag(args, ['text', 'json'] as const, 'text');
  if (args.positionals.length !== 1) throw new UsageError(`collective needs one op: ${COLLECTIVE_OPS.join(', ')}`);
  const op = parseCollectiveOp(args.positionals[0]);
  if (!op) throw new UsageError(`unknown collective "${args.positionals[0]}" (one of ${COLLECTIVE_OPS.join(', ')})`);
  const sizeText = stringFlag(args, 'size');
  if (sizeText === undefined) throw new UsageError('--size is required (e.g. 1GiB, 256MB, 4096)');
  const bytes = parseSize(sizeText);
  if (bytes === undefined) throw new UsageError(`--size "${sizeText}" is not a size (e.g. 1GiB, 256MB, 4096 bytes)`);
  const gpus = positiveInt(args, 'gpus');
  if (gpus === undefined) throw new UsageError('--gpus is required');
  const name = resolveProfileForCli(stringFlag(args, 'profile'), io);
  const resolved = resolveProfile(name, cliUserProfiles());
  const profile = resolved.profile;
  const gpn = positiveInt(args, 'gpus-per-node') ?? profile.gpusPerNode;
  if (gpn > profile.gpusPerNode) {
    throw new UsageError(`--gpus-per-node ${gpn} exceeds the ${profile.gpusPerNode} GPUs per node of profile ${profile.name}`);
  }
  const e = estimateCollective(op, bytes, gpus, gpn, profile);
  if (format === 'json') {
    io.out(
      JSON.stringify(
        {
          version: 1,
          op: e.op,
          bytes: e.bytes,
          gpus: e.gpus,
          nodes: e.nodes,
          timeUs: round(e.timeUs),
          algbwGBps: round(e.algbwGBps),
          busbwGBps: round(e.busbwGBps),
          bottleneck: e.bottleneck,
          profile: profile.name,
          gpusPerNode: e.gpusPerNode,
          latencyUs: round(e.latencyUs),
          peakBusbwGBps: round(e.peakBusbwGBps),
          bandwidthFrom: e.bandwidthFrom,
          latencyFrom: e.latencyFrom,
          derivation: e.derivation,
          sources: e.sources,
        },
        null,
        2,
      ),
    );
  } else {
    io.out(
      [
        `${e.op} ${formatBytes(e.bytes)} on ${e.gpus} GPUs (${e.nodes} node(s) x ${e.gpusPerNode}), profile ${profile.name}`,
        `  time   ${formatUs(e.timeUs)}`,
        `  algbw  ${formatGBps(e.algbwGBps)}`,
        `  busbw  ${formatGBps(e.busbwGBps)}`,
        `  bound by ${e.bottleneck}`,
        '',
        'how:',
        ...e.derivation.map((d) => `  - ${d}`),
        'sources:',
        ...e.sources.map((s) => `  ${s}`),
      ].join('\n'),
    );
  }
  return 0;
}

function round(v: number): number {
  return Math.round(v * 1000) / 1000;
}
