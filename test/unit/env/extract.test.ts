import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TrainlintDocument } from '../../../server/src/core';
import { extractEnv, type EnvAssignment } from '../../../server/src/core/env';
import { envFindings } from './helpers';

function extract(path: string, text: string): EnvAssignment[] {
  return extractEnv(new TrainlintDocument(path, text)).assignments;
}

function pairs(path: string, text: string): string[] {
  return extract(path, text).map((a) => `${a.origin}:${a.name}=${a.value === undefined ? '<unresolved>' : a.value}`);
}

test('shell forms: export, plain, prefix, env, srun --export, #SBATCH --export, mpirun -x, docker -e', () => {
  const text = [
    '#!/bin/bash',
    '#SBATCH --nodes=2 --export=ALL,NCCL_DEBUG=WARN',
    'export NCCL_IB_HCA==mlx5_0 NCCL_SOCKET_IFNAME="^lo,docker"',
    "NCCL_ALGO='Ring'",
    'NCCL_PROTO=Simple python train.py',
    'env -u FOO NCCL_NVLS_ENABLE=0 torchrun x.py',
    'srun --export=ALL,NCCL_IB_TIMEOUT=22,NCCL_DEBUG python x.py',
    'srun --export NCCL_CROSS_NIC=0 python x.py',
    'mpirun -np 16 -x NCCL_BUFFSIZE=8388608 -x LD_LIBRARY_PATH ./all_reduce_perf',
    'docker run -e NCCL_P2P_LEVEL=NVL --env=FI_PROVIDER=efa img',
    'declare -x TORCH_NCCL_BLOCKING_WAIT=1',
    'local NCCL_X=1',
  ].join('\n');
  assert.deepEqual(pairs('job.sbatch', text), [
    'sbatch-export:NCCL_DEBUG=WARN',
    'export:NCCL_IB_HCA==mlx5_0',
    'export:NCCL_SOCKET_IFNAME=^lo,docker',
    'shell-variable:NCCL_ALGO=Ring',
    'command-prefix:NCCL_PROTO=Simple',
    'env-command:NCCL_NVLS_ENABLE=0',
    'srun-export:NCCL_IB_TIMEOUT=22',
    'srun-export:NCCL_CROSS_NIC=0',
    'mpirun-x:NCCL_BUFFSIZE=8388608',
    'docker-env:NCCL_P2P_LEVEL=NVL',
    'docker-env:FI_PROVIDER=efa',
    'export:TORCH_NCCL_BLOCKING_WAIT=1',
  ]);
});

test('ranges point at the name and the value as written (quotes included in the value range)', () => {
  const text = 'export NCCL_SOCKET_IFNAME="^lo,docker"\n';
  const [a] = extract('x.sh', text);
  assert.deepEqual(a.nameRange, { start: { line: 0, character: 7 }, end: { line: 0, character: 25 } });
  assert.deepEqual(a.valueRange, { start: { line: 0, character: 26 }, end: { line: 0, character: 38 } });
  assert.equal(a.raw, '"^lo,docker"');
  assert.equal(text[a.valueOffsets![0]], '^');
});

test('expansions make a value unresolved and are never judged', () => {
  const text = [
    'export NCCL_DEBUG=$LEVEL',
    'export NCCL_P2P_DISABLE=${DISABLE:-1}',
    'export NCCL_IB_HCA="$(ls /sys/class/infiniband | paste -sd,)"',
    'export NCCL_ALGO=`cat algo.txt`',
    'export NCCL_SOCKET_IFNAME=lo$SUFFIX',
    'NCCL_PROTO+=",LL"',
  ].join('\n');
  const as = extract('x.sh', text);
  assert.equal(as.length, 6);
  assert.ok(as.every((a) => a.value === undefined));
  assert.deepEqual(envFindings('x.sh', text), []);
});

test('escaped dollars and single quotes are literal', () => {
  assert.deepEqual(pairs('x.sh', "export NCCL_DEBUG_FILE='/tmp/nccl.$h.log'\nexport TORCH_FR_DUMP_TEMP_FILE=\"/tmp/fr_\\$x\""), [
    'export:NCCL_DEBUG_FILE=/tmp/nccl.$h.log',
    'export:TORCH_FR_DUMP_TEMP_FILE=/tmp/fr_$x',
  ]);
});

test('line continuations join words; a multi-line quoted command is one word', () => {
  const text = 'export \\\n  NCCL_DEBUG=INFO \\\n  NCCL_IB_DISABLE=1\nCMD="torchrun \\\n  --nnodes 2\n  NCCL_P2P_DISABLE=1"\n';
  assert.deepEqual(pairs('x.sh', text), ['export:NCCL_DEBUG=INFO', 'export:NCCL_IB_DISABLE=1', 'shell-variable:CMD=torchrun   --nnodes 2\n  NCCL_P2P_DISABLE=1']);
  const debug = extract('x.sh', text)[0];
  assert.equal(debug.nameRange.start.line, 1);
});

