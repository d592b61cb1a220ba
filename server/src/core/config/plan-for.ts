import type { TrainlintDocument } from '../document';
import { findModelArchitecture } from '../data/models';
import { isTrainingConfigKind, type FileKind } from '../types';
import { acceleratePlan } from './adapters/accelerate';
import { axolotlPlan } from './adapters/axolotl';
import { deepspeedPlan } from './adapters/deepspeed';
import { llamafactoryPlan } from './adapters/llamafactory';
import { llmfoundryPlan } from './adapters/llmfoundry';
import { megatronPlan, nemoPlan } from './adapters/megatron';
import { looksLikeMegatronLaunch, megatronArgsPlan } from './adapters/megatron-args';
import { nanotronPlan } from './adapters/nanotron';
import { torchtunePlan } from './adapters/torchtune';
import { emptyPlan, type FileReader, type ModelPlan, type Sourced, type TrainingPlan } from './plan';
import { ConfigSource } from './source';

export type Adapter = (src: ConfigSource, plan: TrainingPlan, doc: TrainlintDocument, reader?: FileReader) => void;

const ADAPTERS: Partial<Record<FileKind, Adapter>> = {
  nanotron: nanotronPlan,
  megatron: megatronPlan,
  nemo: (src, plan) => nemoPlan(src, plan),
  accelerate: acceleratePlan,
  deepspeed: (src, plan) => {
    deepspeedPlan(src, plan);
    plan.gaps.push({ what: 'model size', why: 'a DeepSpeed config does not name the model (the training script loads it)' });
  },
  axolotl: axolotlPlan,
  llamafactory: llamafactoryPlan,
  torchtune: torchtunePlan,
  llmfoundry: llmfoundryPlan,
};

/** Registers an adapter (used by the adapter index so this file stays free of import cycles). */
export function registerAdapter(kind: FileKind, adapter: Adapter): void {
  ADAPTERS[kind] = adapter;
}

const cache = new WeakMap<TrainlintDocument, { reader?: FileReader; plan: TrainingPlan | null }>();

let defaultReader: FileReader | undefined;
/**
 * The reader `planFor` uses when its caller passes none (rules, hovers): the CLI and the language server set
 * one at start-up so DeepSpeed JSON referenced by a config is read during `check` too. The core never opens
 * files itself.
 */
export function setDefaultPlanReader(reader: FileReader | undefined): void {
  defaultReader = reader;
}

/**
 * The training plan of a document, built once per document version (and reader) and shared by rules,
 * hovers, inlay hints and the CLI. Null when the document is not a training config trainlint understands.
 * Never throws: an adapter failure becomes a plan with a gap saying so.
 */
export function planFor(doc: TrainlintDocument, reader: FileReader | undefined = defaultReader): TrainingPlan | null {
  const hit = cache.get(doc);
  if (hit && hit.reader === reader) return hit.plan;
  const plan = buildPlan(doc, reader);
  cache.set(doc, { reader, plan });
  return plan;
}

function buildPlan(doc: TrainlintDocument, reader?: FileReader): TrainingPlan | null {
  if (doc.kind === 'env' && looksLikeMegatronLaunch(doc.text)) {
    try {
      const plan = megatronArgsPlan(doc);
      resolveModelFromTable(plan);
      recordModelGaps(plan);
      return plan;
    } catch {
      return null;
    }
  }
  if (!isTrainingConfigKind(doc.kind)) return null;
  const parsed = doc.yaml;
  const first = parsed?.docs[0];
  if (!parsed || !first) return null;
  const plan = emptyPlan(doc.kind, doc.detection.label);
  const adapter = ADAPTERS[doc.kind];
  if (!adapter) {
    plan.gaps.push({ what: 'everything', why: `no ${doc.detection.label} adapter yet` });
    return plan;
  }
  const src = new ConfigSource(parsed, first);
  try {
    adapter(src, plan, doc, reader);
  } catch (e) {
    plan.gaps.push({ what: 'plan', why: `the ${doc.detection.label} adapter failed: ${e instanceof Error ? e.message : String(e)}` });
  }
  plan.issues.push(...src.issues);
  const named = modelFromComment(doc.text);
  if (named && !plan.model.name) plan.model.name = named;
  resolveModelFromTable(plan);
  recordModelGaps(plan);
  return plan;
}

