/**
 * trainlint language server: LSP glue only. Documents, settings, scheduling and type conversion live here;
 * every finding, hover and estimate comes from server/src/core.
 */
import { fileURLToPath } from 'node:url';
import {
  CodeAction,
  CodeActionKind,
  CompletionItemKind,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  InlayHint,
  MarkupKind,
  ProposedFeatures,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
  type CompletionItem,
  type Diagnostic,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { checkDocument, completionsAt, hoverAt, inlayHintsIn, TrainlintDocument } from './core';
import type { RuleContext } from './core/rules/rule';
import type { Finding, QuickFix, Severity } from './core/types';
import {
  DEFAULT_SETTINGS,
  NOTIFICATIONS,
  REQUESTS,
  type AnalyzeLogParams,
  type AnalyzeProgress,
  type AttachedConfigs,
  type LogReport,
  type ProfileSummary,
  type TrainlintSettings,
} from './protocol';
import { analyzeLogFile } from './core/logs';
import { prescanWorkerOptions } from './node/prescan-worker';
import { factsFromConfig, type AttachedConfigFacts } from './core/attach';
import { createRuleContext } from './core';
import { readTextFile } from './cli/io';
import { setDefaultPlanReader } from './core/config/plan-for';
import { fsReader } from './node/fs-reader';
import { toLogReport } from './server/log-report';
import { logAnalysisOf, logCodeLens, logDiagnostics, logFolding, logInlayHints, logSymbols } from './server/logs';
import { buildRuleContext, checkOptionsFor, workspaceProfiles } from './server/context';

const connection = createConnection(ProposedFeatures.all);
// Configs may reference other files (a DeepSpeed JSON): the core reads them through this.
setDefaultPlanReader(fsReader);
const documents = new TextDocuments(TextDocument);

let hasConfigurationCapability = false;
let hasCodeActionLiteralSupport = false;

// ---------------------------------------------------------------------------------------------------------
// Settings: pulled per document (scopeUri), cached, dropped when the client says they changed.
const settingsCache = new Map<string, Thenable<TrainlintSettings>>();

function getSettings(uri: string): Thenable<TrainlintSettings> {
  if (!hasConfigurationCapability) return Promise.resolve(DEFAULT_SETTINGS);
  let s = settingsCache.get(uri);
  if (!s) {
    s = connection.workspace
      .getConfiguration({ scopeUri: uri || undefined, section: 'trainlint' })
      .then((raw) => ({ ...DEFAULT_SETTINGS, ...(raw ?? {}) }) as TrainlintSettings, () => DEFAULT_SETTINGS);
    settingsCache.set(uri, s);
  }
  return s;
}

// ---------------------------------------------------------------------------------------------------------
// One parsed document per version, shared by diagnostics, hover, completion, hints and code actions.
const parsed = new Map<string, { version: number; doc: TrainlintDocument }>();

export function uriToPath(uri: string): string {
  if (uri.startsWith('file:')) {
    try {
      return fileURLToPath(uri);
    } catch {
      /* fall through */
    }
  }
  const m = /^[a-z][\w+.-]*:(\/\/[^/]*)?(.*)$/i.exec(uri);
  return m ? decodeURIComponent(m[2]) : uri;
}

function trainlintDoc(td: TextDocument): TrainlintDocument {
  const cached = parsed.get(td.uri);
  if (cached && cached.version === td.version) return cached.doc;
  const doc = new TrainlintDocument(uriToPath(td.uri), td.getText(), td.languageId);
  parsed.set(td.uri, { version: td.version, doc });
  return doc;
}

async function contextFor(td: TextDocument): Promise<{ ctx: RuleContext; settings: TrainlintSettings }> {
  const settings = await getSettings(td.uri);
  return { ctx: buildRuleContext(trainlintDoc(td), settings), settings };
}

// ---------------------------------------------------------------------------------------------------------
// Diagnostics: debounced per document, stale versions dropped, cleared on close.
const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};
/** Typing pause before a document is re-validated; `initializationOptions.diagnosticsDelayMs` overrides it. */
let debounceMs = 200;
const timers = new Map<string, NodeJS.Timeout>();

