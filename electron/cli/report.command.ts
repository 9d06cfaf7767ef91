import { resolve } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import {
  formatForFile,
  renderReport,
  REPORT_FORMATS,
  type ReportFormat,
} from '../../shared/report/report';
import { InvalidSessionId } from '../engine/store/store';
import { CliError, usageError } from './cli-error';
import { cliStore } from './cli-store';
import { envLang } from './report-file';
import { APP_VERSION } from '../engine/app-version';

/**
 * `conndoctor report ID [--format md|html|json] [-o FILE] [--redact]` (DESIGN §3): one
 * recorded session as a report — Markdown on stdout by default, self-contained HTML, or the
 * Diagnosis JSON. The id is checked against the session-id form before it names a file: any
 * other text, and an id the history does not hold, exit 2 with one line on stderr and
 * nothing on stdout.
 */

/** Options of `report` as commander hands them over. */
export interface ReportCliOptions {
  format?: string;
  output?: string;
  redact?: boolean;
}

const USAGE = 'conndoctor report';

function formatOpt(o: ReportCliOptions): ReportFormat {
  if (o.format === undefined) {
    // `-o x.html` alone says which format it wants; stdout gets Markdown.
    return (o.output !== undefined ? formatForFile(o.output) : null) ?? 'md';
  }
  const f = o.format.trim().toLowerCase();
  if ((REPORT_FORMATS as readonly string[]).includes(f)) return f as ReportFormat;
  throw usageError(
    { id: 'history.cli.badFormat', params: { format: o.format, allowed: 'md, html, json' } },
    USAGE,
  );
}

/** The host of an SSH destination (`user@host:22`, `[v6]:22`, an alias), to hide with --redact. */
export function sshHost(dest: string): string {
  const at = dest.lastIndexOf('@');
  const hp = dest.slice(at + 1);
  if (hp.startsWith('[')) {
    const end = hp.indexOf(']');
    return end > 0 ? hp.slice(1, end) : hp;
  }
  const colon = hp.indexOf(':');
  return colon >= 0 && colon === hp.lastIndexOf(':') ? hp.slice(0, colon) : hp;
}

/** `conndoctor report ID …`: returns the exit status. */
export async function reportCommand(id: string, o: ReportCliOptions): Promise<number> {
  const lang = envLang();
  const format = formatOpt(o);
  const store = cliStore(lang);
  let record;
  try {
    record = await store.readSession(id);
  } catch (e) {
    if (e instanceof InvalidSessionId) {
      throw usageError({ id: 'history.cli.invalidId', params: { id: id.slice(0, 80) } }, USAGE);
    }
    throw e;
  }
  if (record === null) {
    throw new CliError(2, { id: 'history.cli.unknownId', params: { id } });
  }
  const content = renderReport(record.diagnosis, format, {
    lang,
    redact: o.redact === true,
    alsoHide: record.server !== null ? [sshHost(record.server)] : [],
    generatedAt: record.time,
    appVersion: APP_VERSION,
  });
  if (o.output === undefined) {
    process.stdout.write(content);
    return 0;
  }
  const file = resolve(o.output);
  try {
    await writeFileAtomic(file, content, { mode: 0o644 });
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    const code = (e as NodeJS.ErrnoException).code;
    // A directory that does not exist or cannot be written is the user's input: exit 2.
    const bad = code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR' || code === 'ENOTDIR';
    const line = { id: 'history.cli.writeFailed', params: { file: o.output, detail } };
    throw bad ? new CliError(2, line) : new CliError(3, line);
  }
  return 0;
}
