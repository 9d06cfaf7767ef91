import { version } from '../../package.json';

/**
 * The app's version, from package.json at build time: the bundlers (esbuild for the CLI,
 * electron-vite for main) inline it, so every bundle and chunk reports the same version
 * wherever it lands — reading package.json relative to a chunk found the wrong one
 * (out/cli/chunks/… → out/package.json) and reported 0.0.0.
 */
export const APP_VERSION: string = version;
