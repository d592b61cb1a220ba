import { ENV_FOOTGUNS, type EnvFootgun, type ProfileTest } from '../../data/env-footguns';
import type { Finding, QuickFix } from '../../types';
import type { Rule } from '../../rules/rule';
import { assignmentRange, costSentence, ENV_APPLIES, nameMatches, NETWORK_LABEL, removeLineFix, resolveCost, setValueFix, valuePasses, liveAssignments } from '../common';
import { extractEnv } from '../extract';
import { launchScope, type LaunchScope } from '../launch-scope';
import { profileFacts, type EnvProfileFacts } from '../profile-facts';

export function profilePasses(test: ProfileTest | undefined, facts: EnvProfileFacts): boolean {
  if (!test) return true;
  if (test.intraNode && !test.intraNode.includes(facts.intraNode)) return false;
  if (test.network && !test.network.includes(facts.network)) return false;
  if (test.nvls !== undefined && test.nvls !== facts.nvls) return false;
  return true;
}

/** The message of foot-gun `g` for `name=value` on the active profile, cost included. */
export function footgunMessage(
  g: EnvFootgun,
  name: string,
  value: string,
  facts: EnvProfileFacts,
  scope?: LaunchScope,
): { message: string; risk: string; cost?: ReturnType<typeof resolveCost>; singleNode?: boolean } {
  let msg = g.message
    .split('{name}').join(name)
    .split('{value}').join(value)
    .split('{profile}').join(facts.name)
    .split('{network}').join(NETWORK_LABEL[facts.network]);
  for (const n of g.notes ?? []) if (valuePasses(n.when, value)) msg += ` ${n.text}`;
  if (g.singleNode && scope?.nodes === 'single') {
    msg += ` ${g.singleNode.text.split('{evidence}').join(scope.evidence ?? 'single-node launch')}`;
    return { message: msg, risk: msg, singleNode: true };
  }
  const risk = msg;
  const cost = g.cost ? resolveCost(g.cost, facts) : undefined;
  const sentence = cost ? costSentence(cost) : undefined;
  if (sentence) msg += ` ${sentence}`;
  else if (g.costText) msg += ` Cost: ${g.costText}.`;
  return { message: msg, risk, cost };
}

/** One rule per row of the foot-gun table (core/data/env-footguns.ts). */
export function footgunRule(g: EnvFootgun): Rule {
  return {
    id: g.id,
    defaultSeverity: g.severity,
    doc: `${g.doc} Source: ${g.source}`,
    appliesTo: ENV_APPLIES,
    check(ctx) {
      const facts = profileFacts(ctx);
      if (!profilePasses(g.profile, facts)) return [];
      const out: Finding[] = [];
      for (const a of liveAssignments(extractEnv(ctx.doc).assignments)) {
        if (a.value === undefined || a.value.trim() === '') continue;
        if (!nameMatches(a, g.variable, g.prefix)) continue;
        const value = a.value.trim();
        if (!valuePasses(g.when, value)) continue;
        const scope = g.singleNode ? launchScope(ctx.doc, facts.gpusPerNode) : undefined;
        const { message, cost, singleNode } = footgunMessage(g, a.name, value, facts, scope);
        const fixes: QuickFix[] = [];
        if (g.fixValue !== undefined) fixes.push(setValueFix(a, g.fixValue));
        else {
          const rm = removeLineFix(a, ctx.doc);
          if (rm) fixes.push(rm);
        }
        out.push({
          code: g.id,
          severity: singleNode ? g.singleNode!.severity : g.severity,
          message,
          range: assignmentRange(a),
          data: {
            name: a.name,
            value,
            profile: facts.name,
            source: g.source,
            ...(cost ? { cost } : {}),
            ...(scope && scope.nodes !== 'unknown' ? { launchNodes: scope.nodes, launchEvidence: scope.evidence } : {}),
          },
          fixes: fixes.length ? fixes : undefined,
          related: singleNode && scope?.range ? [{ message: 'single-node launch', range: scope.range }] : undefined,
        });
        if (g.oncePerDocument) break;
      }
      return out;
    },
  };
}

export const FOOTGUN_RULES: Rule[] = ENV_FOOTGUNS.map(footgunRule);
