import { describe, expect, it } from 'vitest';
import { en, ko } from '../../../../shared/i18n/resources';

/**
 * Korean is real Korean: every value has Hangul and differs from the English one — unless
 * it is made only of names and commands that stay as they are in any language (this
 * allow-list), parameters (`{{name}}`), numbers and punctuation. And no Korean value
 * carries an English phrase outside a parameter, `code` or “a quoted message”.
 */
const NAMES: readonly string[] = [
  'ConnDoctor',
  'SSH',
  'ufw',
  'sudo',
  'TCP',
  // TCP segment names in the sequence diagram.
  'SYN',
  'SYN-ACK',
  'RST',
];

/** Every leaf of a catalogue object as [id, value]. */
function leaves(o: object, prefix = ''): [string, string][] {
  return Object.entries(o).flatMap(([k, v]): [string, string][] =>
    typeof v === 'string' ? [[prefix + k, v]] : leaves(v as object, `${prefix}${k}.`),
  );
}

const HANGUL = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]/;

/**
 * The value without parameters, nested entries (`$t(id)`, translated on their own), `code`
 * and “quoted” text (kept as they are on purpose).
 */
const prose = (v: string) =>
  v
    .replace(/\$t\([^)]*\)/g, ' ')
    .replace(/\{\{[^}]*\}\}/g, ' ')
    .replace(/`[^`]*`/g, ' ')
    .replace(/“[^”]*”/g, ' ');

/** True when the value is only allow-listed names, numbers, punctuation and parameters. */
function onlyNames(v: string): boolean {
  const words = prose(v).match(/[\p{L}][\p{L}\p{N}-]*/gu) ?? [];
  return words.every((w) => NAMES.includes(w));
}

/** Why a Korean value is not Korean, or null when it is. */
function problem(enValue: string, koValue: string): string | null {
  if (onlyNames(koValue)) return null;
  if (!HANGUL.test(koValue)) return 'no Hangul';
  if (koValue === enValue) return 'same as English';
  if (/[A-Za-z]+[ ,]+[A-Za-z]+[ ,]+[A-Za-z]+/.test(prose(koValue))) return 'an English phrase';
  return null;
}

describe('Korean catalogue', () => {
  const koValues = new Map(leaves(ko));

  it('is Korean: Hangul, not the English text, no English phrase outside commands', () => {
    const bad = leaves(en).flatMap(([id, enValue]) => {
      const koValue = koValues.get(id);
      const why = koValue === undefined ? 'missing' : problem(enValue, koValue);
      return why === null ? [] : [`${id}: ${why} (${JSON.stringify(koValue)})`];
    });
    expect(bad).toEqual([]);
  });

  it('allows names and commands only, and catches what is not Korean', () => {
    expect(problem('ConnDoctor', 'ConnDoctor')).toBeNull();
    expect(problem('SYN-ACK', 'SYN-ACK')).toBeNull();
    expect(problem('Run {{command}}', '{{command}} 실행')).toBeNull();
    expect(problem('Copy', 'Copy')).toBe('no Hangul');
    expect(problem('Copy {{x}}', 'Copy {{x}}')).toBe('no Hangul');
    expect(problem('SSH key', 'SSH key')).toBe('no Hangul');
    expect(problem('복사', '복사')).toBe('same as English');
    expect(problem('Could not connect', '접속 실패: could not connect here')).toBe(
      'an English phrase',
    );
    expect(problem('Run `sudo ufw allow 80`', '`sudo ufw allow 80` 실행')).toBeNull();
    expect(problem('{{a}}$t(x.y.{{b}})', '{{a}}$t(x.y.{{b}})')).toBeNull();
    expect(problem('{{a}} is up$t(x.y.{{b}})', '{{a}} is up$t(x.y.{{b}})')).toBe('no Hangul');
  });
});
