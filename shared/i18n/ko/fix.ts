import type { Catalogue } from '../catalogue-type';
import type { fix as en } from '../en/fix';

/** Korean catalogue, domain `fix`: the same keys as ../en/fix.ts. */
export const fix = {
  fix: {},
} satisfies Catalogue<typeof en>;
