import type { Catalogue } from '../catalogue-type';
import type { cli as en } from '../en/cli';

/** Korean catalogue, domain `cli`: the same keys as ../en/cli.ts. */
export const cli = {
  cli: {},
} satisfies Catalogue<typeof en>;
