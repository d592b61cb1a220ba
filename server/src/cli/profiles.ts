import { figureValue } from '../core/profiles/types';
import { listProfiles, type ProfileListing } from '../core/profiles/registry';
import { checkKnownFlags, formatFlag, parseArgs, UsageError } from './args';
import type { CliIo } from './types';
import { cliUserProfiles } from './workspace-profiles';

function toJson(l: ProfileListing) {
  const p = l.profile;
  return {
    name: l.name,
    source: l.source,
    usable: !!p,
    ...(p
      ? {
          gpu: p.gpu.name,
          gpusPerNode: p.gpusPerNode,
          ...(p.nodes ? { nodes: p.nodes } : {}),
          extends: p.extends ?? null,
          description: p.description,
          memoryBytes: figureValue(p.gpu.memoryBytes) ?? null,
          intraNode: p.intraNode.kind,
          nvls: !!p.intraNode.nvls,
          nvlinkGBps: figureValue(p.intraNode.nvlinkGBps) ?? null,
          network: p.network.kind,
          networkPerNodeGbps: figureValue(p.network.perNodeGbps) ?? null,
          networkPerGpuGbps: figureValue(p.network.perGpuGbps) ?? null,
          measuredCollectives: Object.entries(p.collectives)
            .filter(([, pts]) => pts && pts.length > 0)
            .map(([op]) => op),
        }
      : {}),
    problems: l.problems,
  };
}

/** `trainlint profiles [--format text|json]`: built-in profiles and the `*.cluster.yaml` files under the cwd. */
export async function runProfiles(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv);
  checkKnownFlags(args, ['format']);
  const format = formatFlag(args, ['text', 'json'] as const, 'text');
  if (args.positionals.length > 0) throw new UsageError('profiles takes no arguments');
  const listing = listProfiles(cliUserProfiles());
  if (format === 'json') {
    io.out(JSON.stringify({ version: 1, profiles: listing.map(toJson) }, null, 2));
    return 0;
  }
  const rows = listing.map((l) => {
    const p = l.profile;
    const hw = p
      ? `${p.gpusPerNode}x ${p.gpu.name}, ${p.intraNode.kind}${p.intraNode.nvls ? '+nvls' : ''}, ${p.network.kind} ${figureValue(p.network.perNodeGbps) ?? '?'} Gb/s/node`
      : `not usable: ${l.problems.join('; ')}`;
    return [l.name, l.source, hw];
  });
  const w0 = Math.max(4, ...rows.map((r) => r[0].length));
  const w1 = Math.max(6, ...rows.map((r) => r[1].length));
  io.out([`${'NAME'.padEnd(w0)}  ${'SOURCE'.padEnd(w1)}  HARDWARE`, ...rows.map((r) => `${r[0].padEnd(w0)}  ${r[1].padEnd(w1)}  ${r[2]}`)].join('\n'));
  return 0;
}
