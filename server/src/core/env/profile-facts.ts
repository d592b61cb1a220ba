import { figureValue, type ClusterProfile, type CollectiveOp, type IntraNodeKind, type NetworkKind } from '../profiles/types';
import type { RuleContext } from '../rules/rule';

/**
 * The few facts about the active cluster that env foot-guns are judged against, derived from the resolved
 * cluster profile in the rule context (core/profiles): link kinds, NVLS, and the profile's own in-node
 * measurements used as the "before" of a cost.
 */
export type IntraNodeLink = IntraNodeKind;
export type NetworkFabric = NetworkKind;

export interface EnvProfileFacts {
  name: string;
  intraNode: IntraNodeLink;
  /** NVLink SHARP available (3rd-gen NVSwitch + Hopper). */
  nvls: boolean;
  network: NetworkFabric;
  gpusPerNode?: number;
  /** Measured send/recv between 2 GPUs of one node over the intra-node link, with its source. */
  inNodeSendRecvGBps?: { value: number; source: string; note?: string };
  /** Measured in-node all-reduce busbw at the full node (NVLS on NVLS-capable nodes), with its source. */
  inNodeAllReduceGBps?: { value: number; source: string; note?: string };
  /** Scale-out bandwidth per GPU in GB/s (measured when known), with its source. */
  networkPerGpuGBps?: { value: number; source: string; measured: boolean };
}

const cache = new WeakMap<object, EnvProfileFacts>();

function asIntra(kind: string | undefined): IntraNodeLink {
  return kind === 'pcie' ? 'pcie' : 'nvlink';
}

function asFabric(kind: string | undefined): NetworkFabric {
  return kind === 'efa' || kind === 'roce' || kind === 'ethernet' ? kind : 'infiniband';
}

function inNodePoint(p: ClusterProfile, op: CollectiveOp, gpus?: number) {
  const pts = p.collectives?.[op] ?? [];
  const inNode = pts.filter((x) => x.nodes === 1 && typeof x.busbwGBps === 'number');
  const pick = gpus ? inNode.find((x) => (x.gpus ?? p.gpusPerNode) === gpus) : inNode[inNode.length - 1];
  return pick ? { value: pick.busbwGBps!, source: pick.source, note: pick.note } : undefined;
}

function networkPerGpu(p: ClusterProfile): EnvProfileFacts['networkPerGpuGBps'] {
  const f = p.network?.perGpuGbps;
  const gbps = figureValue(f);
  if (!f || typeof gbps !== 'number' || !(gbps > 0)) return undefined;
  return { value: gbps / 8, source: f.source, measured: f.measured !== undefined };
}

export function factsFromProfile(p: ClusterProfile): EnvProfileFacts {
  return {
    name: p.name,
    intraNode: asIntra(p.intraNode?.kind),
    nvls: !!p.intraNode?.nvls,
    network: asFabric(p.network?.kind),
    gpusPerNode: p.gpusPerNode,
    inNodeSendRecvGBps: inNodePoint(p, 'send-recv'),
    inNodeAllReduceGBps: inNodePoint(p, 'all-reduce', p.gpusPerNode),
    networkPerGpuGBps: networkPerGpu(p),
  };
}

/** The facts for the active profile of `ctx` (cached per profile object). */
export function profileFacts(ctx: RuleContext): EnvProfileFacts {
  let f = cache.get(ctx.profile);
  if (!f) {
    f = factsFromProfile(ctx.profile);
    cache.set(ctx.profile, f);
  }
  return f;
}
