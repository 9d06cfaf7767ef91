import { readFileSync } from 'node:fs';
import { connect as tcpConnect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupStale, labAvailable } from '../harness';
import { brief, buildCli, cli, sshArgs } from './drive';
import { nginxInstalled, siteOnPort, startNginxLab, type NginxLab } from './nginx-lab';

/**
 * wrong-port, and moving the service as its alternative (issue 10; DESIGN §3: the fix is
 * null, "moving the service is an alternative"): Debian's nginx with its shipped default
 * site moved to port 8090 (`listen 8090` and `listen [::]:8090`), run by its own unit
 * under real systemd in the server namespace on private copies of /etc/nginx and its state
 * (the machine's files are never touched); the client asks for 8080. Subnet 10.237.0.0/16.
 */
const avail = labAvailable();
const skip = !avail.ok
  ? `skipping the move scenario: ${avail.reason}`
  : !nginxInstalled()
    ? 'skipping the move scenario: nginx is not installed (apt-get install nginx)'
    : null;
if (skip) console.warn(skip);

let nx: NginxLab;
const lab = () => nx.lab;
const ssh = () => nx.ssh;
const ASKED = 8080;
const RUNS_ON = 8090;

/** The first bytes an HTTP server answers to a GET within 1.5 s ('' when it does not). */
function httpAnswer(port: number): Promise<string> {
  return new Promise((resolve) => {
    const sock = tcpConnect({ host: lab().dataAddr!, port, timeout: 1500 });
    const end = (s: string) => {
      sock.destroy();
      resolve(s);
    };
    sock.once('connect', () => sock.write('GET / HTTP/1.0\r\n\r\n'));
    sock.once('data', (b: Buffer) => end(b.toString('latin1')));
    sock.once('error', () => end(''));
    sock.once('timeout', () => end(''));
  });
}

const diagnose = (extra: string[] = []) =>
  cli([
    'diagnose',
    `${lab().dataAddr!}:${ASKED}`,
    '--json',
    '--timeout',
    '1000',
    '--service',
    'nginx.service',
    ...sshArgs(ssh()),
    ...extra,
  ]);

describe.skipIf(skip !== null)('move scenario: nginx listens on another port', () => {
  beforeAll(async () => {
    cleanupStale();
    buildCli();
    nx = await startNginxLab({
      name: 'scen-move',
      net: 237,
      edit: siteOnPort(RUNS_ON),
      port: RUNS_ON,
    });
  }, 60_000);
  afterAll(async () => {
    await nx?.lab.destroy();
  });

  it('wrong-port names 8090 with fix null; --fix=config.edit moves both listen lines, verified; undo moves it back byte for byte', async () => {
    const original = readFileSync(nx.site);
    expect(await httpAnswer(ASKED)).toBe('');
    expect(await httpAnswer(RUNS_ON)).toMatch(/^HTTP\/1\.1 /);

    const seen = await diagnose();
    const d0 = seen.diagnosis;
    expect(d0?.cause, seen.stderr + brief(d0)).toBe('wrong-port');
    expect(d0?.fix).toBeNull();
    expect(seen.code).toBe(1);
    const alt = d0?.alternatives.find((a) => a.id === 'config.edit');
    expect(alt, brief(d0)).toBeDefined();
    expect(alt?.plan).toMatchObject({
      kind: 'config.edit',
      program: 'nginx',
      restart: 'nginx.service',
      move: { from: RUNS_ON, to: ASKED },
    });
    expect(alt?.diff).toContain('--- /etc/nginx/sites-enabled/default');
    expect(alt?.diff).toContain(
      [
        `-\tlisten ${RUNS_ON} default_server;`,
        `-\tlisten [::]:${RUNS_ON} default_server;`,
        `+\tlisten ${ASKED} default_server;`,
        `+\tlisten [::]:${ASKED} default_server;`,
      ].join('\n'),
    );
    expect(alt?.commands).toContainEqual(['/usr/sbin/nginx', '-t']);
    // Connecting to the right port stays the first thing to do.
    expect(d0?.nextSteps[0]?.why).toBe(
      `Connect to ${lab().dataAddr!}:${RUNS_ON}, where nginx.service really listens.`,
    );

    // The human output shows the change and how to make it, before anything is done.
    const human = await cli([
      'diagnose',
      `${lab().dataAddr!}:${ASKED}`,
      '--timeout',
      '1000',
      '--service',
      'nginx.service',
      '--no-history',
      ...sshArgs(ssh()),
    ]);
    expect(human.stdout).toContain(
      `Instead (config.edit): Move nginx.service from port ${RUNS_ON} to port ${ASKED}`,
    );
    expect(human.stdout).toContain(`+\tlisten ${ASKED} default_server;`);
    expect(human.stdout).toContain('--fix=config.edit');

    // --fix alone applies nothing: there is no fix, only the alternative.
    const plain = await diagnose(['--fix', '--yes']);
    expect(plain.diagnosis?.verified ?? null).toBeNull();
    expect(readFileSync(nx.site).equals(original)).toBe(true);

    const r = await diagnose(['--fix=config.edit', '--yes']);
    const d = r.diagnosis;
    expect(d?.verified, r.stderr + brief(d) + JSON.stringify(d?.warnings)).toBe(true);
    expect(r.code).toBe(0);
    expect(d?.fix?.plan).toMatchObject({ move: { from: RUNS_ON, to: ASKED } });
    expect(await httpAnswer(ASKED)).toMatch(/^HTTP\/1\.1 /);
    expect(await httpAnswer(RUNS_ON)).toBe('');
    const after = readFileSync(nx.site, 'utf8');
    const a = original.toString('utf8').split('\n');
    const b = after.split('\n');
    expect(b.length).toBe(a.length);
    // Only the two listen lines changed: comments and layout stay.
    expect(a.filter((l, i) => l !== b[i])).toEqual([
      `\tlisten ${RUNS_ON} default_server;`,
      `\tlisten [::]:${RUNS_ON} default_server;`,
    ]);

    const u = await cli([
      'undo',
      d!.changeId!,
      ...sshArgs(ssh()),
      '--yes',
      '--json',
      '--timeout',
      '1000',
    ]);
    expect(u.code, u.stderr).toBe(0);
    expect(readFileSync(nx.site).equals(original)).toBe(true);
    expect(await httpAnswer(RUNS_ON)).toMatch(/^HTTP\/1\.1 /);
    expect(await httpAnswer(ASKED)).toBe('');
  }, 120_000);
});
