import { describe, expect, it } from 'vitest';
import { EvidenceSchema } from '../../../shared/evidence';
import { inconclusiveEvidence } from '../../../shared/inconclusive-evidence';
import { msg } from '../../../shared/i18n/message';
import { translator } from '../../../shared/i18n/translate';

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

  it('takes the reason as a message: English text kept, the message beside it', () => {
    const m = msg('evidence.exec.notInstalled', { command: 'ss' });
    const e = inconclusiveEvidence('listeners', 'server', ['ss'], m);
    expect(EvidenceSchema.parse(e)).toMatchObject({
      summary: 'ss is not installed',
      reason: 'ss is not installed',
      message: m,
      reasonMessage: m,
    });
    expect(translator('ko')(e.message ?? m)).toBe('ss이(가) 설치되어 있지 않습니다');
    // A summary of its own takes its own message; the reason's stays the reason's.
    const s = msg('evidence.noServerAccessHint');
    const f = inconclusiveEvidence('listeners', 'server', [], msg('evidence.noServerAccess'), {
      summary: 'no server access: this check needs SSH or pasted output',
      message: s,
    });
    expect(f).toMatchObject({
      summary: 'no server access: this check needs SSH or pasted output',
      message: s,
      reason: 'no server access',
      reasonMessage: { id: 'evidence.noServerAccess' },
    });
  });
});
