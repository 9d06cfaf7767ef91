import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { applyFix, needsDeadMan, readBack } from '../../../../electron/engine/fixes/apply';
import type { ExecRequest, ExecResult, Executor } from '../../../../electron/engine/exec/executor';
import { renderPlans, type FixPlan } from '../../../../shared/fix-plan';
import { translator } from '../../../../shared/i18n/translate';

const english = translator('en');
const TEXT = "#listen_addresses = 'localhost'\nport = 5432\n";
const sha = createHash('sha256').update(TEXT, 'utf8').digest('hex');
const DIFF = [
  '--- /etc/pg.conf',
  '+++ /etc/pg.conf',
  '@@ -1,2 +1,2 @@',
  "-#listen_addresses = 'localhost'",
  "+listen_addresses = '*'",
  ' port = 5432',
  '',
].join('\n');

function plan(over: Partial<Extract<FixPlan, { kind: 'config.edit' }>>): FixPlan {
  return {
    kind: 'config.edit',
    program: 'postgresql',
    path: '/etc/pg.conf',
    sha256: sha,
    diff: DIFF,
    check: ['postgres', '-C', 'listen_addresses'],
    expect: '*',
    restart: 'postgresql@15-main.service',
    ...over,
  };
}

/** A server whose files live in a map; the check prints `checkSays`. */
function fakeServer(checkSays: string) {
  const files = new Map([['/etc/pg.conf', TEXT]]);
  const ran: string[][] = [];
  const ok = (argv: readonly string[], stdout = ''): ExecResult => ({
    argv,
    stdout,
    stderr: '',
    exitCode: 0,
    truncated: false,
    elevated: true,
    ms: 1,
  });
  const executor: Executor = {
    kind: 'ssh',
    label: 'root@server',
    close: async () => {},
    run: (req: ExecRequest) => {
      const a = req.argv;
      ran.push([...a]);
      if (a[0] === 'cp') files.set(a.at(-1)!, files.get(a.at(-2)!) ?? '');
      if (a[0] === 'tee') files.set(a[2]!, req.stdin ?? '');
      const out =
        a[0] === 'cat'
          ? (files.get(a[2]!) ?? '')
          : a[0] === 'postgres'
            ? `${checkSays}\n`
            : a[0] === 'systemctl' && a[1] === 'is-active'
              ? 'active\n'
              : '';
      return Promise.resolve(ok(a, out));
    },
  };
  return { executor, files, ran };
}

describe('config.edit apply', () => {
  it('sshd edits run under the dead-man switch; other config edits and service fixes do not', () => {
    const [sshd, nginx] = renderPlans(
      [plan({ program: 'sshd', expect: null }), plan({ program: 'nginx', expect: null })],
      english,
    );
    expect(needsDeadMan(sshd!)).toBe(true);
    expect(needsDeadMan(nginx!)).toBe(false);
    const [start] = renderPlans(
      [{ kind: 'service.start', manager: 'systemd', unit: 'x.service' }],
      english,
    );
    expect(needsDeadMan(start!)).toBe(false);
  });

  it('a check that reads another value back (a later setting wins) restores the file, nothing restarted', async () => {
    const [fix] = renderPlans([plan({})], english);
    const s = fakeServer('localhost');
    const r = await applyFix(fix!, 'apply', s.executor, new AbortController().signal);
    expect(r.applied).toBe(false);
    expect(r.message).toMatch(/reads "localhost" back, not "\*"/);
    expect(s.files.get('/etc/pg.conf')).toBe(TEXT);
    expect(s.ran.some((a) => a[0] === 'systemctl' && a[1] === 'restart')).toBe(false);
  });

  it('the check reading the expected value back lets the restart go ahead', async () => {
    const [fix] = renderPlans([plan({})], english);
    const s = fakeServer('*');
    const r = await applyFix(fix!, 'apply', s.executor, new AbortController().signal);
    expect(r).toEqual({ applied: true });
    expect(s.files.get('/etc/pg.conf')).toBe("listen_addresses = '*'\nport = 5432\n");
    const order = s.ran.map((a) => a[0]);
    expect(order.indexOf('postgres')).toBeLessThan(order.lastIndexOf('systemctl'));
    expect(s.ran).toContainEqual(['systemctl', 'restart', 'postgresql@15-main.service']);
  }, 10_000);

  it('readBack: the last line, or the last line setting the --option the plan expects', () => {
    expect(readBack('*\n', '*')).toBe('*');
    const out =
      '--socket=/run/mysqld/mysqld.sock\n--bind-address=0.0.0.0\n--bind_address=127.0.0.1\n--port=3306\n';
    expect(readBack(out, '--bind-address=0.0.0.0')).toBe('--bind_address=127.0.0.1');
    expect(readBack('--bind-address=0.0.0.0\n--port=3306\n', '--bind-address=0.0.0.0')).toBe(
      '--bind-address=0.0.0.0',
    );
    expect(readBack('', '--bind-address=0.0.0.0')).toBe('');
  });
});
