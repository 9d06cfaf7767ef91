import { describe, expect, it } from 'vitest';
import { listenerCovers } from '../../../../shared/diagnosis/evidence-view';
import {
  parseNetstatListeners,
  parseSsListeners,
} from '../../../../electron/engine/probes/listeners-parse';
import { loadFixture } from '../../../lab/harness/fixtures';

const ss = parseSsListeners(loadFixture('listeners', 'debian12-ss-root').stdout).listeners;
const on = (port: number) => {
  const l = ss.find((x) => x.port === port);
  if (!l) throw new Error(`fixture has no listener on ${port}`);
  return l;
};

describe('listenerCovers on real ss output', () => {
  it('a dual-stack `*` socket accepts IPv4 and IPv6', () => {
    expect(listenerCovers(on(8083), '10.233.200.2')).toBe(true);
    expect(listenerCovers(on(8083), 'fd00:233::c8:2')).toBe(true);
  });

  it('an IPv6-only `[::]` socket does not accept IPv4', () => {
    expect(listenerCovers(on(8084), '10.233.200.2')).toBe(false);
    expect(listenerCovers(on(8084), 'fd00:233::c8:2')).toBe(true);
  });

  it("netstat's `:::` cannot tell, so it is taken to accept IPv4 (Linux default)", () => {
    const ns = parseNetstatListeners(loadFixture('listeners', 'debian12-netstat-root').stdout);
    const wild6 = ns.listeners.find((l) => l.address === '::');
    expect(wild6).toBeDefined();
    if (wild6) expect(listenerCovers(wild6, '10.0.0.1')).toBe(true);
  });
});
