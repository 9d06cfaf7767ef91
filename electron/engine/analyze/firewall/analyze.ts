import { msg, type Message } from '../../../../shared/i18n/message';
import { english } from '../../../../shared/i18n/translate';
import type { FirewallData, FirewallVerdict } from '../../../../shared/probe-data';
import type { Rule } from '../../../../shared/evidence';
import {
  accessOf,
  snapshotOf,
  type Captured,
  type FrontEndOutputs,
  type RuleDumps,
} from './collect';
import type { IptDump } from './iptables-parse';
import {
  evaluate,
  iptablesNftTables,
  toRule,
  type Evaluation,
  type RouteOf,
  type RulesetSnapshot,
} from './evaluate';
import { fail2banBanOf, fail2banFrontEnd, parseFail2banJail, parseFail2banJails } from './fail2ban';
import {
  firewalldDrift,
  firewalldFrontEnd,
  parseFirewalldZones,
  type FirewalldZone,
} from './firewalld';
import type { RuleRef } from './model';
import type { SynPacket } from './packet';
import {
  fail2banBackend,
  firewalldBackend,
  iptablesBackend,
  nftBackend,
  ufwBackend,
} from './summarize';
import { parseUfwStatus, parseUfwUserRules, ufwFrontEnd, type UfwInput } from './ufw';

/**
 * Pure analysis of collected firewall state: backend summaries, front-end views and, for
 * a packet, the verdict with the deciding rule and the front end behind it.
 */

/** Everything parsed from one collection. */
export interface FirewallState {
  snapshot: RulesetSnapshot;
  data: FirewallData;
  ufw: UfwInput;
  zones: FirewalldZone[] | null;
  banned: Map<string, string[]>;
  /** Why a verdict cannot be trusted whatever the rules say (unreadable backend…). */
  blind: string | null;
  /** `blind` as a message. */
  blindMessage?: Message | null;
}

/** Parses collected outputs into the evidence data (without a verdict). */
export function analyzeState(d: RuleDumps, f: FrontEndOutputs): FirewallState {
  const snapshot = snapshotOf(d);
  const managed = iptablesNftTables(snapshot);
  const ufwStatus = accessOf(f.ufwVerbose).readable ? parseUfwStatus(f.ufwVerbose.stdout) : null;
  const numbered = accessOf(f.ufwNumbered).readable ? parseUfwStatus(f.ufwNumbered.stdout) : null;
  const ufw: UfwInput = {
    status: numbered ?? ufwStatus,
    userRules: accessOf(f.ufwUserRules).readable ? parseUfwUserRules(f.ufwUserRules.stdout) : null,
    user6Rules: accessOf(f.ufwUser6Rules).readable
      ? parseUfwUserRules(f.ufwUser6Rules.stdout)
      : null,
  };
  const runtime =
    f.firewalldRuntime && accessOf(f.firewalldRuntime).readable
      ? parseFirewalldZones(f.firewalldRuntime.stdout)
      : null;
  const permanent =
    f.firewalldPermanent && accessOf(f.firewalldPermanent).readable
      ? parseFirewalldZones(f.firewalldPermanent.stdout)
      : null;
  const drift = runtime && permanent ? firewalldDrift(runtime, permanent) : [];
  const jails = accessOf(f.fail2banStatus).readable
    ? parseFail2banJails(f.fail2banStatus.stdout)
    : null;
  const jailStates = f.fail2banJails
    .map((c) => parseFail2banJail(c.stdout))
    .filter((j) => j !== null);
  const banned = new Map(jailStates.map((j) => [j.jail, j.banned]));

  const withLegacy = (
    b: FirewallData['backends'][number],
    l: Captured | null,
    dump: IptDump | null | undefined,
  ) => {
    if (!l) return b;
    const legacy = iptablesBackend(
      b.source === 'ip6tables' ? 'ip6tables' : 'iptables',
      l,
      dump ?? null,
    );
    // Its own line beside the backend's (`legacyMessage`): both are iptables summaries, whose
    // params would clash nested in one message. The English summary keeps both.
    return {
      ...b,
      summary: `${b.summary}; legacy tables too: ${legacy.summary}`,
      legacyMessage: legacy.message ?? msg('evidence.text', { text: legacy.summary }),
    };
  };
  const backends: FirewallData['backends'] = [
    withLegacy(iptablesBackend('iptables', d.ipt4, snapshot.ip4), d.legacy4, snapshot.legacy4),
    withLegacy(iptablesBackend('ip6tables', d.ipt6, snapshot.ip6), d.legacy6, snapshot.legacy6),
    nftBackend(d.nftJson, snapshot.nft, managed),
    ufwBackend(f.ufwVerbose, ufwStatus),
    firewalldBackend(f.firewalldState, runtime, drift),
    fail2banBackend(f.fail2banStatus, jails ? jailStates : null),
  ];
  const data: FirewallData = { backends };
  if (ufwStatus) {
    data.ufw = {
      active: ufwStatus.active,
      defaultIncoming: ufwStatus.defaults?.incoming ?? null,
      rules: (numbered ?? ufwStatus).rules.map((r) => r.text),
    };
  }
  if (accessOf(f.firewalldState).present) {
    data.firewalld = {
      running: f.firewalldState.stdout.trim() === 'running',
      zones: (runtime ?? []).map((z) => z.name),
      drift,
    };
  }
  if (jails) data.fail2ban = jailStates;

  let blindMessage: Message | null = null;
  const ruleReaders = backends.filter(
    (b) => b.source === 'iptables' || b.source === 'ip6tables' || b.source === 'nftables',
  );
  const cannot = ruleReaders.filter((b) => b.present && !b.readable);
  // sudo asked for a password to read the rules: giving it is what makes them readable.
  if ([d.ipt4, d.ipt6, d.nftJson].some((c) => c.error?.code === 'sudo-password-required')) {
    data.sudoPassword = true;
  }
  if (cannot.length)
    blindMessage = msg('evidence.firewall.blind.unreadable', {
      backends: cannot.map((b) => b.source).join(' and '),
    });
  else if (!ruleReaders.some((b) => b.present))
    blindMessage = msg('evidence.firewall.blind.noTool');
  else if ((d.legacy4 && !snapshot.legacy4) || (d.legacy6 && !snapshot.legacy6))
    blindMessage = msg('evidence.firewall.blind.legacy');
  const blind = blindMessage && english(blindMessage);
  return { snapshot, data, ufw, zones: runtime, banned, blind, blindMessage };
}

