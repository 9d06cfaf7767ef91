import type { CaptureData } from '../../../shared/probe-data';
import { inconclusiveParse, verdict, type Parsed, type RawOutput } from './define';
import { msg } from '../../../shared/i18n/message';
import { english } from '../../../shared/i18n/translate';

/**
 * Pure parsers for the capture probe: tcpdump's one-line packet summaries (`-nn -l`,
 * tcpdump 4.99 with `-i any`), and `ss -0 -b -Hp` (packet sockets with their BPF
 * filters) used to prove tcpdump is capturing before the client connects.
 */

/** ICMP (IPv4) destination-unreachable texts as tcpdump prints them → code. Most specific first. */
const ICMP4_CODES: [RegExp, number][] = [
  [/ (?:tcp|udp) port \S+ unreachable$/, 3],
  [/ protocol \d+ (?:port \S+ )?unreachable$/, 2],
  [/unreachable - need to frag/, 4],
  [/unreachable - source route failed$/, 5],
  [/^net \S+ unreachable - unknown$/, 6],
  [/^host \S+ unreachable - unknown$/, 7],
  [/unreachable - source host isolated$/, 8],
  [/^net \S+ unreachable - admin prohibited$/, 9],
  [/^host \S+ unreachable - admin prohibited filter$/, 13],
  [/^host \S+ unreachable - admin prohibited$/, 10],
  [/^net \S+ unreachable - tos prohibited$/, 11],
  [/^host \S+ unreachable - tos prohibited$/, 12],
  [/unreachable - host precedence violation$/, 14],
  [/unreachable - precedence cutoff$/, 15],
  [/^net \S+ unreachable$/, 0],
  [/^host \S+ unreachable$/, 1],
];

/** ICMPv6 destination-unreachable (type 1) texts → code. */
const ICMP6_CODES: [RegExp, number][] = [
  [/unreachable route/, 0],
  [/unreachable prohibited/, 1],
  [/beyond scope/, 2],
  [/unreachable address/, 3],
  [/unreachable port/, 4],
];

/** One packet line, reduced to what the handshake needs. */
export type CapturedPacket =
  | { kind: 'tcp'; src: string; sport: number; dst: string; dport: number; flags: string }
  | { kind: 'icmp'; type: number; code: number; port: number | null; text: string };

const TCP_RE = /\bIP6? (\S+)\.(\d+) > (\S+)\.(\d+): Flags \[([^\]]*)\]/;
const ICMP4_RE = /\bIP \S+ > \S+: ICMP (.*?), length \d+/;
const ICMP6_RE = /\bIP6 \S+ > \S+: ICMP6, destination unreachable, (.*?), length \d+/;

/** Parses one tcpdump line; null for anything else (stats, banners, other protocols). */
export function parsePacketLine(line: string): CapturedPacket | null {
  const t = TCP_RE.exec(line);
  if (t) {
    return {
      kind: 'tcp',
      src: t[1] ?? '',
      sport: Number(t[2]),
      dst: t[3] ?? '',
      dport: Number(t[4]),
      flags: t[5] ?? '',
    };
  }
  const i6 = ICMP6_RE.exec(line);
  if (i6) {
    const text = (i6[1] ?? '').trim();
    const code = ICMP6_CODES.find(([re]) => re.test(text))?.[1];
    const port = / tcp port (\d+)/.exec(text);
    if (code === undefined) {
      const n = /unknown code (\d+)/.exec(text);
      return { kind: 'icmp', type: 1, code: n ? Number(n[1]) : -1, port: null, text };
    }
    return { kind: 'icmp', type: 1, code, port: port ? Number(port[1]) : null, text };
  }
  const i4 = ICMP4_RE.exec(line);
  if (i4) {
    const text = (i4[1] ?? '').trim();
    if (!/unreachable/.test(text)) return null;
    const numbered = /unreachable - #(\d+)$/.exec(text);
    const code = numbered ? Number(numbered[1]) : ICMP4_CODES.find(([re]) => re.test(text))?.[1];
    const port = / tcp port (\d+) unreachable/.exec(text);
    return { kind: 'icmp', type: 3, code: code ?? -1, port: port ? Number(port[1]) : null, text };
  }
  return null;
}

const isSyn = (f: string) => f.includes('S') && !f.includes('.');
const isSynAck = (f: string) => f.includes('S') && f.includes('.');
const isRst = (f: string) => f.includes('R');

