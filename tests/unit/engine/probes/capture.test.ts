import { describe, expect, it } from 'vitest';
import {
  icmpMeaning,
  icmpMeaningKind,
  parseCapture,
  parsePacketLine,
  parsePacketSockets,
} from '../../../../electron/engine/probes/capture-parse';
import { captureArgv, captureFilter } from '../../../../electron/engine/probes/capture.probe';
import { translator } from '../../../../shared/i18n/translate';
import { loadFixture } from '../../../lab/harness/fixtures';
import { expectKorean } from '../../shared/i18n/korean-text';

const fx = (name: string) => loadFixture('capture', name);

describe('capture parser — tcpdump -nn -l -i any (Debian 12, captured in the lab)', () => {
  it('refused: the SYN, then RST from the port', () => {
    const p = parseCapture(fx('debian12-refused'), 9001);
    expect(p).toMatchObject({ status: 'fail', data: { synSeen: true, answer: 'rst' } });
    expect(p.data?.packets).toHaveLength(2);
    // The SYN's source as the server saw it (what a firewall rule on the source matched).
    expect(p.data?.synSources).toEqual(['10.233.200.1']);
    expect(parseCapture(fx('debian12-v6-refused'), 9001).data?.synSources?.[0]).toMatch(/:/);
    expect(parseCapture(fx('debian12-v6-refused'), 9001).data).toMatchObject({ answer: 'rst' });
    expect(parseCapture(fx('debian12-loopback-refused'), 9001).data).toMatchObject({
      answer: 'rst',
    });
  });

  it('a REJECT with tcp-reset looks exactly like an empty port on the wire', () => {
    expect(parseCapture(fx('debian12-reject-tcp-reset'), 9003).data).toMatchObject({
      synSeen: true,
      answer: 'rst',
    });
  });

  it('open: SYN-ACK passes', () => {
    expect(parseCapture(fx('debian12-open'), 8082)).toMatchObject({
      status: 'pass',
      data: { synSeen: true, answer: 'syn-ack' },
    });
    expect(parseCapture(fx('debian12-v6-open'), 8083).status).toBe('pass');
    expect(parseCapture(fx('debian12-loopback-open'), 8080).status).toBe('pass');
  });

  it('default REJECT: ICMP port unreachable (3/3); IPv6: ICMPv6 port unreachable (1/4)', () => {
    expect(parseCapture(fx('debian12-reject-default'), 9002).data).toMatchObject({
      synSeen: true,
      answer: 'icmp',
      icmp: { type: 3, code: 3 },
    });
    expect(parseCapture(fx('debian12-v6-reject-default'), 9002).data).toMatchObject({
      answer: 'icmp',
      icmp: { type: 1, code: 4 },
    });
  });

  it('reads every REJECT flavour iptables offers as its ICMP type and code', () => {
    const cases: [string, number, number, number][] = [
      ['debian12-reject-net-unreachable', 9006, 3, 0],
      ['debian12-reject-host-unreachable', 9012, 3, 1],
      ['debian12-reject-proto-unreachable', 9013, 3, 2],
      ['debian12-reject-net-prohibited', 9014, 3, 9],
      ['debian12-reject-host-prohibited', 9004, 3, 10],
      ['debian12-reject-admin-prohibited', 9005, 3, 13],
      ['debian12-v6-reject-no-route', 9010, 1, 0],
      ['debian12-v6-reject-adm-prohibited', 9005, 1, 1],
      ['debian12-v6-reject-addr-unreachable', 9011, 1, 3],
    ];
    for (const [name, port, type, code] of cases) {
      expect(parseCapture(fx(name), port).data, name).toMatchObject({
        synSeen: true,
        answer: 'icmp',
        icmp: { type, code },
      });
    }
  });

  it('DROP: the SYN (and its retransmission) and no answer', () => {
    const p = parseCapture(fx('debian12-drop'), 9007);
    expect(p).toMatchObject({ status: 'fail', data: { synSeen: true, answer: 'none' } });
    expect(p.status === 'fail' && p.summary).toMatch(/sent nothing back/);
  });

  it('nothing seen: upstream filter when the capture was armed, inconclusive when not', () => {
    const empty = { stdout: '', stderr: '', exitCode: 0 };
    const armed = parseCapture(empty, 8080, true);
    expect(armed).toMatchObject({ status: 'fail', data: { synSeen: false, answer: 'none' } });
    expect(armed.status === 'fail' && armed.summary).toMatch(/never saw the SYN/);
    expect(parseCapture(empty, 8080, false).status).toBe('inconclusive');
  });

  it('ignores packets of other ports', () => {
    expect(parseCapture(fx('debian12-refused'), 9999).data).toMatchObject({
      synSeen: false,
      answer: 'none',
      packets: [],
    });
    expect(parsePacketLine('tcpdump: listening on any')).toBeNull();
  });
});

