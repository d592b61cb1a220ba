/**
 * VS Code glue: start the trainlint language server and register the commands. Nothing heavy runs at
 * activation; the server does the work.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { COMMANDS, LANGUAGE_IDS } from '../../server/src/protocol';
import { registerLogCommands } from './logs';
import { createProfileStatusItem } from './status';

let client: LanguageClient | undefined;

/** Documents the server looks at: YAML/JSON configs, env and launch scripts, Dockerfiles, training logs. */
export const DOCUMENT_SELECTOR = [
  { scheme: 'file', language: 'yaml' },
  { scheme: 'file', language: 'json' },
  { scheme: 'file', language: 'jsonc' },
  { scheme: 'file', language: 'shellscript' },
  { scheme: 'file', language: 'dotenv' },
  { scheme: 'file', language: 'dockerfile' },
  { scheme: 'file', language: 'properties', pattern: '**/.env*' },
  { scheme: 'file', language: 'plaintext', pattern: '**/*.{env,sbatch,slurm}' },
  { scheme: 'file', language: LANGUAGE_IDS.log },
  { scheme: 'untitled', language: 'yaml' },
  { scheme: 'untitled', language: 'shellscript' },
];

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('trainlint');
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannel: output,
    synchronize: { configurationSection: 'trainlint', fileEvents: vscode.workspace.createFileSystemWatcher('**/*.cluster.{yaml,yml}') },
    markdown: { isTrusted: false, supportHtml: false },
  };
  client = new LanguageClient('trainlint', 'trainlint', serverOptions, clientOptions);

  context.subscriptions.push(
    output,
    vscode.commands.registerCommand(COMMANDS.showOutput, () => output.show()),
    vscode.commands.registerCommand(COMMANDS.setLogLanguage, async () => {
      const editor = vscode.window.activeTextEditor;
      if (editor) await vscode.languages.setTextDocumentLanguage(editor.document, LANGUAGE_IDS.log);
    }),
  );
  const status = createProfileStatusItem(context, () => vscode.workspace.getConfiguration('trainlint').get<string>('clusterProfile', 'h100-sxm-ib'));
  registerLogCommands(context, () => client, output, () => status.update());
  await client.start();
}

export async function deactivate(): Promise<void> {
  if (client) await client.stop();
}
