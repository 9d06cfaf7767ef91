import { join, resolve } from 'node:path';
import type { Diagnosis } from '../../shared/evidence';
import {
  cleanupStale,
  createLab,
  generateKeyPair,
  startSshd,
  tcpListenerArgv,
  type Lab,
  type LabProcess,
} from '../lab/harness';
import {
  alternate,
  p50p95,
  pairedRatio,
  statsPath,
  timeIt,
  type CliStats,
  type Timed,
} from './measure';

/**
 * The lab part of `npm run bench`: a server namespace with a real sshd (LAB.md), four
 * causes set up for real, each diagnosed ≥ N times with and without server access, side by
 * side with the floor (one OpenSSH `ssh host 'ss -Hltnp'`), the manual method (the same
 * commands one by one over plain ssh) and `nc -z`.
 */

const ROOT = resolve(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'bin', 'conndoctor.js');

/** One lab scenario: a cause made real on the server. */
interface Scenario {
  name: string;
  port: number;
  expect: Diagnosis['cause'];
  /** What the client alone can tell (every refusal looks the same from there). */
  expectClient: Diagnosis['cause'];
  setup: (lab: Lab, listen: (host: string, port: number) => Promise<void>) => Promise<void>;
}

const SCENARIOS: Scenario[] = [
  {
    name: 'refused (not listening)',
    port: 8080,
    expect: 'not-listening',
    expectClient: 'not-listening',
    setup: async () => {},
  },
  {
    name: 'firewall REJECT',
    port: 8081,
    expect: 'firewall-reject',
    expectClient: 'not-listening',
    setup: (lab) => {
      lab.execOk(['iptables', '-A', 'INPUT', '-p', 'tcp', '--dport', '8081', '-j', 'REJECT']);
      return Promise.resolve();
    },
  },
  {
    name: 'firewall DROP',
    port: 8082,
    expect: 'firewall-drop',
    expectClient: 'firewall-drop',
    setup: (lab) => {
      lab.execOk(['iptables', '-A', 'INPUT', '-p', 'tcp', '--dport', '8082', '-j', 'DROP']);
      return Promise.resolve();
    },
  },
  {
    name: 'bound to loopback',
    port: 8083,
    expect: 'bound-to-other-address',
    expectClient: 'not-listening',
    setup: (_lab, listen) => listen('127.0.0.1', 8083),
  },
];

/** One CLI diagnosis run with its counters. */
export interface DiagRun {
  wallMs: number;
  durationMs: number | null;
  cause: string | null;
  evidence: { id: string; ms: number }[];
  stats: CliStats | null;
}

/** Results of one scenario. */
export interface ScenarioResult {
  name: string;
  expect: string;
  expectClient: string;
  timeoutMs: number;
  /** Per mode (`CONNDOCTOR_SSH_BATCH` value name): runs over SSH. */
  ssh: Record<string, DiagRun[]>;
  clientOnly: DiagRun[];
  floor: Timed[];
  nc: Timed[];
  manual: Timed[] | null;
  /** Median pairwise ratio (SSH wall − start-up) / floor, per mode. */
  ratio: Record<string, number>;
}

/** The modes compared side by side: the engine's batched server reads, and one channel per command. */
export const MODES = { batch: '1', channels: '0' } as const;

async function diagnose(
  args: string[],
  env: NodeJS.ProcessEnv,
  cli: string = CLI,
): Promise<DiagRun & Timed> {
  const st = statsPath();
  try {
    const t = await timeIt([process.execPath, cli, ...args], {
      env: { ...process.env, ...env, CONNDOCTOR_BENCH_STATS: st.path, NO_COLOR: '1' },
    });
    let d: Diagnosis | null = null;
    try {
      d = JSON.parse(t.stdout) as Diagnosis;
    } catch {
      d = null;
    }
    return {
      ...t,
      wallMs: t.ms,
      durationMs: d?.durationMs ?? null,
      cause: d?.cause ?? null,
      evidence: (d?.evidence ?? []).map((e) => ({ id: `${e.vantage}.${e.probe}`, ms: e.ms })),
      stats: st.read(),
    };
  } finally {
    st.done();
  }
}

