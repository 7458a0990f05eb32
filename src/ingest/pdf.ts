import type { Reader } from '../types.js';
import { InputError } from '../types.js';

// PLACEHOLDER: replaced by the real reader.
export const readPdf: Reader = async ({ path }) => {
  throw new InputError(`${path}: pdf is not supported yet`, 'input/unsupported');
};
