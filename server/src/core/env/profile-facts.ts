import type { RuleContext } from '../rules/rule';

/**
 * The few facts about the active cluster that env foot-guns are judged against, derived from the cluster
 * profile in the rule context (core/profiles). Kept as a small view so the env rules do not depend on the
 * whole profile shape.
 */
export type IntraNodeLink = 'nvlink' | 'pcie';
export type NetworkFabric = 'infiniband' | 'efa' | 'roce' | 'ethernet';

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
}

/** The part of core/profiles' ClusterProfile these facts read (structural, so either shape works). */
interface ProfileLike {
  name: string;
  gpusPerNode?: number;
  intraNode?: { kind?: string; nvls?: boolean };
  network?: { kind?: string };
  collectives?: Partial<Record<string, Array<{ nodes: number; gpus?: number; busbwGBps?: number; source: string; note?: string }>>>;
}

/** Used only when a context carries no resolved profile (older callers): the built-in profiles' link kinds. */
const BY_NAME: Record<string, Pick<EnvProfileFacts, 'intraNode' | 'nvls' | 'network'>> = {
  'h100-sxm-ib': { intraNode: 'nvlink', nvls: true, network: 'infiniband' },
  'h200-sxm-ib': { intraNode: 'nvlink', nvls: true, network: 'infiniband' },
  'a100-sxm-ib': { intraNode: 'nvlink', nvls: false, network: 'infiniband' },
  'aws-p5': { intraNode: 'nvlink', nvls: true, network: 'efa' },
  'h100-pcie': { intraNode: 'pcie', nvls: false, network: 'infiniband' },
};

const cache = new WeakMap<object, EnvProfileFacts>();

function asIntra(kind: string | undefined): IntraNodeLink {
  return kind === 'pcie' ? 'pcie' : 'nvlink';
}

function asFabric(kind: string | undefined): NetworkFabric {
  return kind === 'efa' || kind === 'roce' || kind === 'ethernet' ? kind : 'infiniband';
}

function inNodePoint(p: ProfileLike, op: string, gpus?: number) {
  const pts = p.collectives?.[op] ?? [];
  const inNode = pts.filter((x) => x.nodes === 1 && typeof x.busbwGBps === 'number');
  const pick = gpus ? inNode.find((x) => (x.gpus ?? p.gpusPerNode) === gpus) : inNode[inNode.length - 1];
  return pick ? { value: pick.busbwGBps!, source: pick.source, note: pick.note } : undefined;
}

export function factsFromProfile(p: ProfileLike): EnvProfileFacts {
  return {
    name: p.name,
    intraNode: asIntra(p.intraNode?.kind),
    nvls: !!p.intraNode?.nvls,
    network: asFabric(p.network?.kind),
    gpusPerNode: p.gpusPerNode,
    inNodeSendRecvGBps: inNodePoint(p, 'send-recv'),
    inNodeAllReduceGBps: inNodePoint(p, 'all-reduce', p.gpusPerNode),
  };
}

/** The facts for the active profile of `ctx` (cached per profile object). */
export function profileFacts(ctx: RuleContext): EnvProfileFacts {
  const profile = (ctx as { profile?: ProfileLike }).profile;
  if (profile && typeof profile === 'object') {
    let f = cache.get(profile);
    if (!f) {
      f = factsFromProfile(profile);
      cache.set(profile, f);
    }
    return f;
  }
  const known = BY_NAME[ctx.profileName] ?? BY_NAME['h100-sxm-ib'];
  return { name: ctx.profileName, ...known };
}
