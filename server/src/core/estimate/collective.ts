import { BUSBW_FACTORS, LINK_EFFICIENCY, NCCL_LATENCY } from '../data/collective-model';
import { formatBytes, formatGBps, formatUs, sig } from '../profiles/format';
import type { ClusterProfile, CollectiveOp, CollectivePoint } from '../profiles/types';

/**
 * Hierarchical alpha-beta model of NCCL collectives:
 *
 *   time = latency + bytes x busbwFactor(n) / peakBusbw
 *
 * where `bytes` follows the nccl-tests definition of S for each op, `busbwFactor` is nccl-tests' (so algbw =
 * bytes / time and busbw = algbw x factor match what nccl-tests prints), `peakBusbw` is the large-message bus
 * bandwidth and `latency` the small-message time. Both come from the profile's measured tables where they
 * cover the request (interpolated linearly between measured node counts, held flat beyond the largest), and
 * otherwise from a link model: NVLink/NVLS/PCIe inside a node, the per-GPU network share across nodes, the
 * slower of the two bounding the pipelined ring. Time is linear in bytes, so it is smooth and monotone.
 */

export type CollectiveLink = 'nvlink' | 'nvls' | 'network' | 'pcie';

export interface CollectiveEstimate {
  op: CollectiveOp;
  bytes: number;
  gpus: number;
  nodes: number;
  /** Ranks of this collective per node. */
  gpusPerNode: number;
  timeUs: number;
  algbwGBps: number;
  busbwGBps: number;
  bottleneck: CollectiveLink;
  /** Small-message time used as the alpha term. */
  latencyUs: number;
  /** Large-message bus bandwidth used as the beta term. */
  peakBusbwGBps: number;
  /** Whether the bandwidth / latency came from the profile's measured tables or the link model. */
  bandwidthFrom: 'measured' | 'model';
  latencyFrom: 'measured' | 'model';
  /** Human-readable steps: inputs, formulas, figures and their sources. */
  derivation: string[];
  sources: string[];
}

interface LinkRates {
  intraKind: 'nvlink' | 'pcie';
  /** Ring bus bandwidth inside a node (GB/s). */
  intraGBps: number;
  intraHow: string;
  /** Network bandwidth per GPU, one direction (GB/s). */
  netGBps: number;
  netHow: string;
  sources: string[];
}

function linkRates(p: ClusterProfile): LinkRates {
  const sources: string[] = [];
  let intraGBps: number;
  let intraHow: string;
  const intraKind = p.intraNode.kind === 'nvlink' && p.intraNode.nvlinkGBps ? 'nvlink' : 'pcie';
  const fig = intraKind === 'nvlink' ? p.intraNode.nvlinkGBps! : p.intraNode.pcieGBps;
  const eff = intraKind === 'nvlink' ? LINK_EFFICIENCY.nvlink : LINK_EFFICIENCY.pcie;
  if (fig.measured !== undefined) {
    intraGBps = fig.measured;
    intraHow = `${intraKind === 'nvlink' ? 'NVLink' : 'PCIe'} ${formatGBps(fig.measured)} per GPU (measured)`;
    sources.push(fig.source);
  } else {
    intraGBps = (fig.theoretical ?? 0) * eff.value;
    intraHow = `${intraKind === 'nvlink' ? 'NVLink' : 'PCIe'} ${formatGBps(fig.theoretical ?? 0)} line rate x ${eff.value.toFixed(2)} achievable = ${formatGBps(intraGBps)}`;
    sources.push(fig.source, eff.source);
  }
  const net = p.network.perGpuGbps;
  let netGBps: number;
  let netHow: string;
  if (net.measured !== undefined) {
    netGBps = net.measured / 8;
    netHow = `network ${sig(net.measured)} Gb/s per GPU (measured) = ${formatGBps(netGBps)}`;
    sources.push(net.source);
  } else {
    netGBps = ((net.theoretical ?? 0) / 8) * LINK_EFFICIENCY.network.value;
    netHow = `network ${sig(net.theoretical ?? 0)} Gb/s per GPU x ${LINK_EFFICIENCY.network.value.toFixed(2)} achievable = ${formatGBps(netGBps)}`;
    sources.push(net.source, LINK_EFFICIENCY.network.source);
  }
  return { intraKind, intraGBps, intraHow, netGBps, netHow, sources };
}

/** Measured points with `field`; multi-node points count only when measured on full nodes (send/recv: any). */
function points(p: ClusterProfile, op: CollectiveOp, field: 'busbwGBps' | 'latencyUs'): CollectivePoint[] {
  return (p.collectives[op] ?? []).filter(
    (c) =>
      typeof c[field] === 'number' &&
      Number.isFinite(c[field]) &&
      (c.nodes === 1 || op === 'send-recv' || c.gpus === undefined || c.gpus === c.nodes * p.gpusPerNode),
  );
}

