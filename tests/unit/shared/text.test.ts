import { describe, expect, it } from 'vitest';
import { CUT_MARK, capText, safeDeep, stripControls } from '../../../shared/text';

/** The one sanitizer for text that reaches a terminal or the page. */

describe('stripControls', () => {
  it('removes C0 (but \\n and \\t), DEL, C1, bidi overrides/isolates and ANSI CSI sequences', () => {
    const nasty =
      'a\x00b\x07c\x1b[31;1md\x1b[2Je\rf\x7fg\u0085h\u009b31mi\u202ej\u2066k\u2069l\u202am\x1bn';
    expect(stripControls(nasty)).toBe('abcdefgh31mijklmn');
    expect(stripControls('line 1\n\tline 2')).toBe('line 1\n\tline 2');
  });

  it('keeps ordinary Unicode: Hangul, accents, emoji, the left-to-right mark is not an override', () => {
    const ok = '연결이 거부됨 — café 🚀 \u200e';
    expect(stripControls(ok)).toBe(ok);
  });

  it('is linear on long input', () => {
    const s = '\x1b['.repeat(500_000) + '\u202e'.repeat(500_000);
    const t0 = performance.now();
    expect(stripControls(s)).toBe('['.repeat(500_000));
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});

describe('capText and safeDeep', () => {
  it('cuts with a visible marker, never inside a surrogate pair', () => {
    expect(capText('short', 10)).toBe('short');
    const cut = capText('x'.repeat(100), 20);
    expect(cut).toHaveLength(20);
    expect(cut.endsWith(CUT_MARK)).toBe(true);
    const emoji = capText('a' + '🚀'.repeat(50), 12);
    expect(emoji.endsWith(CUT_MARK)).toBe(true);
    expect(/[\ud800-\udbff](?![\udc00-\udfff])/.test(emoji)).toBe(false);
  });

  it('applies to every string of a value, raw keeps a larger cap', () => {
    const v = safeDeep(
      { a: ['\u009bx'.repeat(10_000)], raw: 'r'.repeat(70_000), n: 3, b: null },
      100,
    );
    expect(v.a[0]).toHaveLength(100);
    expect(v.a[0]?.includes('\u009b')).toBe(false);
    expect(v.raw.length).toBe(64 * 1024);
    expect(v).toMatchObject({ n: 3, b: null });
  });
});
