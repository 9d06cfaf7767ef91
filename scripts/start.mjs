// `npm start`: the desktop app when the Electron runtime is installed; otherwise one line
// saying so and the same UI in the system browser (`conndoctor ui`).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary as runtimeIn } from './electron-runtime.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const electronPkg = join(root, 'node_modules', 'electron');

/** One quiet attempt to fetch the runtime (electron's own installer), bounded in time. */
function tryFetchElectron() {
  if (process.env.CONNDOCTOR_NO_FETCH === '1') return null;
  const installer = join(electronPkg, 'install.js');
  if (!existsSync(installer)) return null;
  spawnSync(process.execPath, [installer], { cwd: electronPkg, stdio: 'ignore', timeout: 60_000 });
  return runtimeIn(root);
}

function built(files) {
  return files.every((f) => existsSync(join(root, f)));
}

function buildIfNeeded(files) {
  if (built(files)) return;
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['run', '-s', 'build'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

function run(cmd, args) {
  const child = spawn(cmd, args, { cwd: root, stdio: 'inherit' });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const bin = runtimeIn(root) ?? tryFetchElectron();
if (bin !== null) {
  buildIfNeeded(['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html']);
  run(bin, ['.']);
} else {
  console.log(
    'ConnDoctor: the Electron runtime is not installed and could not be fetched; opening the UI in your browser instead.',
  );
  buildIfNeeded(['out/renderer/index.html', 'out/cli/conndoctor.mjs']);
  run(process.execPath, [join(root, 'bin', 'conndoctor.js'), 'ui']);
}
