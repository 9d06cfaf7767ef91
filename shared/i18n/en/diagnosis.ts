/** English catalogue, domain `diagnosis` (see ../README.md). Keys are shared with ../ko/diagnosis.ts. */
export const diagnosis = {
  diagnosis: {},
};
