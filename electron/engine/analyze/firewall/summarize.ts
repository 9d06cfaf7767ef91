import type { FirewallData } from '../../../../shared/probe-data';
import type { IptDump } from './iptables-parse';
import type { NftRuleset } from './nft-parse';
import { accessOf, type Captured } from './collect';
import type { UfwStatus } from './ufw';
import type { FirewalldZone } from './firewalld';
import { msg, type Message } from '../../../../shared/i18n/message';
import { english } from '../../../../shared/i18n/translate';

/** One-line summaries of each backend for the evidence (`FirewallData.backends`). */

type Backend = FirewallData['backends'][number];

/** A backend's line: its English summary and the message it renders. */
function line(m: Message): { summary: string; message: Message } {
  return { summary: english(m), message: m };
}

/** `1 rule` / `2 rules`: which form of a counted word (nested by the catalogue). */
const form = (n: number) => (n === 1 ? 'one' : 'other');

function unreadable(c: Captured): { summary: string; message: Message } {
  const why = c.error?.message ?? (c.stderr.trim().split('\n')[0] || `exit ${String(c.exitCode)}`);
  return line(msg('evidence.firewall.backend.unreadable', { why }));
}

/** `COMMAND is not installed`. */
const notInstalled = (command: string) => line(msg('evidence.exec.notInstalled', { command }));

/** iptables-save / ip6tables-save summary. */
export function iptablesBackend(
  source: 'iptables' | 'ip6tables',
  c: Captured,
  dump: IptDump | null,
): Backend {
  const { present, readable } = accessOf(c);
  if (!present) return { source, present, readable, ...notInstalled(c.argv[0] ?? source) };
  if (!readable || !dump) return { source, present, readable: false, ...unreadable(c) };
  const tables = [...dump.tables.values()];
  const rules = tables.reduce(
    (n, t) => n + [...t.chains.values()].reduce((m, ch) => m + ch.rules.length, 0),
    0,
  );
  const input = dump.tables.get('filter')?.chains.get('INPUT');
  const backend = dump.backend === 'unknown' ? '' : ` (${dump.backend})`;
  if (tables.length === 0)
    return {
      source,
      present,
      readable,
      ...line(msg('evidence.firewall.backend.iptNone', { family: source, backend })),
    };
  const counts = {
    totalRules: rules,
    totalForm: form(rules),
    tables: tables.length,
    tablesForm: form(tables.length),
    names: tables.map((t) => t.name).join(', '),
    backend,
  };
  return {
    source,
    present,
    readable,
    ...line(
      input
        ? msg('evidence.firewall.backend.iptInput', {
            policy: input.policy ?? 'ACCEPT',
            inputRules: input.rules.length,
            inputForm: form(input.rules.length),
            ...counts,
          })
        : msg('evidence.firewall.backend.iptNoInput', counts),
    ),
  };
}

/** nft summary; `managed` are the iptables-nft tables already counted under iptables. */
export function nftBackend(c: Captured, rs: NftRuleset | null, managed: Set<string>): Backend {
  const source = 'nftables' as const;
  const { present, readable } = accessOf(c);
  if (!present) return { source, present, readable, ...notInstalled('nft') };
  if (!readable || !rs) return { source, present, readable: false, ...unreadable(c) };
  if (rs.error)
    return { source, present, readable: false, ...line(msg('evidence.text', { text: rs.error })) };
  const own = rs.tables.filter((t) => !managed.has(`${t.family}/${t.name}`));
  if (own.length === 0) {
    return {
      source,
      present,
      readable,
      ...line(
        msg(
          managed.size
            ? 'evidence.firewall.backend.nftOnlyManaged'
            : 'evidence.firewall.backend.nftEmpty',
        ),
      ),
    };
  }
  const base = rs.chains
    .filter((ch) => ch.hook && !managed.has(`${ch.family}/${ch.table}`))
    .map(
      (ch) =>
        // In nft's own words (`hook input priority 0; policy accept`): rule text, not prose.
        `${ch.family} ${ch.table} ${ch.name} (hook ${ch.hook ?? ''} priority ${ch.prio ?? 0}; policy ${ch.policy ?? 'accept'})`,
    );
  const params = { n: own.length, tables: own.map((t) => `${t.family} ${t.name}`).join(', ') };
  return {
    source,
    present,
    readable,
    ...line(
      base.length
        ? msg('evidence.firewall.backend.nftTables', { ...params, chains: base.join(', ') })
        : msg('evidence.firewall.backend.nftTablesNoBase', params),
    ),
  };
}

