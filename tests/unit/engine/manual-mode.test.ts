import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ListenersData } from '../../../shared/probe-data';
import { createService } from '../../../electron/engine/service';
import { defaultServiceDeps } from '../../../electron/engine/service-deps';

/** Manual mode through the contracts, on the real engine and real captured output. */
const fixture = (name: string) =>
  readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'listeners', name), 'utf8');

describe('manual mode over the contracts', () => {
  const service = createService(defaultServiceDeps('browser'), () => undefined);
  const request = { probe: 'listeners', vantage: 'server', target: { host: '10.9.0.2', port: 22 } };

  it('probe.commands names the exact command the listeners probe runs', async () => {
    const r = await service.dispatch('probe.commands', { request });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const { commands } = r.value as { commands: string[][]; privileged: boolean };
    expect(commands).toHaveLength(1); // ss is answered, so its fallback netstat is not asked
    expect(commands[0]?.[0]).toBe('ss');
  });

  it('probe.parse reads pasted ss output captured on Debian 12 with the same parser', async () => {
    const r = await service.dispatch('probe.parse', {
      request,
      stdout: fixture('debian12-ss-root.txt'),
    });
    expect(r).toMatchObject({ ok: true, value: { probe: 'listeners', vantage: 'server' } });
    if (!r.ok) return;
    const data = (r.value as { data: ListenersData }).data;
    expect(data.listeners.length).toBeGreaterThan(0);
  });

  it('probe.parse refuses an oversized paste', async () => {
    const r = await service.dispatch('probe.parse', {
      request,
      stdout: 'x'.repeat(4 * 1024 * 1024 + 1),
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });
});
