import { CHECKPOINT_RULES } from '../checkpoint';
import { CONFIG_RULES } from '../config';
import { ENV_RULES } from '../env';
import { PROFILES_RULES } from '../profiles';
import type { Rule } from './rule';
import { yamlDuplicateKeyRule } from './yaml-duplicate-key';
import { yamlSyntaxRule } from './yaml-syntax';

/**
 * The table of rules. A rule is one file exporting one `Rule`; each area lists its rules in its own index
 * (core/env, core/config, core/profiles) and they all run here, in the CLI and the language server alike.
 */
export const RULES: Rule[] = [yamlSyntaxRule, yamlDuplicateKeyRule, ...PROFILES_RULES, ...CONFIG_RULES, ...CHECKPOINT_RULES, ...ENV_RULES];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}
