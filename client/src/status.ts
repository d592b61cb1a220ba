/**
 * Status bar item showing the active cluster profile; clicking it runs "trainlint: Select cluster profile".
 * Shown while the active editor holds a document trainlint reads (configs, launch scripts, logs).
 */
import * as vscode from 'vscode';
import { COMMANDS, LANGUAGE_IDS } from '../../server/src/protocol';

const RELEVANT_LANGUAGES = new Set(['yaml', 'json', 'jsonc', 'shellscript', 'dotenv', 'dockerfile', 'properties', LANGUAGE_IDS.log]);

export interface ProfileStatusItem extends vscode.Disposable {
  readonly item: vscode.StatusBarItem;
  /** Re-reads the profile and the active editor; call after the profile changes. */
  update(): void;
}

/** Text shown for a profile name (icon syntax in a workspace-supplied name is neutralised). */
export function profileStatusText(profile: string): string {
  const name = (profile || 'no profile').replace(/\$\(/g, '$\u200b(');
  return `$(server-environment) ${name}`;
}

export function createProfileStatusItem(context: vscode.ExtensionContext, getProfile: () => string): ProfileStatusItem {
  const item = vscode.window.createStatusBarItem('trainlint.clusterProfile', vscode.StatusBarAlignment.Right, 100);
  item.name = 'trainlint cluster profile';
  item.command = COMMANDS.selectProfile;
  const update = () => {
    let profile = '';
    try {
      profile = getProfile();
    } catch {
      profile = '';
    }
    item.text = profileStatusText(profile);
    item.tooltip = `trainlint cluster profile: ${profile || 'none'}. Estimates and checks use its GPUs and network. Click to pick another.`;
    const doc = vscode.window.activeTextEditor?.document;
    if (doc && RELEVANT_LANGUAGES.has(doc.languageId)) item.show();
    else item.hide();
  };
  const disposables = [
    item,
    vscode.window.onDidChangeActiveTextEditor(update),
    vscode.workspace.onDidOpenTextDocument((d) => {
      if (d === vscode.window.activeTextEditor?.document) update();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('trainlint.clusterProfile')) update();
    }),
  ];
  context.subscriptions.push(...disposables);
  update();
  return {
    item,
    update,
    dispose: () => disposables.forEach((d) => d.dispose()),
  };
}
