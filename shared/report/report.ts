import { renderHtml } from './html';
import { renderMarkdown } from './markdown';
import { redactDiagnosis } from './redact';
import { reportView, type ReportDiagnosis, type ReportOptions } from './report-view';

/** The report formats (`conndoctor report ID --format`, `diagnose --report FILE.ext`). */
export const REPORT_FORMATS = ['md', 'html', 'json'] as const;
/** One report format. */
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** The format a file name asks for (`.md`, `.markdown`, `.html`, `.htm`, `.json`), or null. */
export function formatForFile(name: string): ReportFormat | null {
  const ext = /\.([A-Za-z]+)$/.exec(name)?.[1]?.toLowerCase();
  if (ext === 'md' || ext === 'markdown') return 'md';
  if (ext === 'html' || ext === 'htm') return 'html';
  if (ext === 'json') return 'json';
  return null;
}

/**
 * One session as a report. `json` is the Diagnosis contract itself (redacted when asked),
 * language-independent; `md` and `html` are in `opts.lang`.
 */
export function renderReport<D extends ReportDiagnosis>(
  diagnosis: D,
  format: ReportFormat,
  opts: ReportOptions,
): string {
  if (format === 'json') {
    const d = opts.redact === true ? redactDiagnosis(diagnosis, opts.alsoHide ?? []) : diagnosis;
    return `${JSON.stringify(d, null, 2)}\n`;
  }
  const view = reportView(diagnosis, opts);
  return format === 'md' ? renderMarkdown(view) : renderHtml(view);
}

export type { ReportDiagnosis } from './report-view';
