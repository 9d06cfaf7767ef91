import type { Catalogue } from '../catalogue-type';
import type { history as en } from '../en/history';

/** Korean catalogue, domain `history`: the same keys as ../en/history.ts. */
export const history = {
  history: {},
} satisfies Catalogue<typeof en>;
