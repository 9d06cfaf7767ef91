/** English catalogue, domain `history` (see ../README.md). Keys are shared with ../ko/history.ts. */
export const history = {
  history: {},
};
