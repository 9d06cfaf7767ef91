import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../../electron/cli/display-width';

/** Terminal columns of a string: what commander pads and wraps the help by. */

describe('displayWidth', () => {
  it('ASCII: one column a character, as commander counted before', () => {
    expect(displayWidth('')).toBe(0);
    const line = '  -h, --help  display help for command [options] <HOST:PORT>';
    expect(displayWidth(line)).toBe(line.length);
  });

  it('Hangul syllables and jamo, CJK ideographs, kana and fullwidth forms: two columns', () => {
    expect(displayWidth('사용법:')).toBe(7);
    expect(displayWidth('명령의 도움말을 봅니다')).toBe(22); // ten syllables, two spaces
    expect(displayWidth('ㄱㅏ')).toBe(4); // compatibility jamo
    expect(displayWidth('漢字かな')).toBe(8);
    expect(displayWidth('ＡＢ')).toBe(4);
    expect(displayWidth('𠀀')).toBe(2); // CJK extension B, outside the BMP
  });

  it('combining marks and zero-width characters take no column; medial jamo join the initial', () => {
    expect(displayWidth('e\u0301')).toBe(1);
    expect(displayWidth('a\u200bb')).toBe(2);
    expect(displayWidth('\u1100\u1161')).toBe(2); // ᄀ + ᅡ: one syllable on screen
  });

  it('colour codes take no column; ambiguous-width punctuation takes one', () => {
    expect(displayWidth('\x1b[1m옵션:\x1b[0m')).toBe(5);
    expect(displayWidth('…')).toBe(1);
    expect(displayWidth('🔥')).toBe(2);
  });
});
