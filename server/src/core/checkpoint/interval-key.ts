import { frameworkCheckpointFact, type IntervalKeyFact } from '../data/checkpoint-facts';
import type { TrainlintDocument } from '../document';
import type { Range } from '../types';
import { findPair, nodeRange } from '../yaml/parse';
import { isScalar, type Node, type Pair } from 'yaml';

/** The framework's interval key as written in the document (whatever its value), with key and value ranges. */
export interface WrittenIntervalKey {
  fact: IntervalKeyFact;
  pair: Pair<Node, Node | null>;
  keyRange?: Range;
  valueRange?: Range;
  /** Scalar value as parsed (number, string, boolean, null). */
  value: unknown;
}

export function writtenIntervalKey(doc: TrainlintDocument): WrittenIntervalKey | undefined {
  const parsed = doc.yaml;
  const first = parsed?.docs[0];
  const fact = frameworkCheckpointFact(doc.kind);
  if (!parsed || !first || !fact) return undefined;
  for (const k of fact.intervalKeys) {
    const pair = findPair(first, k.path.split('.'));
    if (!pair) continue;
    const v = pair.value;
    return {
      fact: k,
      pair,
      keyRange: nodeRange(parsed, pair.key),
      valueRange: v ? nodeRange(parsed, v) : undefined,
      value: v && isScalar(v) ? v.value : v ? v.toJSON() : null,
    };
  }
  return undefined;
}
