import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { en } from '../../../../shared/i18n/resources';

/**
 * Every catalogue entry is used by some code: a message id is only ever written in the
 * source as a whole string (`t('result.copy')`, `msg('diagnosis.…')`, `{ id: '…' }`), or
 * built from one of the documented templates below. The catalogue files themselves and
 * the tests do not count.
 */

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const SOURCE_DIRS = ['renderer', 'shared', 'electron'];
const CATALOGUE_DIRS = [join('shared', 'i18n', 'en'), join('shared', 'i18n', 'ko')];

/**
 * Ids built at run time from a template literal `` `PREFIX${value}` ``. The value is one
 * segment (a cause, a step id, a verdict…), so a template reaches only the entries one
 * level below its prefix. Each template must still occur in the source (checked below):
 * a template that is gone takes its entries' excuse with it.
 */
const DYNAMIC: readonly { prefix: string; why: string }[] = [
  { prefix: 'outcome.', why: 'DiagnosisView: the outcome the client saw' },
  { prefix: 'cause.', why: 'DiagnosisView: the named cause' },
  { prefix: 'result.confidenceLevel.', why: 'DiagnosisView: the confidence' },
  { prefix: 'seq.legend.', why: 'SequenceDiagram: the legend per outcome' },
  { prefix: 'steps.', why: 'StepList: the name of each flowchart state' },
  { prefix: 'steps.state.', why: 'StepList: the state of each flowchart step' },
  { prefix: 'flow.step.', why: 'StepList: what each flowchart state does' },
  { prefix: 'cli.verdict.', why: 'CLI renderDiagnosis: each step verdict' },
  { prefix: 'wizard.answer.cause.', why: 'AnswerCard: the cause in plain words' },
  { prefix: 'wizard.answer.confidence.', why: 'AnswerCard: the confidence' },
  { prefix: 'wizard.map.step.', why: 'FlowchartMap, StepPanel: decision step names' },
  { prefix: 'wizard.map.verdict.', why: 'FlowchartMap, StepPanel: step verdicts' },
  { prefix: 'wizard.step.checks.', why: 'StepPanel: what each decision step checks' },
  { prefix: 'wizard.step.why.', why: 'StepPanel: why each decision step matters' },
  { prefix: 'wizard.ev.firewall.verdict.', why: 'FirewallView: a chain verdict' },
  { prefix: 'wizard.ev.network.side.', why: 'NetworkView: client or server route' },
  { prefix: 'wizard.ev.network.routeType.', why: 'NetworkView: the route type' },
  { prefix: 'wizard.ev.service.state.', why: 'ServiceView: the unit state' },
  { prefix: 'history.report.causes.', why: 'desktop notify: the cause of a finished run' },
  { prefix: 'evidence.service.notFoundNote.', why: 'serviceVerdict: a note as found or ours' },
  { prefix: 'manual.what.', why: 'ManualPaste: what each pasted check shows' },
];

/**
 * Files that translate through a scoped helper: `t('yes')` there means `PREFIX + 'yes'`,
 * and their templates (`` `causes.${c}` ``) are relative to the prefix too. The file must
 * build its ids from the prefix (checked below).
 */
/**
 * Ids the catalogue itself nests into other entries (`$t(PREFIX{{param}})`): entries one
 * level below the prefix are used through the entries that nest them.
 */
const NESTED: readonly { prefix: string; why: string }[] = [
  { prefix: 'diagnosis.outcome.', why: 'diagnosis.unknown.*, step.path: what the client saw' },
  { prefix: 'evidence.route.covers.', why: 'evidence.route.noUsableRoute: what covers it' },
  { prefix: 'evidence.route.from.', why: 'evidence.route.via/direct: the source address' },
  { prefix: 'evidence.listeners.hidden.', why: 'evidence.listeners.*: hidden socket owners' },
  { prefix: 'evidence.interfaces.state.', why: 'evidence.interfaces.onDown: the link state' },
  { prefix: 'evidence.service.manager.', why: 'evidence.service.*: the kind of service' },
  { prefix: 'evidence.service.pid.', why: 'evidence.service.running: the main pid' },
  { prefix: 'evidence.service.ports.', why: 'evidence.service.running: its ports' },
  { prefix: 'evidence.service.note.', why: "evidence.service.*: the manager's note" },
  { prefix: 'evidence.service.log.', why: 'evidence.service.*: the last log line' },
  { prefix: 'evidence.connect.from.', why: 'evidence.connect.*: from the server itself' },
  { prefix: 'evidence.connect.result.', why: "evidence.connect.one: the attempt's result" },
  { prefix: 'evidence.sweep.filtered.', why: 'evidence.sweep.*: ports that did not answer' },
  { prefix: 'evidence.firewall.from.', why: 'evidence.firewall.verdictLine: the client address' },
  { prefix: 'evidence.firewall.origin.', why: 'evidence.firewall.from.known: the origin' },
  { prefix: 'evidence.firewall.nat.', why: 'evidence.firewall.from.known: a NAT on the way' },
  { prefix: 'evidence.firewall.proof.', why: 'evidence.firewall.verdictLine: the counter proof' },
  { prefix: 'evidence.firewall.via.', why: 'evidence.firewall.reason.*: a DNAT before' },
  { prefix: 'evidence.firewall.frontEnd.', why: 'evidence.firewall.reason.*: the front end' },
  { prefix: 'evidence.firewall.count.inputRules.', why: 'evidence.firewall.backend.ipt*' },
  { prefix: 'evidence.firewall.count.totalRules.', why: 'evidence.firewall.backend.ipt*' },
  { prefix: 'evidence.firewall.count.tables.', why: 'evidence.firewall.backend.ipt*' },
  { prefix: 'evidence.firewall.drift.', why: 'evidence.firewall.backend.firewalld*: drift' },
  { prefix: 'evidence.firewall.zoneDefault.', why: 'firewalldRunning: the default zone' },
  { prefix: 'evidence.host.', why: 'evidence.exec.noneInstalled, listeners.noTool: where' },
  { prefix: 'evidence.interfaces.notUsable.', why: 'evidence.interfaces.someDown: which' },
  { prefix: 'evidence.capture.icmpMeaning.', why: "evidence.capture.icmp: the ICMP's meaning" },
  ...[
    'refused',
    'timeout',
    'hostUnreachable',
    'netUnreachable',
    'prohibited',
    'reset',
    'error',
  ].map((slot) => ({
    prefix: `evidence.connect.failed.${slot}.`,
    why: 'evidence.connect.many/acceptsWarning: the addresses that failed, by result',
  })),
];

