// (a) A nanotron config whose tensor-parallel group (tp: 16) is larger than an 8-GPU node: Problems shows a
// warning on that line, and the message prices it (a time or a share of the step).
export default {
  name: 'tp-spans-nodes',
  title: 'nanotron tp: 16 on 8-GPU nodes warns in Problems with its cost',
  async run(wb) {
    const file = 'configs/nanotron-tp16.yaml';
    await wb.openFile(file);
    const line = wb.lineOf(file, /^\s+tp: 16/);
    const row = await wb.waitForProblem([
      new RegExp(`Ln ${line}\\b`),
      /warning/i,
      /node/i,
      /\d[\d.,]*\s*(ms|s|%|GB\/s|GPU-hours?|hours?)\b/i,
    ]);
    await wb.goTo(line, 3);
    await wb.screenshot('tp-spans-nodes');
    // The squiggle's hover carries the whole message (the Problems row is cut to the panel's width).
    await wb.hover(/^\s+tp: 16\s*$/, '16', /node[\s\S]*\d\s*ms/);
    await wb.screenshot('tp-spans-nodes-hover');
    return row;
  },
};
