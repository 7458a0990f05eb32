import type { Reader } from '../types.js';
import { InputError } from '../types.js';

// PLACEHOLDER: replaced by the real reader.
export const readOdt: Reader = async ({ path }) => {
  throw new InputError(`${path}: odt is not supported yet`, 'input/unsupported');
};