/** Linear interpolation of `field` over `x` through sorted points; undefined outside [first, last] unless `holdHigh`. */
function interpolate(pts: Array<{ x: number; y: number; pt: CollectivePoint }>, x: number, holdHigh: boolean) {
  if (pts.length === 0) return undefined;
  pts.sort((a, b) => a.x - b.x);
  if (x < pts[0].x) return undefined;
  const last = pts[pts.length - 1];
  if (x >= last.x) return x === last.x || holdHigh ? { y: last.y, used: [last.pt], held: x > last.x } : undefined;
  for (let i = 0; i + 1 < pts.length; i++) {
    const a = pts[i];
    const b = pts[i + 1];
    if (x === a.x) return { y: a.y, used: [a.pt], held: false };
    if (x > a.x && x < b.x) return { y: a.y + ((b.y - a.y) * (x - a.x)) / (b.x - a.x), used: [a.pt, b.pt], held: false };
  }
  return undefined;
}

function describePoints(used: CollectivePoint[], field: 'busbwGBps' | 'latencyUs', unit: (v: number) => string): string {
  return used
    .map((c) => {
      const where = c.nodes === 1 ? `${c.gpus ?? 'all'} GPUs in 1 node` : `${c.nodes} nodes`;
      const range = field === 'busbwGBps' && c.busbwRangeGBps ? ` (range ${c.busbwRangeGBps[0]}-${c.busbwRangeGBps[1]})` : '';
      return `${unit(c[field]!)}${range} at ${where}`;
    })
    .join(' and ');
}

interface Job {
  op: CollectiveOp;
  n: number;
  nodes: number;
  g: number;
}

/** Measured large-message busbw covering this job, if the profile has it. */
function measuredBusbw(p: ClusterProfile, job: Job) {
  const pts = points(p, job.op, 'busbwGBps');
  if (job.nodes === 1) {
    const inNode = pts.filter((c) => c.nodes === 1).map((c) => ({ x: c.gpus ?? p.gpusPerNode, y: c.busbwGBps!, pt: c }));
    const r = interpolate(inNode, job.n, false);
    return r && { ...r, how: `measured ${job.op} busbw ${describePoints(r.used, 'busbwGBps', formatGBps)}${r.used.length > 1 ? ', interpolated' : ''}` };
  }
  // Multi-node tables are measured with full nodes; send/recv is per pair and does not depend on that.
  if (job.op !== 'send-recv' && job.g !== p.gpusPerNode) return undefined;
  const multi = pts.filter((c) => c.nodes > 1).map((c) => ({ x: c.nodes, y: c.busbwGBps!, pt: c }));
  const r = interpolate(multi, job.nodes, true);
  if (!r) return undefined;
  const tail = r.held ? `, held flat beyond the largest measured node count` : r.used.length > 1 ? `, interpolated to ${job.nodes} nodes` : '';
  return { ...r, how: `measured ${job.op} busbw ${describePoints(r.used, 'busbwGBps', formatGBps)}${tail}` };
}

/** NCCL-tuner-style Ring/LL latency (hardware.md §8). */
function modelLatency(op: CollectiveOp, n: number, nodes: number, intraKind: 'nvlink' | 'pcie'): { us: number; how: string } {
  const [steps, inter] =
    op === 'all-reduce' ? [2 * (n - 1), 2 * (nodes - 1)]
    : op === 'all-gather' || op === 'reduce-scatter' ? [n - 1, nodes - 1]
    : op === 'send-recv' ? [1, nodes > 1 ? 1 : 0]
    : [n, nodes > 1 ? nodes : 0];
  const stepIntra = (intraKind === 'nvlink' ? NCCL_LATENCY.nvlinkStepUs.value : NCCL_LATENCY.pcieStepUs.value) * (nodes > 1 ? NCCL_LATENCY.intraFactorMultiNode.value : 1);
  const intraSteps = Math.max(0, steps - inter);
  const us = NCCL_LATENCY.baseUs.value + intraSteps * stepIntra + inter * NCCL_LATENCY.netStepUs.value;
  const how = `${NCCL_LATENCY.baseUs.value} us base + ${intraSteps} intra-node steps x ${sig(stepIntra)} us + ${inter} network steps x ${NCCL_LATENCY.netStepUs.value} us`;
  return { us, how };
}

