import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { COMMANDS } from '../../server/src/protocol';

/**
 * Log commands: "Analyze log", "Attach config to log", "Select cluster profile". Filled in by the log
 * editor work; until then they say plainly what is missing.
 */
export function registerLogCommands(
  context: vscode.ExtensionContext,
  _client: () => LanguageClient | undefined,
  _output: vscode.OutputChannel,
): void {
  const notYet = (what: string) => () => vscode.window.showInformationMessage(`trainlint: ${what} is not available in this version yet.`);
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.analyzeLog, notYet('Analyze log')),
    vscode.commands.registerCommand(COMMANDS.attachConfig, notYet('Attach config to log')),
    vscode.commands.registerCommand(COMMANDS.selectProfile, notYet('Select cluster profile')),
  );
}