/** The front end behind a rule (fail2ban, ufw, firewalld, Docker), or null. */
export function frontEndOf(
  ref: RuleRef,
  p: SynPacket,
  st: FirewallState,
  rewrite?: Evaluation['rewrite'],
): Rule['frontEnd'] {
  const published =
    rewrite && /^DOCKER/.test(rewrite.rule.chain)
      ? `published port ${p.dport} → ${rewrite.daddr}:${rewrite.dport}`
      : null;
  if (ref.chain === 'DOCKER-USER') {
    return {
      source: 'docker',
      text: `${published ? `${published}; ` : ''}your DOCKER-USER rule ${ref.position}: ${ref.text}`,
    };
  }
  return (
    fail2banFrontEnd(ref, p.saddr, st.banned) ??
    (ref.source === 'iptables' ? ufwFrontEnd(ref, st.ufw) : null) ??
    firewalldFrontEnd(ref, p.dport, p.iif, st.zones) ??
    (/^DOCKER/.test(ref.chain) || published
      ? {
          source: 'docker' as const,
          text: `${published ? `${published}; ` : ''}${ref.chain} ${ref.position === 0 ? 'policy' : `rule ${ref.position}`}: ${ref.text}`,
        }
      : null)
  );
}

/**
 * Whether the client's source address decides the evaluation: the same rules walked for
 * a SYN whose source is unknown end elsewhere (mostly: undecidable at the first rule on
 * the source). False when the packet carries no source, or no rule on the source counts.
 */
export function sourceDecides(
  st: FirewallState,
  p: SynPacket,
  e: Evaluation,
  routeOf?: RouteOf,
): boolean {
  if (p.saddr === null || st.blind) return false;
  const blind = evaluate(st.snapshot, { ...p, saddr: null }, routeOf);
  return blind.verdict !== e.verdict || blind.decidedBy?.key !== e.decidedBy?.key;
}

/** The verdict for a packet: evaluation, deciding rule, front end. */
export function verdictFor(
  st: FirewallState,
  p: SynPacket,
  routeOf?: RouteOf,
): { verdict: FirewallVerdict; evaluation: Evaluation | null } {
  if (st.blind) {
    return {
      verdict: {
        verdict: 'unknown',
        rule: null,
        reason: st.blind,
        ...(st.blindMessage ? { reasonMessage: st.blindMessage } : {}),
        undecidable: null,
      },
      evaluation: null,
    };
  }
  const e = evaluate(st.snapshot, p, routeOf);
  const ref = e.decidedBy;
  const frontEnd = ref ? frontEndOf(ref, p, st, e.rewrite) : null;
  // The front end that owns a deciding drop/reject rule is named after the reason.
  const reasonMessage =
    frontEnd && e.verdict !== 'accept'
      ? msg(e.reasonMessage.id, {
          ...(e.reasonMessage.params ?? {}),
          feKind: 'some',
          feSource: frontEnd.source,
          feText: frontEnd.text,
        })
      : e.reasonMessage;
  const verdict: FirewallVerdict = {
    verdict: e.verdict,
    rule: toRule(e, frontEnd),
    reason: english(reasonMessage),
    reasonMessage,
    undecidable:
      e.verdict === 'unknown' && ref
        ? { source: ref.source, chain: ref.chain, position: ref.position, text: ref.text }
        : null,
    notes: e.notes,
    acceptedBy:
      e.verdict === 'accept' && ref
        ? {
            source: ref.source,
            table: ref.table,
            chain: ref.chain,
            position: ref.position,
            text: ref.text,
          }
        : null,
    path: e.path,
    ban:
      ref && (e.verdict === 'drop' || e.verdict === 'reject') ? fail2banBanOf(ref, p.saddr) : null,
  };
  if (ref?.family.endsWith('-legacy')) {
    const tool = ref.family.startsWith('ip6') ? 'ip6tables-legacy' : 'iptables-legacy';
    verdict.notes = [
      ...(verdict.notes ?? []),
      `the deciding rule is in the legacy tables: change it with ${tool}`,
    ];
  }
  return { verdict, evaluation: e };
}
