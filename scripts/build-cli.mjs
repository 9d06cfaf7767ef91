// Bundles the headless CLI (engine + shared + cli) into one ESM file for Node.
import { build } from 'esbuild';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// Node's ESM loader cannot see every named export of some CommonJS packages (ssh2's
// `utils`): route their imports through a default import and re-export the names.
const CJS_NAMED = { ssh2: ['Client', 'Server', 'utils'] };
const cjsInterop = {
  name: 'cjs-named-exports',
  setup(b) {
    const filter = new RegExp(`^(${Object.keys(CJS_NAMED).join('|')})$`);
    b.onResolve({ filter }, (args) =>
      args.namespace === 'cjs-interop'
        ? { path: args.path, external: true }
        : { path: args.path, namespace: 'cjs-interop' },
    );
    b.onLoad({ filter: /.*/, namespace: 'cjs-interop' }, (args) => ({
      contents: [
        `import m from ${JSON.stringify(args.path)};`,
        'export default m;',
        ...CJS_NAMED[args.path].map((n) => `export const ${n} = m.${n};`),
      ].join('\n'),
      loader: 'js',
    }));
  },
};

const result = await build({
  entryPoints: { conndoctor: join(root, 'electron/cli/entry.ts') },
  outdir: join(root, 'out/cli'),
  outExtension: { '.js': '.mjs' },
  // Code split at dynamic imports: SSH (ssh2) and browser mode (ws) load only when used,
  // so a plain `diagnose` or `probe sweep` starts fast.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  packages: 'external',
  plugins: [cjsInterop],
  logLevel: 'warning',
  write: false,
});

// Write each file beside its target and rename it into place: a CLI started while another
// build runs (parallel test files) sees the old bundle or the new one, never half a file.
for (const f of result.outputFiles) {
  await mkdir(dirname(f.path), { recursive: true });
  const tmp = `${f.path}.${process.pid}.tmp`;
  await writeFile(tmp, f.contents);
  await rename(tmp, f.path);
}
