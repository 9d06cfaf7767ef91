/** English catalogue, domain `cli` (see ../README.md). Keys are shared with ../ko/cli.ts. */
export const cli = {
  cli: {
    lang: {
      bad: '--lang {{value}}: use en or ko',
    },
    result: {
      line: '{{target}}: {{outcome}}, cause {{cause}} (confidence {{confidence}}, {{ms}} ms)',
      serverChecked: 'Server side checked on {{server}}.',
      serverNotChecked: 'Server side not checked (give --ssh, or --manual to paste its output).',
      fixed: 'Fixed and verified: {{description}}',
      notFixed: 'The fix was applied but the connection still fails: it was rolled back.',
      changeId: 'Change {{id}} is in the change log (undo it with: conndoctor undo {{id}}).',
      warning: 'warning: {{text}}',
      rule: 'Rule: {{rule}}',
      steps: 'Steps:',
      alsoFound: 'Also found:',
      evidence: 'Evidence:',
      ruledOut: 'Ruled out:',
      fix: 'Proposed fix: {{description}}',
      needsRoot: '(runs as root)',
      persistent: 'Survives a reboot. Undo:',
      notPersistent: 'Does not survive a reboot. Undo:',
      noUndo: 'It cannot be undone.',
      risk: 'Risk: {{risk}}',
      alternative: 'Or ({{id}}): {{description}}',
      applyHint: 'Apply it with: conndoctor diagnose {{target}} --fix{{ssh}}',
      hint: 'Hint: {{text}}',
      next: 'What to do next:',
    },
    verdict: {
      pass: 'pass',
      fail: 'FAIL',
      unknown: ' ?  ',
      skipped: 'skip',
    },
  },
};
