// (d) A failed run's log: the root cause (rank 11's CUDA OOM, not the 15 watchdog timeouts after it) is a
// diagnostic in Problems; "trainlint: Analyze log" from the command palette opens the report webview with the
// root cause and charts, whose line link jumps to the log.
import { reportFrame } from './report.mjs';

export default {
  name: 'log-report',
  title: 'a failed-run log shows its root cause; Analyze log opens the report with root cause and charts',
  async run(wb) {
    const file = 'logs/train-oom.log';
    await wb.openFile(file);
    const line = wb.lineOf(file, /OutOfMemoryError/);
    const row = await wb.waitForProblem([new RegExp(`Ln ${line}\\b`), /out of memory|cuda-oom|OOM/i]);
    await wb.goTo(line, 1);
    await wb.screenshot('log-root-cause');
    await wb.goTo(1, 1); // so that following the report's line link below visibly moves the cursor
    await wb.runCommand('trainlint: Analyze log');
    const report = await reportFrame(wb);
    const text = await wb.until('the report to name the root cause', () => report.locator('body').innerText(), (t) => /out of memory|cuda-oom|OOM/i.test(t));
    if (!/\brank\s*11\b/i.test(text)) throw new Error(`the report does not name rank 11 as the culprit:\n${text.slice(0, 1500)}`);
    const charts = await wb.until(
      'at least two charts (svg) in the report',
      () => report.locator('svg').count(),
      (n) => n >= 2,
    );
    const chartText = await report.locator('body').innerText();
    if (!/\bloss\b/i.test(chartText) || !/step time/i.test(chartText)) throw new Error('the report has no loss and step-time charts');
    await wb.screenshot('log-report');
    // Every line reference jumps to the log: follow the root cause's line link.
    await report.getByText(`line ${line}`, { exact: true }).first().click();
    await wb.page.locator('.part.statusbar', { hasText: new RegExp(`Ln ${line}, Col`) }).waitFor({ timeout: wb.timeoutMs });
    // A roomier view of the report for people reading the screenshots: no side bar, no panel, charts in view.
    await wb.runCommand('View: Close Primary Side Bar');
    await wb.runCommand('View: Hide Panel');
    await wb.page.locator('.part.panel').waitFor({ state: 'hidden', timeout: wb.timeoutMs });
    await wb.screenshot('log-report-full');
    await report.locator('svg').first().scrollIntoViewIfNeeded();
    await wb.screenshot('log-report-charts');
    await wb.runCommand('View: Show Explorer');
    return `${row}\n      report: ${charts} charts; ${text.replace(/\s+/g, ' ').slice(0, 160)}`;
  },
};
