import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiagnosisSchema, EvidenceSchema } from '../../../shared/evidence';

/** The CLI end to end: the built bundle as a child process, against real sockets on 127.0.0.1. */

const root = join(import.meta.dirname, '..', '..', '..');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], stdin?: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [join(root, 'bin', 'conndoctor.js'), ...args],
      { cwd: root, timeout: 30_000, env: { ...process.env, NO_COLOR: '1' } },
      (err, stdout, stderr) => {
        const code = err && typeof err.code === 'number' ? err.code : err ? null : 0;
        resolve({ code, stdout, stderr });
      },
    );
    child.stdin?.end(stdin ?? '');
  });
}

function listen(): Promise<Server> {
  return new Promise((resolve) => {
    const s = createServer((sock) => sock.end());
    s.listen(0, '127.0.0.1', () => resolve(s));
  });
}

function portOf(s: Server): number {
  const a = s.address();
  if (a === null || typeof a === 'string') throw new Error('no port');
  return a.port;
}

let open: Server;
let openPort: number;
let closedPort: number;
let tmp: string;

beforeAll(async () => {
  execFileSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs')], { cwd: root });
  open = await listen();
  openPort = portOf(open);
  // A port that was just free and is closed again: nothing listens there.
  const probe = await listen();
  closedPort = portOf(probe);
  await new Promise<void>((r) => probe.close(() => r()));
  tmp = mkdtempSync(join(tmpdir(), 'conndoctor-cli-'));
}, 60_000);

afterAll(async () => {
  await new Promise<void>((r) => open.close(() => r()));
  rmSync(tmp, { recursive: true, force: true });
});

