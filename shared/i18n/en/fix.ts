/** English catalogue, domain `fix` (see ../README.md). Keys are shared with ../ko/fix.ts. */
export const fix = {
  fix: {},
};
