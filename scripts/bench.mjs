// `npm run bench`: DESIGN §6 budgets, measured side by side in one run and reported as
// ratios (timings on a shared 2-core machine are noisy; nothing here asserts).
//  1. `probe sweep` of 65,535 loopback ports against `nmap -sT -p-`, alternating runs.
//  2. Time to diagnosis of a refused port without server access (durationMs of the JSON),
//     against a namespace host this script creates (root + ip netns), then removes.
import { spawnSync, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const CLI = ['out/cli/conndoctor.mjs'];
if (!existsSync(CLI[0])) {
  console.error('bench: run `npm run build` first');
  process.exit(2);
}
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function timeIt(cmd, args) {
  const t = performance.now();
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { ms: performance.now() - t, status: r.status, stdout: r.stdout };
}

// 1. Sweep vs nmap.
const hasNmap = spawnSync('nmap', ['--version']).status === 0;
if (!hasNmap) console.log('sweep: nmap not installed (apt-get install nmap) — skipped');
else {
  const ours = [];
  const theirs = [];
  for (let i = 0; i < RUNS; i++) {
    ours.push(timeIt('node', [...CLI, 'probe', 'sweep', '127.0.0.1', '--ports', '1-65535']).ms);
    theirs.push(timeIt('nmap', ['-sT', '-p-', '-n', '-Pn', '127.0.0.1']).ms);
  }
  const o = median(ours);
  const n = median(theirs);
  console.log(
    `sweep 65535 loopback ports: conndoctor median ${o.toFixed(0)} ms, nmap -sT -p- median ${n.toFixed(0)} ms, ratio ${(o / n).toFixed(2)} (≤ 1.00 meets the budget)`,
  );
}

// 2. Client-only refused diagnosis.
const isRoot = process.getuid?.() === 0;
const hasNetns = spawnSync('ip', ['netns', 'list']).status === 0;
if (!isRoot || !hasNetns) {
  console.log('diagnosis: needs root and ip netns — skipped');
} else {
  const ns = `cdbench-${process.pid}`;
  const ip = (...a) => execFileSync('ip', a, { stdio: 'ignore' });
  try {
    ip('netns', 'add', ns);
    ip('link', 'add', `cdb${process.pid % 10000}h`, 'type', 'veth', 'peer', 'name', 'cdbn');
    ip('link', 'set', 'cdbn', 'netns', ns);
    ip('addr', 'add', '10.236.0.1/24', 'dev', `cdb${process.pid % 10000}h`);
    ip('link', 'set', `cdb${process.pid % 10000}h`, 'up');
    ip('-n', ns, 'addr', 'add', '10.236.0.2/24', 'dev', 'cdbn');
    ip('-n', ns, 'link', 'set', 'cdbn', 'up');
    ip('-n', ns, 'link', 'set', 'lo', 'up');
    const engine = [];
    const wall = [];
    for (let i = 0; i < RUNS; i++) {
      const r = timeIt('node', [...CLI, 'diagnose', '10.236.0.2:9', '--json', '--timeout', '1000']);
      const d = JSON.parse(r.stdout);
      engine.push(d.durationMs);
      wall.push(r.ms);
    }
    console.log(
      `refused, no server access: diagnosis median ${median(engine)} ms (budget 20 ms), whole process ${median(wall).toFixed(0)} ms`,
    );
  } finally {
    spawnSync('ip', ['netns', 'del', ns]);
    spawnSync('ip', ['link', 'del', `cdb${process.pid % 10000}h`]);
  }
}
