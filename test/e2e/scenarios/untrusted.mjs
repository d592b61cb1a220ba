// (f) Workspace trust on, folder not trusted: the window is in Restricted Mode and trainlint does what its
// manifest declares (`untrustedWorkspaces.supported: "limited"`): it still lints open files (it only reads
// them as data), and VS Code lists it as limited in Restricted Mode.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../../..', import.meta.url).pathname;

export default {
  name: 'untrusted',
  title: 'untrusted folder: Restricted Mode, trainlint runs as declared (limited)',
  trust: false,
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
    return `declared ${JSON.stringify(declared)}; Restricted Mode shown; lint ran; listed by VS Code under "Limited in Restricted Mode"`;
  },
};
