import { envFamilyOf, envVarSpec, NCCL_VARS, NON_RUNTIME_NAME_SUFFIX } from '../../data/nccl-vars';
import type { Finding } from '../../types';
import type { Rule } from '../../rules/rule';
import { ENV_APPLIES, renameFix } from '../common';
import { didYouMean } from '../did-you-mean';
import { extractEnv } from '../extract';

const ALL_NAMES = NCCL_VARS.map((v) => v.name);

/**
 * A name in a family trainlint knows (NCCL_*, TORCH_NCCL_*, TORCH_DISTRIBUTED_*, FI_*, ...) that is not a real
 * variable: usually a typo, silently ignored by NCCL or PyTorch.
 */
export const envUnknownVariableRule: Rule = {
  id: 'env-unknown-variable',
  defaultSeverity: 'warning',
  doc:
    'A variable in the NCCL / PyTorch-distributed / EFA name families that none of them reads. Environment variables are ' +
    'never validated by the library: a misspelled `NCCL_P2P_DISABLED=1` or `NCCL_DEBUG_SUBSYSTEM=ALL` is silently ignored, ' +
    'so the setting you think is active is not. trainlint compares the name with the NCCL 2.28 env page, PyTorch ' +
    'ProcessGroupNCCL variables and the AWS EFA cheat sheet and suggests the closest real name (edit distance, word order, ' +
    'missing TORCH_ prefix). libfabric (FI_*) has hundreds of knobs, so there only near-misses of known names are reported.',
  appliesTo: ENV_APPLIES,
  check({ doc }) {
    const out: Finding[] = [];
    for (const a of extractEnv(doc).assignments) {
      if (envVarSpec(a.name)) continue;
      const fam = envFamilyOf(a.name);
      if (!fam) continue;
      if (NON_RUNTIME_NAME_SUFFIX.test(a.name)) continue;
      const sug = didYouMean(a.name, ALL_NAMES);
      // Script-local variables (never exported) are not environment settings unless they look like a typo.
      if (!sug && (!fam.strict || !a.exported)) continue;
      const why = sug?.why === 'prefix' ? ' (PyTorch reads it with the TORCH_ prefix)' : sug?.why === 'word-order' ? ' (same words, different order)' : '';
      out.push({
        code: 'env-unknown-variable',
        severity: sug ? (fam.strict ? 'warning' : 'information') : 'information',
        message: sug
          ? `${a.name} is not a known ${fam.label} variable (a misspelled name is silently ignored). Did you mean ${sug.name}${why}?`
          : fam.complete
            ? `${a.name} is not on NVIDIA's NCCL env page (2.28): NCCL ignores names it does not read, so check the spelling; an undocumented knob is unsupported.`
            : `${a.name} is not among the ${fam.label} variables trainlint knows; check the spelling against the ${fam.label} documentation.`,
        range: a.nameRange,
        data: { name: a.name, family: fam.family, suggestion: sug?.name },
        fixes: sug ? [renameFix(a, sug.name, `Change to ${sug.name}`)] : undefined,
      });
    }
    return out;
  },
};
