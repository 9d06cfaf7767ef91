import type { Catalogue } from '../catalogue-type';
import type { wizard as en } from '../en/wizard';

/** Korean catalogue, domain `wizard`: the same keys as ../en/wizard.ts. */
export const wizard = {
  wizard: {},
} satisfies Catalogue<typeof en>;
