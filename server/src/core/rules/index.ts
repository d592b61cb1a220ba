import type { Rule } from './rule';
import { yamlDuplicateKeyRule } from './yaml-duplicate-key';
import { yamlSyntaxRule } from './yaml-syntax';

/**
 * The table of rules. A rule is one file exporting one `Rule`; add it here and it runs in the CLI and in
 * the language server alike.
 */
export const RULES: Rule[] = [yamlSyntaxRule, yamlDuplicateKeyRule];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}
