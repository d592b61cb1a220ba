// The "Analyze log" report lives in a webview: an iframe (class `webview`) holding the content iframe `#active-frame`.
// Waits for it, or fails early with a message trainlint showed instead (an error or a warning).
export async function reportFrame(wb) {
  const outer = wb.page.locator('iframe.webview.ready').last();
  const state = await wb.until(
    'the report webview (or a trainlint notification instead)',
    async () =>
      (await outer.count()) ? 'webview' : (await wb.notifications()).find((n) => n.severity !== 'info' && /trainlint/i.test(n.text))?.text,
    (v) => Boolean(v),
  );
  if (state !== 'webview') throw new Error(`no report webview; trainlint said: ${state}`);
  const frame = wb.page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
  await frame.locator('body').waitFor({ state: 'attached', timeout: wb.timeoutMs });
  return frame;
}
