import { Composer, Document, LineCounter, Parser, isMap, isPair, isScalar, isSeq, type Node, type Pair } from 'yaml';
import { LineIndex } from '../text';
import type { Range } from '../types';

/**
 * A YAML file parsed once per version: the composed documents (with source tokens kept, so every
 * node knows its offsets), the parse errors and warnings, and a LineCounter for offset -> position.
 */
export interface ParsedYaml {
  text: string;
  docs: Document.Parsed[];
  lineCounter: LineCounter;
  /**
   * Offset -> position over the raw text. The parser's LineCounter only learns the line breaks the lexer
   * reports, which it skips inside some malformed tokens; ranges are computed from the text itself.
   */
  lines: LineIndex;
  problems: YamlProblem[];
}

export interface YamlProblem {
  code: string;
  message: string;
  severity: 'error' | 'warning';
  offsets: [number, number];
}

/** Aliases allowed when turning a document into plain JS (an alias bomb stops here). */
export const MAX_ALIAS_EXPANSION = 1000;

export function parseYaml(text: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const parser = new Parser(lineCounter.addNewLine);
  const composer = new Composer({
    keepSourceTokens: true,
    // The yaml package checks uniqueness pairwise (quadratic in a mapping's size); yaml-duplicate-key does it with a map.
    uniqueKeys: false,
    strict: false,
    prettyErrors: false,
    // Framework configs use OmegaConf / Hydra interpolations and custom tags such as !include, !env:
    // they are resolved by the framework, so an unknown tag is not a problem of the config.
    customTags: [],
  });
  const docs = [...composer.compose(parser.parse(text), true, text.length)] as Document.Parsed[];
  const problems: YamlProblem[] = [];
  for (const doc of docs) {
    for (const e of doc.errors) {
      problems.push({ code: e.code, message: cleanMessage(e.message), severity: 'error', offsets: [e.pos[0], e.pos[1]] });
    }
    for (const w of doc.warnings) {
      if (w.code === 'TAG_RESOLVE_FAILED') continue;
      problems.push({ code: w.code, message: cleanMessage(w.message), severity: 'warning', offsets: [w.pos[0], w.pos[1]] });
    }
  }
  return { text, docs, lineCounter, lines: new LineIndex(text), problems };
}

function cleanMessage(message: string): string {
  // The yaml package appends " at line L, column C" plus a code frame when prettyErrors is on; with it off
  // the message is already plain, but keep only the first line to be safe.
  return message.split('\n')[0].trim();
}

export function yamlRange(parsed: ParsedYaml, start: number, end: number): Range {
  return parsed.lines.rangeOf(start, end);
}

export function nodeRange(parsed: ParsedYaml, node: Node | null | undefined): Range | undefined {
  if (!node || !node.range) return undefined;
  return yamlRange(parsed, node.range[0], node.range[1]);
}

/** Converts the first document to plain JS with a cap on alias expansion; errors become `undefined` + reason. */
export function toPlain(doc: Document.Parsed): { value: unknown; error?: string } {
  try {
    return { value: doc.toJS({ maxAliasCount: MAX_ALIAS_EXPANSION }) };
  } catch (e) {
    return { value: undefined, error: e instanceof Error ? e.message : String(e) };
  }
}

/** Top-level mapping keys of a document (cheap; used by detection). */
export function topLevelKeys(doc: Document.Parsed | undefined): string[] {
  if (!doc || !isMap(doc.contents)) return [];
  const keys: string[] = [];
  for (const item of doc.contents.items) {
    if (isScalar(item.key)) keys.push(String(item.key.value));
  }
  return keys;
}

/** A key/value pair found at a dotted path, with the key node for ranges. */
export interface LocatedPair {
  path: string[];
  pair: Pair<Node, Node | null>;
  key: string;
}

/**
 * Finds the pair at `path` (keys of nested mappings), or undefined. A key written twice resolves to the LAST
 * one, as PyYAML (which the training frameworks load configs with) keeps it; yaml-duplicate-key reports the pair.
 */
export function findPair(doc: Document.Parsed | undefined, path: readonly string[]): Pair<Node, Node | null> | undefined {
  if (!doc) return undefined;
  let node: unknown = doc.contents;
  let found: Pair<Node, Node | null> | undefined;
  for (const segment of path) {
    if (!isMap(node)) return undefined;
    found = undefined;
    for (let i = node.items.length - 1; i >= 0; i--) {
      const item = node.items[i];
      if (isPair(item) && isScalar(item.key) && String(item.key.value) === segment) {
        found = item as Pair<Node, Node | null>;
        break;
      }
    }
    if (!found) return undefined;
    node = found.value;
  }
  return found;
}

/** Visits every mapping pair in document order with its key path; stops descending past `maxDepth`. */
export function walkPairs(
  doc: Document.Parsed | undefined,
  visit: (path: string[], pair: Pair<Node, Node | null>) => void,
  maxDepth = 64,
): void {
  if (!doc) return;
  const stack: Array<{ node: unknown; path: string[] }> = [{ node: doc.contents, path: [] }];
  while (stack.length) {
    const { node, path } = stack.pop()!;
    if (path.length > maxDepth) continue;
    if (isMap(node)) {
      const children: Array<{ node: unknown; path: string[] }> = [];
      for (const item of node.items) {
        if (!isPair(item)) continue;
        const key = isScalar(item.key) ? String(item.key.value) : '?';
        const p = [...path, key];
        visit(p, item as Pair<Node, Node | null>);
        children.push({ node: item.value, path: p });
      }
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
    } else if (isSeq(node)) {
      for (let i = node.items.length - 1; i >= 0; i--) stack.push({ node: node.items[i], path: [...path, String(i)] });
    }
  }
}
