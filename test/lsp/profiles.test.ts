import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspTestClient } from '../helpers/lsp-client';

const ws = mkdtempSync(join(tmpdir(), 'trainlint-ws-'));
writeFileSync(join(ws, 'team.cluster.yaml'), 'name: team-p5\nextends: aws-p5\n');
let client: LspTestClient;

before(async () => {
  client = new LspTestClient();
  await client.initialize(pathToFileURL(ws).href, { diagnosticsDelayMs: 0 });
});
after(() => client.shutdown());

test('workspace *.cluster.yaml profiles are listed next to the built-in ones', async () => {
  const list = (await client.conn.sendRequest('trainlint/listProfiles', {})) as Array<{ name: string; source: string; gpusPerNode: number }>;
  const names = list.map((p) => p.name);
  for (const builtin of ['h100-sxm-ib', 'aws-p5', 'h100-pcie', 'h200-sxm-ib', 'a100-sxm-ib']) assert.ok(names.includes(builtin), names.join(','));
  const team = list.find((p) => p.name === 'team-p5');
  assert.ok(team, JSON.stringify(list));
  assert.equal(team.gpusPerNode, 8);
  assert.match(team.source, /team\.cluster\.yaml$/);
});

test('an open, edited profile file is what the server uses (unsaved text wins)', async () => {
  const uri = pathToFileURL(join(ws, 'team.cluster.yaml')).href;
  await client.open(uri, 'yaml', 'name: team-p5\nextends: no-such-profile\n', 1);
  const d = await client.diagnostics(uri, (p) => p.version === 1);
  assert.ok(d.diagnostics.length > 0, 'an unknown extends is diagnosed');
  const list = (await client.conn.sendRequest('trainlint/listProfiles', {})) as Array<{ name: string }>;
  assert.ok(!list.some((p) => p.name === 'team-p5'), 'a profile with errors is not offered');
});
