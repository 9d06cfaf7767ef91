import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnosis } from '../../../shared/evidence';
import { parseHostPort } from '../../../shared/target';
import type { InProcessApi } from '../../../electron/engine/in-process-api';
import type { CmdResult } from '../harness';
import {
  brief,
  diagnoseClientOnly,
  diagnoseManually,
  diagnoseOverSsh,
  diagnoseThroughService,
  cli,
  fixOverSsh,
  sshArgs,
  type Ask,
  type SshAccess,
} from './drive';

/**
 * One scenario, diagnosed three ways (DESIGN §3): the CLI over SSH, the CLI in manual mode
 * with the server's real outputs, and the machine through the contracts service as the
 * renderer drives it. Each way gets its own test; setup and teardown are shared.
 */

/** Where a scenario's server is and how to reach it. */
export interface ScenarioEnv {
  ssh: () => SshAccess;
  service: () => InProcessApi;
  /** Runs an argv on the server as the user would for manual mode. */
  execOnServer: (argv: string[]) => CmdResult;
  tmp: () => string;
}

/** One scenario. */
export interface ScenarioSpec {
  name: string;
  ask: () => Ask;
  setup?: () => Promise<void> | void;
  teardown?: () => Promise<void> | void;
  /** Assertions on the diagnosis (the cause and what it names). */
  check: (d: Diagnosis, way: Way) => void;
  /** The expected exit status of the CLI (default 1). */
  exitCode?: number;
  /** Ways that are left out, each with the reason (printed). */
  skip?: Partial<Record<Way, string>>;
  /** Client-side only (no server access): the CLI and the machine run without SSH. */
  clientOnly?: boolean;
  /**
   * The fault has a fix: after the three ways, `--fix --yes` over SSH must make a real
   * connection work (verified, exit 0), and `undo` must bring the same cause back.
   */
  fixable?: boolean;
}

/** The three ways. */
export type Way = 'ssh' | 'manual' | 'renderer';

/** Declares a scenario as a describe block with one test per way. */
export function scenario(env: ScenarioEnv, spec: ScenarioSpec): void {
  describe(spec.name, () => {
    beforeAll(async () => {
      await spec.setup?.();
    });
    afterAll(async () => {
      await spec.teardown?.();
    });
    // The CLI over SSH and manual mode run side by side; the renderer's way runs alone.
    // Two live diagnoses must not overlap: the capture probe proves its tcpdump is armed
    // by a new tcpdump socket appearing, and the other's would count as its own.
    const way = (w: Way, title: string, fn: () => Promise<void>) => {
      const why = spec.skip?.[w];
      if (why !== undefined) it.skip(`${title} (${why})`, fn);
      else if (w === 'renderer') it(title, fn);
      else it.concurrent(title, fn);
    };

    const cliTitle = spec.clientOnly ? 'the CLI, client side only' : 'over SSH: the CLI';
    way('ssh', cliTitle, async () => {
      const r = spec.clientOnly
        ? await diagnoseClientOnly(spec.ask())
        : await diagnoseOverSsh(spec.ask(), env.ssh());
      expect(r.diagnosis, r.stderr).not.toBeNull();
      const d = r.diagnosis!;
      if (process.env.SCENARIO_DEBUG) {
        console.log(
          spec.name,
          d.durationMs,
          d.evidence.map((e) => `${e.probe}/${e.vantage} ${e.ms}ms`),
        );
      }
      spec.check(d, 'ssh');
      expect(r.code, brief(d)).toBe(spec.exitCode ?? 1);
    });

    if (!spec.clientOnly)
      way('manual', 'manual mode: the CLI reads the real outputs from --outputs DIR', async () => {
        const r = await diagnoseManually(spec.ask(), env.execOnServer, env.tmp());
        expect(r.diagnosis, r.stderr).not.toBeNull();
        spec.check(r.diagnosis!, 'manual');
        expect(r.code, brief(r.diagnosis)).toBe(spec.exitCode ?? 1);
      });

    way('renderer', "through the contracts service with the renderer's actors", async () => {
      const ask = spec.ask();
      const target = parseHostPort(ask.target);
      if (!target.ok) throw new Error(target.error);
      const ssh = env.ssh();
      const d = await diagnoseThroughService(
        env.service(),
        { target: target.value, service: ask.service, timeoutMs: ask.timeoutMs },
        spec.clientOnly ? null : { destination: ssh.destination, identity: ssh.identity },
      );
      spec.check(d, 'renderer');
    });

    if (spec.fixable && !spec.clientOnly) {
      it('fixed over SSH (--fix --yes → verified), then undone (the fault is back)', async () => {
        const ask = spec.ask();
        const r = await fixOverSsh(
          ask.target,
          env.ssh(),
          ask.service !== undefined ? ['--service', ask.service] : [],
          ask.timeoutMs ?? 1000,
        );
        const d = r.diagnosis;
        expect(d?.verified, r.stderr + brief(d)).toBe(true);
        expect(r.code).toBe(0);
        const u = await cli([
          'undo',
          ...sshArgs(env.ssh()),
          '--yes',
          '--json',
          '--timeout',
          String(ask.timeoutMs ?? 1000),
        ]);
        expect(u.code, u.stderr).toBe(0);
        const again = (JSON.parse(u.stdout) as { diagnosis: Diagnosis }).diagnosis;
        expect(again.cause, brief(again)).toBe(d?.cause);
      });
    }
  });
}

/** Asserts the cause, with the diagnosis in the message when it differs. */
/** The named cause, and the steps agree: all seven, and the first failing step proves it. */
export function expectCause(d: Diagnosis, cause: Diagnosis['cause']): void {
  expect(d.cause, brief(d)).toBe(cause);
  expect(
    d.steps.map((s) => s.step),
    brief(d),
  ).toEqual(['dns', 'route', 'network', 'path', 'firewall', 'listening', 'service']);
  const firstFail = d.steps.find((s) => s.verdict === 'fail');
  if (cause === 'ok' || cause === 'unknown') {
    expect(firstFail, brief(d)).toBeUndefined();
  } else {
    expect(firstFail?.cause, brief(d)).toBe(cause);
  }
}
