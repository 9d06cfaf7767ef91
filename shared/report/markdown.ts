import type { ReportView, ViewFix } from './report-view';

/**
 * A report as Markdown (CommonMark + GFM tables). Text from servers is escaped; commands,
 * rule text and raw output go in code spans or fences longer than any backtick run in them.
 */

/** Escapes Markdown syntax in prose (and newlines, so a text stays in its line or cell). */
function mdText(s: string): string {
  return s.replace(/[\\`*_[\]{}<>#|!~]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

function longestRun(s: string, ch: string): number {
  let best = 0;
  let cur = 0;
  for (const c of s) {
    cur = c === ch ? cur + 1 : 0;
    if (cur > best) best = cur;
  }
  return best;
}

/** An inline code span that survives backticks in its content. */
function mdCode(s: string): string {
  const one = s.replace(/\r?\n/g, ' ');
  const ticks = '`'.repeat(longestRun(one, '`') + 1);
  const pad = one.startsWith('`') || one.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${one}${pad}${ticks}`;
}

/** A fenced block that survives backtick fences in its content. */
function mdFence(s: string, info = ''): string {
  const fence = '`'.repeat(Math.max(3, longestRun(s, '`') + 1));
  return `${fence}${info}\n${s.replace(/\n$/, '')}\n${fence}`;
}

function fixLines(v: ReportView, f: ViewFix): string[] {
  const out = [
    `${mdText(f.text)} (${mdCode(f.id)}) — ${mdText(f.flags)}`,
    '',
    mdFence(f.commands.join('\n'), 'sh'),
  ];
  if (f.undo.length > 0)
    out.push('', `${mdText(v.labels.undo)}:`, '', mdFence(f.undo.join('\n'), 'sh'));
  if (f.diff !== null) out.push('', `${mdText(v.labels.diff)}:`, '', mdFence(f.diff, 'diff'));
  return out;
}

/** Renders the report as Markdown. */
export function renderMarkdown(v: ReportView): string {
  const L = v.labels;
  const out: string[] = [`# ${mdText(v.title)}`, ''];
  if (v.generated !== null) out.push(`_${mdText(v.generated)}_`, '');
  if (v.redactedNote !== null) out.push(`> ${mdText(v.redactedNote)}`, '');
  out.push(`## ${mdText(L.answer)}`, '', `**${mdText(v.answer)}**`, '');
  out.push('| | |', '|---|---|');
  for (const f of v.facts) {
    out.push(`| ${mdText(f.label)} | ${f.code === true ? mdCode(f.value) : mdText(f.value)} |`);
  }
  out.push('');
  if (v.steps.length > 0) {
    out.push(
      `## ${mdText(L.steps)}`,
      '',
      `| ${mdText(L.step)} | ${mdText(L.verdict)} | ${mdText(L.finding)} |`,
      '|---|---|---|',
    );
    for (const s of v.steps)
      out.push(`| ${mdText(s.name)} | ${mdText(s.verdict)} | ${mdText(s.text)} |`);
    out.push('');
  }
  if (v.rule !== null) {
    out.push(`## ${mdText(L.rule)}`, '', mdText(v.rule.where), '', mdFence(v.rule.text));
    if (v.rule.frontEnd !== null) out.push('', mdText(v.rule.frontEnd));
    out.push('');
  }
  out.push(`## ${mdText(L.fix)}`, '');
  const instead = v.fix === null && v.alternatives.length > 0;
  out.push(
    ...(v.fix !== null ? fixLines(v, v.fix) : [mdText(instead ? L.noFixInstead : L.noFix)]),
    '',
  );
  if (v.alternatives.length > 0) {
    out.push(`### ${mdText(instead ? L.instead : L.alternatives)}`, '');
    for (const a of v.alternatives) out.push(...fixLines(v, a), '');
  }
  if (v.nextSteps.length > 0) {
    out.push(`## ${mdText(L.nextSteps)}`, '');
    for (const n of v.nextSteps) {
      out.push(`- ${mdText(n.text)}${n.command !== null ? `: ${mdCode(n.command)}` : ''}`);
    }
    out.push('');
  }
  for (const [label, items] of [
    [L.ruledOut, v.ruledOut],
    [L.alsoFound, v.alsoFound],
  ] as const) {
    if (items.length === 0) continue;
    out.push(`## ${mdText(label)}`, '');
    for (const r of items) out.push(`- **${mdText(r.cause)}**: ${mdText(r.text)}`);
    out.push('');
  }
  for (const [label, items] of [
    [L.warnings, v.warnings],
    [L.hints, v.hints],
  ] as const) {
    if (items.length === 0) continue;
    out.push(`## ${mdText(label)}`, '', ...items.map((w) => `- ${mdText(w)}`), '');
  }
  out.push(`## ${mdText(L.evidence)}`, '');
  for (const e of v.evidence) {
    out.push(`### ${e.ok ? '✔' : '✘'} ${mdText(e.title)}`, '', mdText(e.text), '');
    if (e.command !== '') out.push(`${mdText(L.command)}: ${mdCode(e.command)}`, '');
    if (e.raw !== null)
      out.push(
        `<details><summary>${mdText(L.rawOutput)}</summary>`,
        '',
        mdFence(e.raw),
        '',
        '</details>',
        '',
      );
  }
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}
