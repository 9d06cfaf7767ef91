import type { Catalogue } from '../catalogue-type';
import type { diagnosis as en } from '../en/diagnosis';

/** Korean catalogue, domain `diagnosis`: the same keys as ../en/diagnosis.ts. */
export const diagnosis = {
  diagnosis: {},
} satisfies Catalogue<typeof en>;
