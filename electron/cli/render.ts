import type { Diagnosis, Evidence, Fix } from '../../shared/evidence';
import { formatTarget } from '../../shared/target';
import { safeDeep } from '../../shared/text';
import { argvToText } from '../../shared/argv-text';
import { msg, type Message, type MessageParams } from '../../shared/i18n/message';
import { translator, type Lang } from '../../shared/i18n/translate';
import { evidenceReasonText, evidenceSummaryText } from '../../shared/i18n/evidence-text';

/** Human output of the CLI; colour only when writing to a terminal (and NO_COLOR unset). */

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

function mark(e: Evidence, p: Paint): string {
  if (e.status === 'pass') return p.green('pass');
  if (e.status === 'fail') return p.red('fail');
  return p.yellow('n/a ');
}

/**
 * One line per evidence item: status, probe (vantage), summary, and the command. The
 * summary and reason are rendered by `say` when they are messages (English text otherwise).
 */
export function evidenceLines(
  evidence: readonly Evidence[],
  p: Paint,
  say: (m: Message) => string = translator('en'),
): string[] {
  return evidence.map((e) => {
    const cmd = e.command.length > 0 ? p.dim(`  $ ${argvToText(e.command)}`) : '';
    const why =
      e.status === 'inconclusive' && e.reason && e.reason !== e.summary
        ? ` (${evidenceReasonText(e, say) ?? e.reason})`
        : '';
    const summary = evidenceSummaryText(e, say)
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '')
      .join('; ');
    return `  ${mark(e, p)} ${e.probe} [${e.vantage}] ${summary}${why}${cmd}`;
  });
}

/** Terminal cells a string takes: Hangul and other wide characters take two. */
function cells(s: string): number {
  let n = 0;
  for (const ch of s) {
    n += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60]/u.test(
      ch,
    )
      ? 2
      : 1;
  }
  return n;
}

/** Pads to a width in terminal cells (so Korean verdicts line up too). */
function padCells(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - cells(s)));
}

const VERDICT_PAINT = {
  pass: 'green',
  fail: 'red',
  unknown: 'yellow',
  skipped: 'dim',
} as const;

/**
 * One fix as the terminal shows it (the result and the consent prompt): what it does, the
 * exact commands, the change to the file as a diff (config edits), the risk, whether it
 * survives a reboot and its undo — in the chosen language.
 */
export function fixLines(fix: Fix, p: Paint, lang: Lang = 'en', instead = false): string[] {
  const f = safeDeep(fix);
  const t = translator(lang);
  const m = (id: string, params?: MessageParams) => t(msg(id, params));
  const say = (message: Message | undefined, fallback: string) => (message ? t(message) : fallback);
  const description = say(f.message, f.description);
  const out = [
    p.bold(
      instead
        ? m('cli.result.instead', { id: f.id, description })
        : m('cli.result.fix', { description }),
    ) + (f.privileged ? ` ${p.dim(m('cli.result.needsRoot'))}` : ''),
  ];
  for (const c of f.commands) out.push(`  $ ${argvToText(c)}`);
  if (f.diff !== null) {
    out.push(`  ${m('cli.result.diff')}`);
    for (const line of f.diff.replace(/\n$/, '').split('\n')) {
      const paint = line.startsWith('+') ? p.green : line.startsWith('-') ? p.red : p.dim;
      out.push(`    ${paint(line)}`);
    }
  }
  out.push(`  ${m('cli.result.risk', { risk: say(f.riskMessage, f.risk) })}`);
  if (f.undo.length > 0) {
    out.push(`  ${m(f.persistent ? 'cli.result.persistent' : 'cli.result.notPersistent')}`);
    for (const c of f.undo) out.push(p.dim(`    $ ${argvToText(c)}`));
  } else out.push(`  ${m('cli.result.noUndo')}`);
  return out;
}

/**
 * The full human report of a diagnosis in the user's language (DESIGN §3): its first line
 * is the answer; then the seven steps with their verdicts, what else was found, the fix or
 * what to do next, and the evidence (commands as they ran). `access` is how to reach the
 * server again on a command line (`--ssh …`), for the hint that applies the fix.
 */
