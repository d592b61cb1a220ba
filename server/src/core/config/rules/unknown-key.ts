import type { Rule } from '../../rules/rule';
import { schemaFindings } from '../schema';
import { CONFIG_KINDS } from './common';

/** Unknown keys with a did-you-mean, and values outside a key's allowed set (schemas/<framework>.schema.json). */
export const unknownKeyRule: Rule = {
  id: 'unknown-key',
  defaultSeverity: 'warning',
  doc: 'Several frameworks silently ignore keys they do not know, so a typo such as `tensor_paralel_size` leaves the default in force and the run trains with a different layout than written. trainlint checks each key against the framework schema in schemas/ and suggests the known key it most likely meant; values of enumerated keys (pp_engine, sharding strategy, precision) are checked too.',
  appliesTo: CONFIG_KINDS,
  check(ctx) {
    return schemaFindings(ctx.doc);
  },
};