export function toDiagnostic(f: Finding, uri: string): Diagnostic {
  return {
    range: f.range,
    severity: SEVERITY[f.severity],
    code: f.code,
    source: 'trainlint',
    message: f.message,
    data: { ...(f.data ?? {}), fixes: f.fixes ?? [] },
    relatedInformation: f.related?.map((r) => ({
      location: { uri: r.file ? pathToUri(r.file) : uri, range: r.range },
      message: r.message,
    })),
  };
}

function pathToUri(p: string): string {
  return 'file://' + p.split('/').map(encodeURIComponent).join('/');
}

function scheduleValidation(td: TextDocument): void {
  const prev = timers.get(td.uri);
  if (prev) clearTimeout(prev);
  timers.set(
    td.uri,
    setTimeout(() => {
      timers.delete(td.uri);
      void validate(td.uri, td.version);
    }, debounceMs),
  );
}

async function validate(uri: string, version: number): Promise<void> {
  const td = documents.get(uri);
  if (!td || td.version !== version) return; // closed or superseded
  try {
    const { ctx, settings } = await contextFor(td);
    if (!settings.enable) {
      await connection.sendDiagnostics({ uri, version, diagnostics: [] });
      return;
    }
    let diagnostics: Diagnostic[];
    if (ctx.doc.kind === 'log') {
      diagnostics = logDiagnostics(ctx.doc, logAnalysisOf(ctx.doc, attachedFacts(ctx.doc.path, settings)), uri);
    } else {
      diagnostics = checkDocument(ctx.doc, checkOptionsFor(settings)).findings.map((f) => toDiagnostic(f, uri));
    }
    const current = documents.get(uri);
    if (!current || current.version !== version) return; // edited while we worked: drop
    await connection.sendDiagnostics({ uri, version, diagnostics });
  } catch (e) {
    connection.console.error(`trainlint: validating ${uri} failed: ${e instanceof Error ? e.stack : String(e)}`);
  }
}

const PROFILE_FILE = /\.cluster\.ya?ml$/i;

function revalidateAll(): void {
  for (const td of documents.all()) scheduleValidation(td);
  void connection.languages.inlayHint.refresh().catch(() => undefined);
}

documents.onDidChangeContent((e) => {
  scheduleValidation(e.document);
  // An edited cluster profile changes the estimates of every other open document.
  const path = uriToPath(e.document.uri);
  if (PROFILE_FILE.test(path) && workspaceProfiles.setOpenText(path, e.document.getText())) {
    for (const td of documents.all()) if (td.uri !== e.document.uri) scheduleValidation(td);
  }
});
documents.onDidClose((e) => {
  const t = timers.get(e.document.uri);
  if (t) clearTimeout(t);
  timers.delete(e.document.uri);
  parsed.delete(e.document.uri);
  settingsCache.delete(e.document.uri);
  const path = uriToPath(e.document.uri);
  if (PROFILE_FILE.test(path) && workspaceProfiles.setOpenText(path, undefined)) revalidateAll();
  void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});

// ---------------------------------------------------------------------------------------------------------
connection.onInitialize((params): InitializeResult => {
  const caps = params.capabilities;
  hasConfigurationCapability = !!caps.workspace?.configuration;
  hasCodeActionLiteralSupport = !!caps.textDocument?.codeAction?.codeActionLiteralSupport;
  const folders = params.workspaceFolders?.map((f) => uriToPath(f.uri)) ?? (params.rootUri ? [uriToPath(params.rootUri)] : []);
  workspaceProfiles.setFolders(folders);
  const delay = (params.initializationOptions as { diagnosticsDelayMs?: unknown } | undefined)?.diagnosticsDelayMs;
  if (typeof delay === 'number' && delay >= 0 && delay <= 10000) debounceMs = delay;
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      hoverProvider: true,
      completionProvider: { triggerCharacters: ['=', ':', ' ', '_', '.'] },
      codeActionProvider: hasCodeActionLiteralSupport ? { codeActionKinds: [CodeActionKind.QuickFix] } : true,
      inlayHintProvider: true,
      documentSymbolProvider: true,
      foldingRangeProvider: true,
      codeLensProvider: { resolveProvider: false },
    },
    serverInfo: { name: 'trainlint', version: '0.1.0' },
  };
});

