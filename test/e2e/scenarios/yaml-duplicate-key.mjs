// A YAML key written twice shows `yaml-duplicate-key` in the Problems panel (the server's own YAML rule).
export default {
  name: 'yaml-duplicate-key',
  title: 'a YAML file with a duplicate key shows yaml-duplicate-key in Problems',
  async run(wb) {
    await wb.openFile('configs/duplicate-key.yaml');
    const line = wb.lineOf('configs/duplicate-key.yaml', /^\s+checkpoint_interval: 5000/);
    const row = await wb.waitForProblem([/yaml-duplicate-key/, /checkpoint_interval/, new RegExp(`Ln ${line}\\b`)]);
    await wb.screenshot('yaml-duplicate-key');
    return row;
  },
};
