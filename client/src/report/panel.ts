/**
 * The "Analyze log" report panel: one WebviewPanel, reused for each report. The page comes from the pure
 * renderReportHtml; this file is the VS Code glue (nonce, CSP source, reveal messages).
 */
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LogReport } from '../../../server/src/protocol';
import { EXTENSION_FILE_LIMIT_BYTES, revealLineOf, tooBigMessage } from './messages';
import { renderReportHtml } from './render';

const VIEW_TYPE = 'trainlint.logReport';

let panel: vscode.WebviewPanel | undefined;
/** The log the panel's line references point into (updated when the panel is reused). */
let currentLog: vscode.Uri | undefined;

export function showReport(context: vscode.ExtensionContext, report: LogReport, logUri: vscode.Uri): vscode.WebviewPanel {
  currentLog = logUri;
  const title = `Log report: ${path.basename(logUri.fsPath || logUri.path)}`;
  if (panel) {
    panel.title = title;
    panel.reveal(panel.viewColumn ?? vscode.ViewColumn.Beside);
  } else {
    panel = vscode.window.createWebviewPanel(VIEW_TYPE, title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false }, {
      enableScripts: true,
      enableCommandUris: false,
      localResourceRoots: [],
      retainContextWhenHidden: false,
    });
    const created = panel;
    context.subscriptions.push(
      created,
      created.webview.onDidReceiveMessage((message: unknown) => {
        const line = revealLineOf(message);
        if (line !== null && currentLog) void revealLogLine(currentLog, line);
      }),
      created.onDidDispose(() => {
        if (panel === created) {
          panel = undefined;
          currentLog = undefined;
        }
      }),
    );
  }
  panel.webview.html = renderReportHtml(report, { nonce: randomBytes(18).toString('base64'), cspSource: panel.webview.cspSource });
  return panel;
}

/** Opens the log at a 1-based line; for logs VS Code will not hand to extensions, says so and offers the plain editor. */
export async function revealLogLine(uri: vscode.Uri, line: number): Promise<void> {
  const name = path.basename(uri.fsPath || uri.path);
  let size = 0;
  try {
    size = (await vscode.workspace.fs.stat(uri)).size;
  } catch (err) {
    void vscode.window.showErrorMessage(`trainlint: cannot open ${name}: ${err instanceof Error ? err.message : String(err)}`);
    return;
  }
  const position = new vscode.Position(line - 1, 0);
  const selection = new vscode.Range(position, position);
  const viewColumn = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString())?.viewColumn ?? vscode.ViewColumn.One;
  if (size > EXTENSION_FILE_LIMIT_BYTES) {
    const open = 'Open in editor anyway';
    const choice = await vscode.window.showWarningMessage(`trainlint: ${tooBigMessage(name, size, line)}`, open);
    // vscode.open goes through the workbench, not the extension host, so the size limit does not stop it.
    if (choice === open) await vscode.commands.executeCommand('vscode.open', uri, { selection, viewColumn, preview: false });
    return;
  }
  try {
    const doc = await vscode.workspace.openTextDocument(uri);
    const clamped = Math.min(line - 1, Math.max(0, doc.lineCount - 1));
    const range = doc.lineAt(clamped).range;
    const editor = await vscode.window.showTextDocument(doc, { selection: new vscode.Range(range.start, range.end), viewColumn, preview: false });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenter);
    if (clamped !== line - 1) void vscode.window.showInformationMessage(`trainlint: ${name} now has ${doc.lineCount} lines; line ${line} is gone (the file changed since the analysis).`);
  } catch (err) {
    void vscode.window.showErrorMessage(`trainlint: cannot open ${name} at line ${line}: ${err instanceof Error ? err.message : String(err)}`);
  }
}
