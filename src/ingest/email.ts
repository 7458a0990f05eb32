import type { Reader } from '../types.js';
import { InputError } from '../types.js';

// PLACEHOLDER: replaced by the real reader.
export const readEml: Reader = async ({ path }) => {
  throw new InputError(`${path}: email is not supported yet`, 'input/unsupported');
};
