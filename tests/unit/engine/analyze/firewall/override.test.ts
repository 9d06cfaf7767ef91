import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../../../electron/engine/analyze/firewall/evaluate';
import { overrideFromCounters } from '../../../../../electron/engine/analyze/firewall/override';
import type { FirewallVerdict } from '../../../../../shared/probe-data';
import { english, translator } from '../../../../../shared/i18n/translate';
import { snapshot, syn } from './fixtures';

/** The evaluator's reasons as messages, and the counter override nesting them. */
describe("the firewall evaluator's reasons as messages", () => {
  const s = snapshot('iptables-policy-drop');
  const ko = translator('ko');

  it('a REJECT rule: the message names stage, position and rule; its English is the reason', () => {
    const e = evaluate(s, syn(25));
    expect(e.verdict).toBe('reject');
    expect(e.reasonMessage.id).toBe('evidence.firewall.reason.rejects');
    expect(e.reasonMessage.params).toMatchObject({ viaKind: 'none', feKind: 'none' });
    expect(e.reasonMessage.params?.rule).toBe(e.decidedBy?.text);
    expect(english(e.reasonMessage)).toBe(e.reason);
    expect(e.reason).toMatch(/: rule \d+ rejects it: -A INPUT/);
    expect(ko(e.reasonMessage)).toMatch(/: 규칙 \d+이\(가\) 거부합니다: -A INPUT/);
  });

  it('the DROP policy (position 0) and an accepted SYN', () => {
    const drop = evaluate(s, syn(9999));
    expect(drop.reasonMessage.id).toBe('evidence.firewall.reason.policy');
    expect(drop.reasonMessage.params?.policy).toBe('drop');
    expect(english(drop.reasonMessage)).toBe(drop.reason);
    const accept = evaluate(s, syn(22));
    expect(accept.reasonMessage.id).toBe('evidence.firewall.reason.accepted');
    expect(ko(accept.reasonMessage)).toMatch(/^허용됨: -A INPUT .*--dport 22/);
  });

  it('counters that contradict the rules nest the static reason inside the new one', () => {
    const e = evaluate(s, syn(22));
    const v: FirewallVerdict = {
      verdict: 'accept',
      rule: null,
      reason: e.reason,
      reasonMessage: e.reasonMessage,
      undecidable: null,
    };
    overrideFromCounters(v, null, () => null);
    expect(v.verdict).toBe('unknown');
    expect(v.reasonMessage?.id).toBe('evidence.firewall.reason.countersContradict');
    expect(v.reasonMessage?.params).toMatchObject({
      before: 'accept',
      staticId: 'evidence.firewall.reason.accepted',
    });
    expect(v.reason).toBe(
      `the packet counters contradict the static verdict (accept): ${e.reason}`,
    );
    expect(english(v.reasonMessage ?? { id: 'x.y' })).toBe(v.reason);
    expect(ko(v.reasonMessage ?? { id: 'x.y' })).toBe(
      `패킷 카운터가 정적 판정(accept)과 어긋납니다: ${ko(e.reasonMessage)}`,
    );
  });

  it('a reason without a message is nested as its text', () => {
    const v: FirewallVerdict = {
      verdict: 'drop',
      rule: null,
      reason: 'as found',
      undecidable: null,
    };
    overrideFromCounters(v, null, () => null);
    expect(ko(v.reasonMessage ?? { id: 'x.y' })).toBe(
      '패킷 카운터가 정적 판정(drop)과 어긋납니다: as found',
    );
  });
});
