import { isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import type { Finding } from '../types';
import { nodeRange, yamlRange } from '../yaml/parse';
import type { Rule } from './rule';

/**
 * A key written twice in one mapping. Most YAML loaders keep the last value silently (PyYAML does), so the
 * first setting the user reads is not the one the run uses.
 */
export const yamlDuplicateKeyRule: Rule = {
  id: 'yaml-duplicate-key',
  defaultSeverity: 'error',
  doc:
    'The same key appears twice in one mapping. PyYAML, which most training frameworks load configs with, keeps the ' +
    'last value without a warning, so the value you read first is not the one the run uses (a `tp: 2` overridden by a ' +
    'later `tp: 1`, a checkpoint interval set twice). Remove one of them.',
  appliesTo: ['yaml'],
  check({ doc }) {
    const parsed = doc.yaml;
    if (!parsed) return [];
    const findings: Finding[] = [];
    for (const d of parsed.docs) {
      const stack: unknown[] = [d.contents];
      let visited = 0;
      while (stack.length && visited++ < 1_000_000) {
        const node = stack.pop();
        if (isMap(node)) {
          const seen = new Map<string, Node>();
          for (const item of node.items) {
            if (!isPair(item)) continue;
            if (isScalar(item.key)) {
              const key = String(item.key.value);
              const first = seen.get(key);
              if (first) {
                const range = nodeRange(parsed, item.key as Node)!;
                const firstRange = nodeRange(parsed, first)!;
                findings.push({
                  code: 'yaml-duplicate-key',
                  severity: 'error',
                  message: `Duplicate key "${key}": first set on line ${firstRange.start.line + 1}; most YAML loaders keep this later value silently.`,
                  range,
                  data: { key, firstLine: firstRange.start.line },
                  related: [{ message: `first "${key}" here`, range: firstRange }],
                });
              } else {
                seen.set(key, item.key as Node);
              }
            }
            stack.push(item.value);
          }
        } else if (isSeq(node)) {
          for (const item of node.items) stack.push(item);
        }
      }
    }
    // The parser reports duplicates too; when our walk found none (e.g. non-scalar keys), fall back to its errors.
    if (findings.length === 0) {
      for (const p of parsed.problems) {
        if (p.code === 'DUPLICATE_KEY') {
          findings.push({ code: 'yaml-duplicate-key', severity: 'error', message: `Duplicate key: ${p.message}`, range: yamlRange(parsed, p.offsets[0], p.offsets[1]) });
        }
      }
    }
    return findings;
  },
};