/** The ICMP destination-unreachable codes the catalogue names, by family. */
const ICMP_V4_CODES = new Set([0, 1, 2, 3, 9, 10, 13]);
const ICMP_V6_CODES = new Set([0, 1, 2, 3, 4]);

/**
 * Which meaning of an ICMP unreachable the catalogue renders (nested as
 * `evidence.capture.icmpMeaning.KIND`): `v4-CODE` (type 3), `v6-CODE` (ICMPv6 type 1), else
 * `other` (it shows the code).
 */
export function icmpMeaningKind(type: number, code: number): string {
  if (type === 3) return ICMP_V4_CODES.has(code) ? `v4-${code}` : 'other';
  return ICMP_V6_CODES.has(code) ? `v6-${code}` : 'other';
}

/** What an ICMP unreachable means for a TCP connect, in English words. */
export function icmpMeaning(type: number, code: number): string {
  return english(msg(`evidence.capture.icmpMeaning.${icmpMeaningKind(type, code)}`, { code }));
}

/**
 * Parses tcpdump's output for one target port: was the client's SYN seen, and what
 * answered it (SYN-ACK, RST, ICMP unreachable, or nothing). `armed` says whether the
 * capture was proven running before the client connected; without that proof, seeing
 * nothing is inconclusive rather than "the SYN never arrived".
 */
export function parseCapture(out: RawOutput, port: number, armed = true): Parsed<CaptureData> {
  const packets: string[] = [];
  let synSeen = false;
  const synSources: string[] = [];
  let answer: CaptureData['answer'] = 'none';
  let icmp: CaptureData['icmp'];
  for (const line of out.stdout.split('\n')) {
    const p = parsePacketLine(line);
    if (!p) continue;
    if (p.kind === 'tcp') {
      if (p.dport === port && isSyn(p.flags)) {
        synSeen = true;
        if (!synSources.includes(p.src) && synSources.length < 8) synSources.push(p.src);
      } else if (p.sport === port && answer === 'none') {
        if (isSynAck(p.flags)) answer = 'syn-ack';
        else if (isRst(p.flags)) answer = 'rst';
        else continue;
      } else continue;
    } else {
      if (p.port !== null && p.port !== port) continue;
      if (answer === 'none') {
        answer = 'icmp';
        icmp = { type: p.type, code: p.code };
      }
    }
    if (packets.length < 50) packets.push(line.trim());
  }
  const data: CaptureData = {
    synSeen,
    answer,
    packets,
    armed,
    ...(synSources.length > 0 ? { synSources } : {}),
    ...(icmp ? { icmp } : {}),
  };
  if (!synSeen && answer === 'none') {
    if (!armed) {
      return inconclusiveParse(msg('evidence.capture.notArmed'), data);
    }
    return verdict('fail', data, msg('evidence.capture.noSyn', { port }));
  }
  switch (answer) {
    case 'syn-ack':
      return verdict('pass', data, msg('evidence.capture.synAck', { port }));
    case 'rst':
      return verdict('fail', data, msg('evidence.capture.rst', { port }));
    case 'icmp':
      return verdict(
        'fail',
        data,
        msg('evidence.capture.icmp', {
          port,
          icmpKind: icmp ? icmpMeaningKind(icmp.type, icmp.code) : 'none',
          type: icmp?.type ?? '?',
          code: icmp?.code ?? '?',
        }),
      );
    default:
      return verdict('fail', data, msg('evidence.capture.silent', { port }));
  }
}

/** One packet socket from `ss -0 -b -Hp`: its owner and the length of its BPF filter. */
export interface PacketSocket {
  process: string | null;
  pid: number | null;
  filterLength: number;
}

/** Parses `ss -0 -b -Hp`: packet sockets, each with `bpf filter (N):` on its next line. */
export function parsePacketSockets(stdout: string): PacketSocket[] {
  const out: PacketSocket[] = [];
  for (const line of stdout.split('\n')) {
    const f = /bpf filter \((\d+)\)/.exec(line);
    const last = out[out.length - 1];
    if (f && last && !/^p_/.test(line.trim())) {
      last.filterLength = Number(f[1]);
      continue;
    }
    if (!/^p_(raw|dgr)/.test(line.trim())) continue;
    const u = /\("((?:[^"\\]|\\.)*)",pid=(\d+),fd=\d+\)/.exec(line);
    out.push({
      process: u?.[1] ?? null,
      pid: u ? Number(u[2]) : null,
      filterLength: f ? Number(f[1]) : 0,
    });
  }
  return out;
}
