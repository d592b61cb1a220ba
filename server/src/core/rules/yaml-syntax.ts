import type { Rule } from './rule';
import { yamlRange } from '../yaml/parse';

/** Problems the yaml parser reports that are not duplicate keys (those have their own rule). */
export const yamlSyntaxRule: Rule = {
  id: 'yaml-syntax',
  defaultSeverity: 'error',
  doc:
    'The file is not valid YAML (or JSON): a bad indent, an unclosed quote or bracket, a tab used for indentation, ' +
    'a mapping value where none is allowed. The training framework will refuse the file or, worse, read a ' +
    'different structure than the one you meant. The range is the one the YAML parser itself reports.',
  appliesTo: ['yaml'],
  check({ doc }) {
    const parsed = doc.yaml;
    if (!parsed) return [];
    return parsed.problems
      .filter((p) => p.code !== 'DUPLICATE_KEY')
      .map((p) => ({
        code: 'yaml-syntax',
        severity: p.severity === 'error' ? ('error' as const) : ('warning' as const),
        message: `YAML ${p.severity === 'error' ? 'syntax error' : 'warning'}: ${p.message}`,
        range: yamlRange(parsed, p.offsets[0], p.offsets[1]),
        data: { yamlCode: p.code },
      }));
  },
};
