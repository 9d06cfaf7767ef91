import type { Catalogue } from '../catalogue-type';
import type { ui as en } from '../en/ui';

/** Korean catalogue, domain `ui`: the same keys as ../en/ui.ts. */
export const ui = {
  ui: {},
} satisfies Catalogue<typeof en>;
