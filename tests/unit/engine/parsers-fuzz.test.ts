import { describe, expect, it } from 'vitest';
import type { ProbeId } from '../../../shared/evidence';
import type { ProbeRequest } from '../../../shared/probe-request';
import { parseHostPort } from '../../../shared/target';
import { splitQuotedWords } from '../../../shared/argv-text';
import { runProbe } from '../../../electron/engine/engine';
import type { ExecRequest, ExecResult, Executor } from '../../../electron/engine/exec/executor';
import { parseDestination } from '../../../electron/engine/exec/ssh-destination';
import { parseKnownHosts } from '../../../electron/engine/exec/ssh-known-hosts';
import { parsePasted } from '../../../electron/engine/manual';
import {
  parseFail2banJail,
  parseFail2banJails,
} from '../../../electron/engine/analyze/firewall/fail2ban';
import { parseFirewalldZones } from '../../../electron/engine/analyze/firewall/firewalld';
import { parseIptablesSave } from '../../../electron/engine/analyze/firewall/iptables-parse';
import { parseNftJson, parseNftText } from '../../../electron/engine/analyze/firewall/nft-parse';
import { parseAddress } from '../../../electron/engine/analyze/firewall/packet';
import { parseUfwStatus, parseUfwUserRules } from '../../../electron/engine/analyze/firewall/ufw';
import {
  parseCapture,
  parsePacketLine,
  parsePacketSockets,
} from '../../../electron/engine/probes/capture-parse';
import { hostsFileLines, parseGetentAhosts } from '../../../electron/engine/probes/dns.probe';
import { parseInterfaces } from '../../../electron/engine/probes/interfaces.probe';
import { parseNetstatOutput, parseSsOutput } from '../../../electron/engine/probes/listeners-parse';
import { parseRouteGet } from '../../../electron/engine/probes/route.probe';
import {
  parseCgroupProcs,
  parseJournal,
  parsePgrep,
  parseSupervisorStatus,
  parseSvStatus,
  parseSystemctlShow,
  parseSysvStatus,
} from '../../../electron/engine/probes/service-parse';
import { parsePastedService } from '../../../electron/engine/probes/service-verdict';

/**
 * Every parser is linear in its input (DESIGN §4): random and adversarial text — long
 * lines, runs of spaces, nested quotes, runs of newlines, prompt characters — reaches each
 * probe's real parsers through the probe runner (as remote output would) and the pasted
 * output path (as a paste would), each within a time bound. A quadratic parser takes
 * seconds to minutes on these sizes (a 112 KB line took 38 s before), a linear one
 * milliseconds. The whole file runs well under a minute.
 */

const N = Number(process.env.FUZZ_N ?? 100_000);
/** Per case: generous for a shared 2-core machine, far below any quadratic parser. */
const BOUND_MS = 1500;

/** A small seeded PRNG (mulberry32), so a failure can be reproduced. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomText(seed: number, alphabet: string, n: number): string {
  const r = prng(seed);
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(r() * alphabet.length)] ?? ' ';
  return s;
}

const fill = (unit: string) => unit.repeat(Math.ceil(N / unit.length)).slice(0, N);

/** Adversarial payloads, each about N characters. */
const PAYLOADS: Record<string, string> = {
  'one long word': fill('a'),
  'spaces then x': fill(' ') + 'x',
  'word space': fill('a '),
  'word two spaces': fill('a  '),
  'tabs and spaces': fill(' \t'),
  'double quotes': fill('"'),
  'escaped quotes': fill('\\"'),
  'nested quotes': fill('"\'"\\"'),
  'newlines then x': fill('\n') + 'x',
  'blank lines with spaces': fill(' \n'),
  prompts: fill('$ '),
  'sudo options': fill('# sudo -x '),
  braces: fill('{'),
  brackets: fill('[ '),
  parens: fill('(('),
  'digits and dots': fill('1.'),
  colons: fill(':'),
  equals: fill('='),
  'ufw-ish': fill('8080/tcp  ALLOW IN  '),
  'iptables-ish': fill('-A INPUT -p tcp '),
  'ss users': fill('users:(("x",pid=1,fd=3),'),
  'key=value': fill('Key=Value '),
  flags: fill('Flags [S], '),
  'random printable': randomText(1, ' \t"\'\\$#>{}[]()/:.,=-_aZ09%@!*|;', N),
  'random with newlines': randomText(2, ' \n\t"\'{}[]:.=-aZ09', N),
};

/** Realistic beginnings per program, so the payload reaches the deeper parsing paths. */
function prefixFor(argv: readonly string[]): string {
  const p = argv.join(' ');
  if (p.startsWith('ufw'))
    return 'Status: active\n\nTo                         Action      From\n--                         ------      ----\n';
  if (p.includes('iptables')) return '*filter\n:INPUT ACCEPT [0:0]\n-A INPUT ';
  if (p.startsWith('nft')) return 'table inet filter {\n\tchain input {\n\t\t';
  if (p.startsWith('ss')) return 'LISTEN 0      128    0.0.0.0:22    0.0.0.0:*    ';
  if (p.startsWith('netstat'))
    return 'tcp        0      0 0.0.0.0:22              0.0.0.0:*               LISTEN      ';
  if (p.startsWith('systemctl')) return 'Id=nginx.service\nActiveState=';
  if (p.startsWith('tcpdump'))
    return '12:00:00.000000 IP 10.0.0.1.1234 > 10.0.0.2.8080: Flags [S], ';
  if (p.startsWith('getent')) return '10.0.0.2        STREAM ';
  if (p.startsWith('firewall-cmd')) return 'public (active)\n  ports: ';
  if (p.startsWith('fail2ban')) return 'Status\n|- Number of jail:\t1\n`- Jail list:\t';
  if (p.startsWith('ip ')) return '10.0.0.2 via 10.0.0.1 dev eth0 src ';
  return '';
}

