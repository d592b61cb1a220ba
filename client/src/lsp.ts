/**
 * The language client (vscode-languageclient is most of the client's code): bundled as dist/lsp-client.js and
 * loaded right after activation, so activating the extension stays cheap.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { LANGUAGE_IDS } from '../../server/src/protocol';

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

export function createClient(context: vscode.ExtensionContext, output: vscode.OutputChannel): LanguageClient {
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
  return new LanguageClient('trainlint', 'trainlint', serverOptions, clientOptions);
}
