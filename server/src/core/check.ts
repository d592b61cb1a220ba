import { TrainlintDocument } from './document';
import { RULES } from './rules';
import type { Rule, RuleContext } from './rules/rule';
import { resolveActiveProfile } from './profiles/active';
import { DEFAULT_PROFILE_NAME } from './profiles/registry';
import type { UserProfileSource } from './profiles/user-profile';
import type { Finding, FileKind, Severity } from './types';
import { isTrainingConfigKind } from './types';

export interface CheckOptions {
  /** Active cluster profile name. */
  profileName?: string;
  /** Workspace cluster profiles (`*.cluster.yaml`) that `profileName` and `# trainlint: profile=` may name. */
  userProfiles?: UserProfileSource[];
  /** Per-rule severity overrides; `off` disables the rule. */
  severityOverrides?: Record<string, Severity | 'off'>;
  /** Extra rules (tests, later issues that register outside the table). */
  rules?: Rule[];
}

export interface CheckResult {
  kind: FileKind;
  /** Framework label shown to the user, e.g. "nanotron". */
  label: string;
  findings: Finding[];
}

export const DEFAULT_PROFILE = DEFAULT_PROFILE_NAME;

function applies(rule: Rule, doc: TrainlintDocument): boolean {
  for (const a of rule.appliesTo) {
    if (a === 'any') return true;
    if (a === 'yaml' && doc.yaml) return true;
    if (a === doc.kind) return true;
  }
  return false;
}

function ruleCrashFinding(rule: Rule, error: unknown): Finding {
  return {
    code: 'internal-error',
    severity: 'warning',
    message: `trainlint rule "${rule.id}" failed on this file and was skipped: ${error instanceof Error ? error.message : String(error)}`,
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    data: { rule: rule.id },
  };
}

/** The context every rule and editor provider receives for `doc` under `options`. */
export function createRuleContext(doc: TrainlintDocument, options: CheckOptions = {}): RuleContext {
  const r = resolveActiveProfile(doc, options.profileName, options.userProfiles);
  return { doc, profileName: r.profile.name, profile: r.profile, profileNote: r.fallbackReason, userProfiles: options.userProfiles };
}

/** Runs every applicable rule on a document. Never throws: a failing rule becomes a finding. */
export function checkDocument(doc: TrainlintDocument, options: CheckOptions = {}): CheckResult {
  const findings: Finding[] = [];
  if (doc.isBinary) {
    findings.push({
      code: 'binary-file',
      severity: 'information',
      message: 'This looks like a binary file (it contains NUL bytes); trainlint does not lint it.',
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    });
    return { kind: doc.kind === 'log' ? 'log' : 'unknown', label: 'binary', findings };
  }
  if (doc.isYaml && doc.tooLargeForYaml) {
    findings.push({
      code: 'file-too-large',
      severity: 'information',
      message: `This file is ${(doc.text.length / 1048576).toFixed(1)} MB, larger than any training config; trainlint does not parse it as YAML.`,
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    });
  }
  const ctx = createRuleContext(doc, options);
  const overrides = options.severityOverrides ?? {};
  for (const rule of [...RULES, ...(options.rules ?? [])]) {
    if (overrides[rule.id] === 'off' || !applies(rule, doc)) continue;
    let produced: Finding[];
    try {
      produced = rule.check(ctx);
    } catch (e) {
      findings.push(ruleCrashFinding(rule, e));
      continue;
    }
    for (const f of produced) {
      const o = overrides[f.code];
      if (o === 'off') continue;
      findings.push(o ? { ...f, severity: o } : f);
    }
  }
  findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return { kind: doc.kind, label: doc.detection.label, findings };
}

/** Convenience for callers holding text: build the document and check it. */
export function checkText(path: string, text: string, options: CheckOptions = {}, languageId?: string): CheckResult {
  return checkDocument(new TrainlintDocument(path, text, languageId), options);
}

export { isTrainingConfigKind };
