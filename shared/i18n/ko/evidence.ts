import type { Catalogue } from '../catalogue-type';
import type { evidence as en } from '../en/evidence';

/** Korean catalogue, domain `evidence`: the same keys as ../en/evidence.ts. */
export const evidence = {
  evidence: {},
} satisfies Catalogue<typeof en>;
