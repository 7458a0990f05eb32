import type { Reader } from '../types.js';
import { InputError } from '../types.js';

// PLACEHOLDER: replaced by the real reader.
export const readDocx: Reader = async ({ path }) => {
  throw new InputError(`${path}: docx is not supported yet`, 'input/unsupported');
};