const SCOPED: readonly { file: string; prefix: string }[] = [
  { file: 'shared/report/report-view.ts', prefix: 'history.report.' },
];

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name);
    if (d.isDirectory()) {
      return d.name === 'node_modules' || CATALOGUE_DIRS.includes(path) ? [] : sourceFiles(path);
    }
    return /\.(ts|tsx|js|mjs)$/.test(d.name) ? [path] : [];
  });
}

const files = new Map(
  SOURCE_DIRS.flatMap(sourceFiles).map((f) => [
    relative(ROOT, join(ROOT, f)).split(sep).join('/'),
    readFileSync(join(ROOT, f), 'utf8'),
  ]),
);
const allSource = [...files.values()].join('\n');

/** Every leaf id of a catalogue object (dotted path). */
function ids(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) =>
    typeof v === 'string' ? [prefix + k] : ids(v as object, `${prefix}${k}.`),
  );
}

/** The id code asks for: plural forms (`x_one`, `x_other`) are all asked for as `x`. */
const baseId = (id: string) => id.replace(/_(zero|one|two|few|many|other)$/, '');

/** `id` as a whole string literal of `text`. */
const quoted = (text: string, id: string) =>
  [`'${id}'`, `"${id}"`, `\`${id}\``].some((q) => text.includes(q));

/** A template literal of `text` that starts with `prefix` and goes on with a value. */
const template = (text: string, prefix: string) => text.includes(`\`${prefix}\${`);

/** `$t(PREFIX{{…}})` in the catalogue's own text. */
const nestedIn = (text: string, prefix: string) => text.includes(`$t(${prefix}{{`);

/** Every English catalogue file's text (where entries nest others). */
const catalogueText = readdirSync(join(ROOT, CATALOGUE_DIRS[0] ?? ''))
  .map((f) => readFileSync(join(ROOT, CATALOGUE_DIRS[0] ?? '', f), 'utf8'))
  .join('\n');

/** True when `id` is one segment below `prefix`. */
const childOf = (id: string, prefix: string) =>
  id.startsWith(prefix) && !id.slice(prefix.length).includes('.');

function used(id: string): boolean {
  const base = baseId(id);
  if (quoted(allSource, base)) return true;
  if (NESTED.some((d) => childOf(base, d.prefix) && nestedIn(catalogueText, d.prefix))) return true;
  if (DYNAMIC.some((d) => childOf(base, d.prefix) && template(allSource, d.prefix))) return true;
  return SCOPED.some(({ file, prefix }) => {
    const text = files.get(file) ?? '';
    if (!base.startsWith(prefix)) return false;
    const rel = base.slice(prefix.length);
    const dot = rel.lastIndexOf('.');
    return quoted(text, rel) || (dot > 0 && template(text, rel.slice(0, dot + 1)));
  });
}

describe('message catalogue usage', () => {
  it('reads the source it checks', () => {
    expect(files.size).toBeGreaterThan(100);
    expect(files.has('renderer/src/App.tsx')).toBe(true);
    expect([...files.keys()].some((f) => f.startsWith('shared/i18n/en/'))).toBe(false);
  });

  it('has no entry that no code uses', () => {
    expect(ids(en).filter((id) => !used(id))).toEqual([]);
  });

  it.each(NESTED)('the nesting of $prefix is still in the catalogue ($why)', ({ prefix }) => {
    expect(nestedIn(catalogueText, prefix)).toBe(true);
  });

  it.each(DYNAMIC)('the template for $prefix is still in the source ($why)', ({ prefix }) => {
    expect(template(allSource, prefix)).toBe(true);
    expect(ids(en).some((id) => childOf(baseId(id), prefix))).toBe(true);
  });

  it.each(SCOPED)('$file builds its ids under $prefix', ({ file, prefix }) => {
    expect(template(files.get(file) ?? '', prefix)).toBe(true);
  });

  it('catches an unused entry and does not excuse it by a longer or shorter id', () => {
    expect(used('result.copy')).toBe(true);
    expect(used('wizard.consent.deadman_one')).toBe(true);
    expect(used('history.report.yes')).toBe(true);
    expect(used('history.report.causes.ok')).toBe(true);
    expect(used('result.neverWrittenAnywhere')).toBe(false);
    expect(used('wizard.map.step.nested.deeper')).toBe(false);
    expect(used('history.report.neverWrittenAnywhere')).toBe(false);
  });
});
