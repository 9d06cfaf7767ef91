/** English catalogue, domain `history` (see ../README.md). Keys are shared with ../ko/history.ts. */
export const history = {
  history: {
    notify: {
      title: 'Diagnosis of {{target}} finished',
      ok: 'The connection works.',
      cause: 'Cause: {{cause}}. Open ConnDoctor for the proof and the fix.',
    },
  },
};
