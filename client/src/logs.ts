import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  COMMANDS,
  LANGUAGE_IDS,
  NOTIFICATIONS,
  REQUESTS,
  type AnalyzeLogParams,
  type AnalyzeProgress,
  type AttachedConfigs,
  type LogReport,
  type ProfileSummary,
} from '../../server/src/protocol';

const ATTACHED_KEY = 'trainlint.attachedConfigs';
/** Logs above this size show a progress notification with Cancel while they are analysed. */
const BIG_LOG_BYTES = 16 * 1024 * 1024;

function mb(bytes: number): string {
  const v = bytes / 1048576;
  return `${v >= 10 ? v.toFixed(0) : v.toFixed(1)} MB`;
}
const LOG_EXTENSIONS = ['log', 'out', 'err', 'txt'];

/** Loads the report module only when a report is shown (keeps activation light). */
async function showReport(context: vscode.ExtensionContext, report: LogReport, logUri: vscode.Uri): Promise<void> {
  const { showReport: show } = await import('./report/panel');
  show(context, report, logUri);
}

export function attachedConfigs(context: vscode.ExtensionContext): AttachedConfigs {
  return context.workspaceState.get<AttachedConfigs>(ATTACHED_KEY, {});
}

/** Which log to analyse: an explicit URI (explorer, code lens), the active editor, or a picked file. */
async function pickLog(arg: unknown): Promise<vscode.Uri | undefined> {
  if (arg instanceof vscode.Uri) return arg;
  if (typeof arg === 'string') return vscode.Uri.parse(arg);
  const active = vscode.window.activeTextEditor?.document;
  if (active && (active.languageId === LANGUAGE_IDS.log || LOG_EXTENSIONS.includes(path.extname(active.fileName).slice(1)))) {
    return active.uri;
  }
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false,
    openLabel: 'Analyze log',
    title: 'trainlint: pick a training log (any size; it is read from disk)',
    filters: { 'Training logs': LOG_EXTENSIONS, 'All files': ['*'] },
  });
  return picked?.[0];
}

export function registerLogCommands(
  context: vscode.ExtensionContext,
  getClient: () => Promise<LanguageClient | undefined>,
  output: vscode.OutputChannel,
  onProfileChanged: () => void = () => undefined,
): void {
  const sendAttached = async () => {
    const client = await getClient();
    if (client?.isRunning()) void client.sendNotification(NOTIFICATIONS.attachedConfigs, attachedConfigs(context));
  };

  const analyzeLog = async (arg?: unknown) => {
    const client = await getClient();
    if (!client?.isRunning()) {
      void vscode.window.showErrorMessage('trainlint: the language server is not running; see the trainlint output.');
      return;
    }
    const uri = await pickLog(arg);
    if (!uri) return;
    if (uri.scheme !== 'file') {
      void vscode.window.showWarningMessage('trainlint: Analyze log reads the file from disk; this file is not on a local file system.');
      return;
    }
    const configPath = attachedConfigs(context)[uri.fsPath];
    let size = 0;
    try {
      size = (await vscode.workspace.fs.stat(uri)).size;
    } catch {
      void vscode.window.showErrorMessage(`trainlint: cannot read ${uri.fsPath}.`);
      return;
    }
    // Big logs get a notification with progress and Cancel; small ones finish in a blink, in the status bar.
    const location = size > BIG_LOG_BYTES ? vscode.ProgressLocation.Notification : vscode.ProgressLocation.Window;
    const report = await vscode.window.withProgress(
      { location, title: `trainlint: analysing ${path.basename(uri.fsPath)}`, cancellable: true },
      async (progress, token) => {
        let reported = 0;
        const sub = client.onNotification(NOTIFICATIONS.analyzeProgress, (p: AnalyzeProgress) => {
          if (p.uri !== uri.toString() || p.totalBytes <= 0) return;
          const pct = Math.min(100, (100 * p.bytesRead) / p.totalBytes);
          progress.report({ increment: pct - reported, message: `${mb(p.bytesRead)} of ${mb(p.totalBytes)}` });
          reported = pct;
        });
        try {
          const params: AnalyzeLogParams = { uri: uri.toString(), configPath };
          return await client.sendRequest<LogReport | null>(REQUESTS.analyzeLog, params, token);
        } catch (e) {
          if (token.isCancellationRequested) return null;
          throw e;
        } finally {
          sub.dispose();
        }
      },
    );
    if (!report) return; // cancelled
    output.appendLine(`Analyzed ${uri.fsPath}: outcome ${report.outcome}, root cause ${report.rootCause?.category ?? 'none'}`);
    await showReport(context, report, uri);
  };

  const attachConfig = async (arg?: unknown) => {
    const log = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
    if (!log || log.scheme !== 'file') {
      void vscode.window.showInformationMessage('trainlint: open the training log first, then attach its config.');
      return;
    }
    const files = await vscode.workspace.findFiles('**/*.{yaml,yml,json}', '**/{node_modules,.git}/**', 500);
    const items: Array<vscode.QuickPickItem & { uri?: vscode.Uri }> = files
      .map((f) => ({ label: vscode.workspace.asRelativePath(f), uri: f }))
      .sort((a, b) => a.label.localeCompare(b.label));
    items.push({ label: 'Browse…' });
    const pick = await vscode.window.showQuickPick(items, { title: `Config used by ${path.basename(log.fsPath)}`, placeHolder: 'The training config whose model the log ran' });
    if (!pick) return;
    let configUri = pick.uri;
    if (!configUri) {
      const chosen = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { Configs: ['yaml', 'yml', 'json'] } });
      configUri = chosen?.[0];
    }
    if (!configUri) return;
    const map = { ...attachedConfigs(context), [log.fsPath]: configUri.fsPath };
    await context.workspaceState.update(ATTACHED_KEY, map);
    void sendAttached();
    void vscode.window.showInformationMessage(`trainlint: ${path.basename(log.fsPath)} now uses ${vscode.workspace.asRelativePath(configUri)} for MFU and expected throughput.`);
  };

  const selectProfile = async () => {
    const client = await getClient();
    let profiles: ProfileSummary[] = [];
    if (client?.isRunning()) profiles = await client.sendRequest<ProfileSummary[]>(REQUESTS.listProfiles, {});
    const current = vscode.workspace.getConfiguration('trainlint').get<string>('clusterProfile');
    const pick = await vscode.window.showQuickPick(
      profiles.map((p) => ({
        label: p.name,
        description: `${p.gpusPerNode}x ${p.gpu}`,
        detail: p.source === 'built-in' ? 'built-in profile' : p.source,
        picked: p.name === current,
      })),
      { title: 'trainlint: cluster profile for estimates and checks', placeHolder: current ? `current: ${current}` : undefined },
    );
    if (!pick) return;
    const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    await vscode.workspace.getConfiguration('trainlint').update('clusterProfile', pick.label, target);
    onProfileChanged();
  };

  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.analyzeLog, (arg?: unknown) =>
      analyzeLog(arg).catch((e) => vscode.window.showErrorMessage(`trainlint: Analyze log failed: ${e instanceof Error ? e.message : String(e)}`)),
    ),
    vscode.commands.registerCommand(COMMANDS.attachConfig, attachConfig),
    vscode.commands.registerCommand(COMMANDS.selectProfile, selectProfile),
  );
  // Tell the server about attachments once it is up (and after restarts).
  void getClient().then((client) => {
    if (!client) return;
    void sendAttached();
    context.subscriptions.push(client.onDidChangeState(() => void sendAttached()));
  });
}
