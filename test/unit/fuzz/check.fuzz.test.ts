import { test } from 'node:test';
import fc from 'fast-check';
import { checkText, completionsAt, createRuleContext, hoverAt, inlayHintsIn, TrainlintDocument } from '../../../server/src/core';
import { corpusFiles } from '../../helpers/corpus';
import { assertFindingsInside } from '../../helpers/ranges';

/**
 * Every public entry point on every document shape: no exception escapes, every finding lies inside the
 * document. Inputs: random text, random YAML-ish token soup, and real corpus configs mutated at random.
 */
const PATHS = ['config.yaml', 'ds.json', 'launch.sbatch', 'run.sh', '.env', 'Dockerfile', 'team.cluster.yaml', 'train.log'];
const TOKENS = ['parallelism:', '  tp: ', '  dp: ', 'model:', '- ', ': ', '"', "'", '&a ', '*a ', '!!str ', '{', '}', '[', ']', '\n', '\t', '  ', '#', 'export NCCL_P2P_DISABLE=1', 'NCCL_IB_HCA=^mlx5', '$(', '${X}', '\\\n', '<<EOF\n', 'EOF\n', '0', '-1', '1e999', 'nan', '\u0000', '\ud800', 'é', '𝔘'];

function exercise(path: string, text: string): void {
  const r = checkText(path, text, { profileName: 'aws-p5' });
  assertFindingsInside(r.findings, text);
  const ctx = createRuleContext(new TrainlintDocument(path, text), { profileName: 'aws-p5' });
  const lines = text.split('\n');
  const positions = [{ line: 0, character: 0 }, { line: Math.floor(lines.length / 2), character: 2 }, { line: lines.length - 1, character: 1 }];
  for (const p of positions) {
    hoverAt(ctx, p);
    completionsAt(ctx, p);
  }
  inlayHintsIn(ctx, { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } });
}

test('random strings never break checking, hover, completion or hints', () => {
  fc.assert(
    fc.property(fc.constantFrom(...PATHS), fc.string({ unit: 'binary', maxLength: 400 }), (path, text) => exercise(path, text)),
    { numRuns: 300 },
  );
});

test('YAML-ish token soup never breaks checking', () => {
  fc.assert(
    fc.property(fc.constantFrom(...PATHS), fc.array(fc.constantFrom(...TOKENS), { maxLength: 120 }), (path, parts) => exercise(path, parts.join(''))),
    { numRuns: 400 },
  );
});

const configs = corpusFiles('configs', /\.(ya?ml|sh)$/);

test('mutated real corpus configs never break checking', () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...configs),
      fc.array(fc.tuple(fc.nat(), fc.nat({ max: 40 }), fc.constantFrom(...TOKENS, '')), { minLength: 1, maxLength: 6 }),
      (file, edits) => {
        let text = file.text;
        for (const [at, del, ins] of edits) {
          const i = text.length ? at % text.length : 0;
          text = text.slice(0, i) + ins + text.slice(i + del);
        }
        exercise(file.name, text);
      },
    ),
    { numRuns: 150 },
  );
});