test('heredoc bodies are skipped (<<EOF, <<-EOF, quoted delimiters), here-strings are not heredocs', () => {
  const text = [
    "cat > job.sh <<'EOF'",
    'export NCCL_P2P_DISABLE=1',
    'EOF',
    'cat <<-END',
    '\texport NCCL_IB_DISABLE=1',
    '\tEND',
    'read x <<< "NCCL_DEBUG=INFO"',
    'export NCCL_DEBUG=WARN',
  ].join('\n');
  assert.deepEqual(pairs('x.sh', text), ['export:NCCL_DEBUG=WARN']);
});

test('an unterminated heredoc swallows the rest of the file and is reported once', () => {
  const text = 'cat <<EOF\nexport NCCL_P2P_DISABLE=1\n';
  const ex = extractEnv(new TrainlintDocument('x.sh', text));
  assert.equal(ex.assignments.length, 0);
  assert.equal(ex.problems.length, 1);
  assert.match(ex.problems[0].message, /heredoc "EOF" is never closed/);
});

test('an unterminated quote stops at its line: later lines are still read and nothing on it is judged', () => {
  const text = 'export NCCL_DEBUG="INFO\nexport NCCL_P2P_DISABLE=1\n';
  const as = extract('x.sh', text);
  assert.deepEqual(as.map((a) => [a.name, a.value]), [
    ['NCCL_DEBUG', undefined],
    ['NCCL_P2P_DISABLE', '1'],
  ]);
  const f = envFindings('x.sh', text);
  assert.deepEqual(f.map((x) => `${x.range.start.line}:${x.code}`), ['0:env-parse-problem', '1:nccl-p2p-disabled-on-nvlink']);
  for (const bad of ["export NCCL_ALGO='Ring\n", 'X=$(date\nexport NCCL_DEBUG=INFO\n', 'A=${B\n', 'ARR=(a b\n', 'X=`date\n']) {
    assert.doesNotThrow(() => envFindings('x.sh', bad));
    assert.ok(extractEnv(new TrainlintDocument('y.sh', bad)).problems.length >= 1, bad);
  }
});

test('comments, redirections and arrays do not produce assignments', () => {
  const text = [
    '# export NCCL_DEBUG=INFO',
    'echo NCCL_DEBUG=INFO > out.txt 2>&1 # NCCL_ALGO=Tree',
    'ARGS=(--foo NCCL_X=1 # comment )',
    ')',
    'python x.py 2> err.log NCCL_IB_DISABLE=1',
  ].join('\n');
  assert.deepEqual(pairs('x.sh', text).filter((p) => p.includes('NCCL')), []);
});

test('if/case/loop/function bodies are marked conditional; set -a and a later export mark plain assignments exported', () => {
  const text = [
    'if [ "$X" = 1 ]; then',
    '  export NCCL_ALGO=Ring',
    'fi',
    'f() {',
    '  export NCCL_PROTO=LL',
    '}',
    'for i in 1 2; do NCCL_DEBUG=INFO; done',
    'NCCL_IB_TIMEOUT=22',
    'export NCCL_IB_TIMEOUT',
    'set -a',
    'NCCL_CROSS_NIC=0',
  ].join('\n');
  const as = extract('x.sh', text);
  const by = (n: string) => as.find((a) => a.name === n)!;
  assert.equal(by('NCCL_ALGO').conditional, true);
  assert.equal(by('NCCL_PROTO').conditional, true);
  assert.equal(by('NCCL_DEBUG').conditional, true);
  assert.equal(by('NCCL_IB_TIMEOUT').conditional, false);
  assert.equal(by('NCCL_IB_TIMEOUT').exported, true);
  assert.equal(by('NCCL_CROSS_NIC').exported, true);
});

test('.env files: quotes, inline comments, export prefix, unterminated quote', () => {
  const text = '# c\nNCCL_DEBUG=INFO # verbose\nexport NCCL_ALGO="Ring"\nNCCL_PROTO=\'Simple\'\nNCCL_TOPO_FILE=$HOME/topo.xml\nNCCL_IB_HCA="mlx5\n';
  assert.deepEqual(pairs('.env', text), [
    'dotenv:NCCL_DEBUG=INFO',
    'dotenv:NCCL_ALGO=Ring',
    'dotenv:NCCL_PROTO=Simple',
    'dotenv:NCCL_TOPO_FILE=<unresolved>',
    'dotenv:NCCL_IB_HCA=<unresolved>',
  ]);
  assert.equal(extractEnv(new TrainlintDocument('prod.env', text)).format, 'dotenv');
});

