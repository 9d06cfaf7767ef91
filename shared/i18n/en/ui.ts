/** English catalogue, domain `ui` (see ../README.md). Keys are shared with ../ko/ui.ts. */
export const ui = {
  ui: {},
};