/** ufw summary. */
export function ufwBackend(c: Captured, status: UfwStatus | null): Backend {
  const source = 'ufw' as const;
  const { present, readable } = accessOf(c);
  if (!present) return { source, present, readable, ...notInstalled('ufw') };
  if (!readable || !status) return { source, present, readable: false, ...unreadable(c) };
  if (!status.active)
    return { source, present, readable, ...line(msg('evidence.firewall.backend.ufwInactive')) };
  const n = status.rules.length;
  return {
    source,
    present,
    readable,
    ...line(
      status.defaults
        ? msg('evidence.firewall.backend.ufwActiveDefault', {
            incoming: status.defaults.incoming,
            n,
          })
        : msg('evidence.firewall.backend.ufwActive', { n }),
    ),
  };
}

/** firewalld summary. */
export function firewalldBackend(
  state: Captured,
  zones: FirewalldZone[] | null,
  drift: string[],
): Backend {
  const source = 'firewalld' as const;
  const { present } = accessOf(state);
  if (!present) return { source, present, readable: false, ...notInstalled('firewalld') };
  const running = state.stdout.trim() === 'running';
  if (!running) {
    const answer = state.stdout.trim() || state.stderr.trim();
    return {
      source,
      present,
      readable: true,
      ...line(
        answer
          ? msg('evidence.firewall.backend.firewalldStopped', { state: answer })
          : msg('evidence.firewall.backend.firewalldNoAnswer'),
      ),
    };
  }
  if (!zones)
    return {
      source,
      present,
      readable: false,
      ...line(msg('evidence.firewall.backend.firewalldZonesUnread')),
    };
  // Each active zone with what it opens (service names, then ports), names only: the
  // catalogue says what the list is and which zone is the default.
  const activeZones = zones.filter((z) => z.active);
  const active = activeZones.map(
    (z) => `${z.name}: ${[...z.services, ...z.ports].join(' ') || '-'}`,
  );
  const defaultZone = activeZones.find((z) => z.isDefault)?.name;
  const d = {
    ...(drift.length
      ? { driftKind: 'some', drift: drift.join('; ') }
      : { driftKind: 'none', drift: '' }),
    ...(defaultZone !== undefined
      ? { defaultKind: 'some', defaultZone }
      : { defaultKind: 'none', defaultZone: '' }),
  };
  return {
    source,
    present,
    readable: true,
    ...line(
      active.length
        ? msg('evidence.firewall.backend.firewalldRunning', { zones: active.join(' | '), ...d })
        : msg('evidence.firewall.backend.firewalldNoZone', d),
    ),
  };
}

/** fail2ban summary. */
export function fail2banBackend(
  status: Captured,
  jails: { jail: string; banned: string[] }[] | null,
): Backend {
  const source = 'fail2ban' as const;
  const { present, readable } = accessOf(status);
  if (!present) return { source, present, readable, ...notInstalled('fail2ban') };
  // fail2ban-client cannot reach the server's socket: installed, not running, banning nothing.
  if (!readable && /Failed to access socket path|Is fail2ban running\?/.test(status.stderr))
    return {
      source,
      present,
      readable: false,
      ...line(msg('evidence.firewall.backend.fail2banStopped')),
    };
  if (!readable || !jails)
    return {
      source,
      present,
      readable: false,
      ...line(
        msg('evidence.firewall.backend.fail2banUnread', {
          error: status.stderr.trim().split('\n')[0] ?? '',
        }),
      ),
    };
  // Each jail with how many addresses it bans (the catalogue says what the number is).
  const list = jails.map((j) => `${j.jail} (${j.banned.length})`).join(', ');
  return {
    source,
    present,
    readable,
    ...line(
      jails.length
        ? msg('evidence.firewall.backend.fail2banJails', { list })
        : msg('evidence.firewall.backend.fail2banNoJails'),
    ),
  };
}
