import type { Cause } from '../causes';
import { MessageSchema } from '../i18n/message';
import { hasMessage, translator, type Lang } from '../i18n/translate';
import { formatTarget } from '../target';
import { redactDiagnosis } from './redact';
import { argvToText } from '../argv-text';

/**
 * A diagnosis session as a report: one language-resolved view model, rendered as Markdown
 * (`markdown.ts`) or self-contained HTML (`html.ts`). Pure: no I/O, no clock (the time is
 * passed in). It reads the Diagnosis contract (DESIGN §3) and uses `steps`, `nextSteps`,
 * `sessionId`, `changeId` and the `message` fields when present: a message in the
 * catalogue is shown in the report's language, else its English `summary`. Secrets are
 * never part of a Diagnosis, so never part of a report.
 */

/** One fix as a report reads it. */
interface ReportFix {
  id: string;
  description: string;
  commands: readonly (readonly string[])[];
  privileged: boolean;
  persistent: boolean;
  undo: readonly (readonly string[])[];
  diff: string | null;
  message?: unknown;
}

/** The parts of a Diagnosis a report reads (the contract's fields; newer ones optional). */
export interface ReportDiagnosis {
  target: { host: string; port: number; addresses: readonly string[] };
  outcome: string;
  cause: Cause;
  confidence: string;
  summary: string;
  message?: unknown;
  evidence: readonly {
    probe: string;
    vantage: string;
    command: readonly string[];
    ok: boolean;
    status?: string;
    summary: string;
    ms: number;
    raw?: string;
    message?: unknown;
    details?: readonly unknown[];
  }[];
  ruledOut: readonly { cause: Cause; by: string; message?: unknown }[];
  alsoFound: readonly { cause: Cause; summary: string; message?: unknown }[];
  rule: {
    source: string;
    table: string;
    chain: string;
    position: number;
    text: string;
    frontEnd: { source: string; text: string } | null;
  } | null;
  fix: ReportFix | null;
  alternatives: readonly ReportFix[];
  verified: boolean | null;
  durationMs: number;
  steps?: readonly {
    step: string;
    verdict: string;
    cause?: Cause | null;
    summary: string;
    message?: unknown;
    evidence?: readonly string[];
  }[];
  nextSteps?: readonly { why: string; command: readonly string[] | null; message?: unknown }[];
  sessionId?: string | null;
  changeId?: string | null;
  warnings?: readonly string[];
  warningMessages?: readonly unknown[];
  hints?: readonly string[];
}

/** How to render. */
export interface ReportOptions {
  lang: Lang;
  redact?: boolean;
  /** ISO time shown as "generated" (the caller's clock; a session's own time is better). */
  generatedAt?: string;
  appVersion?: string;
  /** Extra names/addresses to hide with `redact` (e.g. the SSH server). */
  alsoHide?: readonly string[];
}

/** A labelled value. */
interface Fact {
  label: string;
  value: string;
  code?: boolean;
}

/** The report, every text in its language (commands and raw output as they are). */
export interface ReportView {
  lang: Lang;
  title: string;
  generated: string | null;
  redactedNote: string | null;
  cause: Cause;
  answer: string;
  facts: Fact[];
  labels: Record<
    | 'answer'
    | 'steps'
    | 'step'
    | 'verdict'
    | 'finding'
    | 'evidence'
    | 'command'
    | 'rawOutput'
    | 'ruledOut'
    | 'alsoFound'
    | 'rule'
    | 'fix'
    | 'alternatives'
    | 'undo'
    | 'diff'
    | 'nextSteps'
    | 'warnings'
    | 'hints'
    | 'noFix'
    | 'noFixInstead'
    | 'instead',
    string
  >;
  steps: { id: string; name: string; verdict: string; verdictId: string; text: string }[];
  evidence: { title: string; ok: boolean; command: string; text: string; raw: string | null }[];
  ruledOut: { cause: string; text: string }[];
  alsoFound: { cause: string; text: string }[];
  rule: { where: string; text: string; frontEnd: string | null } | null;
  fix: ViewFix | null;
  alternatives: ViewFix[];
  nextSteps: { text: string; command: string | null }[];
  warnings: string[];
  hints: string[];
}

/** A fix as shown. */
export interface ViewFix {
  id: string;
  text: string;
  commands: string[];
  undo: string[];
  flags: string;
  diff: string | null;
}

