import { msg } from '../../shared/i18n/message';
import { CliError, usageError } from './cli-error';
import { formatTarget, parsePort } from '../../shared/target';
import { targetArg } from './options';

/** Options of `conndoctor ui`. */
export interface UiCliOptions {
  port?: string;
  /** commander's negation of `--no-open`. */
  open?: boolean;
  /** `--target HOST:PORT`: prefills the form (nothing runs until Diagnose). */
  target?: string;
}

/**
 * `conndoctor ui`: serves the renderer on 127.0.0.1 (browser mode), prints exactly one
 * line `ConnDoctor UI: <url>` on stdout, then serves until interrupted.
 */
export async function uiCommand(o: UiCliOptions): Promise<number> {
  let port: number | undefined;
  if (o.port !== undefined) {
    const p = parsePort(o.port);
    if (!p.ok) {
      const inner = p.message;
      throw usageError((t) => t(msg('cli.error.uiPort', { detail: t(inner) })), 'conndoctor ui');
    }
    port = p.value;
  }
  const target =
    o.target !== undefined ? formatTarget(targetArg(o.target, 'conndoctor ui')) : undefined;
  // Loaded on demand: the web server is not needed by any other command.
  const { startWebServer } = await import('../web/server');
  let server: Awaited<ReturnType<typeof startWebServer>>;
  try {
    server = await startWebServer({
      ...(port !== undefined ? { port } : {}),
      open: o.open !== false,
      ...(target !== undefined ? { target } : {}),
    });
  } catch (e) {
    throw new CliError(
      3,
      msg('cli.error.uiStart', { detail: e instanceof Error ? e.message : String(e) }),
    );
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
