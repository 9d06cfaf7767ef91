import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';

/** The page's CSP as a meta tag, in built pages only (Vite's dev server injects inline code). */
const CSP_META =
  "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'\" />";
function cspMeta(): Plugin {
  return {
    name: 'csp-meta',
    transformIndexHtml: {
      order: 'post',
      handler: (html, ctx) =>
        ctx.server
          ? html
          : html.replace('<meta charset="UTF-8" />', `<meta charset="UTF-8" />\n    ${CSP_META}`),
    },
  };
}

/**
 * Node's ESM loader cannot see every named export of some CommonJS packages (ssh2's
 * `utils`): the main bundle imports them through a default import and re-exports the names.
 */
const CJS_NAMED: Record<string, string[]> = { ssh2: ['Client', 'Server', 'utils'] };
const PREFIX = '\0cjs-named:';
function cjsNamedExports(): Plugin {
  return {
    name: 'cjs-named-exports',
    enforce: 'pre',
    resolveId(source, importer) {
      if (!(source in CJS_NAMED)) return null;
      if (importer?.startsWith(PREFIX) === true) return { id: source, external: true };
      return PREFIX + source;
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const pkg = id.slice(PREFIX.length);
      return [
        `import m from ${JSON.stringify(pkg)};`,
        'export default m;',
        ...(CJS_NAMED[pkg] ?? []).map((n) => `export const ${n} = m.${n};`),
      ].join('\n');
    },
  };
}

/**
 * Three bundles: main (ESM, Node), preload (ONE CommonJS file that requires nothing but
 * 'electron', as the sandbox demands) and the renderer (React, also served by browser mode).
 */
export default defineConfig({
  main: {
    plugins: [cjsNamedExports()],
    build: {
      outDir: 'out/main',
      // The packages with named CommonJS exports are externalized by the plugin above.
      externalizeDeps: { exclude: Object.keys(CJS_NAMED) },
      rolldownOptions: {
        input: { index: resolve(import.meta.dirname, 'electron/main/main.ts') },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // Bundle everything (zod included): a sandboxed preload cannot require modules.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(import.meta.dirname, 'electron/preload/preload.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'renderer'),
    plugins: [react(), cspMeta()],
    build: {
      outDir: resolve(import.meta.dirname, 'out/renderer'),
      emptyOutDir: true,
      rolldownOptions: {
        input: { index: resolve(import.meta.dirname, 'renderer/index.html') },
      },
    },
  },
});
