import { isMap, isPair, isScalar, isSeq, type Node, type Pair, type Scalar } from 'yaml';
import type { LineIndex } from '../../text';
import { walkPairs, type ParsedYaml } from '../../yaml/parse';
import type { EnvAssignment, EnvExtraction } from '../extract';
import { ASSIGN } from './shell';

const ENV_KEYS = new Set(['env', 'environment', 'env_vars', 'envVars', 'environment_variables']);
const UNRESOLVED_YAML = /\$\{[^}]*\}|\$\([A-Za-z_][A-Za-z0-9_]*\)|\$[A-Za-z_]/;

function scalarValue(parsed: ParsedYaml, node: Node | null | undefined): { value: string | undefined; start: number; end: number; offsets?: number[] } | undefined {
  if (!node || !isScalar(node) || !node.range) return undefined;
  const s = node as Scalar;
  const [start, end] = s.range!;
  const v = s.value;
  if (v === null || v === undefined) return { value: '', start, end };
  const str = typeof v === 'string' ? v : String(v);
  if (UNRESOLVED_YAML.test(str)) return { value: undefined, start, end };
  const raw = parsed.text.slice(start, end);
  let offsets: number[] | undefined;
  if (raw === str) offsets = Array.from({ length: str.length }, (_, i) => start + i);
  else if ((raw[0] === '"' || raw[0] === "'") && raw.slice(1, -1) === str) offsets = Array.from({ length: str.length }, (_, i) => start + 1 + i);
  return { value: str, start, end, offsets };
}

/** Plain `env:` maps and Kubernetes-style `env: [{name, value}]` lists anywhere in any YAML document. */
export function extractYaml(parsed: ParsedYaml, lines: LineIndex): EnvExtraction {
  const assignments: EnvAssignment[] = [];
  const envBlocks: EnvExtraction['envBlocks'] = [];
  const push = (scope: string, nameNode: Node, name: string, val: ReturnType<typeof scalarValue> | undefined, fallbackEnd: number, yamlMapKey = false) => {
    if (!nameNode.range) return;
    const [ns, ne] = nameNode.range;
    const vs = val?.start ?? fallbackEnd;
    const ve = val?.end ?? fallbackEnd;
    assignments.push({
      name,
      value: val ? val.value : undefined,
      raw: parsed.text.slice(vs, ve),
      nameRange: lines.rangeOf(ns, ne),
      valueRange: lines.rangeOf(vs, ve),
      nameStart: ns,
      nameEnd: ne,
      valueStart: vs,
      valueEnd: ve,
      valueOffsets: val?.offsets,
      origin: 'yaml-env',
      scope,
      conditional: false,
      exported: true,
      yamlMapKey,
    });
  };
  for (const d of parsed.docs) {
    walkPairs(d, (_path, pair: Pair<Node, Node | null>) => {
      if (!isScalar(pair.key) || !ENV_KEYS.has(String(pair.key.value))) return;
      const node = pair.value;
      if (!node || !node.range) return;
      const scope = `yaml@${node.range[0]}`;
      if (isMap(node)) {
        envBlocks.push({ start: node.range[0], end: node.range[2] });
        for (const item of node.items) {
          if (!isPair(item) || !isScalar(item.key)) continue;
          const name = String(item.key.value);
          if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) continue;
          const key = item.key as Node;
          push(scope, key, name, scalarValue(parsed, item.value as Node | null), key.range![1], true);
        }
      } else if (isSeq(node)) {
        envBlocks.push({ start: node.range[0], end: node.range[2] });
        for (const item of node.items) {
          if (isMap(item)) {
            const nameItem = item.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === 'name');
            if (!nameItem || !isScalar(nameItem.value)) continue;
            const name = String((nameItem.value as Scalar).value);
            if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) continue;
            const valueItem = item.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === 'value');
            const nameNode = nameItem.value as Node;
            const val = valueItem ? scalarValue(parsed, valueItem.value as Node | null) : undefined;
            // No `value` (valueFrom, or a bare name): not judged.
            push(scope, nameNode, name, val ?? { value: undefined, start: nameNode.range![1], end: nameNode.range![1] }, nameNode.range![1]);
          } else if (isScalar(item) && typeof item.value === 'string' && item.range) {
            // docker-compose style `- NAME=value`
            const m = ASSIGN.exec(item.value);
            const raw = parsed.text.slice(item.range[0], item.range[1]);
            if (!m || raw.indexOf(item.value) < 0) continue;
            const base = item.range[0] + raw.indexOf(item.value);
            const value = item.value.slice(m[0].length);
            const vs = base + m[0].length;
            const resolved = !UNRESOLVED_YAML.test(value);
            assignments.push({
              name: m[1],
              value: resolved ? value : undefined,
              raw: value,
              nameRange: lines.rangeOf(base, base + m[1].length),
              valueRange: lines.rangeOf(vs, vs + value.length),
              nameStart: base,
              nameEnd: base + m[1].length,
              valueStart: vs,
              valueEnd: vs + value.length,
              valueOffsets: resolved ? Array.from({ length: value.length }, (_, i) => vs + i) : undefined,
              origin: 'yaml-env',
              scope,
              conditional: false,
              exported: true,
            });
          }
        }
      }
    });
  }
  return { assignments, problems: [], envBlocks, containerRuns: [], format: 'yaml' };
}