function latency(p: ClusterProfile, job: Job, rates: LinkRates, lines: string[], sources: string[]): { us: number; from: 'measured' | 'model' } {
  const model = modelLatency(job.op, job.n, job.nodes, rates.intraKind);
  const G = p.gpusPerNode;
  const scoped = points(p, job.op, 'latencyUs').filter((c) => (job.nodes === 1 ? c.nodes === 1 : c.nodes > 1));
  if (scoped.length === 0) {
    lines.push(`latency ${formatUs(model.us)} (NCCL Ring/LL model: ${model.how})`);
    sources.push(NCCL_LATENCY.baseUs.source);
    return { us: model.us, from: 'model' };
  }
  // Measured at full nodes (or a GPU count in one node): interpolate over node counts inside the table, and
  // carry the measured value to this job's shape (other node count or ranks per node) with the model's ratio.
  const xy = scoped.map((c) => ({ x: c.nodes, y: c.latencyUs!, pt: c }));
  const inside = interpolate(xy, job.nodes, false);
  const anchor = inside ?? (() => {
    const sorted = [...xy].sort((a, b) => Math.abs(a.x - job.nodes) - Math.abs(b.x - job.nodes));
    return { y: sorted[0].y, used: [sorted[0].pt], held: true };
  })();
  const refNodes = inside ? job.nodes : anchor.used[0].nodes;
  const refRanks = job.nodes === 1 ? anchor.used[0].gpus ?? G : refNodes * G;
  const ref = modelLatency(job.op, refRanks, refNodes, rates.intraKind).us;
  const scale = model.us / ref;
  const us = anchor.y * scale;
  const measuredText = `${describePoints(anchor.used, 'latencyUs', formatUs)}${anchor.used.length > 1 ? ' interpolated' : ''}`;
  const scaledText = Math.abs(scale - 1) > 1e-9
    ? ` x ${sig(scale)} (model ratio ${formatUs(model.us)} for ${job.n} ranks on ${job.nodes} node(s) / ${formatUs(ref)} for the measured ${refRanks} on ${refNodes}; model: ${model.how})`
    : '';
  lines.push(`latency ${formatUs(us)}: measured ${measuredText}${scaledText}`);
  sources.push(...anchor.used.map((c) => c.source));
  if (scaledText) sources.push(NCCL_LATENCY.baseUs.source);
  return { us, from: 'measured' };
}

/** Which link bounds the op, and the busbw it allows, from link rates alone. */
function modelBusbw(p: ClusterProfile, job: Job, rates: LinkRates): { busbw: number; link: CollectiveLink; how: string } {
  const { op, n, nodes, g } = job;
  const local = Math.min(n, g);
  // In-node candidate: NVLS all-reduce on a full NVSwitch node uses its measured busbw; else the ring rate.
  let intra = rates.intraGBps;
  let intraLink: CollectiveLink = rates.intraKind;
  let intraHow = rates.intraHow;
  if (op === 'all-reduce' && rates.intraKind === 'nvlink' && p.intraNode.nvls && local === p.gpusPerNode) {
    const full = points(p, 'all-reduce', 'busbwGBps').find((c) => c.nodes === 1 && (c.gpus ?? p.gpusPerNode) === p.gpusPerNode);
    if (full && full.busbwGBps! > intra) {
      intra = full.busbwGBps!;
      intraLink = 'nvls';
      intraHow = `NVLS all-reduce ${formatGBps(intra)} in a full node (measured)`;
    }
  }
  if (nodes === 1) return { busbw: intra, link: intraLink, how: `in one node: ${intraHow}` };
  const B = rates.netGBps;
  let net: number;
  let netHow: string;
  switch (op) {
    case 'all-reduce':
    case 'all-gather':
    case 'reduce-scatter':
      net = ((g * B * nodes) / (nodes - 1)) * ((n - 1) / n);
      netHow = `network: ${g} GPUs/node x ${formatGBps(B)} x N/(N-1) x (n-1)/n = ${formatGBps(net)}`;
      break;
    case 'all-to-all':
      net = (B * (n - 1)) / (n - g);
      netHow = `network: (n-g)/n of each rank's bytes leave the node: ${formatGBps(B)} x (n-1)/(n-g) = ${formatGBps(net)}`;
      if (g > 1) intra = (intra * (n - 1)) / (g - 1);
      break;
    case 'broadcast':
      net = g * B;
      netHow = `network: ${g} GPUs/node x ${formatGBps(B)} into each node = ${formatGBps(net)}`;
      break;
    case 'send-recv':
      net = B;
      netHow = `network: ${formatGBps(B)} per GPU`;
      break;
  }
  const how = `min(${intraHow}${op === 'all-to-all' && g > 1 ? ` scaled to ${formatGBps(intra)} for the in-node share` : ''}; ${rates.netHow} -> ${netHow})`;
  return net < intra ? { busbw: net, link: 'network', how } : { busbw: intra, link: intraLink, how };
}

function clampInt(v: number, min: number): number {
  return Number.isFinite(v) ? Math.max(min, Math.floor(v)) : min;
}

