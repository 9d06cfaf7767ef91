import { join } from 'node:path';
import react from '@vitejs/plugin-react';
import { build, preview, type PreviewServer } from 'vite';

const root = join(import.meta.dirname, '..', '..');

/**
 * Builds the development-only wizard preview page (renderer/wizard-preview.html, never
 * part of the app build) into test-results/ and serves it on 127.0.0.1.
 */
export async function serveWizardPreview(): Promise<{ url: string; server: PreviewServer }> {
  const outDir = join(root, 'test-results', 'wizard-preview');
  const config = {
    configFile: false as const,
    root: join(root, 'renderer'),
    logLevel: 'warn' as const,
    plugins: [react()],
    build: {
      outDir,
      emptyOutDir: true,
      rollupOptions: { input: { preview: join(root, 'renderer', 'wizard-preview.html') } },
    },
    preview: { host: '127.0.0.1', port: 0, strictPort: false },
  };
  await build(config);
  const server = await preview(config);
  const url = server.resolvedUrls?.local[0];
  if (url === undefined) throw new Error('the preview server has no URL');
  return { url: `${url}wizard-preview.html`, server };
}
