/**
 * VS Code glue: register the commands and the status bar item, then start the trainlint language server.
 * Activation itself stays light: the language client (dist/lsp-client.js) loads right after it returns.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { COMMANDS, LANGUAGE_IDS } from '../../server/src/protocol';
import { registerLogCommands } from './logs';
import { createProfileStatusItem } from './status';

let client: LanguageClient | undefined;
let clientReady: Promise<LanguageClient | undefined> = Promise.resolve(undefined);

async function startLanguageClient(context: vscode.ExtensionContext, output: vscode.OutputChannel): Promise<LanguageClient | undefined> {
  try {
    // A sibling bundle, loaded at run time (esbuild keeps it out of this file).
    const lsp = require(path.join(__dirname, 'lsp-client.js')) as typeof import('./lsp');
    client = lsp.createClient(context, output);
    await client.start();
    return client;
  } catch (e) {
    output.appendLine(`trainlint: the language server could not start: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
    void vscode.window.showErrorMessage('trainlint: the language server could not start; see the trainlint output.');
    return undefined;
  }
}

export function activate(context: vscode.ExtensionContext): void {
  const output = vscode.window.createOutputChannel('trainlint');
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand(COMMANDS.showOutput, () => output.show()),
    vscode.commands.registerCommand(COMMANDS.setLogLanguage, async () => {
      const editor = vscode.window.activeTextEditor;
      if (editor) await vscode.languages.setTextDocumentLanguage(editor.document, LANGUAGE_IDS.log);
    }),
  );
  const status = createProfileStatusItem(context, () => vscode.workspace.getConfiguration('trainlint').get<string>('clusterProfile', 'h100-sxm-ib'));
  clientReady = new Promise((resolve) => setImmediate(() => resolve(startLanguageClient(context, output))));
  registerLogCommands(context, () => clientReady, output, () => status.update());
}

export async function deactivate(): Promise<void> {
  if (client) await client.stop();
}
