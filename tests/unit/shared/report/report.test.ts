import { describe, expect, it } from 'vitest';
import { DiagnosisSchema } from '../../../../shared/evidence';
import { formatForFile, renderReport } from '../../../../shared/report/report';
import { Redactor } from '../../../../shared/report/redact';
import {
  ACCEPT,
  NGINX_SITE_8090,
  configEvidence,
  connect,
  dataIface,
  diagnose,
  firewall,
  interfaces,
  listeners,
  REJECT_RULE,
  service,
  TARGET,
} from '../diagnosis/make-evidence';

/**
 * Reports of a diagnosis built by the real diagnosis code from evidence (a firewall
 * REJECT on the target's port), plus the fields other parts add (steps, nextSteps,
 * sessionId, changeId, messages), in English and Korean.
 */

const base = diagnose([
  connect('refused'),
  listeners([{ address: '0.0.0.0', port: 8080 }]),
  firewall({ verdict: 'reject', rule: REJECT_RULE, reason: 'rule 1 rejects' }),
  interfaces([dataIface(true)]),
]);
const full = {
  ...base,
  evidence: base.evidence.map((e, i) =>
    i === 0 ? { ...e, raw: `connect to ${TARGET.host}:8080 from 10.61.0.1: refused\n` } : e,
  ),
  message: { id: 'history.report.causes.firewall-reject' },
  steps: [
    {
      step: 'dns',
      verdict: 'skipped',
      cause: null,
      summary: 'Skipped: you chose to skip this step.',
      message: { id: 'diagnosis.step.skippedByUser' },
      evidence: [],
    },
    {
      step: 'firewall',
      verdict: 'fail',
      cause: 'firewall-reject' as const,
      summary: 'rule 1 rejects',
      message: { id: 'no.such.message' },
      evidence: ['server.firewall'],
    },
  ],
  nextSteps: [{ why: 'Delete the rejecting rule', command: ['iptables', '-D', 'INPUT', '1'] }],
  sessionId: '20261203T081500Z-3fa9c1',
  changeId: null,
};

