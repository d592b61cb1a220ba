// Drives the VS Code workbench in the browser the way a user does: Quick Open, the Problems panel, the mouse
// for hovers, the command palette, the quick-fix menu. Every wait is bounded and waits on what is asserted.
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

const isMac = process.platform === 'darwin';
const mod = isMac ? 'Meta' : 'Control';

/** Text as VS Code renders it: non-breaking spaces back to spaces. */
const plain = (s) => (s ?? '').replace(/\u00a0/g, ' ');

export class Workbench {
  /**
   * @param {import('playwright-core').Page} page
   * @param {{ workspace: string, artifacts: string, timeoutMs?: number }} opts
   */
  constructor(page, { workspace, artifacts, timeoutMs = 30_000 }) {
    this.page = page;
    this.workspace = workspace;
    this.artifacts = artifacts;
    this.timeoutMs = timeoutMs;
    this.screenshots = [];
  }

  /** Waits until the workbench is drawn. */
  async ready() {
    await this.page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 90_000 });
    await this.page.locator('.part.statusbar').waitFor({ state: 'visible', timeout: this.timeoutMs });
  }

  /** Polls `read()` until `test(value)` holds; throws with the last value after `timeoutMs`. */
  async until(what, read, test, timeoutMs = this.timeoutMs) {
    const deadline = Date.now() + timeoutMs;
    let last;
    for (;;) {
      try { last = await read(); } catch (e) { last = `(${e.message.split('\n')[0]})`; }
      if (test(last)) return last;
      if (Date.now() > deadline) {
        const shown = typeof last === 'string' ? last : JSON.stringify(last, null, 1);
        throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last seen:\n${String(shown).slice(0, 3000)}`);
      }
      await this.page.waitForTimeout(250);
    }
  }

  /** Line number (1-based) of the first line of a workspace file matching `re`. */
  lineOf(relPath, re) {
    const lines = readFileSync(join(this.workspace, relPath), 'utf8').split(/\r?\n/);
    const i = lines.findIndex((l) => re.test(l));
    if (i < 0) throw new Error(`no line matching ${re} in ${relPath}`);
    return i + 1;
  }

  quickInput() {
    return this.page.locator('.quick-input-widget');
  }

  /** Presses `key` until the quick input shows (a key can be lost while the workbench is busy), bounded. */
  async openQuickInput(key) {
    const input = this.quickInput().locator('input.input');
    for (let attempt = 1; ; attempt++) {
      await this.page.keyboard.press(key);
      try {
        await input.waitFor({ state: 'visible', timeout: attempt < 3 ? 5_000 : this.timeoutMs });
        return input;
      } catch (e) {
        if (attempt >= 3) throw e;
      }
    }
  }

  /**
   * Opens a workspace file as a user would: its tab if it is open already, otherwise Quick Open (Ctrl+P);
   * waits for its tab to be the active one.
   */
  async openFile(relPath) {
    const name = basename(relPath);
    const tab = this.page.locator(`.tabs-container .tab[data-resource-name="${name}"]`);
    if (await tab.count()) {
      await tab.first().click();
    } else {
      await this.quickInputDo(`${mod}+P`, relPath, async () => {
        await this.quickInput().locator('.monaco-list-row', { hasText: name }).first().waitFor({ state: 'visible', timeout: 10_000 });
        await this.page.keyboard.press('Enter');
      });
    }
    await this.page
      .locator(`.tabs-container .tab.active[data-resource-name="${name}"]`)
      .waitFor({ state: 'visible', timeout: this.timeoutMs });
    await this.page.locator('.editor-group-container.active .monaco-editor .view-lines').first().waitFor({ timeout: this.timeoutMs });
  }

  /**
   * Opens the quick input with `key`, types `text`, then `finish(input)`. The quick input closes when something
   * else takes the focus (a webview that just loaded, a notification), so the sequence is retried, bounded.
   */
  async quickInputDo(key, text, finish) {
    for (let attempt = 1; ; attempt++) {
      try {
        const input = await this.openQuickInput(key);
        await input.fill(text, { timeout: 5_000 });
        await finish(input);
        return;
      } catch (e) {
        if (attempt >= 3) throw e;
        await this.page.keyboard.press('Escape').catch(() => {});
      }
    }
  }

  /** Runs a command from the command palette (F1) by its label, e.g. "trainlint: Analyze log". */
  async runCommand(label) {
    await this.quickInputDo('F1', `>${label}`, async () => {
      const row = this.quickInput().locator('.monaco-list-row', { hasText: label }).first();
      await row.waitFor({ state: 'visible', timeout: 10_000 });
      await row.click({ timeout: 5_000 });
    });
  }

  /** Moves the cursor to line:col (1-based) with Go to Line (Ctrl+G). */
  async goTo(line, col = 1) {
    await this.quickInputDo(`${mod}+G`, `:${line}:${col}`, async (input) => {
      await this.quickInput().locator('.monaco-list-row', { hasText: String(line) }).first().waitFor({ state: 'visible', timeout: 5_000 });
      await this.page.keyboard.press('Enter');
      await input.waitFor({ state: 'hidden', timeout: 5_000 });
    });
  }

  /** Opens the Problems panel (Ctrl+Shift+M) if it is not showing. */
  async showProblems() {
    const panel = this.page.locator('.markers-panel');
    if (!(await panel.isVisible())) await this.page.keyboard.press(`${mod}+Shift+M`);
    await panel.waitFor({ state: 'visible', timeout: this.timeoutMs });
    return panel;
  }

  /** The Problems panel's rows as the user reads them: message, source(code) and [Ln, Col]. */
  async problemRows() {
    const rows = await this.page.locator('.markers-panel .monaco-list-row').evaluateAll((els) =>
      els.map((e) => `${e.innerText.replace(/\s*\n\s*/g, ' ')} | ${e.getAttribute('aria-label') ?? ''}`),
    );
    return rows.map(plain);
  }

  /** Waits until a Problems row matches every regex in `patterns`; returns that row. */
  async waitForProblem(patterns, timeoutMs = this.timeoutMs) {
    await this.showProblems();
    const rows = await this.until(
      `a Problems entry matching ${patterns.join(' and ')}`,
      () => this.problemRows(),
      (rs) => Array.isArray(rs) && rs.some((r) => patterns.every((p) => p.test(r))),
      timeoutMs,
    );
    return rows.find((r) => patterns.every((p) => p.test(r)));
  }

  /** Text of the visible lines of the active editor. */
  async editorText() {
    const lines = await this.page
      .locator('.editor-group-container.active .monaco-editor .view-lines .view-line')
      .evaluateAll((els) =>
        els
          .map((e) => ({ top: parseFloat(e.style.top) || 0, text: e.textContent ?? '' }))
          .sort((a, b) => a.top - b.top)
          .map((l) => l.text),
      );
    return plain(lines.join('\n'));
  }

  /**
   * Screen position of `token` on the visible editor line whose text matches `lineRe` (the middle of the
   * token's glyphs), found from the rendered text itself.
   */
  async tokenPosition(lineRe, token) {
    return this.until(
      `"${token}" on a visible line matching ${lineRe}`,
      () =>
        this.page.evaluate(
          ({ source, flags, token }) => {
            const re = new RegExp(source, flags);
            const lines = document.querySelectorAll('.editor-group-container.active .monaco-editor .view-lines .view-line');
            for (const line of lines) {
              const text = (line.textContent ?? '').replace(/\u00a0/g, ' ');
              if (!re.test(text)) continue;
              const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
              for (let n = walker.nextNode(); n; n = walker.nextNode()) {
                const t = (n.textContent ?? '').replace(/\u00a0/g, ' ');
                const i = t.indexOf(token);
                if (i < 0) continue;
                const range = document.createRange();
                range.setStart(n, i);
                range.setEnd(n, i + token.length);
                const r = range.getBoundingClientRect();
                return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
              }
            }
            return null;
          },
          { source: lineRe.source, flags: lineRe.flags, token },
        ),
      (p) => p && typeof p.x === 'number',
    );
  }

  /** Hovers the mouse over `token` on the line matching `lineRe` and waits for a hover matching `expect`. */
  async hover(lineRe, token, expect, timeoutMs = this.timeoutMs) {
    const { x, y } = await this.tokenPosition(lineRe, token);
    await this.page.mouse.move(x - 40, y - 40);
    await this.page.mouse.move(x, y, { steps: 4 });
    return this.until(
      `a hover over "${token}" matching ${expect}`,
      () => this.page.locator('.monaco-editor .monaco-hover:visible').allInnerTexts().then((t) => plain(t.join('\n'))),
      (t) => expect.test(t),
      timeoutMs,
    );
  }

  /** Opens the quick-fix menu (Ctrl+.) at the cursor and picks the entry whose text matches `re`. */
  async applyQuickFix(re, { screenshot } = {}) {
    await this.page.keyboard.press(`${mod}+.`);
    const widget = this.page.locator('.action-widget');
    await widget.waitFor({ state: 'visible', timeout: this.timeoutMs });
    const item = widget.locator('.monaco-list-row', { hasText: re }).first();
    try {
      await item.waitFor({ state: 'visible', timeout: this.timeoutMs });
    } catch {
      const offered = plain((await widget.allInnerTexts()).join('\n'));
      throw new Error(`no quick fix matching ${re}; the menu offered:\n${offered || '(nothing)'}`);
    }
    const label = plain(await item.innerText());
    // The menu takes keys (a pointer shield covers it while it opens): move the focus to the entry, then Enter.
    const rows = await widget.locator('.monaco-list-row').count();
    const focused = widget.locator('.monaco-list-row.focused');
    for (let i = 0; i <= rows && !re.test(plain(await focused.innerText().catch(() => ''))); i++) {
      await this.page.keyboard.press('ArrowDown');
    }
    if (!re.test(plain(await focused.innerText().catch(() => '')))) throw new Error(`could not move the quick-fix focus to ${re}`);
    if (screenshot) await this.screenshot(screenshot);
    await this.page.keyboard.press('Enter');
    await widget.waitFor({ state: 'hidden', timeout: this.timeoutMs });
    return label;
  }

  /** Runs "View: Close All Editors" so the next scenario starts from an empty editor area. */
  async closeAllEditors() {
    await this.runCommand('View: Close All Editors');
    await this.page.locator('.tabs-container .tab').first().waitFor({ state: 'detached', timeout: this.timeoutMs });
  }

  /** Notification toasts on screen: text and severity (`error`, `warning` or `info`, from the toast's icon). */
  async notifications() {
    const items = await this.page.locator('.notifications-toasts .notification-list-item:visible').evaluateAll((els) =>
      els.map((e) => {
        const icon = e.querySelector('.notification-list-item-icon')?.className ?? '';
        return { text: e.innerText, severity: /codicon-error/.test(icon) ? 'error' : /codicon-warning/.test(icon) ? 'warning' : 'info' };
      }),
    );
    return items.map((n) => ({ ...n, text: plain(n.text).replace(/\s*\n\s*/g, ' ') }));
  }

  /** Saves a screenshot of what the user sees into the artifacts folder. */
  async screenshot(name, options = {}) {
    const path = join(this.artifacts, `${name}.png`);
    // Hovers fade in: let every widget settle at full opacity so the picture shows what a user reads.
    await this.page
      .waitForFunction(() => [...document.querySelectorAll('.monaco-hover')].every((h) => getComputedStyle(h).opacity === '1'), null, { timeout: 5_000 })
      .catch(() => {});
    await this.page.screenshot({ path, animations: 'disabled', ...options });
    this.screenshots.push(path);
    return path;
  }

  /** What is on screen, in words: active tab, dialogs, notifications, quick input, hover, Problems, status bar. */
  async describeScreen() {
    const part = async (label, selector) => {
      try {
        const texts = await this.page.locator(`${selector}:visible`).allInnerTexts();
        const t = plain(texts.join(' | ')).replace(/\s*\n\s*/g, ' / ').trim();
        return t ? `  ${label}: ${t.slice(0, 1500)}` : null;
      } catch {
        return null;
      }
    };
    const parts = await Promise.all([
      part('title', '.part.titlebar .window-title'),
      part('tabs', '.tabs-container .tab'),
      part('dialog', '.monaco-dialog-box'),
      part('banner', '.part.banner'),
      part('notifications', '.notifications-toasts .notification-list-item'),
      part('quick input', '.quick-input-widget'),
      part('hover', '.monaco-hover'),
      part('menu', '.action-widget'),
      part('editor', '.editor-group-container.active .monaco-editor .view-lines'),
      part('problems', '.markers-panel'),
      part('status bar', '.part.statusbar'),
    ]);
    return parts.filter(Boolean).join('\n');
  }
}
