import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { labBench, MODES, type DiagRun, type ScenarioResult } from './lab-bench';
import { alternate, p50p95, pairedRatio, quantile, r0, r2, timeIt, type Timed } from './measure';

/**
 * `npm run bench` (DESIGN §6): every budget measured side by side in one run and reported
 * as ratios — a Markdown table on stdout and the raw figures as JSON in bench-results/.
 * Nothing here asserts: timings on a shared machine are noisy, ratios of paired runs less so.
 *
 * Options: --quick (CI-sized: 3 rounds, no 65,535-port sweep), --runs N (default 10),
 * --timeout MS (default 1000), --modes batch,channels, --no-lab, --no-sweep, --out DIR,
 * --baseline CHECKOUT (another built checkout, e.g. a `git worktree` of the commit before a
 * change: its CLI runs side by side as the `baseline` way), --only WORD,WORD (lab scenarios
 * whose name contains a word: refused, reject, drop, loopback).
 */

const ROOT = resolve(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'bin', 'conndoctor.js');
const args = process.argv.slice(2);
const flag = (n: string) => args.includes(n);
const value = (n: string) => {
  const i = args.indexOf(n);
  return i >= 0 ? args[i + 1] : undefined;
};
const quick = flag('--quick');
const runs = Number(value('--runs') ?? (quick ? 3 : 10));
const timeoutMs = Number(value('--timeout') ?? 1000);
const modes = (value('--modes') ?? 'batch,channels')
  .split(',')
  .filter((m): m is keyof typeof MODES => m in MODES);
const outDir = value('--out') ?? join(ROOT, 'bench-results');
const baselineDir = value('--baseline');
const baseline = baselineDir ? join(resolve(baselineDir), 'bin', 'conndoctor.js') : undefined;
const log = (s: string) => process.stderr.write(`${s}\n`);
const md: string[] = [];
const json: Record<string, unknown> = { date: new Date().toISOString(), runs, timeoutMs, quick };

// 1. Start-up: `conndoctor --version` against a bare `node -e 0`.
log(`start-up: ${Math.max(runs, 10)} rounds`);
const startupCmds: Record<string, () => Promise<Timed>> = {
  cli: () => timeIt([process.execPath, CLI, '--version']),
  node: () => timeIt([process.execPath, '-e', '0']),
};
if (baseline) startupCmds.baseline = () => timeIt([process.execPath, baseline, '--version']);
const suAll = await alternate(Math.max(runs, 10), startupCmds);
const su = { cli: suAll.cli ?? [], node: suAll.node ?? [], baseline: suAll.baseline };
const startup = {
  cli: p50p95(su.cli.map((t) => t.ms)),
  node: p50p95(su.node.map((t) => t.ms)),
  ratio: pairedRatio(
    su.cli.map((t) => t.ms),
    su.node.map((t) => t.ms),
  ),
  baseline: su.baseline ? p50p95(su.baseline.map((t) => t.ms)) : null,
  baselineRatio: su.baseline
    ? pairedRatio(
        su.baseline.map((t) => t.ms),
        su.node.map((t) => t.ms),
      )
    : null,
};
json.startup = startup;
md.push('## Start-up (budget ≤ 2× `node -e 0`)', '');
md.push('| command | p50 ms | p95 ms | ratio |', '|---|---:|---:|---:|');
md.push(
  `| \`conndoctor --version\` | ${r0(startup.cli.p50)} | ${r0(startup.cli.p95)} | **${r2(startup.ratio)}×** |`,
);
if (startup.baseline)
  md.push(
    `| baseline \`conndoctor --version\` | ${r0(startup.baseline.p50)} | ${r0(startup.baseline.p95)} | ${r2(startup.baselineRatio ?? Number.NaN)}× |`,
  );
md.push(`| \`node -e 0\` | ${r0(startup.node.p50)} | ${r0(startup.node.p95)} | 1 |`, '');

// 2. Sweeps against nmap -sT.
const hasNmap = spawnSync('nmap', ['--version']).status === 0;
if (flag('--no-sweep')) log('sweep: skipped (--no-sweep)');
else if (!hasNmap) md.push('Sweep: nmap is not installed (`apt-get install nmap`): skipped.', '');
else {
  md.push('## Loopback sweep (budget ≤ 0.75× `nmap -sT`)', '');
  md.push('| ports | conndoctor p50 ms | nmap -sT p50 ms | ratio |', '|---|---:|---:|---:|');
  const sweeps: Record<string, unknown> = {};
  for (const ports of quick ? ['1-1000'] : ['1-1000', '1-65535']) {
    log(`sweep ${ports}: ${runs} rounds`);
    const got = await alternate(runs, {
      ours: () =>
        timeIt([process.execPath, CLI, 'probe', 'sweep', '127.0.0.1', '--ports', ports, '--json']),
      nmap: () => timeIt(['nmap', '-sT', '-n', '-Pn', '-p', ports, '127.0.0.1']),
    });
    const o = p50p95(got.ours.map((t) => t.ms));
    const n = p50p95(got.nmap.map((t) => t.ms));
    const ratio = pairedRatio(
      got.ours.map((t) => t.ms),
      got.nmap.map((t) => t.ms),
    );
    sweeps[ports] = { ours: o, nmap: n, ratio };
    md.push(`| ${ports} | ${r0(o.p50)} | ${r0(n.p50)} | **${r2(ratio)}×** |`);
  }
  md.push('');
  json.sweep = sweeps;
}