/** Builds the view of one diagnosis. */
export function reportView(input: ReportDiagnosis, opts: ReportOptions): ReportView {
  const d = opts.redact === true ? redactDiagnosis(input, opts.alsoHide ?? []) : input;
  const tr = translator(opts.lang);
  const t = (key: string, params?: Record<string, string | number>) =>
    tr({ id: `history.report.${key}`, ...(params ? { params } : {}) });
  const say = (message: unknown, fallback: string): string => {
    const m = MessageSchema.safeParse(message);
    return m.success && hasMessage(m.data.id, 'en') ? tr(m.data) : fallback;
  };
  const causeName = (c: Cause) => t(`causes.${c}`);
  const yesNo = (b: boolean) => t(b ? 'yes' : 'no');
  const fix = (f: ReportFix): ViewFix => ({
    id: f.id,
    text: say(f.message, f.description),
    commands: f.commands.map(argvToText),
    undo: f.undo.map(argvToText),
    flags: `${t('privileged')}: ${yesNo(f.privileged)} · ${t('persistent')}: ${yesNo(f.persistent)}`,
    diff: f.diff,
  });
  const target = formatTarget(d.target);
  const facts: Fact[] = [
    { label: t('target'), value: target, code: true },
    { label: t('addresses'), value: d.target.addresses.join(', ') || t('none'), code: true },
    { label: t('outcome'), value: t(`outcomes.${d.outcome}`) },
    { label: t('cause'), value: d.cause, code: true },
    { label: t('confidence'), value: t(`confidences.${d.confidence}`) },
    { label: t('duration'), value: t('durationValue', { ms: Math.round(d.durationMs) }) },
    {
      label: t('verified'),
      value: d.verified === null ? t('notApplied') : yesNo(d.verified),
    },
  ];
  if (d.sessionId) facts.push({ label: t('session'), value: d.sessionId, code: true });
  if (d.changeId) facts.push({ label: t('change'), value: d.changeId, code: true });
  return {
    lang: opts.lang,
    title: t('title', { target }),
    generated:
      opts.generatedAt !== undefined
        ? t('generated', { time: opts.generatedAt, version: opts.appVersion ?? '' })
        : null,
    redactedNote: opts.redact === true ? t('redacted') : null,
    cause: d.cause,
    answer: `${causeName(d.cause)} — ${say(d.message, d.summary)}`,
    facts,
    labels: Object.fromEntries(
      (
        [
          'answer',
          'steps',
          'step',
          'verdict',
          'finding',
          'evidence',
          'command',
          'rawOutput',
          'ruledOut',
          'alsoFound',
          'rule',
          'fix',
          'alternatives',
          'undo',
          'diff',
          'nextSteps',
          'warnings',
          'hints',
          'noFix',
          'noFixInstead',
          'instead',
        ] as const
      ).map((k) => [k, t(k)]),
    ) as ReportView['labels'],
    steps: (d.steps ?? []).map((s) => ({
      id: s.step,
      name: hasMessage(`history.report.stepNames.${s.step}`) ? t(`stepNames.${s.step}`) : s.step,
      verdictId: s.verdict,
      verdict: hasMessage(`history.report.verdicts.${s.verdict}`)
        ? t(`verdicts.${s.verdict}`)
        : s.verdict,
      text: say(s.message, s.summary),
    })),
    evidence: d.evidence.map((e) => ({
      title: `${e.probe} (${t(e.vantage === 'server' ? 'vantageServer' : 'vantageClient')})`,
      ok: e.ok,
      command: argvToText(e.command),
      text: e.message
        ? [e.message, ...(e.details ?? [])].map((m) => say(m, e.summary)).join('\n')
        : e.summary,
      raw: e.raw !== undefined && e.raw !== '' ? e.raw : null,
    })),
    ruledOut: d.ruledOut.map((r) => ({ cause: causeName(r.cause), text: say(r.message, r.by) })),
    alsoFound: d.alsoFound.map((r) => ({
      cause: causeName(r.cause),
      text: say(r.message, r.summary),
    })),
    rule:
      d.rule === null
        ? null
        : {
            where: t('ruleAt', {
              source: d.rule.source,
              table: d.rule.table,
              chain: d.rule.chain,
              position: d.rule.position,
            }),
            text: d.rule.text,
            frontEnd:
              d.rule.frontEnd === null
                ? null
                : `${t('frontEnd', { source: d.rule.frontEnd.source })}: ${d.rule.frontEnd.text}`,
          },
    fix: d.fix === null ? null : fix(d.fix),
    alternatives: d.alternatives.map(fix),
    nextSteps: (d.nextSteps ?? []).map((n) => ({
      text: say(n.message, n.why),
      command: n.command === null ? null : argvToText(n.command),
    })),
    warnings: (d.warnings ?? []).map((w, i) => say(d.warningMessages?.[i], w)),
    hints: [...(d.hints ?? [])],
  };
}
