import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkText } from '../../../server/src/core';

const SCRIPT = 'export NCCL_P2P_DISABLE=1\nexport NCCL_IB_DISABLE=1\n';

test('costs are derived from the active profile: a user profile with its own in-node send/recv measurement changes the baseline', () => {
  const user = {
    path: 'ws/lab.cluster.yaml',
    text: 'name: lab-h100\nextends: h100-sxm-ib\ncollectives:\n  send-recv:\n    - nodes: 1\n      gpus: 2\n      busbwGBps: 300\n',
  };
  const r = checkText('run.sh', SCRIPT, { profileName: 'lab-h100', userProfiles: [user] });
  const p2p = r.findings.find((f) => f.code === 'nccl-p2p-disabled-on-nvlink');
  assert.ok(p2p, JSON.stringify(r.findings.map((f) => f.code)));
  assert.match(p2p.message, /300 GB\/s over NVLink \(lab-h100 profile\) vs 3\.24 GB\/s .*92\.6× slower/);
  // inherited fabric: still InfiniBand, so IB_DISABLE is judged
  assert.ok(r.findings.some((f) => f.code === 'nccl-ib-disabled'));
});

test('a profile with no in-node measurement states the risk without inventing figures', () => {
  const r = checkText('run.sh', SCRIPT, { profileName: 'a100-sxm-ib' });
  const p2p = r.findings.find((f) => f.code === 'nccl-p2p-disabled-on-nvlink')!;
  assert.ok(p2p);
  assert.doesNotMatch(p2p.message, /GB\/s/);
});

test('an Ethernet or EFA profile does not get the InfiniBand foot-gun', () => {
  const user = { path: 'ws/eth.cluster.yaml', text: 'name: eth-h100\nextends: h100-sxm-ib\nnetwork:\n  kind: ethernet\n' };
  const r = checkText('run.sh', SCRIPT, { profileName: 'eth-h100', userProfiles: [user] });
  assert.ok(!r.findings.some((f) => f.code === 'nccl-ib-disabled'), JSON.stringify(r.findings.map((f) => f.code)));
  assert.ok(!checkText('run.sh', SCRIPT, { profileName: 'aws-p5' }).findings.some((f) => f.code === 'nccl-ib-disabled'));
});
