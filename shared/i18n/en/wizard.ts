/** English catalogue, domain `wizard` (see ../README.md). Keys are shared with ../ko/wizard.ts. */
export const wizard = {
  wizard: {},
};
