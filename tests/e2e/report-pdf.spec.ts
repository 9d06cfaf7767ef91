import { writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { DiagnosisSchema } from '../../shared/evidence';
import { renderReport } from '../../shared/report/report';

/**
 * The HTML report is printable: a real diagnosis (the CLI against a real closed port),
 * rendered in Korean, printed by Chromium's page.pdf() — the desktop app's printToPDF is
 * the same engine — with a CJK font embedded and no request made while loading it.
 */

const root = join(import.meta.dirname, '..', '..');

async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const a = s.address();
  await new Promise<void>((r) => s.close(() => r()));
  if (a === null || typeof a === 'string') throw new Error('no port');
  return a.port;
}

function diagnoseJson(target: string): unknown {
  try {
    return JSON.parse(
      execFileSync(
        process.execPath,
        // --no-history: the test's own diagnosis stays out of the user's history.
        [join(root, 'bin', 'conndoctor.js'), 'diagnose', target, '--json', '--no-history'],
        {
          encoding: 'utf8',
        },
      ),
    );
  } catch (e) {
    // Exit 1 = a cause was diagnosed: stdout still carries the diagnosis.
    const out = (e as { stdout?: string }).stdout;
    if (typeof out === 'string' && out.trim().startsWith('{')) return JSON.parse(out);
    throw e;
  }
}

test('a Korean HTML report of a real diagnosis prints to PDF with a CJK font', async ({ page }) => {
  const port = await closedPort();
  const diagnosis = DiagnosisSchema.parse(diagnoseJson(`127.0.0.1:${port}`));
  expect(diagnosis.cause).toBe('not-listening');
  const html = renderReport(diagnosis, 'html', {
    lang: 'ko',
    generatedAt: new Date().toISOString(),
  });

  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.setContent(html, { waitUntil: 'load' });
  await expect(page.locator('.answer')).toContainText('수신 대기하는 프로그램이 없습니다');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  if (process.env.CONNDOCTOR_KEEP_PDF) writeFileSync(process.env.CONNDOCTOR_KEEP_PDF, pdf);
  expect(requests).toEqual([]);

  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(pdf.length).toBeGreaterThan(10_000);
  // Font names are stored uncompressed in the font dictionaries and descriptors
  // (/BaseFont or /FontName /ABCDEF+Name; CJK glyphs come from a CID font's descriptor).
  const fonts = [
    ...pdf.toString('latin1').matchAll(/\/(?:BaseFont|FontName)\s*\/([A-Z]{6}\+)?([^\s/<>\]]+)/g),
  ].map((m) => m[2] ?? '');
  expect(fonts.some((f) => /CJK|NotoSansKR|Gothic|Nanum|UnDotum|Baekmuk/i.test(f))).toBe(true);
  test.info().annotations.push({ type: 'fonts', description: [...new Set(fonts)].join(', ') });
});