describe('capture arming proof — ss -0 -b -Hp (Debian 12)', () => {
  it('finds tcpdump with its filter attached', () => {
    expect(parsePacketSockets(fx('debian12-ss-packet-tcpdump').stdout)).toEqual([
      { process: 'tcpdump', pid: 18656, filterLength: 36 },
    ]);
    expect(parsePacketSockets(fx('debian12-ss-packet-none').stdout)).toEqual([]);
  });
});

describe('capture command', () => {
  it('is argv only: the filter is one argument, bounded in time and packets', () => {
    const argv = captureArgv(8080, 5);
    expect(argv.slice(0, 5)).toEqual(['timeout', '-s', 'INT', '5', 'tcpdump']);
    expect(argv).toContain('--immediate-mode');
    expect(argv[argv.length - 1]).toBe(captureFilter(8080));
    expect(captureFilter(8080)).toContain('tcp port 8080');
  });
});

describe('capture summaries as messages', () => {
  it('a RST answer: id and port; Korean keeps RST and the port', () => {
    const p = parseCapture(fx('debian12-refused'), 9001);
    expect(p.status).toBe('fail');
    if (p.status === 'inconclusive') return;
    expect(p.message).toEqual({ id: 'evidence.capture.rst', params: { port: 9001 } });
    expect(p.summary).toBe(
      'the server answered the SYN to port 9001 with RST (nothing listens there, or a REJECT with tcp-reset)',
    );
    expect(translator('ko')(p.message ?? { id: 'x.y' })).toBe(
      '서버가 포트 9001의 SYN에 RST로 응답했습니다(수신 대기하는 것이 없거나, tcp-reset을 쓰는 REJECT)',
    );
  });

  it('an ICMP answer: its meaning nests by type and code, in English and Korean', () => {
    const ko = translator('ko');
    const cases: [string, number, string, string][] = [
      [
        'debian12-reject-default',
        9002,
        'port unreachable (default iptables REJECT)',
        '포트 도달 불가',
      ],
      [
        'debian12-v6-reject-default',
        9002,
        'port unreachable (default ip6tables REJECT)',
        '포트 도달 불가',
      ],
      [
        'debian12-reject-host-prohibited',
        9004,
        'host administratively prohibited (firewalld REJECT)',
        '관리자가 호스트를 금지함',
      ],
      ['debian12-reject-net-unreachable', 9006, 'net unreachable', '네트워크 도달 불가'],
      ['debian12-v6-reject-no-route', 9010, 'no route to destination', '목적지로 가는 경로 없음'],
    ];
    for (const [name, port, en, korean] of cases) {
      const p = parseCapture(fx(name), port);
      if (p.status === 'inconclusive') throw new Error(name);
      expect(p.summary, name).toContain(`with ICMP ${en} (type`);
      const text = ko(p.message ?? { id: 'x.y' });
      expect(text, name).toContain(korean);
      expectKorean(text, [
        'SYN',
        'ICMP',
        'iptables',
        'ip6tables',
        'firewalld',
        'REJECT',
        'type',
        'code',
      ]);
    }
    expect(icmpMeaning(3, 7)).toBe('destination unreachable, code 7');
    expect(
      ko({ id: `evidence.capture.icmpMeaning.${icmpMeaningKind(3, 7)}`, params: { code: 7 } }),
    ).toBe('목적지 도달 불가, 코드 7');
  });

  it('a capture not shown armed is inconclusive with a message', () => {
    const p = parseCapture({ stdout: '', stderr: '', exitCode: 0 }, 9001, false);
    expect(p).toMatchObject({
      status: 'inconclusive',
      message: { id: 'evidence.capture.notArmed' },
    });
  });
});