describe('conndoctor diagnose', () => {
  it('a closed port: refused, not-listening, exit 1, only JSON on stdout', async () => {
    const r = await cli(['diagnose', `127.0.0.1:${closedPort}`, '--json', '--timeout', '1000']);
    expect(r.code).toBe(1);
    const d = DiagnosisSchema.parse(JSON.parse(r.stdout));
    expect(d.outcome).toBe('refused');
    expect(d.cause).toBe('not-listening');
    expect(d.target).toEqual({ host: '127.0.0.1', port: closedPort, addresses: ['127.0.0.1'] });
    expect(d.evidence.some((e) => e.probe === 'connect' && e.vantage === 'client')).toBe(true);
    expect(d.verified).toBeNull();
  });

  it('an open port: ok, exit 0', async () => {
    const r = await cli(['diagnose', `127.0.0.1:${openPort}`, '--json']);
    expect(r.code).toBe(0);
    const d = DiagnosisSchema.parse(JSON.parse(r.stdout));
    expect(d).toMatchObject({ outcome: 'ok', cause: 'ok', fix: null });
  });

  it('human output names the cause and the evidence', async () => {
    const r = await cli(['diagnose', `127.0.0.1:${closedPort}`, '--timeout', '1000']);
    expect(r.code).toBe(1);
    // The answer first, then the steps with the one that found the fault.
    expect(r.stdout.split('\n')[0]).toBe(`Nothing listens on port ${closedPort} on the server.`);
    expect(r.stdout).toMatch(/cause not-listening/);
    expect(r.stdout).toMatch(/FAIL Listening socket: Nothing listens on port/);
    expect(r.stdout).toMatch(/connect \[client\] .*refused/);
    expect(r.stdout).not.toContain('\u001b['); // not a terminal: no colour
  });

  it('--outputs DIR without usable outputs: client-only answer with the server commands', async () => {
    const r = await cli(['diagnose', `127.0.0.1:${closedPort}`, '--outputs', tmp, '--json']);
    expect(r.code).toBe(1);
    const d = DiagnosisSchema.parse(JSON.parse(r.stdout));
    expect(d).toMatchObject({ cause: 'not-listening', confidence: 'low' });
    expect(d.nextSteps?.map((s) => s.command?.[0])).toEqual(
      expect.arrayContaining(['ss', 'systemctl', 'ufw', 'iptables-save', 'nft', 'ip']),
    );
  });

  it('client-only refusal: the sweep hint names an open port next door', async () => {
    // A listening port P whose neighbour P+1 is closed (bounded search).
    let hintServer: Server | null = null;
    let target = 0;
    for (let i = 0; i < 10 && target === 0; i++) {
      const s = await listen();
      const next = portOf(s) + 1;
      const r = await cli(['probe', 'connect', `127.0.0.1:${next}`, '--json', '--timeout', '500']);
      if (r.code === 1 && next <= 65535) {
        hintServer = s;
        target = next;
      } else await new Promise<void>((res) => s.close(() => res()));
    }
    expect(hintServer).not.toBeNull();
    try {
      const r = await cli(['diagnose', `127.0.0.1:${target}`, '--outputs', tmp, '--json']);
      expect(r.code).toBe(1);
      const d = DiagnosisSchema.parse(JSON.parse(r.stdout));
      expect(d.cause).toBe('not-listening');
      expect(d.hints?.join(' ')).toContain(String(target - 1));
      expect(d.evidence.some((e) => e.probe === 'sweep')).toBe(true);
      const human = await cli(['diagnose', `127.0.0.1:${target}`, '--outputs', tmp]);
      expect(human.stdout).toMatch(new RegExp(`Hint: .*${target - 1}.*the port you meant`));
    } finally {
      await new Promise<void>((res) => hintServer?.close(() => res()));
    }
  });

  const bad: [string, string[]][] = [
    ['missing port', ['diagnose', '127.0.0.1']],
    ['port 0', ['diagnose', '127.0.0.1:0']],
    ['port above 65535', ['diagnose', '127.0.0.1:65536']],
    ['garbage host', ['diagnose', 'no_such host!:80']],
    ['bare IPv6', ['diagnose', '::1:22']],
    ['unknown option', ['diagnose', '127.0.0.1:22', '--bogus']],
    ['missing HOST:PORT', ['diagnose']],
    ['bad --timeout', ['diagnose', '127.0.0.1:22', '--timeout', 'soon']],
    ['bad --service', ['diagnose', '127.0.0.1:22', '--service', '../etc']],
    ['--fix=PLAN not a plan id', ['diagnose', '127.0.0.1:22', '--fix=rm -rf /']],
    [
      '--rollback-after out of range',
      ['diagnose', '127.0.0.1:22', '--fix', '--rollback-after', '5'],
    ],
    [
      '--sudo-password-stdin with --manual',
      ['diagnose', '127.0.0.1:22', '--sudo-password-stdin', '--manual'],
    ],
    ['undo with nothing logged', ['undo']],
    ['undo of an id not of the change-id form', ['undo', '../etc/passwd']],
    ['unknown command', ['frobnicate']],
    ['no command', []],
    ['unknown probe', ['probe', 'ping', '127.0.0.1:22']],
    ['probe connect without target', ['probe', 'connect']],
    [
      '--outputs DIR that does not exist',
      ['diagnose', '127.0.0.1:22', '--outputs', '/nonexistent/conndoctor'],
    ],
    ['--manual with --ssh', ['diagnose', '127.0.0.1:22', '--manual', '--ssh', 'root@127.0.0.1']],
  ];
  for (const [name, args] of bad) {
    it(`bad input (${name}): exit 2, empty stdout, one line on stderr`, async () => {
      const r = await cli(args);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^conndoctor: .+\(see: conndoctor.* --help\)$/);
    });
  }

  it('IPv6 in brackets is accepted', async () => {
    const r = await cli(['diagnose', `[::1]:${closedPort}`, '--json', '--timeout', '500']);
    expect([0, 1]).toContain(r.code);
    expect(DiagnosisSchema.parse(JSON.parse(r.stdout)).target.host).toBe('::1');
  });
});

describe('conndoctor probe', () => {
  it('connect to an open port passes (exit 0) and prints one evidence object', async () => {
    const r = await cli(['probe', 'connect', `127.0.0.1:${openPort}`, '--json']);
    expect(r.code).toBe(0);
    expect(EvidenceSchema.parse(JSON.parse(r.stdout))).toMatchObject({
      probe: 'connect',
      ok: true,
    });
  });

  it('connect to a closed port fails (exit 1)', async () => {
    const r = await cli(['probe', 'connect', `127.0.0.1:${closedPort}`, '--json']);
    expect(r.code).toBe(1);
    expect(EvidenceSchema.parse(JSON.parse(r.stdout))).toMatchObject({
      probe: 'connect',
      status: 'fail',
    });
  });
});

describe('conndoctor --outputs with files', () => {
  it('reads DIR/<probe>.txt (an unreadable paste never counts as evidence)', async () => {
    const dir = mkdtempSync(join(tmp, 'outputs-'));
    writeFileSync(join(dir, 'listeners.txt'), 'garbage that is no ss output\n');
    const r = await cli(['diagnose', `127.0.0.1:${closedPort}`, '--outputs', dir, '--json']);
    expect(r.code).toBe(1);
    const d = DiagnosisSchema.parse(JSON.parse(r.stdout));
    const pasted = d.evidence.find((e) => e.probe === 'listeners');
    expect(pasted?.vantage).toBe('server');
    expect(pasted?.status).toBe('inconclusive');
    expect(d.cause).toBe('not-listening');
  });
});

