import { expect } from 'vitest';

const HANGUL = /[\uac00-\ud7a3]/;

/**
 * Asserts a Korean rendering is Korean: it has Hangul and, once the data it shows (names,
 * addresses, commands, rule text: `keep`) is taken out, no English word of four or more
 * letters is left.
 */
export function expectKorean(text: string, keep: readonly string[] = []): void {
  expect(text, text).toMatch(HANGUL);
  const rest = [...keep]
    .sort((a, b) => b.length - a.length)
    .reduce((t, k) => t.split(k).join(' '), text);
  expect(rest.match(/[A-Za-z]{4,}/g) ?? [], text).toEqual([]);
}
