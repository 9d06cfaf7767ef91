import { APP_VERSION } from '../engine/app-version';

/**
 * The CLI's entry point. `--version` is answered here without loading the program (start-up
 * budget, DESIGN §6: within 2× of a bare `node -e 0`); every command is imported on demand
 * from its own chunk, so a command loads only what it uses.
 */

const version = (): string => APP_VERSION;

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  process.stdout.write(`${version()}\n`);
} else {
  const { runCli } = await import('./main');
  const status = await runCli(argv, version);
  // `npm run bench` asks for this run's SSH counters and peak memory in a file.
  const statsFile = process.env.CONNDOCTOR_BENCH_STATS;
  if (statsFile) {
    const { sshStats } = await import('../engine/exec/ssh-stats');
    const { writeFileSync } = await import('node:fs');
    const maxRssKiB = process.resourceUsage().maxRSS;
    writeFileSync(statsFile, JSON.stringify({ ssh: sshStats, maxRssKiB }));
  }
  process.exit(status);
}
