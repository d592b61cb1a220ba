import type { Sourced, TrainingPlan } from './plan';

/**
 * The concrete parallel layout an estimate uses: every size a number, each with how it was obtained (set in
 * the file, derived from other values, a framework default, or assumed from the cluster profile). Pure.
 */
export interface Layout {
  dp: number;
  tp: number;
  pp: number;
  cp: number;
  ep: number;
  /** Expert tensor parallel size (defaults to tp, as in Megatron-Core). */
  etp: number;
  vpp: number;
  world: number;
  gpusPerNode: number;
  nodes: number;
  microBatch: number;
  gradAccum: number;
  /** Global batch in sequences. */
  globalBatch: number;
  seqLen?: number;
  sequenceParallel: boolean;
  /** How each figure was obtained, for hovers ("dp = world / (tp·pp·cp) = 384 / 2"). */
  how: Record<string, string>;
  /** Assumptions the file did not settle (shown with the estimate). */
  assumptions: string[];
}

export interface LayoutOptions {
  /** GPUs per node of the active profile. */
  gpusPerNode: number;
  /** --nodes N from the CLI: overrides the node count. */
  nodes?: number;
}

function v(s: Sourced<number> | undefined): number | undefined {
  return s?.value;
}

export function resolveLayout(plan: TrainingPlan, opts: LayoutOptions): Layout {
  const how: Record<string, string> = {};
  const assumptions: string[] = [];
  const p = plan.parallel;
  const size = (name: string, s: Sourced<number> | undefined, fallback = 1): number => {
    if (s) {
      how[name] = `${name} = ${s.value} (${s.key})`;
      return s.value;
    }
    how[name] = `${name} = ${fallback} (not set)`;
    return fallback;
  };
  const tp = size('tp', p.tp);
  const pp = size('pp', p.pp);
  const cp = size('cp', p.cp);
  const ep = size('ep', p.ep);
  const vpp = size('vpp', p.vpp);
  const etp = p.etp ? p.etp.value : tp;
  const model = tp * pp * cp;
  const gpusPerNode = v(plan.cluster.gpusPerNode) ?? opts.gpusPerNode;
  how.gpusPerNode = plan.cluster.gpusPerNode ? `${gpusPerNode} GPUs per node (${plan.cluster.gpusPerNode.key})` : `${gpusPerNode} GPUs per node (cluster profile)`;

  let world: number | undefined;
  if (opts.nodes) {
    world = opts.nodes * gpusPerNode;
    how.world = `world = --nodes ${opts.nodes} × ${gpusPerNode} = ${world}`;
  } else if (plan.cluster.world) {
    world = plan.cluster.world.value;
    how.world = `world = ${world} (${plan.cluster.world.key})`;
  } else if (p.dp) {
    world = p.dp.value * model;
    how.world = `world = dp·tp·pp·cp = ${p.dp.value}·${tp}·${pp}·${cp} = ${world}`;
  } else if (plan.cluster.nodes) {
    world = plan.cluster.nodes.value * gpusPerNode;
    how.world = `world = nodes × GPUs per node = ${plan.cluster.nodes.value} × ${gpusPerNode} = ${world}`;
  }
  if (world === undefined) {
    // the smallest world the layout allows: a multiple of tp·pp·cp and, with experts, of etp·ep·pp (Megatron
    // lays expert groups over the same ranks), and at least one node
    const expertModel = ep > 1 ? etp * ep * pp : 1;
    const unit = lcm(model, expertModel);
    world = unit * Math.ceil(Math.max(gpusPerNode, unit) / unit);
    const why = unit > gpusPerNode ? (expertModel > model ? ` or the smallest size etp·ep·pp = ${expertModel} and tp·pp·cp = ${model} fit` : ' or the model-parallel size') : '';
    how.world = `world = ${world} (assumed: the file does not say how many GPUs; one node of the profile${why})`;
    assumptions.push(`${world} GPUs (the file does not set the GPU count; use --nodes N to change)`);
  }
  let dp: number;
  if (p.dp && !opts.nodes) {
    dp = p.dp.value;
    how.dp = `dp = ${dp} (${p.dp.key})`;
  } else {
    dp = Math.max(1, Math.floor(world / model));
    how.dp = `dp = world / (tp·pp·cp) = ${world} / ${model} = ${dp}`;
    if (opts.nodes && p.dp && p.dp.value !== dp) {
      how.dp += ` (--nodes ${opts.nodes} replaces the file's ${p.dp.key} = ${p.dp.value})`;
      assumptions.push(`dp ${dp} derived from --nodes ${opts.nodes} (${world} GPUs / tp·pp·cp ${model}); the file sets ${p.dp.key} = ${p.dp.value}`);
    }
  }
  if (opts.nodes && plan.cluster.world && plan.cluster.world.value !== world) {
    assumptions.push(`${world} GPUs from --nodes ${opts.nodes}; the file sets ${plan.cluster.world.key} = ${plan.cluster.world.value}`);
  }
  const nodes = Math.max(1, Math.ceil(world / gpusPerNode));
  how.nodes = `nodes = ⌈${world} / ${gpusPerNode}⌉ = ${nodes}`;

  const b = plan.batch;
  let microBatch = v(b.microBatch);
  let gradAccum = v(b.gradAccum);
  let globalBatch = v(b.globalBatch);
  if (microBatch === undefined && globalBatch !== undefined && gradAccum !== undefined) microBatch = Math.max(1, Math.floor(globalBatch / (gradAccum * dp)));
  if (microBatch === undefined) {
    microBatch = 1;
    assumptions.push('micro-batch 1 (not set)');
  }
  how.microBatch = b.microBatch ? `micro-batch = ${microBatch} (${b.microBatch.key})` : `micro-batch = ${microBatch}`;
  if (gradAccum === undefined) {
    if (globalBatch !== undefined) {
      gradAccum = Math.max(1, Math.round(globalBatch / (microBatch * dp)));
      how.gradAccum = `grad accumulation = global / (micro × dp) = ${globalBatch} / (${microBatch} × ${dp}) = ${gradAccum}`;
    } else {
      gradAccum = 1;
      how.gradAccum = 'grad accumulation = 1 (not set)';
    }
  } else how.gradAccum = `grad accumulation = ${gradAccum} (${b.gradAccum!.key})`;
  if (globalBatch === undefined || (b.globalBatch?.origin === 'derived' && opts.nodes)) {
    globalBatch = microBatch * gradAccum * dp;
    how.globalBatch = `global batch = micro × accumulation × dp = ${microBatch} × ${gradAccum} × ${dp} = ${globalBatch}`;
  } else how.globalBatch = `global batch = ${globalBatch} (${b.globalBatch!.key})`;
  const seqLen = v(b.seqLen);
  return {
    dp,
    tp,
    pp,
    cp,
    ep,
    etp,
    vpp,
    world,
    gpusPerNode,
    nodes,
    microBatch,
    gradAccum,
    globalBatch,
    seqLen,
    sequenceParallel: p.sequenceParallel?.value ?? false,
    how,
    assumptions,
  };
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

function lcm(a: number, b: number): number {
  return (a / gcd(a, b)) * b;
}
