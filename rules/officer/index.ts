import type { Rule } from '../../src/engine/rule.js';
import { derogatoryReference } from './derogatory-reference.js';
import { dishonestyAllegation } from './dishonesty-allegation.js';
import { conductCapabilityInPublic } from './conduct-capability-in-public.js';
import { staffingPressure } from './staffing-pressure.js';
import { pressureOnAdvice } from './pressure-on-advice.js';

/** The `officer/` family. Each rule lives in its own file beside this one; see README.md. */
export const rules: Rule[] = [derogatoryReference, dishonestyAllegation, conductCapabilityInPublic, staffingPressure, pressureOnAdvice];
