import type { Rule } from '../../src/engine/rule.js';
import { partyPolitical } from './party-political.js';
import { partyReference } from './party-reference.js';
import { preElection } from './pre-election.js';
import { personalisation } from './personalisation.js';
import { officerPoliticalComment } from './officer-political-comment.js';

/** The `publicity/` family. Each rule lives in its own file beside this one; ids are never renamed. */
export const rules: Rule[] = [partyPolitical, partyReference, preElection, personalisation, officerPoliticalComment];
