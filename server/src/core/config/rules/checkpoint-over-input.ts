import type { Rule } from '../../rules/rule';
import { planFor } from '../plan-for';
import { CONFIG_KINDS } from './common';

const normal = (p: string) => p.trim().replace(/\/+$/, '') || '/';

/**
 * The checkpointer saves into the directory it reads the starting weights from (torchtune
 * checkpointer.output_dir == checkpointer.checkpoint_dir): the run's checkpoints mix with the downloaded weights.
 */
export const checkpointOverInputRule: Rule = {
  id: 'checkpoint-dir-is-input-dir',
  defaultSeverity: 'information',
  doc: 'Notes when checkpoints are saved into the same directory the starting weights are read from (torchtune checkpointer.output_dir equal to checkpointer.checkpoint_dir): the fine-tuned files land next to the downloaded ones, so it is easy to load the wrong weights later, and a file with the same name is overwritten. Use a separate output directory.',
  appliesTo: CONFIG_KINDS,
  check(ctx) {
    const plan = planFor(ctx.doc);
    const out = plan?.checkpoint.path;
    const input = plan?.checkpoint.initPath;
    if (!out || !input || out.file || normal(out.value) !== normal(input.value)) return [];
    return [
      {
        code: 'checkpoint-dir-is-input-dir',
        severity: 'information',
        message: `${out.key} is the directory the starting weights are read from (${input.key} = ${input.value}): saved checkpoints land next to the downloaded weights, which makes it easy to load the wrong files later and overwrites any file with the same name. Use a separate output directory.`,
        range: out.range,
        data: { outputDir: out.value, inputDir: input.value },
        related: [{ message: `starting weights read from ${input.value}`, range: input.range }],
      },
    ];
  },
};
