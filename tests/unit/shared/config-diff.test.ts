import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyDiff, lineDiff, splitLines, windowAround } from '../../../shared/config-diff';
import {
  lastRedisBind,
  nginxListenBinds,
  nginxListenEverywhere,
  redisBindEverywhere,
} from '../../../shared/config-directives';

const FIX = join(import.meta.dirname, '..', '..', 'fixtures', 'config');
const redisConf = readFileSync(join(FIX, 'debian12-redis.conf'), 'utf8');

describe('config diffs', () => {
  it("Debian's redis.conf: the diff of its bind line applies back to exactly the edited file", () => {
    const { lines } = splitLines(redisConf);
    const n = lastRedisBind(lines);
    expect(n).not.toBeNull();
    expect(lines[n! - 1]).toBe('bind 127.0.0.1 -::1');
    const diff = lineDiff(
      '/etc/redis/redis.conf',
      windowAround(lines, n!),
      n!,
      redisBindEverywhere(lines[n! - 1]!)!,
    );
    expect(diff).toContain(`@@ -${n! - 3},7 +${n! - 3},7 @@`);
    expect(diff).toContain('\n-bind 127.0.0.1 -::1\n+bind * -::*\n');
    const out = applyDiff(redisConf, diff!);
    if ('error' in out) throw new Error(out.error);
    const a = redisConf.split('\n');
    const b = out.text.split('\n');
    expect(b.length).toBe(a.length);
    expect(a.filter((l, i) => l !== b[i])).toEqual(['bind 127.0.0.1 -::1']);
  });

  it('refuses a diff whose context no longer matches, and keeps a missing final newline', () => {
    const text = 'a\nb\nlisten 127.0.0.1:80;\nc';
    const { lines } = splitLines(text);
    const diff = lineDiff('/x', windowAround(lines, 3), 3, 'listen 80;')!;
    expect(applyDiff(text, diff)).toEqual({ text: 'a\nb\nlisten 80;\nc' });
    expect(applyDiff('a\nB\nlisten 127.0.0.1:80;\nc', diff)).toEqual({
      error: 'line 2 is not what the diff expects',
    });
    expect('error' in applyDiff(text, 'rm -rf /')).toBe(true);
    expect(lineDiff('/x', windowAround(lines, 3), 3, 'listen 127.0.0.1:80;')).toBeNull();
  });

  it('nginx listen lines: only one-address binds of the port and family; options stay', () => {
    expect(nginxListenBinds('\tlisten 127.0.0.1:8088 default_server;', 8088, false)).toBe(true);
    expect(nginxListenBinds('\tlisten [::1]:8088 default_server;', 8088, false)).toBe(false);
    expect(nginxListenBinds('\tlisten [::1]:8088 default_server;', 8088, true)).toBe(true);
    expect(nginxListenBinds('\tlisten 8088;', 8088, false)).toBe(false);
    expect(nginxListenBinds('\tlisten 127.0.0.1:8089;', 8088, false)).toBe(false);
    expect(nginxListenBinds('#\tlisten 127.0.0.1:8088;', 8088, false)).toBe(false);
    expect(nginxListenBinds('\tlisten localhost:8088;', 8088, false)).toBe(true);
    expect(nginxListenEverywhere('\tlisten 127.0.0.1:8088 default_server; # x', false)).toBe(
      '\tlisten 8088 default_server; # x',
    );
    expect(nginxListenEverywhere('  listen [::1]:8088 ssl;', true)).toBe('  listen [::]:8088 ssl;');
  });
});
