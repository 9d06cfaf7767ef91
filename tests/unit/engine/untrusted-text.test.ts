import { describe, expect, it } from 'vitest';
import { runProbe } from '../../../electron/engine/engine';
import type { ExecRequest, ExecResult, Executor } from '../../../electron/engine/exec/executor';
import { painter, renderEvidence } from '../../../electron/cli/render';
import { CUT_MARK, RAW_CAP, TEXT_CAP } from '../../../shared/text';

/**
 * Remote output is untrusted (DESIGN §4): a hostile server's process names with C1
 * controls, bidi overrides and escape sequences, and a flood of output, go through the
 * real listeners probe and the CLI's renderer.
 */

function server(stdout: string): Executor {
  return {
    kind: 'ssh',
    label: 'a hostile server',
    run: (req: ExecRequest): Promise<ExecResult> =>
      Promise.resolve({
        argv: req.argv,
        stdout,
        stderr: '',
        exitCode: 0,
        truncated: false,
        elevated: true,
        ms: 1,
      }),
    close: () => Promise.resolve(),
  };
}

const ctx = (stdout: string) => ({ client: server(''), server: server(stdout) });
const request = {
  probe: 'listeners',
  vantage: 'server',
  target: { host: '127.0.0.1', port: 8080 },
} as const;

// eslint-disable-next-line no-control-regex -- the test looks for exactly these
const UNSAFE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

function strings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) v.forEach((x) => strings(x, out));
  else if (v !== null && typeof v === 'object') Object.values(v).forEach((x) => strings(x, out));
  return out;
}

describe('remote text reaching the evidence and the terminal', () => {
  it('strips C1 controls, bidi overrides and escapes from process names', async () => {
    const name = 'ev\u009b2J\u202eil\x1b]0;t\x07\u2066x';
    const e = await runProbe(
      request,
      ctx(`LISTEN 0 128 0.0.0.0:8080 0.0.0.0:* users:(("${name}",pid=42,fd=3))\n`),
    );
    expect(JSON.stringify(e.data)).toContain('pid');
    for (const s of strings(e)) expect(s).not.toMatch(UNSAFE);
    const shown = renderEvidence(e, painter({ isTTY: false }));
    expect(shown).not.toMatch(UNSAFE);
  });

  it('caps every text built from a flood of output, with a "(cut)" marker; raw stays, capped', async () => {
    const huge = 'p'.repeat(4 * 1024 * 1024 - 200);
    const e = await runProbe(
      request,
      ctx(`LISTEN 0 128 0.0.0.0:8080 0.0.0.0:* users:(("${huge}",pid=42,fd=3))\n`),
    );
    const all = strings(e);
    expect(Math.max(...all.map((s) => s.length))).toBeLessThanOrEqual(RAW_CAP);
    expect(e.summary.length).toBeLessThanOrEqual(TEXT_CAP);
    expect(all.some((s) => s.endsWith(CUT_MARK))).toBe(true);
    expect(e.raw?.length).toBeGreaterThan(TEXT_CAP);
    expect(JSON.stringify(e).length).toBeLessThan(256 * 1024);
  });
});
