import type { ReportView, ViewFix } from './report-view';

/**
 * A report as one self-contained HTML page: inline CSS, no script, no external request
 * (a CSP meta tag forbids any), printable (print CSS; Korean needs a CJK font, found by
 * the font stack: Noto Sans CJK KR, Apple SD Gothic Neo, Malgun Gothic).
 */

/** Escapes text for HTML content and attribute values. */
function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = `
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK KR",
  "Apple SD Gothic Neo", "Malgun Gothic", sans-serif; margin: 2rem auto; max-width: 52rem;
  padding: 0 1rem; color: #1b1f24; line-height: 1.5; }
h1 { font-size: 1.5rem; margin-bottom: .25rem; }
h2 { font-size: 1.15rem; margin-top: 1.75rem; border-bottom: 1px solid #d0d7de; }
h3 { font-size: 1rem; margin-bottom: .25rem; }
.meta { color: #57606a; font-size: .9rem; }
.note { background: #fff8c5; padding: .5rem .75rem; border-radius: 4px; }
.answer { font-size: 1.1rem; font-weight: 600; padding: .75rem 1rem; border-radius: 6px;
  background: #ffebe9; border-left: 4px solid #cf222e; }
.answer[data-cause="ok"] { background: #dafbe1; border-left-color: #1a7f37; }
table { border-collapse: collapse; width: 100%; }
th[scope="row"] { width: 14rem; }
th, td { text-align: left; vertical-align: top; padding: .3rem .5rem; border-bottom: 1px solid #d0d7de; }
code, pre, samp { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace;
  font-size: .85rem; }
pre { background: #f6f8fa; padding: .6rem .8rem; border-radius: 4px; white-space: pre-wrap;
  word-break: break-all; }
.v-pass { color: #1a7f37; } .v-fail { color: #cf222e; font-weight: 600; }
.v-unknown { color: #9a6700; } .v-skipped { color: #57606a; }
@media print { body { margin: 0; max-width: none; } details { display: block; }
  details > summary { list-style: none; } h2, h3 { break-after: avoid; } pre { break-inside: avoid; } }
`;

function fixHtml(v: ReportView, f: ViewFix): string {
  return [
    `<p>${esc(f.text)} (<code>${esc(f.id)}</code>) — ${esc(f.flags)}</p>`,
    `<pre><code>${esc(f.commands.join('\n'))}</code></pre>`,
    f.undo.length > 0
      ? `<p>${esc(v.labels.undo)}:</p><pre><code>${esc(f.undo.join('\n'))}</code></pre>`
      : '',
    f.diff !== null ? `<p>${esc(v.labels.diff)}:</p><pre><code>${esc(f.diff)}</code></pre>` : '',
  ].join('\n');
}

function list(label: string, items: readonly string[]): string {
  if (items.length === 0) return '';
  return `<h2>${esc(label)}</h2>\n<ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>`;
}

/** Renders the report as a complete HTML document. */
export function renderHtml(v: ReportView): string {
  const L = v.labels;
  const parts: string[] = [
    `<h1>${esc(v.title)}</h1>`,
    v.generated !== null ? `<p class="meta">${esc(v.generated)}</p>` : '',
    v.redactedNote !== null ? `<p class="note">${esc(v.redactedNote)}</p>` : '',
    `<h2>${esc(L.answer)}</h2>`,
    `<p class="answer" data-cause="${esc(v.cause)}">${esc(v.answer)}</p>`,
    `<table>${v.facts
      .map(
        (f) =>
          `<tr><th scope="row">${esc(f.label)}</th><td>${f.code === true ? `<code>${esc(f.value)}</code>` : esc(f.value)}</td></tr>`,
      )
      .join('')}</table>`,
  ];
  if (v.steps.length > 0) {
    parts.push(
      `<h2>${esc(L.steps)}</h2>`,
      `<table><thead><tr><th>${esc(L.step)}</th><th>${esc(L.verdict)}</th><th>${esc(L.finding)}</th></tr></thead><tbody>${v.steps
        .map(
          (s) =>
            `<tr data-step="${esc(s.id)}"><td>${esc(s.name)}</td><td class="v-${esc(s.verdictId)}">${esc(s.verdict)}</td><td>${esc(s.text)}</td></tr>`,
        )
        .join('')}</tbody></table>`,
    );
  }
  if (v.rule !== null) {
    parts.push(
      `<h2>${esc(L.rule)}</h2>`,
      `<p>${esc(v.rule.where)}</p><pre><code>${esc(v.rule.text)}</code></pre>`,
      v.rule.frontEnd !== null ? `<p>${esc(v.rule.frontEnd)}</p>` : '',
    );
  }
  const instead = v.fix === null && v.alternatives.length > 0;
  parts.push(
    `<h2>${esc(L.fix)}</h2>`,
    v.fix !== null ? fixHtml(v, v.fix) : `<p>${esc(instead ? L.noFixInstead : L.noFix)}</p>`,
  );
  if (v.alternatives.length > 0) {
    parts.push(
      `<h3>${esc(instead ? L.instead : L.alternatives)}</h3>`,
      ...v.alternatives.map((a) => fixHtml(v, a)),
    );
  }
  parts.push(
    list(
      L.nextSteps,
      v.nextSteps.map(
        (n) => `${esc(n.text)}${n.command !== null ? `: <code>${esc(n.command)}</code>` : ''}`,
      ),
    ),
    list(
      L.ruledOut,
      v.ruledOut.map((r) => `<strong>${esc(r.cause)}</strong>: ${esc(r.text)}`),
    ),
    list(
      L.alsoFound,
      v.alsoFound.map((r) => `<strong>${esc(r.cause)}</strong>: ${esc(r.text)}`),
    ),
    list(L.warnings, v.warnings.map(esc)),
    list(L.hints, v.hints.map(esc)),
    `<h2>${esc(L.evidence)}</h2>`,
    ...v.evidence.map((e) =>
      [
        `<h3>${e.ok ? '✔' : '✘'} ${esc(e.title)}</h3>`,
        `<p>${esc(e.text)}</p>`,
        e.command !== '' ? `<p>${esc(L.command)}: <code>${esc(e.command)}</code></p>` : '',
        e.raw !== null
          ? `<details><summary>${esc(L.rawOutput)}</summary><pre><samp>${esc(e.raw)}</samp></pre></details>`
          : '',
      ].join('\n'),
    ),
  );
  return [
    '<!doctype html>',
    `<html lang="${v.lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(v.title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    ...parts.filter((p) => p !== ''),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
