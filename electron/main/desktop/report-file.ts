import { formatForFile, renderReport, type ReportDiagnosis } from '../../../shared/report/report';
import type { Lang } from '../../../shared/i18n/translate';

/**
 * What "Export Report…" writes for the file name the user chose: Markdown, HTML or JSON
 * as text, or — for `.pdf` — the HTML page the glue prints with `printToPDF`. Pure (no
 * electron import). An unknown extension gets HTML (and `.html` appended).
 */
export type ReportFile =
  { kind: 'text'; path: string; content: string } | { kind: 'pdf'; path: string; html: string };

/** The save dialog's file types, PDF first. */
export const REPORT_FILTERS = [
  { name: 'PDF', extensions: ['pdf'] },
  { name: 'HTML', extensions: ['html'] },
  { name: 'Markdown', extensions: ['md'] },
  { name: 'JSON', extensions: ['json'] },
];

/** The default file name for a diagnosis (`conndoctor-<session or host-port>.pdf`). */
export function defaultReportName(d: ReportDiagnosis): string {
  const stem = d.sessionId ?? `${d.target.host}-${d.target.port}`;
  return `conndoctor-${stem.replace(/[^A-Za-z0-9._-]/g, '_')}.pdf`;
}

/** Renders the report for one destination path. */
export function reportFile(
  d: ReportDiagnosis,
  path: string,
  opts: { lang: Lang; generatedAt: string; appVersion: string },
): ReportFile {
  const render = { lang: opts.lang, generatedAt: opts.generatedAt, appVersion: opts.appVersion };
  if (/\.pdf$/i.test(path)) return { kind: 'pdf', path, html: renderReport(d, 'html', render) };
  const format = formatForFile(path);
  if (format === null) {
    return { kind: 'text', path: `${path}.html`, content: renderReport(d, 'html', render) };
  }
  return { kind: 'text', path, content: renderReport(d, format, render) };
}
