import type { Finding } from '../../types';
import type { Rule } from '../../rules/rule';
import { extractEnv } from '../extract';

/** Shell / .env syntax trainlint could not follow (the affected values are not judged). */
export const envParseProblemRule: Rule = {
  id: 'env-parse-problem',
  defaultSeverity: 'information',
  doc:
    'An unterminated quote, `$(`, `${`, array or heredoc in a launch script or .env file. The shell would fail or read ' +
    'the rest of the file differently from what you see; trainlint stops the value at the end of the line and does not ' +
    'judge it, so nothing after a syntax error is reported falsely.',
  appliesTo: ['env'],
  check({ doc }) {
    return extractEnv(doc).problems.map(
      (p): Finding => ({
        code: 'env-parse-problem',
        severity: 'information',
        message: `${p.message[0].toUpperCase()}${p.message.slice(1)}; values on this line are not judged.`,
        range: p.range,
      }),
    );
  },
};
