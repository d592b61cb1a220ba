import {
  INTERVAL_MODEL,
  MEASURED_SAVE,
  measuredAsyncBlockingRatio,
  measuredSyncSaveGBps,
  type SaveCostFact,
} from '../data/checkpoint-facts';

/**
 * Checkpoint cost: size, write and blocking time, job MTBF, the Young/Daly optimal interval and what the
 * configured interval costs (reference/checkpointing.md §1, §2, §5). Pure arithmetic on explicit inputs;
 * every output carries the lines of its derivation so hovers and messages can show how it was computed.
 */

export interface StorageTierInput {
  name: string;
  kind: 'local-nvme' | 'network-fs' | 'object-store' | 'block';
  /** Write bandwidth one node sees, GB/s (10^9 B/s). */
  writeGBps: number;
  /** Capacity, bytes: per node for local NVMe, whole tier otherwise. */
  capacityBytes?: number;
  survivesNodeLoss: boolean;
  /** Where the tier figures come from. */
  source: string;
  note?: string;
}

export interface CheckpointInputs {
  paramsTotal: number;
  /** Bytes per parameter of the saved weights (2 for bf16/fp16, 4 for fp32). */
  weightBytesPerParam: number;
  /** Bytes per parameter of saved optimizer state (12 for mixed-precision Adam, 0 when not saved). */
  optimizerBytesPerParam: number;
  /** Optimizer state sharded over data-parallel ranks (ZeRO >= 1, FSDP, distributed optimizer). */
  optimizerSharded: boolean;
  /** Weights sharded over data-parallel ranks (ZeRO-3, FSDP full shard). */
  weightsSharded: boolean;
  /** Every rank writes a share even without optimizer sharding (Megatron fully parallel save). */
  fullyParallelSave?: boolean;
  dp: number;
  tp: number;
  pp: number;
  /** Other model-parallel factors (context parallel); ranks in one model replica = tp x pp x cp. */
  cp?: number;
  gpus: number;
  gpusPerNode: number;
  /** Host link per GPU (GPU -> CPU staging copy), GB/s. */
  hostLinkGBps?: number;
  stepTimeSec?: number;
  /** Configured interval, in steps or seconds (other units are converted by the caller). */
  intervalSteps?: number;
  intervalSec?: number;
  async: boolean;
  /** Checkpoints kept on the tier at once. */
  keep?: number;
  storage: StorageTierInput;
  /** Job-stopping failures per GPU-hour. */
  failureRatePerGpuHour: number;
  failureRateSource: string;
  /** Restart cost (requeue + init + load + warm-up), seconds; 0 when unknown. */
  restartSec?: number;
  /** A measured save time that replaces the model (seconds the job blocks per save). */
  measuredBlockingSec?: number;
  /** Total steps of the run, for expected failures and saves over the run. */
  trainSteps?: number;
  /** Measurement the practical save-rate floor comes from (defaults to the published one). */
  saveFact?: SaveCostFact;
}

export interface Quantity {
  value: number;
  unit: string;
  /** How the value was obtained, one step a line, with inputs and sources. */
  derivation: string[];
}

export interface CheckpointEstimate {
  sizeBytes: Quantity;
  weightsBytes: Quantity;
  optimizerBytes: Quantity;
  /** Largest shard one rank writes. */
  perRankBytes: Quantity;
  /** Bytes the busiest node writes. */
  perNodeBytes: Quantity;
  /** Time to put one checkpoint on the tier (bandwidth model or measured-practice floor, whichever is larger). */
  writeSeconds: Quantity;
  /** Time training is stopped per save (equal to writeSeconds for a synchronous save). */
  blockingSeconds: Quantity;
  /** Which bound set the save time. */
  saveBound: 'measured' | 'bandwidth' | 'measured-practice';
  jobMtbfSeconds: Quantity;
  youngIntervalSeconds: Quantity;
  /** Daly's higher-order optimum (the one recommended). */
  optimalIntervalSeconds: Quantity;
  optimalOverheadFraction: Quantity;
  /** Configured interval, seconds; undefined when it cannot be turned into time. */
  intervalSeconds?: Quantity;
  overheadFraction?: Quantity;
  /** GPU-hours expected to be redone after one failure at the configured interval. */
  lostGpuHoursPerFailure?: Quantity;
  lostGpuHoursPerFailureAtOptimum: Quantity;
  /** Configured interval / optimum. */
  intervalRatio?: number;
  /** Optimum expressed in steps (when the step time is known). */
  optimalIntervalSteps?: Quantity;
  storageNeededBytes?: Quantity;
  /** What the capacity check compares (per node for local NVMe). */
  storageCompare?: { neededBytes: number; capacityBytes: number; scope: 'per-node' | 'tier' };
  expectedFailures?: Quantity;
  runSeconds?: Quantity;
  /** What could not be computed and why. */
  gaps: string[];
}

