import { describe, expect, it } from 'vitest';
import type { Captured } from '../../../../../electron/engine/analyze/firewall/collect';
import {
  fail2banBackend,
  firewalldBackend,
  nftBackend,
} from '../../../../../electron/engine/analyze/firewall/summarize';
import type { FirewalldZone } from '../../../../../electron/engine/analyze/firewall/firewalld';
import { hostParams } from '../../../../../electron/engine/probes/run-command-probe';
import { msg } from '../../../../../shared/i18n/message';
import { translator } from '../../../../../shared/i18n/translate';
import { expectKorean } from '../../../shared/i18n/korean-text';

/** Backend summaries: names and rule text as found, the words around them in the user's language. */

const ok = (argv: string[], stdout = ''): Captured => ({
  argv,
  stdout,
  stderr: '',
  exitCode: 0,
  error: undefined,
});
const ko = translator('ko');
const zone = (z: Partial<FirewalldZone> & { name: string }): FirewalldZone => ({
  active: true,
  isDefault: false,
  target: 'default',
  interfaces: [],
  sources: [],
  services: [],
  ports: [],
  richRules: [],
  ...z,
});

describe('firewall backend summaries in English and Korean', () => {
  it('firewalld: each active zone with what it opens, the default zone nested', () => {
    const b = firewalldBackend(
      ok(['firewall-cmd', '--state'], 'running\n'),
      [
        zone({
          name: 'public',
          isDefault: true,
          services: ['ssh', 'dhcpv6-client'],
          ports: ['8080/tcp'],
        }),
        zone({ name: 'trusted' }),
        zone({ name: 'block', active: false }),
      ],
      [],
    );
    expect(b.summary).toBe(
      'running; active zones (services and ports open): public: ssh dhcpv6-client 8080/tcp | trusted: -; default zone public',
    );
    const text = ko(b.message ?? { id: 'x.y' });
    expect(text).toBe(
      '실행 중; 활성 영역(열린 서비스와 포트): public: ssh dhcpv6-client 8080/tcp | trusted: -; 기본 영역 public',
    );
    expectKorean(text, ['public', 'dhcpv6-client', 'trusted']);
  });

  it('fail2ban: each jail with how many addresses it bans', () => {
    const b = fail2banBackend(ok(['fail2ban-client', 'status']), [
      { jail: 'sshd', banned: ['10.0.0.9', '10.0.0.10'] },
      { jail: 'recidive', banned: [] },
    ]);
    expect(b.summary).toBe('jails (banned addresses): sshd (2), recidive (0)');
    const text = ko(b.message ?? { id: 'x.y' });
    expect(text).toBe('jail 목록(차단된 주소 수): sshd (2), recidive (0)');
    expectKorean(text, ['sshd', 'recidive', 'jail']);
  });

  it('fail2ban installed but not running: said plainly, not its log line', () => {
    // What Debian's fail2ban-client prints (exit 255) when the server is not running.
    const b = fail2banBackend(
      {
        argv: ['fail2ban-client', 'status'],
        stdout: '',
        stderr:
          '2026-12-04 09:44:53,719 fail2ban                [2273]: ERROR   Failed to access socket path: /var/run/fail2ban/fail2ban.sock. Is fail2ban running?\n',
        exitCode: 255,
        error: undefined,
      },
      null,
    );
    expect(b).toMatchObject({ present: true, readable: false });
    expect(b.summary).toBe('installed, not running (it bans nothing now)');
    expectKorean(ko(b.message ?? { id: 'x.y' }), []);
  });

  it("nftables: base chains in nft's own words", () => {
    const b = nftBackend(
      ok(['nft', '-j', 'list', 'ruleset']),
      {
        tables: [{ family: 'inet', name: 'filter' }],
        sets: [],
        chains: [
          {
            family: 'inet',
            table: 'filter',
            name: 'input',
            hook: 'input',
            prio: 0,
            policy: 'drop',
            rules: [],
          },
          { family: 'inet', table: 'filter', name: 'helper', rules: [] },
        ],
      },
      new Set(),
    );
    expect(b.summary).toBe(
      '1 table(s): inet filter; base chains: inet filter input (hook input priority 0; policy drop)',
    );
    const text = ko(b.message ?? { id: 'x.y' });
    expect(text).toBe(
      '테이블 1개: inet filter; 기본 체인: inet filter input (hook input priority 0; policy drop)',
    );
    expectKorean(text, ['inet filter input (hook input priority 0; policy drop)', 'inet filter']);
  });
});

describe('where a command ran', () => {
  it('this machine is a message; an SSH destination stays as given', () => {
    const local = msg('evidence.exec.noneInstalled', {
      commands: 'ss, netstat',
      ...hostParams({ kind: 'local', label: 'this machine' }),
    });
    expect(translator('en')(local)).toBe('none of ss, netstat is installed on this machine');
    expect(ko(local)).toBe('이 컴퓨터에 ss, netstat 중 설치된 것이 없습니다');
    expectKorean(ko(local), ['netstat']);
    const remote = msg(
      'evidence.listeners.noTool',
      hostParams({ kind: 'ssh', label: 'root@10.0.0.2' }),
    );
    expect(translator('en')(remote)).toBe('neither ss nor netstat is installed on root@10.0.0.2');
    expect(ko(remote)).toBe('root@10.0.0.2에 ss도 netstat도 설치되어 있지 않습니다');
  });
});
