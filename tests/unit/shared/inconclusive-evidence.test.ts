import { describe, expect, it } from 'vitest';
import { EvidenceSchema } from '../../../shared/evidence';
import { inconclusiveEvidence } from '../../../shared/inconclusive-evidence';

describe('inconclusiveEvidence', () => {
  it('is valid evidence that failed to conclude, with the reason as its summary by default', () => {
    const argv = ['ss', '-Hltnp'];
    const e = inconclusiveEvidence('listeners', 'server', argv, 'no server access');
    expect(EvidenceSchema.parse(e)).toEqual({
      probe: 'listeners',
      vantage: 'server',
      command: ['ss', '-Hltnp'],
      ok: false,
      status: 'inconclusive',
      summary: 'no server access',
      reason: 'no server access',
      data: null,
      ms: 0,
    });
    expect('raw' in e).toBe(false);
    argv.push('changed');
    expect(e.command).toEqual(['ss', '-Hltnp']);
  });

  it('keeps the summary, time, partial data and raw output it is given', () => {
    const e = inconclusiveEvidence('sweep', 'client', [], 'sweep was cancelled', {
      summary: 'cancelled after 3 ports',
      ms: 42,
      data: { open: [22] },
      raw: 'partial',
    });
    expect(EvidenceSchema.parse(e)).toMatchObject({
      summary: 'cancelled after 3 ports',
      reason: 'sweep was cancelled',
      ms: 42,
      data: { open: [22] },
      raw: 'partial',
    });
  });
});
