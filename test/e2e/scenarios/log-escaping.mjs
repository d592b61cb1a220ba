// (g) Log text is shown as text in the report: a log whose root-cause line carries `<script>` and
// `<img onerror=...>` shows those characters literally, and no element or script comes from them. Also the
// webview's safety declared in issue 9: a CSP with default-src 'none' and nonce-only scripts, and nothing
// loaded from anywhere but the local server while the report is produced.
import { reportFrame } from './report.mjs';

const LOCAL = /^(data:|blob:|vscode-)/;

export default {
  name: 'log-escaping',
  title: 'a log line with <script>/<img onerror> is shown as text in the report (CSP nonce, nothing remote)',
  async run(wb) {
    const page = wb.page;
    const origin = new URL(page.url()).origin;
    const dialogs = [];
    const remote = [];
    const onDialog = (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); };
    const onRequest = (r) => { if (!r.url().startsWith(origin) && !LOCAL.test(r.url())) remote.push(r.url()); };
    page.on('dialog', onDialog);
    page.on('request', onRequest);
    try {
      await wb.openFile('logs/bad-sample.log');
      await wb.runCommand('trainlint: Analyze log');
      const report = await reportFrame(wb);
      const text = await wb.until(
        'the report to show the <script> text literally',
        () => report.locator('body').innerText(),
        (t) => t.includes('<script>alert("trainlint-xss")</script>'),
      );
      if (!/<img src=x onerror=alert\(/.test(text)) throw new Error('the <img onerror=...> text is not shown literally');
      const injected = await report.locator('img[src="x"], img[onerror]').count();
      if (injected) throw new Error(`${injected} <img> element(s) were created from log text`);
      const scripts = await report.locator('script').evaluateAll((els) => els.map((e) => ({ nonce: e.nonce, text: e.textContent ?? '' })));
      if (scripts.some((s) => /trainlint-xss/.test(s.text))) throw new Error('a <script> element was created from log text');

      const csp = (await report.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')) ?? '';
      if (!/default-src 'none'/.test(csp)) throw new Error(`the report's CSP lacks default-src 'none': ${csp || '(no CSP meta)'}`);
      const scriptSrc = /script-src([^;]*)/.exec(csp)?.[1] ?? '';
      const nonce = /'nonce-([^']+)'/.exec(scriptSrc)?.[1];
      if (!nonce || /unsafe-inline|unsafe-eval|https?:/.test(scriptSrc)) throw new Error(`script-src is not nonce-only: ${scriptSrc}`);
      // VS Code's webview host injects its own acquireVsCodeApi script; every other script is the extension's.
      const ours = scripts.filter((s) => !/^\s*globalThis\.acquireVsCodeApi = /.test(s.text));
      const unnonced = ours.filter((s) => s.nonce !== nonce).length;
      if (unnonced) throw new Error(`${unnonced} <script> element(s) without the CSP nonce: ${JSON.stringify(ours.map((s) => [s.nonce, s.text.slice(0, 200)]))}`);
      if (remote.length) throw new Error(`requests left the local server: ${remote.slice(0, 5).join(', ')}`);
      if (dialogs.length) throw new Error(`a dialog opened: ${dialogs.join('; ')}`);
      await wb.screenshot('log-escaping');
      return `shown as text; no <img>/<script> from log text; CSP default-src 'none' + ${ours.length} nonce'd script(s); no remote request; no dialog`;
    } finally {
      page.off('dialog', onDialog);
      page.off('request', onRequest);
    }
  },
};
