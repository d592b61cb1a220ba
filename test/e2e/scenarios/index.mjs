// Scenarios in the order they run. Each: { name, title, trust?: false, prepare?({ workspace, base }) before
// code-server starts, run(wb) -> detail string }.
import yamlDuplicateKey from './yaml-duplicate-key.mjs';
import tpSpansNodes from './tp-spans-nodes.mjs';
import tpHover from './tp-hover.mjs';
import sbatchP2pDisabled from './sbatch-p2p-disabled.mjs';
import quickFix from './quick-fix.mjs';
import logReport from './log-report.mjs';
import logEscaping from './log-escaping.mjs';
import untrusted from './untrusted.mjs';

export const SCENARIOS = [yamlDuplicateKey, tpSpansNodes, tpHover, sbatchP2pDisabled, quickFix, logReport, logEscaping, untrusted];
