import { afterAll, beforeAll, describe, expect } from 'vitest';
import { labAvailable } from '../harness';
import { brief } from './drive';
import { expectCause, scenario } from './scenario';
import { sshScenarioLab } from './ssh-lab';

/**
 * Listening scenarios (subnet 10.235.0.0/16): a healthy port, nothing listening, and a
 * service bound to 127.0.0.1, to ::1 or to IPv6 only while the client uses IPv4.
 */
const avail = labAvailable();
if (!avail.ok) console.warn(`skipping listening scenario lab tests: ${avail.reason}`);

const s = sshScenarioLab({ name: 'scen-listen' });
const env = s.env;
const data = s.data;

describe.skipIf(!avail.ok)('scenarios: listening', () => {
  beforeAll(async () => {
    await s.up();
    await s.listen('0.0.0.0', 8080);
    await s.listen('127.0.0.1', 8082);
    await s.listen('::1', 8083);
    await s.listen('::', 8084, { v6only: true });
  }, 30_000);
  afterAll(() => s.down());

  scenario(env, {
    name: 'healthy: the service answers',
    ask: () => ({ target: data(8080) }),
    exitCode: 0,
    check: (d) => {
      expectCause(d, 'ok');
      expect(d.outcome).toBe('ok');
    },
  });

  scenario(env, {
    name: 'nothing listening, no expected service',
    ask: () => ({ target: data(8081) }),
    check: (d) => {
      expectCause(d, 'not-listening');
      expect(d.outcome).toBe('refused');
      expect(d.summary).toContain('8081');
    },
  });

  scenario(env, {
    name: 'bound to 127.0.0.1',
    ask: () => ({ target: data(8082) }),
    check: (d) => {
      expectCause(d, 'bound-to-other-address');
      expect(d.summary, brief(d)).toContain('127.0.0.1');
    },
  });

  scenario(env, {
    name: 'bound to ::1',
    ask: () => ({ target: data(8083) }),
    check: (d) => {
      expectCause(d, 'bound-to-other-address');
      expect(d.summary, brief(d)).toContain('::1');
    },
  });

  scenario(env, {
    name: 'IPv6 only ([::] with IPV6_V6ONLY), client on IPv4',
    ask: () => ({ target: data(8084) }),
    check: (d) => {
      expectCause(d, 'bound-to-other-address');
      expect(d.summary, brief(d)).toMatch(/IPv6|\[::\]|::/);
    },
  });
});
