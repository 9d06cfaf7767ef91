import { networkInterfaces } from 'node:os';
import { describe, expect, it } from 'vitest';
import { isLocalTarget, isLoopbackAddress } from '../../../electron/engine/local-host';

describe('local host detection', () => {
  it('knows loopback addresses', () => {
    expect(isLoopbackAddress('127.0.0.1')).toBe(true);
    expect(isLoopbackAddress('127.3.2.1')).toBe(true);
    expect(isLoopbackAddress('::1')).toBe(true);
    expect(isLoopbackAddress('0:0:0:0:0:0:0:1')).toBe(true);
    expect(isLoopbackAddress('::ffff:127.0.0.1')).toBe(true);
    expect(isLoopbackAddress('10.231.0.1')).toBe(false);
    expect(isLoopbackAddress('::2')).toBe(false);
  });

  it('loopback names and addresses are local', async () => {
    expect(await isLocalTarget('localhost')).toBe(true);
    expect(await isLocalTarget('127.0.0.1')).toBe(true);
    expect(await isLocalTarget('::1')).toBe(true);
    expect(await isLocalTarget('[::1]')).toBe(true);
  });

  it("every address of this machine's interfaces is local, zone id or not", async () => {
    const own = Object.values(networkInterfaces())
      .flatMap((l) => l ?? [])
      .filter((i) => !i.internal);
    for (const i of own) {
      expect(await isLocalTarget(i.address)).toBe(true);
      if (i.family === 'IPv6' && i.scopeid) {
        const name = Object.entries(networkInterfaces()).find(([, l]) =>
          l?.some((x) => x.address === i.address),
        )?.[0];
        if (name) expect(await isLocalTarget(`${i.address}%${name}`)).toBe(true);
      }
    }
  });

  it('other addresses and unresolvable names are not local', async () => {
    expect(await isLocalTarget('192.0.2.254')).toBe(false);
    expect(await isLocalTarget('2001:db8::254')).toBe(false);
    expect(await isLocalTarget('conndoctor-test.invalid')).toBe(false);
  });
});
