// (c) An sbatch script exporting NCCL_P2P_DISABLE=1 is flagged on that line, saying what it costs on NVLink nodes.
export default {
  name: 'sbatch-p2p-disabled',
  title: 'an sbatch script with NCCL_P2P_DISABLE=1 is flagged',
  async run(wb) {
    const file = 'scripts/train.sbatch';
    await wb.openFile(file);
    const line = wb.lineOf(file, /NCCL_P2P_DISABLE=1/);
    const row = await wb.waitForProblem([new RegExp(`Ln ${line}\\b`), /NCCL_P2P_DISABLE/, /NVLink|GB\/s|P2P/i]);
    await wb.screenshot('sbatch-p2p-disabled');
    await wb.hover(/^export NCCL_P2P_DISABLE=1/, 'NCCL_P2P_DISABLE', /GB\/s/);
    await wb.screenshot('sbatch-p2p-disabled-hover');
    return row;
  },
};
