/**
 * Picks the root cause: the earliest event of the strongest causal role, not the loudest. Watchdog timeouts on
 * every rank are symptoms; a cause (OOM, Xid, IB error, disk full...) anywhere wins over contributing errors
 * (socket resets, NCCL error codes, exit codes), which win over symptoms. For a collective timeout with no
 * other error, the culprit is the rank that fell behind: the lowest last-completed (or in-flight) sequence
 * number, or the one rank that never reported.
 */
import { COLLECTIVE_DESYNC, EXIT_CODE_CATEGORIES, LOG_SIGNATURES, PROGRESS_CHECKS, type CausalRole, type LogCategory } from '../data/log-signatures';
import type { CollectiveState } from './analyzer';
import type { LogEvent, RootCause } from './types';

const TIER: Record<CausalRole, number> = { cause: 3, contributing: 2, symptom: 1, info: 0 };

export interface RootCauseInput {
  events: LogEvent[];
  collectives: Map<number, CollectiveState>;
  lightning: { members: Set<number>; world: number | null; lastLine: number };
  lastProgressLine: number;
}

export function selectRootCause(input: RootCauseInput): RootCause | null {
  let best: LogEvent | null = null;
  for (const e of input.events) {
    if (!e.category || TIER[e.role] === 0) continue;
    if (!best || TIER[e.role] > TIER[best.role] || (TIER[e.role] === TIER[best.role] && e.line < best.line)) best = e;
  }
  if (!best) return missingRanks(input);

  const evidence: string[] = [];
  let rank = best.ranks.length === 1 ? best.ranks[0] : null;
  let host = best.hosts.length === 1 ? best.hosts[0] : null;
  const timeoutCause = best.category === 'nccl-timeout' || best.role === 'symptom';
  // ranks in different collectives: a desync, so the sequence numbers do not single out a slow rank
  const desync = collectiveDivergence(input.collectives);
  const lag = desync ? null : laggard(input.collectives);
  // the desync is said in the summary; a culprit is not named from the rank that happened to log the line
  if (desync && timeoutCause) {
    rank = null;
    host = null;
  } else if (desync) evidence.push(desync.text);
  if (lag) {
    evidence.push(lag.text);
    if (timeoutCause && lag.rank !== rank) {
      rank = lag.rank;
      host = null;
    }
  }
  const later = input.events.filter((e) => e !== best && e.category && e.role === 'symptom' && e.line >= best!.line);
  if (later.length) {
    const total = later.reduce((n, e) => n + e.count, 0);
    const ranks = new Set(later.flatMap((e) => e.ranks));
    evidence.push(
      `${total} later symptom line${total === 1 ? '' : 's'} (${[...new Set(later.map((e) => e.category))].join(', ')})${ranks.size ? ` on ${ranks.size} rank${ranks.size === 1 ? '' : 's'}` : ''} follow from it`,
    );
  }
  if (best.count > 1) evidence.push(`seen ${best.count} times${best.ranks.length > 1 ? ` on ranks ${rankList(best.ranks)}` : ''}`);

  // The cause's own line may not name the host (a `[rank13]:` prefix), while another line about the same rank
  // does (torchrun's failure summary, an NCCL `host:pid` prefix): take it from there.
  if (host === null && rank !== null) host = hostOfRank(input.events, rank);
  return {
    category: best.category!,
    line: best.line,
    rank,
    host,
    summary: summaryOf(best, rank, host, desync && timeoutCause ? desync : null, lag && timeoutCause ? lag : null),
    remedies: desync && timeoutCause ? [...COLLECTIVE_DESYNC.remedies, ...remediesFor(best)] : remediesFor(best),
    eventId: best.id,
    evidence,
  };
}

/**
 * "Rank R on H, line N: ..." when the culprit is the rank that logged the line; otherwise the line is
 * attributed to the rank that logged it and the culprit (a laggard) or the desync is said separately.
 */
function summaryOf(best: LogEvent, rank: number | null, host: string | null, desync: { text: string } | null, lag: { rank: number; text: string } | null): string {
  const lineRank = best.firstRank ?? (best.ranks.length === 1 ? best.ranks[0] : null);
  const where = `line ${best.line + 1}`;
  if (desync) return `${capital(desync.text)}. ${capital(where)}${lineRank !== null ? ` (rank ${lineRank})` : ''}: ${best.summary}`;
  if (lag && rank !== null && rank !== lineRank) {
    return `${capital(where)}${lineRank !== null ? ` (rank ${lineRank})` : ''}: ${best.summary} Culprit: rank ${rank}${host ? ` on ${host}` : ''} (${lag.text}).`;
  }
  const who = [rank !== null ? `rank ${rank}` : lineRank !== null ? `rank ${lineRank}` : null, host ? `on ${host}` : null].filter(Boolean).join(' ');
  return `${who ? capital(who) + ', ' + where : capital(where)}: ${best.summary}`;
}

/**
 * Ranks whose timed-out collectives differ in OpType or element count (NumelIn): they called different
 * collectives, a code-path divergence. Null when every rank that reported is in the same kind of collective.
 */
