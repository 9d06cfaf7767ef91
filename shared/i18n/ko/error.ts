import type { Catalogue } from '../catalogue-type';
import type { error as en } from '../en/error';

/** Korean catalogue, domain `error`: the same keys as ../en/error.ts. */
export const error = {
  error: {},
} satisfies Catalogue<typeof en>;