/** Answers every command with `text(argv)`: a hostile server. */
function hostileExecutor(text: (argv: readonly string[]) => string): Executor {
  return {
    kind: 'ssh',
    label: 'a hostile server',
    run: (req: ExecRequest): Promise<ExecResult> =>
      Promise.resolve({
        argv: req.argv,
        stdout: text(req.argv),
        stderr: '',
        exitCode: 0,
        truncated: false,
        elevated: true,
        ms: 1,
      }),
    connect: () => Promise.resolve({ ok: false, code: 'ECONNREFUSED', ms: 1 }),
    close: () => Promise.resolve(),
  };
}

const SERVER_PROBES: ProbeId[] = [
  'listeners',
  'service',
  'interfaces',
  'route',
  'firewall',
  'capture',
];

function request(probe: ProbeId): ProbeRequest {
  return {
    probe,
    vantage: 'server',
    target: { host: '10.0.0.2', port: 8080 },
    address: '10.0.0.2',
    clientAddress: '10.0.0.1',
    ...(probe === 'service' ? { service: 'nginx' } : {}),
    timeoutMs: 200,
  };
}

async function timed(what: string, f: () => unknown): Promise<number> {
  const t0 = performance.now();
  await f();
  const ms = performance.now() - t0;
  if (process.env.FUZZ_LOG && ms > Number(process.env.FUZZ_LOG))
    console.log(`${Math.round(ms)} ms ${what}`);
  expect(ms, `${what} took ${Math.round(ms)} ms`).toBeLessThan(BOUND_MS);
  return ms;
}

describe('parsers are linear: random and adversarial input, time-bounded', () => {
  for (const probe of SERVER_PROBES) {
    it(`${probe}: remote output, bare and behind a realistic beginning`, async () => {
      const client = hostileExecutor(() => '');
      for (const [name, payload] of Object.entries(PAYLOADS)) {
        for (const shaped of [false, true]) {
          const server = hostileExecutor((argv) => (shaped ? prefixFor(argv) : '') + payload);
          await timed(`${probe} / ${name}${shaped ? ' (shaped)' : ''}`, () =>
            runProbe(request(probe), { client, server }),
          );
        }
      }
    }, 60_000);
  }

  it('pasted output: the transcript splitter and the parsers behind it', async () => {
    for (const probe of ['listeners', 'firewall', 'service'] as const) {
      for (const [name, payload] of Object.entries(PAYLOADS)) {
        for (const head of ['', '$ ss -Hltnp\n', 'user@host:~$ sudo -n ']) {
          await timed(`paste ${probe} / ${name} / ${JSON.stringify(head)}`, () =>
            parsePasted({ probe, request: request(probe), stdout: head + payload }),
          );
        }
      }
    }
  }, 60_000);

  it('user input: targets, SSH destinations, known_hosts, rule text', async () => {
    for (const [name, payload] of Object.entries(PAYLOADS)) {
      await timed(`target / ${name}`, () => parseHostPort(payload));
      await timed(`target [v6] / ${name}`, () => parseHostPort(`[${payload}]:22`));
      await timed(`ssh destination / ${name}`, () => {
        try {
          parseDestination(payload);
        } catch {
          // bad input is refused; only the time counts here
        }
      });
      await timed(`known_hosts / ${name}`, () => parseKnownHosts(payload));
      await timed(`rule text / ${name}`, () => splitQuotedWords(payload));
    }
  }, 60_000);
  it('each parser called directly (also those no probe path above reaches)', async () => {
    const out = (stdout: string) => ({ stdout, stderr: stdout, exitCode: 0 });
    const parsers: Record<string, (t: string) => unknown> = {
      'ufw status': parseUfwStatus,
      'ufw user.rules': parseUfwUserRules,
      'iptables-save': parseIptablesSave,
      'nft text': parseNftText,
      'nft json': (t) => {
        try {
          return parseNftJson(`{"nftables":[{"rule":{"expr":[${JSON.stringify(t)}]}}]}`, t);
        } catch {
          return null;
        }
      },
      firewalld: parseFirewalldZones,
      'fail2ban jails': parseFail2banJails,
      'fail2ban jail': parseFail2banJail,
      address: parseAddress,
      'packet line': parsePacketLine,
      capture: (t) => parseCapture(out(t), 8080),
      'packet sockets': parsePacketSockets,
      getent: (t) => parseGetentAhosts(out(t), 'example.com'),
      'hosts file': (t) => hostsFileLines(t, 'example.com'),
      interfaces: (t) => parseInterfaces(out(t), '10.0.0.2'),
      ss: (t) => parseSsOutput(out(t), 8080),
      netstat: (t) => parseNetstatOutput(out(t), 8080),
      route: (t) => parseRouteGet(out(t), '10.0.0.2'),
      'systemctl show': (t) => parseSystemctlShow(out(t)),
      journal: parseJournal,
      cgroup: parseCgroupProcs,
      sysv: (t) => parseSysvStatus(out(t)),
      runit: (t) => parseSvStatus(out(t)),
      supervisor: (t) => parseSupervisorStatus(out(t)),
      pgrep: (t) => parsePgrep(out(t)),
      'pasted service': (t) => parsePastedService(out(t), 'nginx'),
    };
    for (const [parser, parse] of Object.entries(parsers)) {
      for (const [name, payload] of Object.entries(PAYLOADS)) {
        await timed(`${parser} / ${name}`, () => parse(payload));
        await timed(`${parser} / ${name} (lines)`, () => parse(`${payload}\n`.repeat(2)));
      }
    }
  }, 60_000);
});