/**
 * Estimates one collective on a profile. `bytes` is nccl-tests' S (all-gather / reduce-scatter: the whole
 * array; all-to-all: what each rank sends in total), `gpus` the ranks, `gpusPerNode` the ranks of this
 * collective on each node (capped by the profile's GPUs per node). Never throws.
 */
export function estimateCollective(op: CollectiveOp, bytes: number, gpus: number, gpusPerNode: number, profile: ClusterProfile): CollectiveEstimate {
  const S = Number.isFinite(bytes) && bytes > 0 ? bytes : 0;
  const n = clampInt(gpus, 1);
  const g = Math.min(clampInt(gpusPerNode, 1), n, profile.gpusPerNode);
  const nodes = Math.ceil(n / g);
  const job: Job = { op, n, nodes, g };
  const factor = BUSBW_FACTORS[op];
  const f = factor.factor(n);
  const derivation: string[] = [
    `${op} of ${formatBytes(S)} (${S.toLocaleString('en-US')} bytes) over ${n} GPU${n > 1 ? 's' : ''} = ${nodes} node${nodes > 1 ? 's' : ''} x ${g} on profile ${profile.name}`,
  ];
  if (gpusPerNode > profile.gpusPerNode) derivation.push(`${gpusPerNode} GPUs per node asked; the profile's nodes have ${profile.gpusPerNode}`);
  const sources = new Set<string>([factor.source]);
  if (n === 1 || (op === 'send-recv' && n < 2)) {
    derivation.push('a single rank exchanges nothing: no communication');
    return { op, bytes: S, gpus: n, nodes, gpusPerNode: g, timeUs: 0, algbwGBps: 0, busbwGBps: 0, bottleneck: profile.intraNode.kind, latencyUs: 0, peakBusbwGBps: 0, bandwidthFrom: 'model', latencyFrom: 'model', derivation, sources: [...sources] };
  }
  const rates = linkRates(profile);
  const model = modelBusbw(profile, job, rates);
  const measured = measuredBusbw(profile, job);
  let peak: number;
  if (measured) {
    peak = measured.y;
    derivation.push(`peak busbw ${formatGBps(peak)}: ${measured.how}`);
    measured.used.forEach((c) => sources.add(c.source));
    derivation.push(`bottleneck ${model.link} (link model ${formatGBps(model.busbw)}: ${model.how})`);
  } else {
    peak = model.busbw;
    derivation.push(`peak busbw ${formatGBps(peak)} from the link model, bound by ${model.link}: ${model.how}`);
    if (nodes > 1 && op !== 'send-recv' && g !== profile.gpusPerNode && points(profile, op, 'busbwGBps').some((c) => c.nodes > 1)) {
      derivation.push(`(the profile's multi-node table was measured with ${profile.gpusPerNode} GPUs per node, this collective has ${g})`);
    }
  }
  rates.sources.forEach((s) => sources.add(s));
  const latLines: string[] = [];
  const latSources: string[] = [];
  const lat = latency(profile, job, rates, latLines, latSources);
  derivation.push(...latLines);
  latSources.forEach((s) => sources.add(s));
  if (!(peak > 0) || !Number.isFinite(peak)) {
    derivation.push(`the profile gives no usable bandwidth for the ${model.link} link, so the time cannot be estimated`);
    return { op, bytes: S, gpus: n, nodes, gpusPerNode: g, timeUs: Infinity, algbwGBps: 0, busbwGBps: 0, bottleneck: model.link, latencyUs: lat.us, peakBusbwGBps: 0, bandwidthFrom: measured ? 'measured' : 'model', latencyFrom: lat.from, derivation, sources: [...sources] };
  }
  const betaUs = (S * f) / (peak * 1e3);
  const timeUs = lat.us + betaUs;
  const algbw = timeUs > 0 ? S / (timeUs * 1e3) : 0;
  const busbw = algbw * f;
  derivation.push(
    `time = latency + bytes x ${factor.formula} / busbw = ${formatUs(lat.us)} + ${sig(S / 1e9)} GB x ${sig(f, 4)} / ${formatGBps(peak)} = ${formatUs(timeUs)}`,
    `algbw = bytes / time = ${formatGBps(algbw)}; busbw = algbw x ${factor.formula} = ${formatGBps(busbw)} (nccl-tests definitions)`,
  );
  return {
    op,
    bytes: S,
    gpus: n,
    nodes,
    gpusPerNode: g,
    timeUs,
    algbwGBps: algbw,
    busbwGBps: busbw,
    bottleneck: model.link,
    latencyUs: lat.us,
    peakBusbwGBps: peak,
    bandwidthFrom: measured ? 'measured' : 'model',
    latencyFrom: lat.from,
    derivation,
    sources: [...sources],
  };
}
