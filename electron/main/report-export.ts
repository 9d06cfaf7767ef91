import { writeFile } from 'node:fs/promises';
import { app, BrowserWindow, dialog } from 'electron';
import type { ParsedRequestOf, ResponseOf } from '../../shared/ipc/contracts';
import { defaultReportName, REPORT_FILTERS, reportFile } from './desktop/report-file';

/**
 * "Export Report…": asks where to save, then writes Markdown, HTML, JSON, or a PDF printed
 * by Chromium from the same self-contained HTML in a hidden window that runs no script.
 */

async function printPdf(html: string): Promise<Buffer> {
  const win = new BrowserWindow({
    show: false,
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      javascript: false,
      webSecurity: true,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  try {
    await win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
    return await win.webContents.printToPDF({ pageSize: 'A4', printBackground: true });
  } finally {
    win.destroy();
  }
}

/** Saves one diagnosis as a report where the user chooses; `saved: false` when cancelled. */
export async function exportReport(
  parent: BrowserWindow,
  req: ParsedRequestOf<'report.export'>,
): Promise<ResponseOf<'report.export'>> {
  const choice = await dialog.showSaveDialog(parent, {
    defaultPath: defaultReportName(req.diagnosis),
    filters: REPORT_FILTERS,
  });
  if (choice.canceled || choice.filePath === undefined) return { saved: false };
  const file = reportFile(req.diagnosis, choice.filePath, {
    lang: req.lang,
    generatedAt: new Date().toISOString(),
    appVersion: app.getVersion(),
  });
  const data = file.kind === 'pdf' ? await printPdf(file.html) : file.content;
  await writeFile(file.path, data, { mode: 0o644 });
  return { saved: true };
}
