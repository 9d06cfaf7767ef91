import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { evidenceLines, painter } from '../../../electron/cli/render';
import type { Evidence } from '../../../shared/evidence';

describe('CLI evidence lines', () => {
  it('print a command with a quoted rule comment so that a shell reads back the same argv', () => {
    const argv = ['iptables', '-I', 'INPUT', '-m', 'comment', '--comment', 'allow web'];
    const e: Evidence = {
      probe: 'firewall',
      vantage: 'server',
      command: argv,
      ok: true,
      status: 'pass',
      summary: 'accepted',
      data: null,
      ms: 1,
    };
    const [line] = evidenceLines([e], painter({ isTTY: false }));
    const shown = /\$ (.*)$/.exec(line ?? '')?.[1] ?? '';
    expect(shown).toBe("iptables -I INPUT -m comment --comment 'allow web'");
    const back = execFileSync('sh', ['-c', `printf '%s\\0' ${shown}`], { encoding: 'utf8' });
    expect(back.split('\0').slice(0, -1)).toEqual(argv);
  });
});