// 3. The lab: diagnoses with and without server access.
const isRoot = process.getuid?.() === 0;
const hasNetns = spawnSync('ip', ['netns', 'list']).status === 0;
if (flag('--no-lab')) log('lab: skipped (--no-lab)');
else if (!isRoot || !hasNetns) md.push('Lab: needs root and `ip netns`: skipped.', '');
else {
  log(`lab: ${runs} rounds per scenario, modes ${modes.join(', ')}`);
  const results = await labBench({
    runs,
    timeoutMs,
    startupMs: startup.cli.p50,
    modes,
    ...(baseline ? { baseline } : {}),
    ...(value('--only') ? { only: (value('--only') ?? '').split(',') } : {}),
    log,
  });
  json.lab = results;
  md.push(...labTables(results));
}

const text = md.join('\n');
process.stdout.write(`${text}\n`);
mkdirSync(outDir, { recursive: true });
const stamp = new Date().toISOString().replace(/[:.]/g, '').slice(0, 15);
writeFileSync(join(outDir, `bench-${stamp}.json`), JSON.stringify(json, null, 2));
writeFileSync(join(outDir, `bench-${stamp}.md`), `${text}\n`);
log(`written: ${join(outDir, `bench-${stamp}.{json,md}`)}`);

function med(xs: readonly number[]): number {
  return quantile(xs, 0.5);
}

function labTables(results: ScenarioResult[]): string[] {
  const out: string[] = [];
  out.push(
    `## Time to diagnosis (lab, \`--timeout ${timeoutMs}\`; budget: refused over SSH ≤ 2.5× the floor, client-only < 20 ms, DROP ≤ timeout + 300 ms)`,
    '',
    '| scenario | way | wall p50 ms | wall p95 ms | durationMs p50 | ÷ floor (start-up subtracted) | handshake | round trips | channels | remote commands | peak RSS MiB | right cause |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const r of results) {
    const row = (way: string, xs: DiagRun[], ratio: string) => {
      const w = p50p95(xs.map((x) => x.wallMs));
      const d = med(xs.map((x) => x.durationMs ?? Number.NaN));
      const st = xs.map((x) => x.stats);
      const s = (f: (c: NonNullable<(typeof st)[number]>) => number) =>
        med(st.filter((c) => c !== null).map((c) => f(c)));
      const hs = s((c) => c.ssh.handshakeMs);
      const want = way === 'client only' ? r.expectClient : r.expect;
      const ok = xs.filter((x) => x.cause === want).length;
      out.push(
        `| ${r.name} | ${way} | ${r0(w.p50)} | ${r0(w.p95)} | ${r0(d)} | ${ratio} | ${way === 'client only' ? '–' : `${r0(hs)} ms (${r0((100 * hs) / w.p50)}%)`} | ${r0(s((c) => c.ssh.roundTrips))} | ${r0(s((c) => c.ssh.channels))} | ${r0(s((c) => c.ssh.commands))} | ${r0(s((c) => c.maxRssKiB) / 1024)} | ${ok}/${xs.length} |`,
      );
    };
    for (const [m, xs] of Object.entries(r.ssh))
      row(`SSH (${m})`, xs, `**${r2(r.ratio[m] ?? Number.NaN)}×**`);
    row('client only', r.clientOnly, '–');
  }
  out.push('', '### Side by side (same rounds)', '');
  out.push(
    '| scenario | floor: `ssh host ss -Hltnp` p50 ms | manual method p50 ms | `nc -z` p50 ms |',
    '|---|---:|---:|---:|',
  );
  for (const r of results) {
    const m = r.manual
      ? `${r0(med(r.manual.map((t) => t.ms)))} (${r.manual[0]?.stdout ?? ''})`
      : '–';
    out.push(
      `| ${r.name} | ${r0(med(r.floor.map((t) => t.ms)))} | ${m} | ${r0(med(r.nc.map((t) => t.ms)))} |`,
    );
  }
  out.push('', '### Where the time goes (evidence `ms`, p50, SSH runs)', '');
  for (const r of results) {
    for (const [m, xs] of Object.entries(r.ssh)) {
      const ids = [...new Set(xs.flatMap((x) => x.evidence.map((e) => e.id)))];
      const wall = med(xs.map((x) => x.wallMs));
      const parts = ids.map((id) => {
        const ms = med(xs.map((x) => x.evidence.find((e) => e.id === id)?.ms ?? Number.NaN));
        return `${id} ${r0(ms)} ms (${r0((100 * ms) / wall)}%)`;
      });
      out.push(`- ${r.name}, ${m}: ${parts.join(', ')}`);
    }
  }
  out.push('');
  return out;
}
