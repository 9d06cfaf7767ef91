/** English catalogue, domain `cli` (see ../README.md). Keys are shared with ../ko/cli.ts. */
export const cli = {
  cli: {},
};
