// The "Analyze log" report lives in a webview: an iframe (class `webview`) holding the content iframe `#active-frame`.
export async function reportFrame(wb) {
  const outer = wb.page.locator('iframe.webview.ready').last();
  await outer.waitFor({ state: 'attached', timeout: wb.timeoutMs });
  const frame = wb.page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
  await frame.locator('body').waitFor({ state: 'attached', timeout: wb.timeoutMs });
  return frame;
}
