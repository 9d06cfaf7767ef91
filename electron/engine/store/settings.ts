import { join } from 'node:path';
import { z } from 'zod';
import { LANGS } from '../../../shared/i18n/translate';
import { readJsonFile, writeJsonFile, type Warn } from './json-file';
import { stripSecrets } from './secrets';
import { THEMES } from '../../../shared/ipc/contracts';

/**
 * `settings.json`: the user's choices (language, theme). Other keys (the desktop app's
 * window bounds…) are kept as they are, so each part of the app owns its own key.
 */

/** The themes the UI offers (the contract's list). */
export { THEMES };

/** The settings file. Unknown keys are allowed and kept. */
export const SettingsSchema = z.looseObject({
  language: z.enum(LANGS).optional(),
  theme: z.enum(THEMES).optional(),
});
/** The settings. */
export type Settings = z.infer<typeof SettingsSchema>;

/** The settings file of a data directory. */
export function settingsFile(dir: string): string {
  return join(dir, 'settings.json');
}

/** The settings ({} when there are none, or the file was corrupt and set aside). */
export async function readSettings(dir: string, warn: Warn): Promise<Settings> {
  return (await readJsonFile(settingsFile(dir), SettingsSchema, warn)) ?? {};
}

/**
 * Merges `patch` into the settings and writes them atomically; a key set to undefined is
 * removed. The patch is validated (a bad language or theme throws before anything is written).
 */
export async function updateSettings(
  dir: string,
  patch: Partial<Settings>,
  warn: Warn,
): Promise<Settings> {
  const current = await readSettings(dir, warn);
  const merged: Record<string, unknown> = { ...current };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) delete merged[k];
    else merged[k] = v;
  }
  const next = SettingsSchema.parse(stripSecrets(merged));
  await writeJsonFile(settingsFile(dir), next);
  return next;
}