/** Runs every lab scenario `runs` times per way; `startupMs` is subtracted from the CLI's wall time. */
export async function labBench(opts: {
  runs: number;
  timeoutMs: number;
  startupMs: number;
  modes: (keyof typeof MODES)[];
  /** Another checkout's `bin/conndoctor.js` (built), run side by side as mode `baseline`. */
  baseline?: string;
  /** Only the scenarios whose name contains one of these words (case-insensitive). */
  only?: string[];
  log: (s: string) => void;
}): Promise<ScenarioResult[]> {
  cleanupStale();
  const lab = createLab({ name: 'bench', net: 239 });
  const procs: LabProcess[] = [];
  try {
    const key = generateKeyPair(lab.dir, 'id_bench');
    const sshd = await startSshd(lab, { authorizedKeys: [key.publicKey] });
    const kh = sshd.writeKnownHosts([lab.mgmtAddr!]);
    const dest = `root@${lab.mgmtAddr!}`;
    const sshArgv = [
      'ssh',
      '-F',
      '/dev/null',
      '-o',
      'BatchMode=yes',
      '-o',
      `UserKnownHostsFile=${kh}`,
      '-o',
      'StrictHostKeyChecking=yes',
      '-i',
      key.privateKeyPath,
      dest,
    ];
    const listen = async (host: string, port: number) => {
      procs.push(await lab.startService(tcpListenerArgv(host, port), { waitPort: port }));
    };
    const results: ScenarioResult[] = [];
    const only = opts.only?.map((w) => w.toLowerCase());
    const chosen = SCENARIOS.filter(
      (sc) => !only || only.some((w) => sc.name.toLowerCase().includes(w)),
    );
    for (const sc of chosen) {
      await sc.setup(lab, listen);
      const target = `${lab.dataAddr!}:${sc.port}`;
      // --no-history: hundreds of bench runs stay out of the user's history.
      const base = [
        'diagnose',
        target,
        '--json',
        '--no-history',
        '--timeout',
        String(opts.timeoutMs),
      ];
      const withSsh = [
        ...base,
        '--ssh',
        dest,
        '--identity',
        key.privateKeyPath,
        '--known-hosts',
        kh,
      ];
      const cmds: Record<string, () => Promise<Timed>> = {};
      const baseline = opts.baseline;
      if (baseline) cmds['ssh:baseline'] = () => diagnose(withSsh, {}, baseline);
      for (const m of opts.modes)
        cmds[`ssh:${m}`] = () => diagnose(withSsh, { CONNDOCTOR_SSH_BATCH: MODES[m] });
      cmds.client = () => diagnose(base, {});
      cmds.floor = () => timeIt([...sshArgv, 'ss -Hltnp']);
      cmds.nc = () =>
        timeIt([
          'nc',
          '-z',
          '-w',
          String(Math.ceil(opts.timeoutMs / 1000)),
          lab.dataAddr!,
          String(sc.port),
        ]);
      opts.log(`  ${sc.name}: ${opts.runs} rounds of ${Object.keys(cmds).join(', ')}`);
      const got = await alternate(opts.runs, cmds);
      const manual = sc.name.startsWith('refused')
        ? await manualMethod(base, sshArgv, opts.runs)
        : null;
      const ssh: Record<string, DiagRun[]> = {};
      const ratio: Record<string, number> = {};
      for (const m of [...(opts.baseline ? ['baseline'] : []), ...opts.modes]) {
        ssh[m] = got[`ssh:${m}`] as unknown as DiagRun[];
        ratio[m] = pairedRatio(
          ssh[m].map((r) => r.wallMs - opts.startupMs),
          got.floor!.map((t) => t.ms),
        );
      }
      results.push({
        name: sc.name,
        expect: sc.expect,
        expectClient: sc.expectClient,
        timeoutMs: opts.timeoutMs,
        ssh,
        clientOnly: got.client as unknown as DiagRun[],
        floor: got.floor!,
        nc: got.nc!,
        manual,
        ratio,
      });
    }
    return results;
  } finally {
    for (const p of procs) await p.stop();
    await lab.destroy();
  }
}

/** The manual method: the diagnosis's own server commands (`--print-commands`), one plain ssh each. */
async function manualMethod(base: string[], sshArgv: string[], runs: number): Promise<Timed[]> {
  const listed = await timeIt([
    process.execPath,
    CLI,
    ...base.filter((a) => a !== '--json'),
    '--print-commands',
  ]);
  const cmds = listed.stdout
    .split('\n')
    .map((l) => l.split('\t')[1])
    .filter((c): c is string => c !== undefined && c !== '' && !c.startsWith('('));
  const out: Timed[] = [];
  for (let i = 0; i < runs; i++) {
    let ms = 0;
    for (const c of cmds) ms += (await timeIt([...sshArgv, c])).ms;
    out.push({ ms, code: 0, stdout: `${cmds.length} commands`, stderr: '' });
  }
  return out;
}

/** p50/p95 of a list of runs' wall time. */
export const wallOf = (xs: readonly { ms: number }[]) => p50p95(xs.map((x) => x.ms));