/** Fills dims the file does not state from the built-in architecture table when the model is named. */
export function resolveModelFromTable(plan: TrainingPlan): void {
  const m = plan.model;
  if (!m.name) return;
  const arch = findModelArchitecture(m.name.value);
  if (!arch) {
    if (!m.layers || !m.hidden) {
      plan.gaps.push({
        what: 'model size',
        why: `"${m.name.value}" is not in trainlint's table of known architectures and the file does not give its dimensions (layers, hidden size, heads, vocab), so parameters, memory and step time cannot be estimated`,
        range: m.name.range,
      });
    }
    return;
  }
  m.tableId = arch.id;
  const from = <T>(v: T): Sourced<T> => ({ value: v, range: m.name!.range, key: `${m.name!.key} -> ${arch.id} (${arch.source})`, origin: 'model-table' });
  const fill = <K extends keyof ModelPlan>(k: K, v: unknown) => {
    if (m[k] === undefined && v !== undefined) (m as Record<string, unknown>)[k] = from(v);
  };
  fill('layers', arch.layers);
  fill('hidden', arch.hidden);
  fill('ffn', arch.ffn);
  fill('heads', arch.heads);
  fill('kvHeads', arch.kvHeads);
  fill('headDim', arch.headDim);
  fill('vocab', arch.vocab);
  fill('tiedEmbeddings', arch.tiedEmbeddings);
  fill('gatedMlp', arch.gatedMlp);
  fill('qkvBias', arch.qkvBias);
  fill('qkNorm', arch.qkNorm);
  fill('norm', arch.norm);
  if (arch.moe) {
    fill('moeExperts', arch.moe.experts);
    fill('moeTopK', arch.moe.topK);
    fill('moeExpertFfn', arch.moe.expertFfn);
    fill('moeSharedExperts', arch.moe.sharedExperts);
    fill('moeDenseLayers', arch.moe.denseLayers);
  }
  if (arch.mla && !m.mla) m.mla = { ...arch.mla, range: m.name.range, key: `${m.name.key} -> ${arch.id}` };
}

function recordModelGaps(plan: TrainingPlan): void {
  const m = plan.model;
  if (plan.gaps.some((g) => g.what === 'model size' || g.what === 'everything')) return;
  const missing: string[] = [];
  if (!m.layers) missing.push('layers');
  if (!m.hidden) missing.push('hidden size');
  if (!m.heads) missing.push('attention heads');
  if (!m.vocab) missing.push('vocabulary size');
  if (missing.length === 0) return;
  plan.gaps.push({
    what: 'model size',
    why: m.name
      ? `the model "${m.name.value}" is known only partly: missing ${missing.join(', ')}`
      : `the file names no model trainlint knows and does not give ${missing.join(', ')}`,
    range: m.name?.range,
  });
}

/** `# trainlint: model=<HF id>` in the leading comment block names the model of a file that has no dims (overrides). */
const MODEL_COMMENT = /^(\s*#\s*trainlint\s*:\s*.*?\bmodel\s*[=:]\s*)([A-Za-z0-9][\w./-]*)/;

export function modelFromComment(text: string): Sourced<string> | undefined {
  const lines = text.slice(0, 20000).split(/\r?\n/, 40);
  for (let line = 0; line < lines.length; line++) {
    const raw = lines[line];
    const t = raw.trim();
    if (t !== '' && t !== '---' && !t.startsWith('#')) return undefined;
    const m = MODEL_COMMENT.exec(raw);
    if (m) {
      const character = m[1].length;
      return { value: m[2], range: { start: { line, character }, end: { line, character: character + m[2].length } }, key: '# trainlint: model=', origin: 'config' };
    }
  }
  return undefined;
}