connection.onInitialized(() => {
  if (hasConfigurationCapability) {
    void connection.client.register(DidChangeConfigurationNotification.type, { section: 'trainlint' });
  }
});

connection.onDidChangeConfiguration(() => {
  settingsCache.clear();
  workspaceProfiles.invalidate();
  revalidateAll();
});

// *.cluster.yaml created, changed or deleted on disk (the client watches them).
connection.onDidChangeWatchedFiles(() => {
  workspaceProfiles.invalidate();
  revalidateAll();
});

connection.onRequest(REQUESTS.listProfiles, async (): Promise<ProfileSummary[]> => {
  const settings = await getSettings(documents.all()[0]?.uri ?? '');
  return workspaceProfiles.summaries(settings.profilePaths ?? []);
});

connection.onHover(async (params) => {
  const td = documents.get(params.textDocument.uri);
  if (!td) return null;
  try {
    const { ctx } = await contextFor(td);
    const h = hoverAt(ctx, params.position);
    return h ? { contents: { kind: MarkupKind.Markdown, value: h.markdown }, range: h.range } : null;
  } catch (e) {
    connection.console.error(`trainlint: hover failed: ${String(e)}`);
    return null;
  }
});

const COMPLETION_KIND = {
  property: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  variable: CompletionItemKind.Variable,
  enum: CompletionItemKind.EnumMember,
} as const;

connection.onCompletion(async (params): Promise<CompletionItem[]> => {
  const td = documents.get(params.textDocument.uri);
  if (!td) return [];
  try {
    const { ctx } = await contextFor(td);
    return completionsAt(ctx, params.position).map((c) => ({
      label: c.label,
      kind: COMPLETION_KIND[c.kind],
      detail: c.detail,
      documentation: c.documentation ? { kind: MarkupKind.Markdown, value: c.documentation } : undefined,
      ...(c.range ? { textEdit: { range: c.range, newText: c.insertText ?? c.label } } : { insertText: c.insertText }),
    }));
  } catch (e) {
    connection.console.error(`trainlint: completion failed: ${String(e)}`);
    return [];
  }
});

connection.onCodeAction((params) => {
  const actions: CodeAction[] = [];
  for (const d of params.context.diagnostics) {
    if (d.source !== 'trainlint') continue;
    const fixes = ((d.data as { fixes?: QuickFix[] } | undefined)?.fixes ?? []) as QuickFix[];
    for (const fix of fixes) {
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        isPreferred: fix.isPreferred,
        edit: { changes: { [params.textDocument.uri]: fix.edits.map((e) => ({ range: e.range, newText: e.newText })) } },
      });
    }
  }
  return actions;
});

connection.languages.inlayHint.on(async (params) => {
  const td = documents.get(params.textDocument.uri);
  if (!td) return [];
  try {
    const { ctx, settings } = await contextFor(td);
    if (!settings.enable || !settings.inlayHints) return [];
    if (ctx.doc.kind === 'log') return logInlayHints(ctx.doc, logAnalysisOf(ctx.doc, attachedFacts(ctx.doc.path, settings)), params.range);
    return inlayHintsIn(ctx, params.range).map((h) => {
      const hint = InlayHint.create(h.position, h.label);
      hint.paddingLeft = true;
      if (h.tooltip) hint.tooltip = { kind: MarkupKind.Markdown, value: h.tooltip };
      return hint;
    });
  } catch (e) {
    connection.console.error(`trainlint: inlay hints failed: ${String(e)}`);
    return [];
  }
});