describe('report rendering', () => {
  it('the diagnosis is a real firewall-reject one', () => {
    expect(base.cause).toBe('firewall-reject');
    expect(base.rule?.text).toBe(REJECT_RULE.text);
  });

  it('Markdown: answer, facts, steps, rule, fix with its commands, next steps, evidence', () => {
    const md = renderReport(full, 'md', { lang: 'en', generatedAt: '2026-12-03T08:15:00Z' });
    expect(md).toMatch(/^# ConnDoctor report: 10\.61\.0\.2:8080\n/);
    expect(md).toContain('**A firewall rule rejects the connection — ');
    expect(md).toContain('| Session | `20261203T081500Z-3fa9c1` |');
    expect(md).toContain('| Server firewall | fail | rule 1 rejects |');
    expect(md).toContain('| Name resolution | skipped | Skipped: you chose to skip this step. |');
    expect(md).toContain('iptables table filter, chain INPUT, rule 1');
    expect(md).toContain(REJECT_RULE.text);
    if (base.fix) expect(md).toContain(base.fix.commands.map((c) => c.join(' ')).join('\n'));
    expect(md).toContain('- Delete the rejecting rule: `iptables -D INPUT 1`');
    expect(md).toContain('<summary>Raw output</summary>');
  });

  it('Korean: every label and known message in Korean; commands untouched', () => {
    const md = renderReport(full, 'md', { lang: 'ko' });
    expect(md).toMatch(/^# ConnDoctor 보고서: 10\.61\.0\.2:8080/);
    expect(md).toContain('**방화벽 규칙이 연결을 거부합니다 — 방화벽 규칙이 연결을 거부합니다**');
    expect(md).toContain('| 서버 방화벽 | 실패 | rule 1 rejects |'); // unknown id: its summary
    expect(md).toContain('## 제안하는 해결 방법');
    expect(md).toContain(REJECT_RULE.text);
  });

  it('HTML: self-contained — no script, no external reference — and escaped', () => {
    const hostile = {
      ...full,
      summary: '<img src=x onerror=alert(1)> & "quotes"',
      message: undefined,
    };
    const html = renderReport(hostile, 'html', { lang: 'ko' });
    expect(html).toMatch(/^<!doctype html>\n<html lang="ko">/);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|<object|@import|url\(/i);
    expect(html).not.toMatch(/<[a-z][^>]*\s(src|href|srcset|action)=/i);
    expect(html).toContain('&#60;img src=x onerror=alert(1)&#62; &#38; &#34;quotes&#34;');
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    expect(html).toContain('data-cause="firewall-reject"');
    expect(html).toContain('Noto Sans CJK KR');
  });

  it('Markdown escapes server text and fences code that contains backticks', () => {
    const tricky = {
      ...full,
      summary: '# not a heading | *not bold*',
      message: undefined,
      evidence: [{ ...full.evidence[0]!, raw: '```\n| rm -rf / |\n```' }],
    };
    const md = renderReport(tricky, 'md', { lang: 'en' });
    expect(md).toContain('\\# not a heading \\| \\*not bold\\*');
    expect(md).toContain('````\n```\n| rm -rf / |\n```\n````');
  });

  it('JSON is the Diagnosis contract, language-independent', () => {
    const json: unknown = JSON.parse(renderReport(full, 'json', { lang: 'ko' }));
    expect(DiagnosisSchema.parse(json).cause).toBe('firewall-reject');
    expect(json).toMatchObject({ sessionId: full.sessionId, steps: full.steps });
  });

  it('without the newer fields (older sessions) it still renders', () => {
    expect(renderReport(base, 'md', { lang: 'en' })).toContain('## Evidence');
  });

  it('picks the format from the file name', () => {
    expect(['a.md', 'b.HTML', 'c.htm', 'd.json', 'e.pdf'].map(formatForFile)).toEqual([
      'md',
      'html',
      'html',
      'json',
      null,
    ]);
  });
});

describe('a diagnosis with no fix but something to do instead (wrong-port: the move)', () => {
  it('says nothing needs fixing and shows the change under Instead, in md and html, en and ko', () => {
    const d = diagnose([
      connect('refused'),
      listeners([{ port: 8090, process: 'nginx', pid: 100 }]),
      service({ name: 'nginx.service', mainPid: 100, pids: [100] }),
      firewall(ACCEPT),
      configEvidence({ listenPort: 8090 }, NGINX_SITE_8090, 2, [3]),
    ]);
    expect(d.fix).toBeNull();
    const md = renderReport(d, 'md', { lang: 'en' });
    expect(md).toContain('Nothing needs fixing on the server: the next steps say what to do.');
    expect(md).not.toContain('No fix is known for this cause.');
    expect(md).toContain('### Instead');
    expect(md).toContain('Move nginx.service from port 8090 to port 8080');
    const html = renderReport(d, 'html', { lang: 'ko' });
    expect(html).toContain('<h3>대신</h3>');
    expect(html).toContain('서버에서 고칠 것은 없습니다');
  });
});

describe('--redact', () => {
  it('hides the target name and every address, consistently, in every format', () => {
    const named = {
      ...full,
      target: { host: 'db.internal', port: 8080, addresses: ['10.61.0.2', 'fe80::1%eth0'] },
      summary:
        'db.internal (10.61.0.2) refused; [fe80::1%eth0]:8080 too; 10.61.0.2:8080, 10.61.0.0/24',
      message: undefined,
    };
    for (const format of ['md', 'html', 'json'] as const) {
      const out = renderReport(named, format, {
        lang: 'en',
        redact: true,
        alsoHide: ['ssh.example.org'],
      });
      expect(out).not.toMatch(/db\.internal|10\.61\.0\.|fe80::1/);
      expect(out).toContain('host-1');
      expect(out).toContain('address-1');
    }
    const md = renderReport(named, 'md', { lang: 'en', redact: true });
    expect(md).toContain(
      'host-1 (address-1) refused; \\[address-2\\]:8080 too; address-1:8080, address-3/24',
    );
    expect(md).toContain('Host names and addresses are replaced by placeholders');
  });

  it('keeps loopback distinguishable and "any address" as it is', () => {
    const r = new Redactor();
    expect(r.text('127.0.0.1:631 ::1 0.0.0.0:22 [::]:22 192.168.1.10')).toBe(
      'loopback-1:631 loopback-2 0.0.0.0:22 [::]:22 address-1',
    );
    expect(r.text('nginx.service 10:45:00 v1.2.3')).toBe('nginx.service 10:45:00 v1.2.3');
  });

  it('hides the address.port form tcpdump prints', () => {
    const r = new Redactor();
    expect(r.text('IP 127.0.0.1.35608 > 10.61.0.2.8080: Flags [S]')).toBe(
      'IP loopback-1.35608 > address-1.8080: Flags [S]',
    );
    expect(r.text('IP6 ::1.40000 > fe80::1.22: Flags [R.]')).toBe(
      'IP6 loopback-2.40000 > address-2.22: Flags [R.]',
    );
  });
});
