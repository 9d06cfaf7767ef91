import { readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { formatForFile, renderReport, type ReportFormat } from '../../shared/report/report';
import type { Diagnosis } from '../../shared/evidence';
import type { Lang } from '../../shared/i18n/translate';
import { msg } from '../../shared/i18n/message';
import { usageError } from './cli-error';

/**
 * `diagnose --report FILE`: the session also written as a report, its format from the
 * file's extension (.md, .html, .json). Checked before the diagnosis runs (a bad name is
 * bad usage, exit 2); written atomically (a temporary file renamed over the target).
 */

/** The format `--report FILE` asks for; a usage error for any other extension. */
export function reportFormatOpt(file: string | undefined, command: string): ReportFormat | null {
  if (file === undefined) return null;
  const format = formatForFile(file);
  if (format === null) {
    throw usageError(msg('cli.error.reportName', { file }), command);
  }
  return format;
}

/**
 * The language of human output: the first non-empty of LC_ALL, LC_MESSAGES, LANG
 * (ko* → ko, else en), unless given.
 */
export function envLang(env: NodeJS.ProcessEnv = process.env): Lang {
  const v = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((x) => x !== undefined && x !== '');
  return v !== undefined && v.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}

/** The app's version (package.json, two levels up from the source and the bundle alike). */
export function appVersion(): string {
  try {
    const raw = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
    const v = (JSON.parse(raw) as { version?: unknown }).version;
    return typeof v === 'string' ? v : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** Writes the report of one diagnosis. */
export async function writeReportFile(
  d: Diagnosis,
  file: string,
  format: ReportFormat,
  opts: { lang: Lang; generatedAt: string; appVersion: string },
): Promise<void> {
  const content = renderReport(d, format, opts);
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  await writeFile(tmp, content, { mode: 0o644 });
  await rename(tmp, file);
}
