import { describe, expect, it } from 'vitest';
import { evidenceReasonText, evidenceSummaryText } from '../../../../shared/i18n/evidence-text';
import { msg } from '../../../../shared/i18n/message';
import { english, translator } from '../../../../shared/i18n/translate';

describe('evidence texts in the user language', () => {
  const ko = translator('ko');
  const head = msg('evidence.firewall.backendLine', {
    source: 'ufw',
    backendId: 'evidence.firewall.backend.ufwInactive',
  });
  const more = msg('evidence.firewall.backendLine', {
    source: 'fail2ban',
    backendId: 'evidence.firewall.backend.fail2banNoJails',
  });
  const e = {
    summary: 'ufw: inactive\nfail2ban: running, no jails',
    message: head,
    details: [more],
  };

  it('renders the message and its further lines, one per line; English matches the summary', () => {
    expect(evidenceSummaryText(e, english)).toBe(e.summary);
    expect(evidenceSummaryText(e, ko)).toBe('ufw: 꺼져 있음\nfail2ban: 실행 중, jail 없음');
  });

  it('falls back to the English text without a message', () => {
    expect(evidenceSummaryText({ summary: 'as found' }, ko)).toBe('as found');
    expect(evidenceReasonText({ reason: 'as found' }, ko)).toBe('as found');
    expect(evidenceReasonText({}, ko)).toBeUndefined();
    expect(
      evidenceReasonText(
        { reason: 'no server access', reasonMessage: msg('evidence.noServerAccess') },
        ko,
      ),
    ).toBe('서버에 접근할 수 없음');
  });
});
