/** English catalogue, domain `evidence` (see ../README.md). Keys are shared with ../ko/evidence.ts. */
export const evidence = {
  evidence: {},
};
