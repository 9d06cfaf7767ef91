// `npm run dist[:linux|:mac|:win|:dir]`: builds the app, generates the icons from
// build/icon.svg, then runs electron-builder with build/electron-builder.yml.
// It stops early, with one line saying why and what to do, where it cannot succeed:
// without the Electron runtime (node_modules/electron/dist, fetched by electron's own
// installer when there is internet), or when asked for macOS/Windows installers on
// another OS (dmg signing and NSIS are meant to run on their own OS).
// `--dry-run` prints the electron-builder command instead of running anything.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary } from './electron-runtime.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** What each target builds, and the OS it must run on (null: any). */
const TARGETS = {
  host: { flags: [], os: null },
  linux: { flags: ['--linux'], os: 'linux' },
  mac: { flags: ['--mac'], os: 'darwin' },
  win: { flags: ['--win'], os: 'win32' },
  dir: { flags: ['--dir'], os: null },
};
const OS_NAME = { linux: 'Linux', darwin: 'macOS', win32: 'Windows' };

function stop(line) {
  console.error(`ConnDoctor dist: ${line}`);
  process.exit(1);
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', shell: false });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const args = process.argv.slice(2);
const dryRun = args.includes('--dry-run');
const name = args.find((a) => !a.startsWith('--')) ?? 'host';
const target = TARGETS[name];
if (!target) stop(`unknown target "${name}" (use one of: ${Object.keys(TARGETS).join(', ')}).`);
if (target.os !== null && target.os !== process.platform) {
  stop(
    `dist:${name} builds the ${OS_NAME[target.os]} installers and runs on ${OS_NAME[target.os]} only; ` +
      `this is ${OS_NAME[process.platform] ?? process.platform} — run it there, or use npm run dist here.`,
  );
}
if (electronBinary(root) === null) {
  stop(
    'no Electron runtime to package (node_modules/electron/dist is missing: it could not be downloaded); ' +
      'on a machine with internet run `npm ci`, then retry.',
  );
}

const builder = [
  join(root, 'node_modules', 'electron-builder', 'cli.js'),
  '--config',
  'build/electron-builder.yml',
  ...target.flags,
];
if (dryRun) {
  console.log(['node', ...builder].join(' '));
  process.exit(0);
}
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
run(npm, ['run', '-s', 'build']);
run(process.execPath, [join(root, 'scripts', 'icons.mjs')]);
run(process.execPath, builder);
