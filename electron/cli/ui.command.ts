import { cliError, usageError } from './cli-error';
import { langOpt } from './options';
import { parsePort } from '../../shared/target';

/** Options of `conndoctor ui`. */
export interface UiCliOptions {
  port?: string;
  /** commander's negation of `--no-open`. */
  open?: boolean;
  /** `--lang en|ko`: the language of its error lines. */
  lang?: string;
}

/**
 * `conndoctor ui`: serves the renderer on 127.0.0.1 (browser mode), prints exactly one
 * line `ConnDoctor UI: <url>` on stdout, then serves until interrupted.
 */
export async function uiCommand(o: UiCliOptions): Promise<number> {
  langOpt(o.lang, 'conndoctor ui');
  let port: number | undefined;
  if (o.port !== undefined) {
    const p = parsePort(o.port);
    if (!p.ok) throw usageError('uiPort', { detail: p.error }, 'conndoctor ui');
    port = p.value;
  }
  // Loaded on demand: the web server is not needed by any other command.
  const { startWebServer } = await import('../web/server');
  let server: Awaited<ReturnType<typeof startWebServer>>;
  try {
    server = await startWebServer({
      ...(port !== undefined ? { port } : {}),
      open: o.open !== false,
    });
  } catch (e) {
    throw cliError(3, 'uiStart', { detail: e instanceof Error ? e.message : String(e) });
  }
  await new Promise<void>((resolve) =>
    process.stdout.write(`ConnDoctor UI: ${server.url}\n`, () => resolve()),
  );
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  return 0;
}
