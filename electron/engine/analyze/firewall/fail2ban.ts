import type { RuleRef } from './model';

/**
 * fail2ban, the front end: `fail2ban-client status` (jails) and `status JAIL` (banned
 * addresses), and the chains/sets its actions create (`f2b-<jail>` in iptables,
 * `addr-set-<jail>` in nftables) — a rule there is a ban, and the fix is an unban.
 */

/** Parses `fail2ban-client status`: the jail names. */
export function parseFail2banJails(text: string): string[] | null {
  const m = /Jail list:\s*(.*)$/m.exec(text);
  if (!m) return null;
  return (m[1] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Parses `fail2ban-client status JAIL`: the banned addresses. */
export function parseFail2banJail(text: string): { jail: string; banned: string[] } | null {
  const j = /^Status for the jail: (\S+)/m.exec(text);
  const b = /Banned IP list:\s*(.*)$/m.exec(text);
  if (!j || !b) return null;
  return { jail: j[1] ?? '', banned: (b[1] ?? '').split(/\s+/).filter(Boolean) };
}

/** The jail a rule belongs to, from its chain or set name. */
export function fail2banJailOf(ref: RuleRef): string | null {
  const c = /^f2b-(.+)$/.exec(ref.chain);
  if (c && ref.source === 'iptables') return c[1] ?? null;
  const s = /@addr6?-set-([A-Za-z0-9_.-]+)/.exec(ref.text);
  if (s && (ref.table.startsWith('f2b') || ref.chain.startsWith('f2b'))) return s[1] ?? null;
  return null;
}

/** The jail and banned address behind a rule (what `fail2ban-client set JAIL unbanip ADDR` needs). */
export function fail2banBanOf(
  ref: RuleRef,
  clientAddress: string | null,
): { jail: string; address: string } | null {
  const jail = fail2banJailOf(ref);
  const address = /-s (\S+?)(?:\/(?:32|128))?(?:\s|$)/.exec(ref.text)?.[1] ?? clientAddress;
  return jail && address ? { jail, address } : null;
}

/** Names the fail2ban ban behind a rule, or null. */
export function fail2banFrontEnd(
  ref: RuleRef,
  clientAddress: string | null,
  banned: Map<string, string[]>,
): { source: 'fail2ban'; text: string } | null {
  const jail = fail2banJailOf(ref);
  if (!jail) return null;
  const src = /-s (\S+?)(?:\/(?:32|128))?(?:\s|$)/.exec(ref.text)?.[1] ?? clientAddress;
  const listed = banned.get(jail);
  const who = src ?? 'the client';
  const confirmed =
    listed && src
      ? listed.includes(src)
        ? " (in the jail's ban list)"
        : ' (not in the ban list fail2ban reports)'
      : '';
  return { source: 'fail2ban', text: `jail ${jail}: ${who} is banned${confirmed}` };
}
