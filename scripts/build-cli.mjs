// Bundles the headless CLI (engine + shared + cli) into one ESM file for Node.
import { build } from 'esbuild';
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

await build({
  entryPoints: [join(root, 'electron/cli/main.ts')],
  outfile: join(root, 'out/cli/conndoctor.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  packages: 'external',
  plugins: [cjsInterop],
  logLevel: 'warning',
});