export function renderDiagnosis(
  diagnosis: Diagnosis,
  p: Paint,
  serverLabel: string | null = null,
  lang: Lang = 'en',
  access = '',
): string {
  // Remote text reaches the terminal: controls stripped, every string capped (DESIGN §4).
  const d = safeDeep(diagnosis);
  const t = translator(lang);
  const m = (id: string, params?: MessageParams) => t(msg(id, params));
  const say = (message: Message | undefined, fallback: string) => (message ? t(message) : fallback);
  const target = formatTarget({ host: d.target.host, port: d.target.port });
  const causeColour = d.cause === 'ok' ? p.green : d.cause === 'unknown' ? p.yellow : p.red;
  const out: string[] = [];
  out.push(p.bold(causeColour(say(d.message, d.summary))));
  out.push(
    p.dim(
      m('cli.result.line', {
        target,
        outcome: d.outcome,
        cause: d.cause,
        confidence: d.confidence,
        ms: d.durationMs,
      }),
    ),
  );
  if (d.verified === true && d.fix) {
    out.push(
      p.green(m('cli.result.fixed', { description: say(d.fix.message, d.fix.description) })),
    );
  } else if (d.verified === false) out.push(p.red(m('cli.result.notFixed')));
  if (d.changeId !== null && d.verified === true) {
    out.push(m('cli.result.changeId', { id: d.changeId }));
  }
  out.push(
    p.dim(
      serverLabel
        ? m('cli.result.serverChecked', { server: serverLabel })
        : m('cli.result.serverNotChecked'),
    ),
  );
  (d.warnings ?? []).forEach((w, i) => {
    const text = say(d.warningMessages?.[i], w);
    out.push(p.yellow(m('cli.result.warning', { text })));
  });
  if (d.rule) {
    out.push(
      m('cli.result.rule', {
        rule: `${d.rule.source} ${d.rule.table}/${d.rule.chain} #${d.rule.position}: ${d.rule.text}`,
      }),
    );
  }
  out.push('', m('cli.result.steps'));
  const verdicts = Object.keys(VERDICT_PAINT) as (keyof typeof VERDICT_PAINT)[];
  const width = Math.max(...verdicts.map((v) => cells(m(`cli.verdict.${v}`))));
  for (const s of d.steps) {
    const v = p[VERDICT_PAINT[s.verdict]](padCells(m(`cli.verdict.${s.verdict}`), width));
    out.push(`  ${v} ${m(`steps.${s.step}`)}: ${say(s.message, s.summary)}`);
  }
  if (d.alsoFound.length > 0) {
    out.push('', m('cli.result.alsoFound'));
    for (const a of d.alsoFound) out.push(`  - ${say(a.message, a.summary)}`);
  }
  if (d.fix && d.verified !== true) {
    out.push('', ...fixLines(d.fix, p, lang));
    for (const a of d.alternatives) {
      out.push(
        `  ${m('cli.result.alternative', { id: a.id, description: say(a.message, a.description) })}`,
        ...a.commands.map((c) => `    $ ${argvToText(c)}`),
      );
    }
    if (d.verified === null) {
      out.push(p.dim(`  ${m('cli.result.applyHint', { target, ssh: access })}`));
    }
  }
  for (const h of d.hints ?? []) out.push('', p.yellow(m('cli.result.hint', { text: h })));
  const next = d.fix && d.verified === null ? d.nextSteps.slice(1) : d.nextSteps;
  if (next.length > 0) {
    out.push('', p.bold(m('cli.result.next')));
    for (const s of next) {
      out.push(`  - ${say(s.message, s.why)}`);
      if (s.command) out.push(`    $ ${argvToText(s.command)}`);
    }
  }
  // No fix, but something to do instead (wrong-port: moving the service), with its diff.
  if (!d.fix && d.verified === null) {
    for (const a of d.alternatives) {
      out.push('', ...fixLines(a, p, lang, true));
      out.push(p.dim(`  ${m('cli.result.insteadHint', { target, id: a.id, ssh: access })}`));
    }
  }
  out.push('', m('cli.result.evidence'), ...evidenceLines(d.evidence, p, t));
  if (d.ruledOut.length > 0) {
    out.push('', m('cli.result.ruledOut'));
    for (const r of d.ruledOut) out.push(p.dim(`  ${r.cause}: ${say(r.message, r.by)}`));
  }
  return out.join('\n') + '\n';
}

/** The human report of one probe, in `lang`. */
export function renderEvidence(evidence: Evidence, p: Paint, lang: Lang = 'en'): string {
  const e = safeDeep(evidence);
  const lines = evidenceLines([e], p, translator(lang));
  if (e.raw && e.status !== 'pass' && e.raw.trim() !== '') lines.push(p.dim(e.raw.trimEnd()));
  return lines.join('\n') + '\n';
}