describe('conndoctor --outputs with real captured server outputs', () => {
  const outputs = join(root, 'tests', 'fixtures', 'cli-outputs');

  it('--print-commands names the file and the command of each server probe', async () => {
    const r = await cli(['diagnose', '127.0.0.1:47123', '--print-commands']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('listeners.txt\tss -Hltnp');
    expect(r.stdout).toContain('firewall.txt\tiptables-save -c');
    expect(r.stdout).toMatch(/^route\.txt\tip .*127\.0\.0\.1$/m);
  });

  it('--print-commands for a name resolves it first: the route command names the address', async () => {
    const r = await cli(['diagnose', 'localhost:47123', '--print-commands']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^route\.txt\tip .*route get (127\.0\.0\.1|::1)$/m);
  });

  it('a listener on ::1 only: bound-to-other-address, naming address and process', async () => {
    const r = await cli([
      'diagnose',
      '127.0.0.1:47123',
      '--outputs',
      join(outputs, 'debian12-ipv6-loopback-only'),
      '--json',
      '--timeout',
      '500',
    ]);
    expect(r.code).toBe(1);
    const d = DiagnosisSchema.parse(JSON.parse(r.stdout));
    expect(d.outcome).toBe('refused');
    expect(d.cause).toBe('bound-to-other-address');
    expect(d.summary).toContain('[::1]:47123 (python3');
    expect(d.nextSteps[0]?.why).toContain('binds only to [::1]:47123 (python3');
    expect(d.steps.find((s) => s.verdict === 'fail')).toMatchObject({
      step: 'listening',
      cause: 'bound-to-other-address',
      evidence: expect.arrayContaining(['server.listeners']) as unknown,
    });
  });

  it('an iptables REJECT rule: firewall-reject with the rule and its delete/insert fix', async () => {
    const r = await cli([
      'diagnose',
      '127.0.0.1:47124',
      '--outputs',
      join(outputs, 'debian12-iptables-reject'),
      '--json',
      '--timeout',
      '500',
    ]);
    expect(r.code).toBe(1);
    const d = DiagnosisSchema.parse(JSON.parse(r.stdout));
    expect(d.cause).toBe('firewall-reject');
    expect(d.rule).toMatchObject({
      source: 'iptables',
      table: 'filter',
      chain: 'INPUT',
      verdict: 'reject',
    });
    expect(d.fix?.commands[0]).toEqual(
      expect.arrayContaining(['iptables', '-D', 'INPUT', '--dport', '47124', 'REJECT']),
    );
    expect(d.alsoFound.map((a) => a.cause)).toContain('not-listening');
  });
});

describe('conndoctor diagnose --outputs --fix', () => {
  it('prints the commands to run on the server, then verifies from here (still refused: verified false)', async () => {
    const r = await cli([
      'diagnose',
      '127.0.0.1:47124',
      '--outputs',
      join(root, 'tests', 'fixtures', 'cli-outputs', 'debian12-iptables-reject'),
      '--json',
      '--timeout',
      '300',
      '--fix',
      '--yes',
    ]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain('Run on the server as root');
    expect(r.stderr).toMatch(/\$ sudo iptables .*-D INPUT .*--dport 47124/);
    const d = DiagnosisSchema.parse(JSON.parse(r.stdout));
    expect(d).toMatchObject({ cause: 'firewall-reject', verified: false, changeId: null });
  });
});

describe('conndoctor diagnose --manual', () => {
  it('prompts on stderr for each server command, reads pasted output up to an empty line', async () => {
    const listenersOut = readFileSync(
      join(
        root,
        'tests',
        'fixtures',
        'cli-outputs',
        'debian12-ipv6-loopback-only',
        'listeners.txt',
      ),
      'utf8',
    );
    // The listeners output, then an empty line for every other command (skipped).
    const stdin = `${listenersOut.trimEnd()}\n\n\n\n\n\n`;
    const r = await cli(
      ['diagnose', '127.0.0.1:47123', '--manual', '--json', '--timeout', '500'],
      stdin,
    );
    expect(r.code).toBe(1);
    // ss is asked for once, although listeners and service both start from it.
    expect(r.stderr.split('$ ss -Hltnp')).toHaveLength(2);
    const d = DiagnosisSchema.parse(JSON.parse(r.stdout));
    expect(d.cause).toBe('bound-to-other-address');
    expect(d.evidence.find((e) => e.probe === 'listeners')?.summary).toContain('[::1]:47123');
  });
});
