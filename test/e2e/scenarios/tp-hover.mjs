// (b) Hovering `tp` in a nanotron config shows what its collectives cost: a bandwidth estimate in GB/s.
export default {
  name: 'tp-hover',
  title: 'hovering tp shows the bandwidth estimate',
  async run(wb) {
    const file = 'configs/nanotron-tp16.yaml';
    await wb.openFile(file);
    const line = wb.lineOf(file, /^\s+tp: 16/);
    await wb.goTo(line, 1);
    const text = await wb.hover(/^\s+tp: 16\s*$/, 'tp', /\d[\d.,]*\s*GB\/s/);
    await wb.screenshot('tp-hover');
    return text.split('\n').slice(0, 6).join(' / ');
  },
};
