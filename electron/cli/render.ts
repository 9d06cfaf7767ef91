import type { Diagnosis, Evidence } from '../../shared/evidence';
import { formatTarget } from '../../shared/target';
import { safeDeep } from '../../shared/text';
import { argvToText } from '../../shared/argv-text';

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

/** One line per evidence item: status, probe (vantage), summary, and the command. */
export function evidenceLines(evidence: readonly Evidence[], p: Paint): string[] {
  return evidence.map((e) => {
    const cmd = e.command.length > 0 ? p.dim(`  $ ${argvToText(e.command)}`) : '';
    const why =
      e.status === 'inconclusive' && e.reason && e.reason !== e.summary ? ` (${e.reason})` : '';
    const summary = e.summary
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '')
      .join('; ');
    return `  ${mark(e, p)} ${e.probe} [${e.vantage}] ${summary}${why}${cmd}`;
  });
}

/** The full human report of a diagnosis. */
export function renderDiagnosis(
  diagnosis: Diagnosis,
  p: Paint,
  serverLabel: string | null = null,
): string {
  // Remote text reaches the terminal: controls stripped, every string capped (DESIGN §4).
  const d = safeDeep(diagnosis);
  const target = formatTarget({ host: d.target.host, port: d.target.port });
  const causeColour = d.cause === 'ok' ? p.green : d.cause === 'unknown' ? p.yellow : p.red;
  const out: string[] = [];
  out.push(`${p.bold(target)}: ${d.outcome} ${p.dim(`(${d.durationMs} ms)`)}`);
  out.push(`Cause: ${causeColour(p.bold(d.cause))} ${p.dim(`(confidence ${d.confidence})`)}`);
  out.push(d.summary);
  out.push(
    p.dim(serverLabel ? `Server side checked on ${serverLabel}.` : 'Server side not checked.'),
  );
  for (const w of d.warnings ?? []) out.push(p.yellow(`warning: ${w}`));
  if (d.rule)
    out.push(
      `Rule: ${d.rule.source} ${d.rule.table}/${d.rule.chain} #${d.rule.position}: ${d.rule.text}`,
    );
  if (d.alsoFound.length > 0) {
    out.push('', 'Also found:');
    for (const a of d.alsoFound) out.push(`  ${a.cause}: ${a.summary}`);
  }
  out.push('', 'Evidence:', ...evidenceLines(d.evidence, p));
  if (d.ruledOut.length > 0) {
    out.push('', 'Ruled out:');
    for (const r of d.ruledOut) out.push(`  ${r.cause}: ${r.by}`);
  }
  if (d.fix) {
    out.push('', `Proposed fix: ${d.fix.description}${d.fix.privileged ? ' (needs root)' : ''}`);
    for (const c of d.fix.commands) out.push(`  $ ${argvToText(c)}`);
    out.push(`  ${d.fix.persistent ? 'survives a reboot' : 'does not survive a reboot'}; undo:`);
    for (const c of d.fix.undo) out.push(`  $ ${argvToText(c)}`);
    for (const a of d.alternatives) {
      out.push(`  or: ${a.description}`, ...a.commands.map((c) => `  $ ${argvToText(c)}`));
    }
  }
  for (const h of d.hints ?? []) out.push('', p.yellow(`Hint: ${h}`));
  if (d.nextSteps && d.nextSteps.length > 0) {
    out.push('', 'Next steps — run these on the server (or use --ssh / --manual):');
    for (const s of d.nextSteps) {
      if (s.command) out.push(`  $ ${argvToText(s.command)}`, p.dim(`      ${s.why}`));
      else out.push(`  - ${s.why}`);
    }
  }
  return out.join('\n') + '\n';
}

/** The human report of one probe. */
export function renderEvidence(evidence: Evidence, p: Paint): string {
  const e = safeDeep(evidence);
  const lines = evidenceLines([e], p);
  if (e.raw && e.status !== 'pass' && e.raw.trim() !== '') lines.push(p.dim(e.raw.trimEnd()));
  return lines.join('\n') + '\n';
}
