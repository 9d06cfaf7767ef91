import type { Evidence } from '../../../shared/evidence';
import type { FirewallData, FirewallSource, FirewallVerdict } from '../../../shared/probe-data';
import { formatTarget, isIPv4, isIPv6 } from '../../../shared/target';
import type { Executor } from '../exec/executor';
import { analyzeState, frontEndOf, sourceDecides, verdictFor } from '../analyze/firewall/analyze';
import {
  capture,
  collectDumps,
  collectFrontEnds,
  rawText,
  snapshotOf,
} from '../analyze/firewall/collect';
import { counterOverride, counterProof } from '../analyze/firewall/counters';
import { overrideFromCounters } from '../analyze/firewall/override';
import { parseFail2banJails } from '../analyze/firewall/fail2ban';
import type { SynPacket } from '../analyze/firewall/packet';
import type { RouteOf } from '../analyze/firewall/evaluate';
import { connectOnce } from './connect.probe';
import type { ProbeRunner } from './registry';
import { inconclusiveEvidence } from '../../../shared/inconclusive-evidence';
import { embedMessage, msg, type Message, type MessageParams } from '../../../shared/i18n/message';
import { english } from '../../../shared/i18n/translate';

/** Why the firewall evidence is inconclusive: the reason and its message. */
function inconclusiveReason(
  message: Message | null | undefined,
  reason: string | null | undefined,
): { reason: string; reasonMessage?: Message } {
  if (message) return { reason: english(message), reasonMessage: message };
  return { reason: reason ?? 'inconclusive' };
}

/**
 * The `firewall` probe (server vantage, Linux, needs root — the executor elevates): reads
 * iptables/ip6tables (`-save -c`), nftables (`nft -j` and `nft -a`), ufw, firewalld and
 * fail2ban, summarises each backend {present, readable, summary}, and — given a target —
 * evaluates a NEW inbound TCP SYN from the client to `req.address` as the kernel would,
 * names the deciding rule and the front end behind it, then proves it with packet
 * counters around a few real probe connects where the rule has a counter. An unreadable
 * ruleset is `unknown`, never "no rules".
 */

/** How many probe SYNs the counter proof sends. */
export const COUNTER_PROBES = 3;
/** Each probe connect ends after at most this long (below the first SYN retransmit at 1 s). */
const PROBE_TIMEOUT_MS = 600;

function stripZone(a: string): string {
  return a.split('%')[0] ?? a;
}

function isIp(a: string | undefined): a is string {
  return a !== undefined && (isIPv4(a) || isIPv6(a));
}

/** The interface the server routes `daddr` out of, or null. */
async function routeDev(ex: Executor, daddr: string, signal?: AbortSignal): Promise<string | null> {
  const r = await capture(ex, ['ip', '-j', 'route', 'get', daddr], signal, false);
  try {
    const dev = (JSON.parse(r.stdout) as { dev?: unknown }[])[0]?.dev;
    return typeof dev === 'string' ? dev : null;
  } catch {
    return null;
  }
}

/** The server's route back to the client: inbound interface, and whether it is direct. */
interface Inbound {
  dev: string | null;
  /** True when `dev` is the server's route back to the client. */
  fromRoute: boolean;
  /**
   * True when that route is on-link or local (no gateway): the client's own address is
   * what the server sees. False through a gateway or when the route is not known.
   */
  direct: boolean;
}

/** The server's inbound interface for packets from `saddr` to `daddr` (its route back to the client). */
async function inboundInterface(
  ex: Executor,
  daddr: string,
  saddr: string | null,
  signal?: AbortSignal,
): Promise<Inbound> {
  if (saddr) {
    const r = await capture(ex, ['ip', '-j', 'route', 'get', saddr, 'from', daddr], signal, false);
    try {
      const routes = JSON.parse(r.stdout) as { dev?: unknown; gateway?: unknown }[];
      const dev = routes[0]?.dev;
      if (typeof dev === 'string')
        return { dev, fromRoute: true, direct: routes[0]?.gateway === undefined };
    } catch {
      // fall back to the interface that holds the address
    }
  }
  const r = await capture(ex, ['ip', '-j', 'addr', 'show'], signal, false);
  try {
    const links = JSON.parse(r.stdout) as { ifname?: unknown; addr_info?: { local?: unknown }[] }[];
    const own = links.find((l) => (l.addr_info ?? []).some((a) => a.local === daddr));
    return {
      dev: typeof own?.ifname === 'string' ? own.ifname : null,
      fromRoute: false,
      direct: false,
    };
  } catch {
    return { dev: null, fromRoute: false, direct: false };
  }
}

/**
 * The source address the verdict is for, and how far the server can be trusted to see
 * it: a source from the client's own route may be rewritten by a NAT unless the server's
 * route back to it is direct.
 */
