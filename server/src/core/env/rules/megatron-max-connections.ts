import { MEGATRON_SEQUENCE_PARALLEL as M } from '../../data/env-footguns';
import type { Finding } from '../../types';
import type { Rule } from '../../rules/rule';
import { setValueFix } from '../common';
import { extractEnv } from '../extract';

/** Finds a Megatron sequence-parallel flag outside comments; returns its offset. */
function findFlag(text: string): number {
  for (const flag of M.flags) {
    let from = 0;
    for (;;) {
      const i = text.indexOf(flag, from);
      if (i < 0) break;
      from = i + flag.length;
      const before = i === 0 ? ' ' : text[i - 1];
      const after = text[i + flag.length] ?? ' ';
      if (!/[\s"'(=]/.test(before) || !/[\s"'\\)]/.test(after)) continue;
      const lineStart = text.lastIndexOf('\n', i) + 1;
      const hash = text.slice(lineStart, i).search(/(^|\s)#/);
      if (hash >= 0) continue; // inside a comment
      return i;
    }
  }
  return -1;
}

/** Megatron-LM sequence parallelism needs CUDA_DEVICE_MAX_CONNECTIONS=1. */
export const megatronMaxConnectionsRule: Rule = {
  id: 'megatron-cuda-device-max-connections',
  defaultSeverity: 'error',
  doc:
    'Megatron-LM refuses to start with `--sequence-parallel` (and async TP all-reduce) unless CUDA_DEVICE_MAX_CONNECTIONS=1: ' +
    `"${M.errorText}". A launch script that passes the flag and sets another value fails at startup, after the job has ` +
    'waited in the queue. (Newer Megatron prefers > 1 for FSDP and "1 or 32" for MoE EP overlap; this rule only looks at ' +
    'sequence parallelism.)',
  appliesTo: ['env'],
  check({ doc }) {
    const at = findFlag(doc.text);
    if (at < 0) return [];
    const sets = extractEnv(doc).assignments.filter((a) => a.name === M.variable);
    const out: Finding[] = [];
    if (!sets.length) {
      out.push({
        code: 'megatron-cuda-device-max-connections',
        severity: 'information',
        message: `--sequence-parallel is passed but this script does not set ${M.variable}; Megatron-LM refuses to start unless it is ${M.required} ("${M.errorText}"). Ignore if your environment already sets it.`,
        range: doc.lines.rangeOf(at, at + M.flags[0].length),
        data: { variable: M.variable, source: M.source },
      });
      return out;
    }
    for (const a of sets) {
      if (a.value === undefined || a.value.trim() === M.required) continue;
      out.push({
        code: 'megatron-cuda-device-max-connections',
        severity: 'error',
        message: `${M.variable}=${a.value.trim()} with --sequence-parallel (line ${doc.lines.positionAt(at).line + 1}): Megatron-LM refuses to start ("${M.errorText}").`,
        range: a.valueRange,
        data: { variable: M.variable, value: a.value, source: M.source },
        related: [{ message: '--sequence-parallel here', range: doc.lines.rangeOf(at, at + M.flags[0].length) }],
        fixes: [setValueFix(a, M.required)],
      });
    }
    return out;
  },
};