// ---------------------------------------------------------------------------------------------------------
// Training logs: outline, folding, code lens, attached configs and "Analyze log" from disk.
let attached: AttachedConfigs = {};
const factsCache = new Map<string, { mtimeKey: string; facts: AttachedConfigFacts | { error: string } }>();

/** What the config attached to a log gives (read from disk; cached per config text and profile). */
function attachedFacts(logPath: string, settings: TrainlintSettings, explicitConfig?: string): AttachedConfigFacts | { error: string } | null {
  const configPath = explicitConfig ?? attached[logPath];
  if (!configPath) return null;
  let text: string;
  try {
    text = readTextFile(configPath);
  } catch (e) {
    return { error: `${configPath}: ${e instanceof Error ? e.message : String(e)}` };
  }
  const key = `${settings.clusterProfile}|${text.length}|${text.slice(0, 256)}|${text.slice(-256)}`;
  const hit = factsCache.get(configPath);
  if (hit && hit.mtimeKey === key) return hit.facts;
  const doc = new TrainlintDocument(configPath, text);
  const ctx = createRuleContext(doc, checkOptionsFor(settings));
  const facts = factsFromConfig(doc, ctx.profile, fsReader);
  factsCache.set(configPath, { mtimeKey: key, facts });
  return facts;
}

connection.onNotification(NOTIFICATIONS.attachedConfigs, (map: AttachedConfigs) => {
  attached = map ?? {};
  factsCache.clear();
  revalidateAll();
});

async function logDocFor(uri: string): Promise<{ doc: TrainlintDocument; settings: TrainlintSettings } | null> {
  const td = documents.get(uri);
  if (!td) return null;
  const { ctx, settings } = await contextFor(td);
  return ctx.doc.kind === 'log' ? { doc: ctx.doc, settings } : null;
}

connection.onDocumentSymbol(async (params) => {
  const d = await logDocFor(params.textDocument.uri).catch(() => null);
  return d ? logSymbols(d.doc, logAnalysisOf(d.doc, attachedFacts(d.doc.path, d.settings))) : [];
});

connection.onFoldingRanges(async (params) => {
  const d = await logDocFor(params.textDocument.uri).catch(() => null);
  return d ? logFolding(logAnalysisOf(d.doc, attachedFacts(d.doc.path, d.settings))) : [];
});

connection.onCodeLens(async (params) => {
  const d = await logDocFor(params.textDocument.uri).catch(() => null);
  return d && d.settings.enable ? logCodeLens(params.textDocument.uri, logAnalysisOf(d.doc, attachedFacts(d.doc.path, d.settings))) : [];
});

/** "Analyze log": streams the file from disk (any size), reporting progress; cancellable. */
connection.onRequest(REQUESTS.analyzeLog, async (params: AnalyzeLogParams, token): Promise<LogReport | null> => {
  const path = uriToPath(params.uri);
  const settings = await getSettings(params.uri);
  const effective = params.profile ? { ...settings, clusterProfile: params.profile } : settings;
  const facts = attachedFacts(path, effective, params.configPath);
  let lastSent = 0;
  const analysis = await analyzeLogFile(path, {
    fileName: path,
    ...prescanWorkerOptions(),
    ...(facts && !('error' in facts) ? facts.inputs : {}),
    isCancelled: () => token.isCancellationRequested,
    onProgress: (p) => {
      const now = Date.now();
      if (now - lastSent < 200) return;
      lastSent = now;
      const progress: AnalyzeProgress = { uri: params.uri, bytesRead: p.bytesRead, totalBytes: p.totalBytes ?? 0 };
      void connection.sendNotification(NOTIFICATIONS.analyzeProgress, progress);
    },
  });
  if (analysis.cancelled && token.isCancellationRequested) return null;
  return toLogReport(analysis, facts);
});

// A bug must never take the server down: log it and keep answering other documents.
process.on('uncaughtException', (e) => connection.console.error(`trainlint: uncaught: ${e.stack ?? e.message}`));
process.on('unhandledRejection', (e) => connection.console.error(`trainlint: unhandled rejection: ${String(e)}`));

documents.listen(connection);
connection.listen();
