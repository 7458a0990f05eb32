import type { Reader } from '../types.js';
import { InputError } from '../types.js';

// PLACEHOLDER: replaced by the real reader.
export const readHtml: Reader = async ({ path }) => {
  throw new InputError(`${path}: html is not supported yet`, 'input/unsupported');
};
