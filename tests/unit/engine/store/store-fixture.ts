import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { Diagnosis } from '../../../../shared/evidence';
import type { Message } from '../../../../shared/i18n/message';
import { connect, diagnose, listeners } from '../../shared/diagnosis/make-evidence';

/** A fresh real data directory per test, removed afterwards, and a warning collector. */
export function tempStore(): {
  dir: () => string;
  warnings: Message[];
  warn: (m: Message) => void;
} {
  let current: string | null = null;
  const warnings: Message[] = [];
  afterEach(() => {
    if (current !== null) rmSync(current, { recursive: true, force: true });
    current = null;
    warnings.length = 0;
  });
  return {
    dir: () => (current ??= mkdtempSync(join(tmpdir(), 'conndoctor-store-'))),
    warnings,
    warn: (m) => warnings.push(m),
  };
}

/** A real refused / not-listening diagnosis (built by the diagnosis code) with the given id. */
export function refused(sessionId: string): Diagnosis {
  return { ...diagnose([connect('refused'), listeners([])]), sessionId };
}

/** The session id of second `n` after a fixed start (sortable, distinct). */
export function idAt(n: number, suffix = 'abcdef'): string {
  const t = new Date(Date.UTC(2026, 0, 1) + n * 1000).toISOString();
  return `${t.replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z')}-${suffix}`;
}