test('.env export lines follow shell rules: several assignments, quotes, comments; plain lines keep .env semantics', () => {
  const text = 'export NCCL_NSOCKS_PERTHREAD=8 NCCL_SOCKET_NTHREADS=16\nexport NCCL_ALGO="Ring" NCCL_PROTO=Simple # tuned\nexport NCCL_DEBUG\nNCCL_DEBUG_SUBSYS=INIT NET\n';
  assert.deepEqual(pairs('.env', text), [
    'dotenv:NCCL_NSOCKS_PERTHREAD=8',
    'dotenv:NCCL_SOCKET_NTHREADS=16',
    'dotenv:NCCL_ALGO=Ring',
    'dotenv:NCCL_PROTO=Simple',
    'dotenv:NCCL_DEBUG_SUBSYS=INIT NET',
  ]);
  const as = extract('.env', text);
  // ranges point at each assignment of the line
  assert.deepEqual(as[1].nameRange, { start: { line: 0, character: 31 }, end: { line: 0, character: 51 } });
  assert.deepEqual(as[1].valueRange, { start: { line: 0, character: 52 }, end: { line: 0, character: 54 } });
  assert.ok(as.every((a) => a.scope === 'script' && a.exported));
  // the line is linted like the same line of a script: the product is flagged, not the value
  const codes = (file: string) => envFindings(file, 'export NCCL_NSOCKS_PERTHREAD=8 NCCL_SOCKET_NTHREADS=16\n').map((f) => `${f.code}:${f.severity}`);
  assert.deepEqual(codes('.env'), codes('run.sh'));
  assert.ok(codes('.env').includes('env-contradiction:warning'));
  assert.ok(!codes('.env').some((c) => c.endsWith(':error')));
  // an unclosed quote on an export line is reported and does not swallow the next line
  const bad = extractEnv(new TrainlintDocument('.env', 'export NCCL_ALGO="Ring\nNCCL_PROTO=Simple\n'));
  assert.equal(bad.problems.length, 1);
  assert.deepEqual(bad.assignments.map((a) => a.name), ['NCCL_ALGO', 'NCCL_PROTO']);
  assert.equal(bad.assignments[1].value, 'Simple');
});

test('Dockerfile ENV: key=value pairs across continuations and the legacy "ENV NAME value" form', () => {
  const text = 'FROM x\nENV NCCL_DEBUG=WARN \\\n    NCCL_PROTO="LL,Simple"\nenv NCCL_TREE_THRESHOLD 0\nENV PATH=/x:$PATH\nRUN export NCCL_P2P_DISABLE=1\n';
  assert.deepEqual(pairs('Dockerfile', text), [
    'dockerfile-env:NCCL_DEBUG=WARN',
    'dockerfile-env:NCCL_PROTO=LL,Simple',
    'dockerfile-env:NCCL_TREE_THRESHOLD=0',
    'dockerfile-env:PATH=<unresolved>',
  ]);
  assert.equal(extract('Dockerfile', text)[1].nameRange.start.line, 2);
});

test('YAML: plain env maps anywhere, Kubernetes env lists (valueFrom and $(VAR) unresolved), compose-style lists', () => {
  const text = [
    'trainer:',
    '  env:',
    '    NCCL_DEBUG: INFO',
    '    NCCL_IB_DISABLE: 1',
    '    NCCL_ALGO: ${oc.env:ALGO}',
    '---',
    'spec:',
    '  containers:',
    '    - env:',
    '        - name: NCCL_P2P_DISABLE',
    '          value: "1"',
    '        - name: NCCL_SOCKET_IFNAME',
    '          valueFrom: {fieldRef: {fieldPath: status.podIP}}',
    '        - name: NCCL_IB_HCA',
    '          value: $(HCAS)',
    'services:',
    '  trainer:',
    '    environment:',
    '      - NCCL_PROTO=Simple',
  ].join('\n');
  assert.deepEqual(pairs('job.yaml', text), [
    'yaml-env:NCCL_DEBUG=INFO',
    'yaml-env:NCCL_IB_DISABLE=1',
    'yaml-env:NCCL_ALGO=<unresolved>',
    'yaml-env:NCCL_P2P_DISABLE=1',
    'yaml-env:NCCL_SOCKET_IFNAME=<unresolved>',
    'yaml-env:NCCL_IB_HCA=<unresolved>',
    'yaml-env:NCCL_PROTO=Simple',
  ]);
  const p2p = extract('job.yaml', text).find((a) => a.name === 'NCCL_P2P_DISABLE')!;
  assert.equal(p2p.nameRange.start.line, 9);
  assert.equal(p2p.valueRange.start.line, 10);
});

test('a script of many thousands of lines is parsed in one linear pass with every assignment found', () => {
  const block = [
    'export NCCL_DEBUG=WARN',
    'if [ -n "$X" ]; then',
    '  NCCL_ALGO=Ring srun --export=ALL,NCCL_PROTO=Simple python "x y" $(date) \\',
    '     --flag \'quoted\' > out.log 2>&1',
    'fi',
    'cat <<EOF',
    'export NCCL_P2P_DISABLE=1',
    'EOF',
  ].join('\n');
  const n = 5000;
  const text = Array.from({ length: n }, () => block).join('\n');
  const ex = extractEnv(new TrainlintDocument('big.sh', text));
  assert.equal(ex.assignments.length, 3 * n);
  assert.equal(ex.problems.length, 0);
  // the whole rule set runs too (duplicate detection compares within scope, so no quadratic blow-up either)
  const f = envFindings('big.sh', text);
  assert.equal(f.filter((x) => x.code === 'nccl-proto-forced').length, n);
});