export function collectiveDivergence(col: Map<number, CollectiveState>): { text: string } | null {
  const seen = [...col].filter(([, s]) => s.op !== null).sort((a, b) => a[0] - b[0]);
  if (seen.length < 2) return null;
  const ops = new Set(seen.map(([, s]) => s.op));
  const numels = new Set(seen.filter(([, s]) => s.numelIn !== null).map(([, s]) => s.numelIn));
  if (ops.size < 2 && numels.size < 2) return null;
  const groups = new Map<string, { ranks: number[]; seqs: number[] }>();
  for (const [r, s] of seen) {
    const key = `${s.op}${s.numelIn !== null ? ` NumelIn=${s.numelIn}` : ''}`;
    const g = groups.get(key) ?? { ranks: [], seqs: [] };
    g.ranks.push(r);
    if (s.inFlight !== null) g.seqs.push(s.inFlight);
    groups.set(key, g);
  }
  const parts = [...groups].slice(0, 4).map(([key, g]) => {
    const lo = Math.min(...g.seqs);
    const hi = Math.max(...g.seqs);
    const seq = g.seqs.length ? ` (SeqNum ${lo === hi ? lo : `${lo}-${hi}`})` : '';
    return `rank${g.ranks.length > 1 ? 's' : ''} ${rankList(g.ranks)} ${key}${seq}`;
  });
  if (groups.size > 4) parts.push(`${groups.size - 4} more`);
  return { text: `ranks called different collectives: ${parts.join(', ')} - ${COLLECTIVE_DESYNC.meaning}` };
}

/** The one host that events about exactly this rank name, if they agree on one. */
function hostOfRank(events: LogEvent[], rank: number): string | null {
  const hosts = new Set<string>();
  for (const e of events) if (e.ranks.length === 1 && e.ranks[0] === rank && e.hosts.length === 1) hosts.add(e.hosts[0]);
  return hosts.size === 1 ? [...hosts][0] : null;
}

/** A run whose ranks never all joined: inferred from what is missing, so there is no line to point at. */
function missingRanks(input: RootCauseInput): RootCause | null {
  const { members, world, lastLine } = input.lightning;
  if (world === null || members.size >= world || input.lastProgressLine > lastLine) return null;
  const seen = [...members].sort((a, b) => a - b);
  return {
    category: 'rendezvous',
    line: null,
    rank: null,
    host: null,
    summary: `Only ${members.size} of ${world} ranks initialised (GLOBAL_RANK ${rankList(seen)}) and no training progress follows: the other ranks never joined (a node not launched, or tasks per node / num_nodes not matching the launcher).`,
    remedies: [
      'Check that every node started the job: srun --ntasks-per-node must equal the devices per node and num_nodes the node count.',
      'Verify MASTER_ADDR/MASTER_PORT are reachable from the missing nodes.',
    ],
    eventId: null,
    evidence: [`ranks seen: ${rankList(seen)}; world size ${world}`],
  };
}

/** The rank that is behind in the collective sequence, if the watchdog lines single one out. */
export function laggard(col: Map<number, CollectiveState>): { rank: number; text: string } | null {
  if (col.size < 2) return null;
  const pick = (get: (s: CollectiveState) => number | null, what: string) => {
    const vals = [...col].filter(([, s]) => get(s) !== null).map(([r, s]) => [r, get(s)!] as const);
    if (vals.length < 2) return null;
    const min = Math.min(...vals.map((v) => v[1]));
    const max = Math.max(...vals.map((v) => v[1]));
    const atMin = vals.filter((v) => v[1] === min);
    if (min === max || atMin.length !== 1) return null;
    return { rank: atMin[0][0], text: `rank ${atMin[0][0]} is behind: ${what} ${min} while other ranks reached up to ${max}` };
  };
  const byDone = pick((s) => s.lastCompleted, 'last completed collective');
  if (byDone) return byDone;
  const byFlight = pick((s) => s.inFlight, 'stuck in collective SeqNum');
  if (byFlight) return byFlight;
  const ranks = [...col.keys()].sort((a, b) => a - b);
  const max = ranks[ranks.length - 1];
  const missing: number[] = [];
  for (let r = 0; r <= max && missing.length < 2; r++) if (!col.has(r)) missing.push(r);
  if (missing.length === 1 && ranks.length >= 2) {
    return { rank: missing[0], text: `ranks ${rankList(ranks)} report the timeout but rank ${missing[0]} does not: it never reached the collective` };
  }
  return null;
}

function remediesFor(e: LogEvent): string[] {
  if (e.id === 'LAUNCH-CHILD-ROOT') {
    const exit = EXIT_CODE_CATEGORIES.find((x) => x.signal === e.details.signal);
    const sig = exit && LOG_SIGNATURES.find((s) => s.id === exit.remediesOf);
    if (sig?.remedies.length) return sig.remedies;
  }
  const base = e.id.replace(/-LOW-SCALE$/, '');
  const sig = LOG_SIGNATURES.find((s) => s.id === base);
  if (sig?.remedies.length) return sig.remedies;
  const check = Object.values(PROGRESS_CHECKS).find((c) => c.id === e.id);
  if (check?.remedies.length) return check.remedies;
  return remediesForCategory(e.category!);
}

export function remediesForCategory(c: LogCategory): string[] {
  const sig = LOG_SIGNATURES.find((s) => s.category === c && s.role === 'cause' && s.remedies.length) ?? LOG_SIGNATURES.find((s) => s.category === c && s.remedies.length);
  if (sig) return sig.remedies;
  const exit = EXIT_CODE_CATEGORIES.find((x) => x.category === c);
  return exit ? [`Find why the process ${exit.meaning.split(',')[0]}: read its own output above.`] : [];
}

export function rankList(ranks: number[]): string {
  const out: string[] = [];
  for (let i = 0; i < ranks.length; i++) {
    let j = i;
    while (j + 1 < ranks.length && ranks[j + 1] === ranks[j] + 1) j++;
    out.push(j > i ? `${ranks[i]}-${ranks[j]}` : String(ranks[i]));
    i = j;
  }
  return out.join(',');
}

function capital(c: string): string {
  return c[0].toUpperCase() + c.slice(1);
}
