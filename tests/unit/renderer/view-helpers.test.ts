import { describe, expect, it } from 'vitest';
import type { ConnectData } from '../../../shared/probe-data';
import { replyOf } from '../../../renderer/src/components/sequence-reply';
import { en, ko } from '../../../shared/i18n/resources';
import { pickLanguage } from '../../../renderer/src/i18n/pick-language';

describe('language choice', () => {
  it('takes ?lang first, then navigator.languages by primary subtag, else English', () => {
    expect(pickLanguage('?lang=ko', ['en-US'])).toBe('ko');
    expect(pickLanguage('?token=x&lang=en', ['ko-KR'])).toBe('en');
    expect(pickLanguage('?lang=fr', ['ko-KR', 'en'])).toBe('ko');
    expect(pickLanguage('', ['fr-FR', 'ko'])).toBe('ko');
    expect(pickLanguage('', ['de-DE'])).toBe('en');
    expect(pickLanguage('', [])).toBe('en');
  });
});

describe('translations', () => {
  const keys = (o: object, prefix = ''): string[] =>
    Object.entries(o).flatMap(([k, v]) =>
      typeof v === 'string' ? [prefix + k] : keys(v as object, `${prefix}${k}.`),
    );
  it('Korean has every English key and no other', () => {
    expect(keys(ko).sort()).toEqual(keys(en).sort());
  });
  it('keeps the English accessible names the tests rely on', () => {
    expect([en.form.host, en.form.port, en.form.diagnose]).toEqual(['Host', 'Port', 'Diagnose']);
    expect([en.server.destination, en.server.keyFile]).toEqual(['SSH destination', 'SSH key file']);
  });
});

describe('sequence diagram reply', () => {
  const connect = (result: ConnectData['attempts'][number]['result']): ConnectData => ({
    host: 'h',
    port: 1,
    addresses: ['10.0.0.1'],
    attempts: [{ address: '10.0.0.1', family: 4, result, ms: 1 }],
    outcome: 'refused',
    from: 'client',
  });
  it('draws what came back for the SYN', () => {
    expect(replyOf('ok', undefined, undefined)).toBe('syn-ack');
    expect(replyOf('refused', connect('refused'), undefined)).toBe('rst');
    expect(
      replyOf('refused', connect('refused'), {
        synSeen: true,
        answer: 'icmp',
        packets: [],
      }),
    ).toBe('icmp');
    expect(replyOf('timeout', undefined, undefined)).toBe('none');
    expect(replyOf('unreachable', connect('host-unreachable'), undefined)).toBe('icmp');
    expect(replyOf('dns-failure', undefined, undefined)).toBe('no-syn');
  });
});
