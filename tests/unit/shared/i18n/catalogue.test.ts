import { describe, expect, it } from 'vitest';
import { en, ko } from '../../../../shared/i18n/resources';
import { hasMessage, translator } from '../../../../shared/i18n/translate';

/** Every leaf id of a catalogue object (dotted path). */
function ids(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) =>
    typeof v === 'string' ? [prefix + k] : ids(v as object, `${prefix}${k}.`),
  );
}

describe('message catalogue', () => {
  it('has the same ids in English and Korean (runtime, besides the type check)', () => {
    expect(ids(ko).sort()).toEqual(ids(en).sort());
  });

  it('serves the renderer keys through the shared resources in both languages', () => {
    expect(hasMessage('app.language', 'en')).toBe(true);
    expect(hasMessage('app.language', 'ko')).toBe(true);
    expect(translator('ko')({ id: 'app.language' })).toBe('언어');
    expect(translator('en')({ id: 'app.language' })).toBe('Language');
  });
});
