// (e) A quick fix applies: the legacy NCCL_ASYNC_ERROR_HANDLING (deprecated since torch 2.2) is renamed to
// TORCH_NCCL_ASYNC_ERROR_HANDLING from the quick-fix menu, and the warning goes away.
export default {
  name: 'quick-fix',
  title: 'a quick fix applies (legacy NCCL_ASYNC_ERROR_HANDLING -> TORCH_NCCL_ASYNC_ERROR_HANDLING)',
  async run(wb) {
    const file = 'scripts/legacy-env.sh';
    await wb.openFile(file);
    const line = wb.lineOf(file, /^export NCCL_ASYNC_ERROR_HANDLING=1/);
    await wb.waitForProblem([new RegExp(`Ln ${line}\\b`), /NCCL_ASYNC_ERROR_HANDLING/]);
    await wb.goTo(line, 'export '.length + 3);
    const picked = await wb.applyQuickFix(/TORCH_NCCL_ASYNC_ERROR_HANDLING/, { screenshot: 'quick-fix-menu' });
    await wb.until('the fixed line in the editor', () => wb.editorText(), (t) => /^export TORCH_NCCL_ASYNC_ERROR_HANDLING=1$/m.test(t));
    await wb.page.keyboard.press(process.platform === 'darwin' ? 'Meta+S' : 'Control+S');
    await wb.until(
      'the legacy-name problem to disappear',
      () => wb.problemRows(),
      (rows) => Array.isArray(rows) && !rows.some((r) => new RegExp(`\\bNCCL_ASYNC_ERROR_HANDLING\\b.*Ln ${line}\\b`).test(r)),
    );
    await wb.screenshot('quick-fix');
    return `picked "${picked}"`;
  },
};
