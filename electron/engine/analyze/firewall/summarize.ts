import type { FirewallData } from '../../../../shared/probe-data';
import type { IptDump } from './iptables-parse';
import type { NftRuleset } from './nft-parse';
import { accessOf, type Captured } from './collect';
import type { UfwStatus } from './ufw';
import type { FirewalldZone } from './firewalld';

/** One-line summaries of each backend for the evidence (`FirewallData.backends`). */

type Backend = FirewallData['backends'][number];

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function unreadable(c: Captured): string {
  const why = c.error?.message ?? (c.stderr.trim().split('\n')[0] || `exit ${String(c.exitCode)}`);
  return `cannot be read (${why}): the rules are unknown, not absent`;
}

/** iptables-save / ip6tables-save summary. */
export function iptablesBackend(
  source: 'iptables' | 'ip6tables',
  c: Captured,
  dump: IptDump | null,
): Backend {
  const { present, readable } = accessOf(c);
  if (!present)
    return { source, present, readable, summary: `${c.argv[0] ?? source} is not installed` };
  if (!readable || !dump) return { source, present, readable: false, summary: unreadable(c) };
  const tables = [...dump.tables.values()];
  const rules = tables.reduce(
    (n, t) => n + [...t.chains.values()].reduce((m, ch) => m + ch.rules.length, 0),
    0,
  );
  const input = dump.tables.get('filter')?.chains.get('INPUT');
  const backend = dump.backend === 'unknown' ? '' : ` (${dump.backend})`;
  if (tables.length === 0)
    return { source, present, readable, summary: `no ${source} rules loaded${backend}` };
  const policy = input
    ? `INPUT policy ${input.policy ?? 'ACCEPT'}, ${plural(input.rules.length, 'rule')} in INPUT`
    : 'no filter INPUT chain';
  return {
    source,
    present,
    readable,
    summary: `${policy}; ${plural(rules, 'rule')} in ${plural(tables.length, 'table')}: ${tables.map((t) => t.name).join(', ')}${backend}`,
  };
}

/** nft summary; `managed` are the iptables-nft tables already counted under iptables. */
export function nftBackend(c: Captured, rs: NftRuleset | null, managed: Set<string>): Backend {
  const source = 'nftables' as const;
  const { present, readable } = accessOf(c);
  if (!present) return { source, present, readable, summary: 'nft is not installed' };
  if (!readable || !rs) return { source, present, readable: false, summary: unreadable(c) };
  if (rs.error) return { source, present, readable: false, summary: rs.error };
  const own = rs.tables.filter((t) => !managed.has(`${t.family}/${t.name}`));
  if (own.length === 0) {
    return {
      source,
      present,
      readable,
      summary: managed.size ? 'only the iptables-nft tables (see iptables)' : 'empty ruleset',
    };
  }
  const base = rs.chains
    .filter((ch) => ch.hook && !managed.has(`${ch.family}/${ch.table}`))
    .map(
      (ch) =>
        `${ch.family} ${ch.table} ${ch.name} (${ch.hook ?? ''} ${ch.prio ?? 0}, policy ${ch.policy ?? 'accept'})`,
    );
  return {
    source,
    present,
    readable,
    summary: `${own.length} table(s): ${own.map((t) => `${t.family} ${t.name}`).join(', ')}; base chains: ${base.join(', ') || 'none'}`,
  };
}

/** ufw summary. */
export function ufwBackend(c: Captured, status: UfwStatus | null): Backend {
  const source = 'ufw' as const;
  const { present, readable } = accessOf(c);
  if (!present) return { source, present, readable, summary: 'ufw is not installed' };
  if (!readable || !status) return { source, present, readable: false, summary: unreadable(c) };
  if (!status.active) return { source, present, readable, summary: 'inactive' };
  const d = status.defaults ? `, default ${status.defaults.incoming} (incoming)` : '';
  return { source, present, readable, summary: `active${d}, ${status.rules.length} rule(s)` };
}

/** firewalld summary. */
export function firewalldBackend(
  state: Captured,
  zones: FirewalldZone[] | null,
  drift: string[],
): Backend {
  const source = 'firewalld' as const;
  const { present } = accessOf(state);
  if (!present) return { source, present, readable: false, summary: 'firewalld is not installed' };
  const running = state.stdout.trim() === 'running';
  if (!running)
    return {
      source,
      present,
      readable: true,
      summary: `not running (${state.stdout.trim() || state.stderr.trim() || 'no answer'})`,
    };
  if (!zones)
    return { source, present, readable: false, summary: 'running, but its zones cannot be read' };
  const active = zones
    .filter((z) => z.active)
    .map(
      (z) =>
        `${z.name}${z.isDefault ? ' (default)' : ''}: services ${z.services.join(' ') || '-'}, ports ${z.ports.join(' ') || '-'}`,
    );
  const d = drift.length ? `; runtime differs from permanent: ${drift.join('; ')}` : '';
  return {
    source,
    present,
    readable: true,
    summary: `running; ${active.join(' | ') || 'no active zone'}${d}`,
  };
}

/** fail2ban summary. */
export function fail2banBackend(
  status: Captured,
  jails: { jail: string; banned: string[] }[] | null,
): Backend {
  const source = 'fail2ban' as const;
  const { present, readable } = accessOf(status);
  if (!present) return { source, present, readable, summary: 'fail2ban is not installed' };
  if (!readable || !jails)
    return {
      source,
      present,
      readable: false,
      summary: `not running or not readable (${status.stderr.trim().split('\n')[0] ?? ''})`,
    };
  const list = jails.map((j) => `${j.jail} (${j.banned.length} banned)`).join(', ');
  return {
    source,
    present,
    readable,
    summary: jails.length ? `jails: ${list}` : 'running, no jails',
  };
}
