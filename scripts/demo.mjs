#!/usr/bin/env node
// `npm run demo`: runs the bundled CLI on the examples/ folder the way a user would, and prints what it finds.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const cli = join(root, 'dist', 'cli.js');

const steps = [
  ['Lint the training config, the Slurm launch script and the team cluster profile', ['check', 'examples/']],
  ['Explain the failed run from its log', ['analyze', 'examples/failed-run.log']],
  ['Estimate memory, step time and MFU of the config', ['estimate', 'examples/nanotron-8b-4node.yaml']],
  ['What a 1 GiB all-reduce costs on 16 nodes of AWS p5', ['collective', 'all-reduce', '--size', '1GiB', '--gpus', '128', '--profile', 'aws-p5']],
  ['Cluster profiles', ['profiles']],
];

let broken = false;
for (const [title, args] of steps) {
  console.log(`\n\x1b[1m$ trainlint ${args.join(' ')}\x1b[0m   # ${title}`);
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8' });
  process.stdout.write(r.stdout);
  process.stderr.write(r.stderr);
  // 0 = fine, 1 = `check` found errors (expected on these examples); anything else is a failure of the demo.
  if (r.status !== 0 && r.status !== 1) broken = true;
}
process.exit(broken ? 1 : 0);
