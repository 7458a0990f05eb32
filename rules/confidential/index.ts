import type { Rule } from '../../src/engine/rule.js';
import { unapprovedDisclosure } from './unapproved-disclosure.js';
import { exemptGroundMissing } from './exempt-ground-missing.js';
import { exemptParagraphInvalid } from './exempt-paragraph-invalid.js';
import { personalData } from './personal-data.js';
import { groupBriefingRelayed } from './group-briefing-relayed.js';
import { exemptItemInPublicPack } from './exempt-item-in-public-pack.js';
import { statutoryConfidential } from './statutory-confidential.js';

/** The `confidential/` family. Each rule lives in its own file beside this one. */
export const rules: Rule[] = [unapprovedDisclosure, exemptGroundMissing, exemptParagraphInvalid, personalData, groupBriefingRelayed, exemptItemInPublicPack, statutoryConfidential];
