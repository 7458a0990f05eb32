import type { Reader } from '../types.js';
import { InputError } from '../types.js';

// PLACEHOLDER: replaced by the real reader.
export const readMsg: Reader = async ({ path }) => {
  throw new InputError(`${path}: msg is not supported yet`, 'input/unsupported');
};