const GB = 1e9;

export function fmtBytes(b: number): string {
  if (b >= 1e12) return `${(b / 1e12).toFixed(b >= 1e13 ? 1 : 2)} TB`;
  if (b >= 1e9) return `${(b / 1e9).toFixed(b >= 1e11 ? 0 : 1)} GB`;
  if (b >= 1e6) return `${(b / 1e6).toFixed(1)} MB`;
  return `${Math.round(b)} B`;
}

export function fmtDuration(s: number): string {
  if (!Number.isFinite(s)) return 'never';
  if (s < 1) return `${(s * 1000).toFixed(0)} ms`;
  if (s < 120) return `${s.toFixed(s < 10 ? 1 : 0)} s`;
  if (s < 7200) return `${(s / 60).toFixed(s < 600 ? 1 : 0)} min`;
  if (s < 172800) return `${(s / 3600).toFixed(1)} h`;
  return `${(s / 86400).toFixed(1)} days`;
}

/** A count that may be fractional: 4.4, 0.31, 0.0046. */
export function fmtCount(n: number): string {
  return n >= 1 ? n.toFixed(1) : n.toPrecision(2);
}

export function fmtPct(f: number): string {
  const p = f * 100;
  return `${p < 1 ? p.toFixed(2) : p < 10 ? p.toFixed(1) : p.toFixed(0)}%`;
}

function num(n: number, digits = 3): string {
  if (!Number.isFinite(n)) return String(n);
  if (Math.abs(n) >= 1e5 || (Math.abs(n) < 1e-3 && n !== 0)) return n.toExponential(digits - 1);
  return Number(n.toPrecision(digits)).toLocaleString('en-US');
}

function q(value: number, unit: string, derivation: string[]): Quantity {
  return { value, unit, derivation };
}

/** Young's first-order optimum, seconds. */
export function youngInterval(deltaSec: number, mtbfSec: number): number {
  return Math.sqrt(2 * deltaSec * mtbfSec);
}

/** Daly's higher-order optimum, seconds (M when the save takes longer than 2M). */
export function dalyInterval(deltaSec: number, mtbfSec: number): number {
  if (deltaSec >= 2 * mtbfSec) return mtbfSec;
  const x = deltaSec / (2 * mtbfSec);
  return Math.sqrt(2 * deltaSec * mtbfSec) * (1 + Math.sqrt(x) / 3 + x / 9) - deltaSec;
}

/** First-order expected share of time lost to saving plus rework: delta/tau + (tau/2 + R)/M. */
export function checkpointOverhead(intervalSec: number, deltaSec: number, mtbfSec: number, restartSec = 0): number {
  return deltaSec / intervalSec + (intervalSec / 2 + restartSec) / mtbfSec;
}

function validInputs(i: CheckpointInputs): string | undefined {
  const positive: Array<[string, number]> = [
    ['paramsTotal', i.paramsTotal],
    ['dp', i.dp],
    ['tp', i.tp],
    ['pp', i.pp],
    ['gpus', i.gpus],
    ['gpusPerNode', i.gpusPerNode],
    ['storage write bandwidth', i.storage.writeGBps],
    ['failure rate', i.failureRatePerGpuHour],
  ];
  for (const [what, v] of positive) if (!(Number.isFinite(v) && v > 0)) return `${what} must be a positive number (got ${v})`;
  return undefined;
}

