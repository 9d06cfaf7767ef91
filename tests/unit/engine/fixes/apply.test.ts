import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { applyFix, needsDeadMan, readBack } from '../../../../electron/engine/fixes/apply';
import type { ExecRequest, ExecResult, Executor } from '../../../../electron/engine/exec/executor';
import { renderPlans, type FixPlan } from '../../../../shared/fix-plan';
import { translator } from '../../../../shared/i18n/translate';
import { dropInText, newFileDiff } from '../../../../shared/unit-dropin';

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

describe('unit.drop-in apply', () => {
  const path = '/etc/systemd/system/redis-server.service.d/conndoctor-listen.conf';
  const execStart = ['/usr/bin/redis-server', '/etc/redis/redis.conf', '--bind', '*', '-::*'];
  const [fix] = renderPlans(
    [
      {
        kind: 'unit.drop-in',
        program: 'redis',
        unit: 'redis-server.service',
        path,
        execStart,
        diff: newFileDiff(path, dropInText(execStart)),
      },
    ],
    english,
  );

  /**
   * A systemd whose unit reads `ExecStart` from the files in a map: the drop-in, once it
   * exists, wins unless `laterWins` (another drop-in sorted after it).
   */
  function fakeSystemd(opts: { exists?: boolean; laterWins?: boolean } = {}) {
    const files = new Map<string, string>(opts.exists ? [[path, 'x']] : []);
    const ran: string[][] = [];
    const old = '/usr/bin/redis-server /etc/redis/redis.conf --bind 127.0.0.1';
    const executor: Executor = {
      kind: 'ssh',
      label: 'root@server',
      close: async () => {},
      run: (req: ExecRequest) => {
        const a = [...req.argv];
        ran.push(a);
        let exitCode = 0;
        let stdout = '';
        if (a[0] === 'test') exitCode = files.has(a[2]!) ? 0 : 1;
        if (a[0] === 'tee') files.set(a[2]!, req.stdin ?? '');
        if (a[0] === 'rm') files.delete(a.at(-1)!);
        if (a[0] === 'systemctl' && a[1] === 'show') {
          const now = files.has(path) && !opts.laterWins ? execStart.join(' ') : old;
          stdout = `ExecStart={ path=/usr/bin/redis-server ; argv[]=${now} ; ignore_errors=no ; start_time=[n/a] ; stop_time=[n/a] ; pid=0 ; code=(null) ; status=0/0 }\n`;
        }
        if (a[0] === 'systemctl' && a[1] === 'is-active') stdout = 'active\n';
        return Promise.resolve({
          argv: a,
          stdout,
          stderr: '',
          exitCode,
          truncated: false,
          elevated: true,
          ms: 1,
        });
      },
    };
    return { executor, files, ran };
  }

  it('writes exactly the drop-in the diff adds, reloads, reads the command line back, restarts', async () => {
    const s = fakeSystemd();
    const r = await applyFix(fix!, 'apply', s.executor, new AbortController().signal);
    expect(r).toEqual({ applied: true });
    expect(s.files.get(path)).toBe(dropInText(execStart));
    const order = s.ran.map((a) => a.slice(0, 2).join(' '));
    expect(order.indexOf('systemctl daemon-reload')).toBeLessThan(order.indexOf('systemctl show'));
    expect(order.indexOf('systemctl show')).toBeLessThan(order.indexOf('systemctl restart'));
    expect(needsDeadMan(fix!)).toBe(false);
  }, 10_000);

  it('a drop-in that appeared since the proposal is refused: nothing written', async () => {
    const s = fakeSystemd({ exists: true });
    const r = await applyFix(fix!, 'apply', s.executor, new AbortController().signal);
    expect(r.applied).toBe(false);
    expect(r.message).toMatch(/exists already/);
    expect(s.files.get(path)).toBe('x');
    expect(s.ran.map((a) => a[0])).toEqual(['test']);
  });

  it('another drop-in winning over ours: ours is removed again, nothing restarted', async () => {
    const s = fakeSystemd({ laterWins: true });
    const r = await applyFix(fix!, 'apply', s.executor, new AbortController().signal);
    expect(r.applied).toBe(false);
    expect(r.message).toMatch(/another drop-in wins/);
    expect(s.files.has(path)).toBe(false);
    expect(s.ran.some((a) => a[0] === 'systemctl' && a[1] === 'restart')).toBe(false);
  });

  it('undo removes the drop-in, reloads and restarts', async () => {
    const s = fakeSystemd({ exists: true });
    const r = await applyFix(fix!, 'undo', s.executor, new AbortController().signal);
    expect(r).toEqual({ applied: true });
    expect(s.files.has(path)).toBe(false);
    expect(s.ran.at(-1)).toEqual(['systemctl', 'restart', 'redis-server.service']);
  });
});
