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
  // A reader that stops early (`conndoctor history | head`) closes the pipe: not an error of
  // ours, nothing more to write, and no stack trace on the terminal.
  const quietOnClosedPipe = (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE' && e.code !== 'ERR_STREAM_DESTROYED') throw e;
  };
  process.stdout.on('error', quietOnClosedPipe);
  process.stderr.on('error', quietOnClosedPipe);
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
  // Writes to a pipe are asynchronous: exiting at once cut long output (a `history --json`
  // of 1,000 sessions) at 64 KiB. An empty write's callback runs once the queue before it
  // has been handed to the OS.
  const flushed = (s: NodeJS.WriteStream) => new Promise<void>((r) => s.write('', () => r()));
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  process.exit(status);
}