export function estimateCheckpoint(i: CheckpointInputs): CheckpointEstimate | { error: string } {
  const bad = validInputs(i);
  if (bad) return { error: bad };
  const gaps: string[] = [];
  const cp = i.cp && i.cp > 0 ? i.cp : 1;
  const mp = i.tp * i.pp * cp;
  const nodes = Math.max(1, Math.ceil(i.gpus / i.gpusPerNode));
  const mpNodes = Math.min(nodes, Math.max(1, Math.ceil(mp / i.gpusPerNode)));
  const N = i.paramsTotal;

  // --- size
  const W = N * i.weightBytesPerParam;
  const O = N * i.optimizerBytesPerParam;
  const total = W + O;
  const weightsBytes = q(W, 'B', [`weights: ${num(N)} params x ${i.weightBytesPerParam} B = ${fmtBytes(W)}`]);
  const optimizerBytes = q(O, 'B', [
    i.optimizerBytesPerParam > 0
      ? `optimizer state: ${num(N)} params x ${i.optimizerBytesPerParam} B = ${fmtBytes(O)}`
      : 'optimizer state: not saved',
  ]);
  const sizeBytes = q(total, 'B', [
    `checkpoint = weights + optimizer = ${num(N)} x (${i.weightBytesPerParam} + ${i.optimizerBytesPerParam}) B = ${fmtBytes(total)} (gradients are not saved; source: checkpointing.md §1.1)`,
  ]);

  // --- who writes what
  const spread = i.fullyParallelSave === true;
  const wShard = i.weightsSharded || spread ? W / (mp * i.dp) : W / mp;
  const oShard = i.optimizerSharded || spread ? O / (mp * i.dp) : O / mp;
  const perRank = wShard + oShard;
  const wNode = i.weightsSharded || spread ? W / nodes : W / mpNodes;
  const oNode = i.optimizerSharded || spread ? O / nodes : O / mpNodes;
  const perNode = wNode + oNode;
  const layout = (sharded: boolean) =>
    sharded ? `split over all ${i.gpus} ranks` : `written by the ${mp} model-parallel rank(s) of one replica (tp ${i.tp} x pp ${i.pp}${cp > 1 ? ` x cp ${cp}` : ''}) on ${mpNodes} node(s)`;
  const perRankBytes = q(perRank, 'B', [
    `weights ${layout(i.weightsSharded || spread)}; optimizer ${layout(i.optimizerSharded || spread)}`,
    `largest shard per rank = ${fmtBytes(wShard)} + ${fmtBytes(oShard)} = ${fmtBytes(perRank)}`,
  ]);
  const perNodeBytes = q(perNode, 'B', [`busiest node writes ${fmtBytes(wNode)} + ${fmtBytes(oNode)} = ${fmtBytes(perNode)} (${nodes} node(s) of ${i.gpusPerNode} GPUs)`]);

  // --- save time
  const writeSec = perNode / (i.storage.writeGBps * GB);
  const stageSec = i.hostLinkGBps && i.hostLinkGBps > 0 ? perRank / (i.hostLinkGBps * GB) : 0;
  const bandwidthSec = writeSec + stageSec;
  const fact = i.saveFact ?? MEASURED_SAVE;
  const practiceGBps = measuredSyncSaveGBps(fact);
  const practiceSec = total / (practiceGBps * GB);
  const tierLine = `write to ${i.storage.name}: ${fmtBytes(perNode)} / ${num(i.storage.writeGBps)} GB/s per node = ${fmtDuration(writeSec)} (${i.storage.note ?? i.storage.source})`;
  const stageLine = stageSec > 0 ? `GPU -> host copy: ${fmtBytes(perRank)} / ${num(i.hostLinkGBps!)} GB/s = ${fmtDuration(stageSec)}` : undefined;
  const practiceLine = `measured practice: a synchronous save runs at ~${num(practiceGBps)} GB/s of state (${fact.note}; ${fact.source}) -> ${fmtBytes(total)} / ${num(practiceGBps)} GB/s = ${fmtDuration(practiceSec)}`;
  let saveBound: CheckpointEstimate['saveBound'];
  let syncSec: number;
  const writeDerivation = [tierLine, ...(stageLine ? [stageLine] : []), practiceLine];
  if (i.measuredBlockingSec !== undefined && i.measuredBlockingSec >= 0) {
    saveBound = 'measured';
    syncSec = i.measuredBlockingSec;
    writeDerivation.push(`using the measured save time given as input: ${fmtDuration(syncSec)} (replaces the models above)`);
  } else if (practiceSec > bandwidthSec) {
    saveBound = 'measured-practice';
    syncSec = practiceSec;
    writeDerivation.push(`save time = max(bandwidth ${fmtDuration(bandwidthSec)}, measured practice ${fmtDuration(practiceSec)}) = ${fmtDuration(syncSec)}; raw bandwidth leaves out serialization, barriers and fsync`);
  } else {
    saveBound = 'bandwidth';
    syncSec = bandwidthSec;
    writeDerivation.push(`save time = max(bandwidth ${fmtDuration(bandwidthSec)}, measured practice ${fmtDuration(practiceSec)}) = ${fmtDuration(syncSec)} (storage-bound)`);
  }
  const writeSeconds = q(syncSec, 's', writeDerivation);
  let deltaSec: number;
  let blockingDerivation: string[];
  if (i.async && saveBound !== 'measured') {
    const ratio = measuredAsyncBlockingRatio(fact);
    deltaSec = Math.max(stageSec, syncSec * ratio);
    blockingDerivation = [
      `async save: training only waits for the copy to host memory: max(GPU -> host ${fmtDuration(stageSec)}, ${fmtDuration(syncSec)} x ${num(ratio)} measured async/sync ratio (${fact.asyncBlockingSeconds} s / ${fact.syncSeconds} s, ${fact.source})) = ${fmtDuration(deltaSec)}`,
    ];
  } else {
    deltaSec = syncSec;
    blockingDerivation = [i.async ? `measured blocking time ${fmtDuration(syncSec)}` : `synchronous save: training waits for the whole write, ${fmtDuration(syncSec)}`];
  }
  if (!(deltaSec > 0)) deltaSec = 1e-3;
  const blockingSeconds = q(deltaSec, 's', blockingDerivation);

  // --- failures
  const mtbfHours = 1 / (i.failureRatePerGpuHour * i.gpus);
  const M = mtbfHours * 3600;
  const jobMtbfSeconds = q(M, 's', [
    `job MTBF M = 1 / (${num(i.failureRatePerGpuHour)} failures per GPU-hour x ${i.gpus} GPUs) = ${num(mtbfHours)} h (${i.failureRateSource}); every failure stops a synchronous job`,
  ]);
  const young = youngInterval(deltaSec, M);
  const daly = dalyInterval(deltaSec, M);
  const R = i.restartSec ?? 0;
  const youngIntervalSeconds = q(young, 's', [`Young (first order): sqrt(2 x ${num(deltaSec)} s x ${num(M)} s) = ${fmtDuration(young)} (${INTERVAL_MODEL.young.source})`]);
  const optimalIntervalSeconds = q(daly, 's', [
    `Daly (higher order, used): ${INTERVAL_MODEL.daly.formula} = ${fmtDuration(daly)} (${INTERVAL_MODEL.daly.source})`,
    `with delta = ${num(deltaSec)} s blocking per save and M = ${num(M)} s`,
  ]);
  const optOverhead = checkpointOverhead(daly, deltaSec, M, R);
  const restartNote = R > 0 ? ` + R ${fmtDuration(R)}` : ' (restart cost R not counted)';
  const optimalOverheadFraction = q(optOverhead, 'fraction', [
    `at the optimum: delta/tau + (tau/2 + R)/M = ${num(deltaSec)}/${num(daly)} + (${num(daly)}/2${R > 0 ? ` + ${num(R)}` : ''})/${num(M)} = ${fmtPct(optOverhead)}${restartNote}`,
  ]);
  const lostAtOpt = ((daly / 2 + R) * i.gpus) / 3600;
  const lostGpuHoursPerFailureAtOptimum = q(lostAtOpt, 'GPU-h', [`(tau_opt/2${R > 0 ? ' + R' : ''}) x ${i.gpus} GPUs = ${num(lostAtOpt)} GPU-hours`]);

  const out: CheckpointEstimate = {
    sizeBytes,
    weightsBytes,
    optimizerBytes,
    perRankBytes,
    perNodeBytes,
    writeSeconds,
    blockingSeconds,
    saveBound,
    jobMtbfSeconds,
    youngIntervalSeconds,
    optimalIntervalSeconds,
    optimalOverheadFraction,
    lostGpuHoursPerFailureAtOptimum,
    gaps,
  };

  // --- configured interval
  const step = i.stepTimeSec && i.stepTimeSec > 0 ? i.stepTimeSec : undefined;
  if (step) {
    const steps = daly / step;
    out.optimalIntervalSteps = q(steps, 'steps', [`${fmtDuration(daly)} / ${num(step)} s per step = ${num(steps)} steps`]);
  }
  let tau: number | undefined;
  let tauLine = '';
  if (i.intervalSec !== undefined && i.intervalSec > 0) {
    tau = i.intervalSec;
    tauLine = `configured interval ${fmtDuration(tau)}`;
  } else if (i.intervalSteps !== undefined && i.intervalSteps > 0) {
    if (step) {
      tau = i.intervalSteps * step;
      tauLine = `configured interval ${num(i.intervalSteps)} steps x ${num(step)} s per step = ${fmtDuration(tau)}`;
    } else gaps.push('the step time is unknown, so the interval in steps cannot be turned into time');
  }
  if (tau !== undefined) {
    const ov = checkpointOverhead(tau, deltaSec, M, R);
    const lost = ((tau / 2 + R) * i.gpus) / 3600;
    out.intervalSeconds = q(tau, 's', [tauLine]);
    out.overheadFraction = q(ov, 'fraction', [
      `overhead = delta/tau + (tau/2 + R)/M = ${num(deltaSec)}/${num(tau)} + (${num(tau)}/2${R > 0 ? ` + ${num(R)}` : ''})/${num(M)} = ${fmtPct(deltaSec / tau)} saving + ${fmtPct((tau / 2 + R) / M)} rework = ${fmtPct(ov)}${restartNote}`,
    ]);
    out.lostGpuHoursPerFailure = q(lost, 'GPU-h', [`a failure loses on average half an interval: (${fmtDuration(tau)}/2${R > 0 ? ' + R' : ''}) x ${i.gpus} GPUs = ${num(lost)} GPU-hours`]);
    out.intervalRatio = tau / daly;
  }

  // --- run and storage
  if (step && i.trainSteps && i.trainSteps > 0) {
    const run = i.trainSteps * step;
    out.runSeconds = q(run, 's', [`${num(i.trainSteps)} steps x ${num(step)} s = ${fmtDuration(run)}`]);
    out.expectedFailures = q(run / M, 'failures', [`run ${fmtDuration(run)} / M ${fmtDuration(M)} = ${num(run / M)} expected failures`]);
  }
  if (i.keep !== undefined && i.keep > 0) {
    const need = i.keep * total;
    out.storageNeededBytes = q(need, 'B', [`${num(i.keep)} kept x ${fmtBytes(total)} = ${fmtBytes(need)}`]);
    if (i.storage.capacityBytes !== undefined && i.storage.capacityBytes > 0) {
      if (i.storage.kind === 'local-nvme') {
        const perNodeNeed = i.keep * perNode;
        out.storageNeededBytes.derivation.push(`on local NVMe each node keeps its own shards: ${num(i.keep)} x ${fmtBytes(perNode)} = ${fmtBytes(perNodeNeed)} on the busiest node`);
        out.storageCompare = { neededBytes: perNodeNeed, capacityBytes: i.storage.capacityBytes, scope: 'per-node' };
      } else out.storageCompare = { neededBytes: need, capacityBytes: i.storage.capacityBytes, scope: 'tier' };
    }
  }
  return out;
}
