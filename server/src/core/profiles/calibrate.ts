import { stringify } from 'yaml';
import { formatBytes } from './format';
import { peakBusbw, smallMessageLatency, type NcclTestTable } from './nccl-tests';
import type { ClusterProfile, CollectiveOp, CollectivePoint } from './types';

/**
 * Turns parsed nccl-tests tables into the measured collective tables of a user profile that extends `base`.
 * One point per (op, nodes, GPUs): peak busbw over the sizes run, small-message time as latency. When two
 * files measured the same shape, the better figures are kept (the other run was likely disturbed).
 */
export interface CalibrationInput {
  file: string;
  tables: NcclTestTable[];
}

export interface Calibration {
  profile: { name: string; extends: string; description: string; collectives: Partial<Record<CollectiveOp, CollectivePoint[]>> };
  /** Things the user should know: GPU mismatch with the base, shapes the model will not use. */
  warnings: string[];
  /** One line per point written. */
  summary: string[];
}

export function calibrateProfile(name: string, base: ClusterProfile, inputs: CalibrationInput[]): Calibration {
  const warnings: string[] = [];
  const summary: string[] = [];
  const byOp = new Map<CollectiveOp, CollectivePoint[]>();
  for (const { file, tables } of inputs) {
    for (const t of tables) {
      const nodes = Math.max(1, t.hosts.length);
      const gpus = t.ranks;
      const peak = peakBusbw(t);
      const lat = smallMessageLatency(t);
      const point: CollectivePoint = {
        nodes,
        gpus,
        busbwGBps: peak.busbwGBps,
        ...(lat ? { latencyUs: lat.latencyUs } : {}),
        source: file,
        note: `${t.op} on ${gpus} GPU(s) / ${nodes} host(s): peak busbw at ${formatBytes(peak.bytes)} (line ${peak.line})${lat ? `, latency at ${formatBytes(lat.bytes)} (line ${lat.line})` : ''}${t.gpuName ? `; ${t.gpuName}` : ''}`,
      };
      if (nodes > 1 && gpus !== nodes * base.gpusPerNode && t.op !== 'send-recv') {
        warnings.push(`${file}: ${t.op} ran ${gpus} GPUs on ${nodes} nodes, not full ${base.gpusPerNode}-GPU nodes; the model uses multi-node points only for full nodes`);
      }
      if (nodes === 1 && gpus > base.gpusPerNode) {
        warnings.push(`${file}: ${gpus} GPUs on one host but ${base.name} has ${base.gpusPerNode} per node; set gpusPerNode in the profile`);
      }
      if (t.gpuName && !sameGpuFamily(t.gpuName, base.gpu.name)) {
        warnings.push(`${file}: measured on "${t.gpuName}" but ${base.name} describes ${base.gpu.name}; extend a profile with that GPU`);
      }
      const list = byOp.get(t.op) ?? [];
      const same = list.find((p) => p.nodes === point.nodes && p.gpus === point.gpus);
      if (same) {
        if (point.busbwGBps! > same.busbwGBps!) Object.assign(same, { busbwGBps: point.busbwGBps, source: point.source, note: point.note });
        if (point.latencyUs !== undefined && (same.latencyUs === undefined || point.latencyUs < same.latencyUs)) same.latencyUs = point.latencyUs;
      } else list.push(point);
      byOp.set(t.op, list);
    }
  }
  const collectives: Partial<Record<CollectiveOp, CollectivePoint[]>> = {};
  for (const [op, list] of byOp) {
    list.sort((a, b) => a.nodes - b.nodes || (a.gpus ?? 0) - (b.gpus ?? 0));
    collectives[op] = list;
    for (const p of list) {
      summary.push(`${op}: ${p.nodes} node(s), ${p.gpus} GPUs: busbw ${p.busbwGBps} GB/s${p.latencyUs !== undefined ? `, latency ${p.latencyUs} us` : ''} (${p.source})`);
    }
  }
  const dedupedWarnings = [...new Set(warnings)];
  return {
    profile: {
      name,
      extends: base.name,
      description: `${base.description}; collective tables calibrated from nccl-tests (${inputs.map((i) => i.file).join(', ')})`,
      collectives,
    },
    warnings: dedupedWarnings,
    summary,
  };
}

function sameGpuFamily(measured: string, profileGpu: string): boolean {
  const family = (s: string) => /\b([ABHLG]\d{2,3})\b/i.exec(s)?.[1]?.toUpperCase();
  const a = family(measured);
  const b = family(profileGpu);
  return !a || !b || a === b;
}

/** The profile as YAML, with a header saying where it came from. */
export function calibrationYaml(c: Calibration, inputs: string[]): string {
  const header = [
    `# Written by \`trainlint calibrate\` from ${inputs.join(', ')}.`,
    `# Measured nccl-tests tables override those of "${c.profile.extends}"; everything else is inherited.`,
  ];
  return `${header.join('\n')}\n${stringify(c.profile, { lineWidth: 0 })}`;
}
