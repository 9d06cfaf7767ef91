import { join } from 'node:path';
import { z } from 'zod';
import { isValidUnit, parseHost } from '../../../shared/target';
import { readJsonFile, writeJsonFile, type Warn } from './json-file';
import { containsPrivateKey } from './secrets';

/**
 * `profiles.json`: saved servers (DESIGN §2) — how to reach a host, never a secret. The
 * schema names every field a profile may hold; anything else a caller passes (a password,
 * a passphrase, key material under any name) is dropped before writing, and a value that
 * holds private key material is refused outright.
 */

const text = (max: number) => z.string().min(1).max(max);

/** One saved server. `identity` is the path of a key file, never the key itself. */
export const ProfileSchema = z.object({
  name: text(100),
  host: text(255).refine((h) => parseHost(h).ok, 'not a host name or address'),
  port: z.number().int().min(1).max(65535).optional(),
  /** `[user@]host[:port]` or an ~/.ssh/config alias. */
  ssh: text(300).optional(),
  identity: text(4096).optional(),
  knownHosts: text(4096).optional(),
  service: text(256)
    .refine((s) => isValidUnit(s), 'not a service name')
    .optional(),
});
/** One saved server. */
export type Profile = z.infer<typeof ProfileSchema>;

/** The profiles file. */
export const ProfilesFileSchema = z.object({
  version: z.literal(1),
  profiles: z.array(ProfileSchema).max(1000),
});

/** Refused: the profile holds key material (the message names the field, not the value). */
export class SecretInProfile extends Error {
  constructor(readonly field: string) {
    super(`profile field "${field}" holds private key material; profiles never store secrets`);
    this.name = 'SecretInProfile';
  }
}

/** The profiles file of a data directory. */
export function profilesFile(dir: string): string {
  return join(dir, 'profiles.json');
}

/** The saved servers ([] when none, or the file was corrupt and set aside). */
export async function readProfiles(dir: string, warn: Warn): Promise<Profile[]> {
  return (await readJsonFile(profilesFile(dir), ProfilesFileSchema, warn))?.profiles ?? [];
}

/**
 * Replaces the saved servers. Each entry is validated; fields the schema does not name
 * (passwords, passphrases, keys) are dropped; key material in any field is refused.
 */
export async function saveProfiles(dir: string, profiles: readonly unknown[]): Promise<Profile[]> {
  const clean = profiles.map((p) => {
    if (p !== null && typeof p === 'object') {
      for (const [k, v] of Object.entries(p as Record<string, unknown>)) {
        if (typeof v === 'string' && containsPrivateKey(v)) throw new SecretInProfile(k);
      }
    }
    return ProfileSchema.parse(p);
  });
  await writeJsonFile(profilesFile(dir), { version: 1, profiles: clean });
  return clean;
}
