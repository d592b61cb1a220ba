// (f) Workspace trust on, folder not trusted: the window is in Restricted Mode and trainlint does what its
// manifest declares (`untrustedWorkspaces.supported: "limited"`): it still lints open files (it only reads
// them as data), VS Code lists it as limited in Restricted Mode, and the restricted setting
// `trainlint.profilePaths` from the workspace's settings is not applied until the folder is trusted.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../../..', import.meta.url).pathname;

export default {
  name: 'untrusted',
  title: 'untrusted folder: Restricted Mode, trainlint runs as declared (limited)',
  trust: false,
  /** Workspace settings name a cluster profile that only `trainlint.profilePaths` (a file outside the folder) defines. */
  prepare({ workspace, base }) {
    const profile = join(base, 'outside-profiles', 'e2e-outside.cluster.yaml');
    mkdirSync(join(base, 'outside-profiles'), { recursive: true });
    writeFileSync(profile, 'name: e2e-outside\nextends: h100-sxm-ib\n');
    mkdirSync(join(workspace, '.vscode'), { recursive: true });
    writeFileSync(
      join(workspace, '.vscode', 'settings.json'),
      JSON.stringify({ 'trainlint.clusterProfile': 'e2e-outside', 'trainlint.profilePaths': [profile] }, null, 2),
    );
  },
  async run(wb) {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    const declared = manifest.capabilities?.untrustedWorkspaces?.supported;
    const page = wb.page;

    const dialog = page.locator('.monaco-dialog-box', { hasText: /trust the authors/i });
    await dialog.waitFor({ state: 'visible', timeout: wb.timeoutMs });
    await wb.screenshot('untrusted-prompt');
    await dialog.getByRole('button', { name: /No, I don't trust/i }).click();
    await dialog.waitFor({ state: 'hidden', timeout: wb.timeoutMs });
    await page.locator('.part.statusbar', { hasText: 'Restricted Mode' }).waitFor({ timeout: wb.timeoutMs });

    await wb.openFile('configs/duplicate-key.yaml');
    if (declared === false) {
      // Declared unsupported: VS Code must keep it disabled, so no trainlint diagnostics may appear.
      await wb.showProblems();
      const rows = await wb.problemRows();
      if (rows.some((r) => /yaml-duplicate-key/.test(r))) throw new Error('declared unsupported in untrusted workspaces, yet it ran');
    } else {
      await wb.waitForProblem([/yaml-duplicate-key/]);
    }

    // VS Code's own view of the declaration: the Extensions view filter for Restricted Mode.
    await wb.runCommand('Extensions: Show Extensions Unsupported By Workspace');
    // The two sections share the view and their lists are virtualised (rows off screen are not in the page):
    // collapse the other section so the one trainlint belongs to has room, then find trainlint's row in it.
    const want = declared === 'limited' ? /Limited in Restricted Mode/i : /Disabled in Restricted Mode/i;
    const other = declared === 'limited' ? /Disabled in Restricted Mode/i : /Limited in Restricted Mode/i;
    const view = page.locator('.extensions-viewlet');
    const pane = (re) => view.locator('.pane').filter({ has: page.locator('.pane-header', { hasText: re }) });
    await pane(want).waitFor({ timeout: wb.timeoutMs });
    const otherHeader = pane(other).locator('.pane-header');
    if ((await otherHeader.getAttribute('aria-expanded')) === 'true') await otherHeader.click();
    const row = pane(want).locator('.monaco-list-row', { hasText: manifest.displayName ?? manifest.name });
    await wb.until(`trainlint's row under ${want}`, () => row.count(), (n) => n > 0);
    await wb.screenshot('untrusted');

    // restrictedConfigurations: in Restricted Mode the workspace's trainlint.profilePaths is ignored, so the
    // profile it names is unknown and the config says which profile it fell back to ...
    const restricted = manifest.capabilities?.untrustedWorkspaces?.restrictedConfigurations ?? [];
    let profileNote = '';
    if (restricted.includes('trainlint.profilePaths')) {
      await wb.closeAllEditors();
      await wb.openFile('configs/nanotron-tp16.yaml');
      profileNote = await wb.waitForProblem([/profile-fallback/, /e2e-outside/]);
      await wb.screenshot('untrusted-profile-fallback');
      // ... and once the folder is trusted, the setting applies and the fallback goes away.
      await wb.runCommand('Workspaces: Manage Workspace Trust');
      await page.locator('.workspace-trust-editor').getByRole('button', { name: /^Trust$/ }).first().click();
      await page.locator('.part.statusbar', { hasText: 'Restricted Mode' }).waitFor({ state: 'detached', timeout: wb.timeoutMs });
      await wb.until(
        'the profile-fallback warning to go once trusted',
        () => wb.problemRows(),
        (rows) => Array.isArray(rows) && !rows.some((r) => /profile-fallback/.test(r)),
      );
      // Positive evidence that the profile file was read: the tp hover now names it as the profile in use.
      await wb.openFile('configs/nanotron-tp16.yaml'); // back from the Workspace Trust editor
      await wb.goTo(wb.lineOf('configs/nanotron-tp16.yaml', /^\s+tp: 16/), 1);
      await wb.hover(/^\s+tp: 16\s*$/, 'tp', /profile\s+e2e-outside/);
      await wb.screenshot('trusted-profile-applied');
    }
    return `declared ${JSON.stringify(declared)}; Restricted Mode shown; lint ran; listed by VS Code under "Limited in Restricted Mode"` +
      (profileNote ? `; workspace profilePaths ignored until trusted: ${profileNote.split(' | ')[0]}` : '');
  },
};
