import type { Diagnosis, Evidence } from '../../shared/evidence';
import { msg, type MessageParams } from '../../shared/i18n/message';
import { formatTarget } from '../../shared/target';
import { safeDeep } from '../../shared/text';
import { EN, textOf, type Tr } from './lang';

/**
 * Human output of the CLI, in its language (`--lang`, DESIGN §3): every label from the
 * `cli` catalogue, every engine text from its `message` when it has one. Colour only when
 * writing to a terminal (and NO_COLOR unset). The first line is the answer.
 */

/** Colour helpers that are identity functions when colour is off. */
export interface Paint {
  bold: (s: string) => string;
  red: (s: string) => string;
  green: (s: string) => string;
  yellow: (s: string) => string;
  dim: (s: string) => string;
}

/** A painter for a stream: ANSI colours on a TTY, plain text elsewhere. */
export function painter(stream: { isTTY?: boolean }): Paint {
  const on = stream.isTTY === true && !process.env.NO_COLOR && process.env.TERM !== 'dumb';
  const wrap = (code: string) => (s: string) => (on ? `\x1b[${code}m${s}\x1b[0m` : s);
  return {
    bold: wrap('1'),
    red: wrap('31'),
    green: wrap('32'),
    yellow: wrap('33'),
    dim: wrap('2'),
  };
}

/** Where the server side of a diagnosis was checked. */
export type ServerSide =
  { kind: 'ssh'; label: string } | { kind: 'local' } | { kind: 'manual' } | { kind: 'none' };

/** `cli.<key>` in the CLI's language. */
function say(tr: Tr, key: string, params?: MessageParams): string {
  return tr.t(msg(`cli.${key}`, params));
}

/** Terminal cells a string takes (Hangul and other wide characters take two). */
function cells(s: string): number {
  let n = 0;
  for (const ch of s)
    n += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60]/u.test(ch) ? 2 : 1;
  return n;
}

/** Pads to a width in terminal cells. */
function pad(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - cells(s)));
}

function mark(e: Evidence, p: Paint, tr: Tr): string {
  const word = pad(say(tr, `status.${e.status}`), 4);
  if (e.status === 'pass') return p.green(word);
  if (e.status === 'fail') return p.red(word);
  return p.yellow(word);
}

/** One line per evidence item: status, probe (vantage), summary, and the command. */
export function evidenceLines(evidence: readonly Evidence[], p: Paint, tr: Tr = EN): string[] {
  return evidence.map((e) => {
    const cmd = e.command.length > 0 ? p.dim(`  $ ${e.command.join(' ')}`) : '';
    const why =
      e.status === 'inconclusive' && e.reason && e.reason !== e.summary ? ` (${e.reason})` : '';
    const summary = textOf(e, e.summary, tr)
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '')
      .join('; ');
    return `  ${mark(e, p, tr)} ${e.probe} [${say(tr, `vantage.${e.vantage}`)}] ${summary}${why}${cmd}`;
  });
}

function serverLine(side: ServerSide, tr: Tr): string {
  switch (side.kind) {
    case 'ssh':
      return say(tr, 'server.checkedOn', { label: side.label });
    case 'local':
      return say(tr, 'server.thisMachine');
    case 'manual':
      return say(tr, 'server.pasted');
    case 'none':
      return say(tr, 'server.notChecked');
  }
}

/** The full human report of a diagnosis. */
export function renderDiagnosis(
  diagnosis: Diagnosis,
  p: Paint,
  server: ServerSide = { kind: 'none' },
  tr: Tr = EN,
): string {
  // Remote text reaches the terminal: controls stripped, every string capped (DESIGN §4).
  const d = safeDeep(diagnosis);
  const target = formatTarget({ host: d.target.host, port: d.target.port });
  const causeColour = d.cause === 'ok' ? p.green : d.cause === 'unknown' ? p.yellow : p.red;
  const causeName = (c: string) => say(tr, `causeName.${c}`);
  const out: string[] = [];
  out.push(
    `${p.bold(target)}: ${say(tr, `outcome.${d.outcome}`)} ${p.dim(say(tr, 'duration', { ms: d.durationMs }))}`,
  );
  out.push(
    `${say(tr, 'cause', { cause: causeColour(p.bold(causeName(d.cause))) })} ${p.dim(
      say(tr, 'confidence', { level: say(tr, `confidenceLevel.${d.confidence}`) }),
    )}`,
  );
  out.push(textOf(d, d.summary, tr));
  out.push(p.dim(serverLine(server, tr)));
  for (const w of d.warnings ?? []) out.push(p.yellow(say(tr, 'warning', { text: w })));
  if (d.rule) {
    const { source, table, chain, position, text } = d.rule;
    out.push(say(tr, 'rule', { source, table, chain, position, text }));
  }
  if (d.alsoFound.length > 0) {
    out.push('', say(tr, 'alsoFound'));
    for (const a of d.alsoFound) out.push(`  ${causeName(a.cause)}: ${textOf(a, a.summary, tr)}`);
  }
  const steps = d.steps ?? [];
  if (steps.length > 0) {
    out.push('', say(tr, 'steps'));
    for (const s of steps) {
      const word = pad(say(tr, `verdict.${s.verdict}`), 6);
      const coloured =
        s.verdict === 'pass' ? p.green(word) : s.verdict === 'fail' ? p.red(word) : p.dim(word);
      out.push(`  ${coloured} ${say(tr, `stepName.${s.step}`)}: ${textOf(s, s.summary, tr)}`);
    }
  }
  out.push('', say(tr, 'evidence'), ...evidenceLines(d.evidence, p, tr));
  if (d.ruledOut.length > 0) {
    out.push('', say(tr, 'ruledOut'));
    for (const r of d.ruledOut) out.push(`  ${causeName(r.cause)}: ${textOf(r, r.by, tr)}`);
  }
  if (d.fix) {
    const description = textOf(d.fix, d.fix.description, tr);
    out.push('', say(tr, d.fix.privileged ? 'fix.proposedRoot' : 'fix.proposed', { description }));
    for (const c of d.fix.commands) out.push(`  $ ${c.join(' ')}`);
    out.push(`  ${say(tr, d.fix.persistent ? 'fix.persistent' : 'fix.transient')}`);
    for (const c of d.fix.undo) out.push(`  $ ${c.join(' ')}`);
    for (const a of d.alternatives) {
      out.push(
        `  ${say(tr, 'fix.or', { description: textOf(a, a.description, tr) })}`,
        ...a.commands.map((c) => `  $ ${c.join(' ')}`),
      );
    }
  }
  for (const h of d.hints ?? []) out.push('', p.yellow(say(tr, 'hint', { text: h })));
  if (d.nextSteps && d.nextSteps.length > 0) {
    out.push('', say(tr, 'nextSteps'));
    for (const s of d.nextSteps) {
      const why = textOf(s, s.why, tr);
      if (s.command) out.push(`  $ ${s.command.join(' ')}`, p.dim(`      ${why}`));
      else out.push(`  - ${why}`);
    }
  }
  return out.join('\n') + '\n';
}

/** The human report of one probe. */
export function renderEvidence(evidence: Evidence, p: Paint, tr: Tr = EN): string {
  const e = safeDeep(evidence);
  const lines = evidenceLines([e], p, tr);
  if (e.raw && e.status !== 'pass' && e.raw.trim() !== '') lines.push(p.dim(e.raw.trimEnd()));
  return lines.join('\n') + '\n';
}
