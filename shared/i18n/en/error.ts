/** English catalogue, domain `error` (see ../README.md). Keys are shared with ../ko/error.ts. */
export const error = {
  error: {},
};