export function sourceOf(
  address: string | null,
  from: FirewallSource['from'],
  inbound: Pick<Inbound, 'direct'>,
  decisive: boolean,
): FirewallSource {
  return {
    address,
    from: address === null ? null : from,
    decisive,
    natPossible: address !== null && from === 'client-route' && !inbound.direct,
  };
}

/**
 * The params of "from ADDR (where it came from[, NAT possible])" in the verdict line
 * (nested fragments of `evidence.firewall.verdictLine`).
 */
function sourceParams(src: FirewallSource | null): MessageParams {
  if (src === null) return { fromKind: 'none' };
  if (src.address === null) return { fromKind: 'unknown' };
  return {
    fromKind: 'known',
    saddr: src.address,
    origin: src.from ?? 'unknown',
    natKind: src.natPossible ? 'some' : 'none',
  };
}

/**
 * Whether the static verdict needs the kernel's word: it could not be decided (a rule
 * whose match is not in the ruleset, like a `recent` list), or interface rules were
 * evaluated as "maybe" because the inbound interface is unknown. A verdict decided by
 * fully evaluated rules stands on its own: the proof would cost two more reads of the
 * ruleset and, for a DROP, probe connects that only end by their timeout.
 */
export function needsCounterProof(v: FirewallVerdict, iif: string | null): boolean {
  // A rule on the source decides, for an address a NAT may change: the probe SYNs come
  // from this client, so their counters show the address the server really sees.
  const nat = v.source?.decisive === true && v.source.natPossible;
  return v.verdict === 'unknown' || iif === null || nat;
}

function verdictLine(v: FirewallVerdict, target: string): Message {
  const unreached = v.counterProof && !v.counterProof.agrees && v.counterProof.delta === 0;
  const proof = unreached
    ? 'unreached'
    : v.counterProof
      ? v.counterProof.agrees
        ? 'confirmed'
        : 'contradicts'
      : v.verdict === 'unknown'
        ? 'staticOnly'
        : 'static';
  return msg('evidence.firewall.verdictLine', {
    where: target,
    ...sourceParams(v.source ?? null),
    verdict: v.verdict.toUpperCase(),
    ...embedMessage(v.reasonMessage ?? msg('evidence.text', { text: v.reason }), 'reasonId'),
    proof,
    ...(v.counterProof
      ? {
          proofRule: v.counterProof.rule,
          delta: v.counterProof.delta,
          probes: v.counterProof.probes,
        }
      : {}),
  });
}

/** One backend's line of the summary (`iptables: INPUT policy ACCEPT, …`). */
function backendLine(b: FirewallData['backends'][number]): Message {
  return msg('evidence.firewall.backendLine', {
    source: b.source,
    ...embedMessage(b.message ?? msg('evidence.text', { text: b.summary }), 'backendId'),
  });
}

/** The probe runner (see the file's TSDoc). Never throws. */
export const firewallProbe: ProbeRunner = async (req, ctx) => {
  const started = Date.now();
  try {
    return await inspect(req, ctx, started);
  } catch (e) {
    const reason = msg('evidence.firewall.failed', {
      error: e instanceof Error ? e.message : String(e),
    });
    return inconclusiveEvidence('firewall', req.vantage, ['iptables-save', '-c'], reason, {
      ms: Date.now() - started,
    });
  }
};

