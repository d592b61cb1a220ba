// (g) Log text is shown as text in the report: a log whose root-cause line carries `<script>` and
// `<img onerror=...>` shows those characters literally, and no element or script comes from them.
import { reportFrame } from './report.mjs';

export default {
  name: 'log-escaping',
  title: 'a log line with <script>/<img onerror> is shown as text in the report',
  async run(wb) {
    const dialogs = [];
    const onDialog = (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); };
    wb.page.on('dialog', onDialog);
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
      const scripts = await report.locator('script').evaluateAll((els) => els.filter((e) => /trainlint-xss/.test(e.textContent ?? '')).length);
      if (scripts) throw new Error('a <script> element was created from log text');
      if (dialogs.length) throw new Error(`a dialog opened: ${dialogs.join('; ')}`);
      await wb.screenshot('log-escaping');
      return 'shown as text, no <img>/<script> created, no dialog';
    } finally {
      wb.page.off('dialog', onDialog);
    }
  },
};