async function inspect(
  req: Parameters<ProbeRunner>[0],
  ctx: Parameters<ProbeRunner>[1],
  started: number,
): Promise<Evidence> {
  const ex = ctx.server ?? ctx.client;
  const signal = ctx.signal;
  const target = req.target;
  const daddr = target
    ? [req.address, target.host].map((a) => (a ? stripZone(a) : a)).find(isIp)
    : undefined;
  // The probe SYNs come from where the engine runs. When that is the server itself (one
  // local executor for both vantages) and no client address was given, the client is
  // this machine: its connection to its own address arrives on lo, from that address.
  const selfClient = !req.clientAddress && (ctx.server === null || ctx.server === ctx.client);
  const saddr = req.clientAddress ? stripZone(req.clientAddress) : selfClient ? daddr : undefined;
  const saddrFrom: FirewallSource['from'] = req.clientAddress
    ? (req.clientAddressFrom ?? 'given')
    : selfClient
      ? 'self'
      : null;
  // Everything read at once: the executor batches what is asked for together (one round trip).
  const [dumps, fronts, inbound] = await Promise.all([
    collectDumps(ex, signal),
    collectFrontEnds(ex, parseFail2banJails, signal),
    daddr ? inboundInterface(ex, daddr, isIp(saddr) ? saddr : null, signal) : null,
  ]);
  const st = analyzeState(dumps, fronts);
  const data: FirewallData = st.data;
  const lines: Message[] = [];
  let status: Evidence['status'] = st.blind ? 'inconclusive' : 'pass';

  if (target) {
    const where = formatTarget(target);
    if (!daddr || !inbound) {
      const reasonMessage = msg('evidence.firewall.reason.addressUnknown');
      data.verdict = {
        verdict: 'unknown',
        rule: null,
        reason: english(reasonMessage),
        reasonMessage,
        undecidable: null,
      };
    } else {
      const iif = inbound.dev;
      const packet: SynPacket = {
        family: isIPv4(daddr) ? 4 : 6,
        saddr: isIp(saddr) ? saddr : null,
        daddr,
        dport: target.port,
        iif,
        iifFromRoute: inbound.fromRoute,
      };
      let { verdict, evaluation } = verdictFor(st, packet);
      let routeOf: RouteOf | undefined;
      const fwd = evaluation?.rewrite;
      if (fwd?.forwarded && isIp(fwd.daddr)) {
        // A DNAT sends the SYN on to another host: its route names the outbound interface.
        const oif = await routeDev(ex, fwd.daddr, signal);
        routeOf = (a) => (a === fwd.daddr ? oif : null);
        ({ verdict, evaluation } = verdictFor(st, packet, routeOf));
      }
      const src = sourceOf(
        packet.saddr,
        saddrFrom,
        inbound,
        evaluation !== null && sourceDecides(st, packet, evaluation, routeOf),
      );
      verdict.source = src;
      if (!iif)
        verdict.notes = [
          ...(verdict.notes ?? []),
          'inbound interface unknown: interface rules were "maybe"',
        ];
      const ref = evaluation?.decidedBy ?? null;
      const wanted = ctx.counterProof !== 'when-needed' || needsCounterProof(verdict, iif);
      if (ref && ref.packets !== null && wanted) {
        const before = snapshotOf(await collectDumps(ex, signal));
        const attempts = await Promise.all(
          Array.from({ length: COUNTER_PROBES }, () =>
            connectOnce(daddr, packet.dport, Math.min(req.timeoutMs, PROBE_TIMEOUT_MS), signal),
          ),
        );
        const after = snapshotOf(await collectDumps(ex, signal));
        verdict.counterProof = counterProof(
          before,
          after,
          ref.key,
          verdict.verdict,
          COUNTER_PROBES,
        );
        const proof = verdict.counterProof;
        if (proof && !proof.agrees) {
          const used = counterOverride(before, after, ref.key, verdict.verdict, COUNTER_PROBES);
          if (!used && proof.delta === 0 && proof.rule === ref.text) {
            // No rule counted the probes: they never reached this host's rules (filtered
            // upstream, or another path). The rules alone still speak for this host.
            verdict.notes = [
              ...(verdict.notes ?? []),
              'the probe SYNs did not reach the server rules (no counter moved): static verdict only',
            ];
          } else {
            overrideFromCounters(verdict, used, (r) =>
              frontEndOf(r, packet, st, evaluation?.rewrite),
            );
          }
        }
        verdict.notes = [
          ...(verdict.notes ?? []),
          `probe connects: ${attempts.map((a) => a.result).join(', ')}`,
        ];
      } else {
        verdict.counterProof = null;
      }
      data.verdict = verdict;
      lines.push(verdictLine(verdict, where));
      if (verdict.verdict === 'unknown') status = 'inconclusive';
      else if (verdict.verdict !== 'accept') status = 'fail';
    }
  }
  for (const b of data.backends) {
    lines.push(backendLine(b));
    if (b.legacyMessage) {
      lines.push(
        msg('evidence.firewall.legacyLine', {
          source: b.source,
          ...embedMessage(b.legacyMessage, 'backendId'),
        }),
      );
    }
  }
  const [head, ...details] = lines;
  const raw = rawText([
    dumps.ipt4,
    dumps.ipt6,
    dumps.nftText,
    dumps.nftJson,
    dumps.legacy4,
    dumps.legacy6,
    fronts.ufwVerbose,
    fronts.ufwNumbered,
    fronts.firewalldState,
    fronts.firewalldRuntime,
    fronts.firewalldPermanent,
    fronts.fail2banStatus,
    ...fronts.fail2banJails,
  ]);
  return {
    probe: 'firewall',
    vantage: req.vantage,
    command: dumps.ipt4.argv,
    ok: status === 'pass',
    status,
    summary: lines.map(english).join('\n'),
    ...(head ? { message: head, details } : {}),
    data,
    ms: Date.now() - started,
    raw: raw.length > 256 * 1024 ? raw.slice(0, 256 * 1024) : raw,
    ...(status === 'inconclusive'
      ? inconclusiveReason(
          st.blindMessage ?? data.verdict?.reasonMessage,
          st.blind ?? data.verdict?.reason,
        )
      : {}),
  };
}
