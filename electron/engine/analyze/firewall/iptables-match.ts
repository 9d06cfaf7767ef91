import type { IptOption, IptRule } from './iptables-parse';
import { and, ifaceMatches, inCidr, not, tri, type SynPacket, type Tri } from './packet';
import { note, type EvalNotes } from './model';

/**
 * iptables matches against the SYN, three-valued: options it cannot decide (the client's
 * source port, a `recent` list, an unknown module) are "maybe", with a note.
 */

function portIn(port: number, spec: string): boolean | null {
  const out = spec.split(',').map((p) => {
    const [a, b] = p.split(':');
    const lo = a === '' || a === undefined ? 0 : Number(a);
    const hi = b === undefined ? lo : b === '' ? 65535 : Number(b);
    if (!Number.isInteger(lo) || !Number.isInteger(hi)) return null;
    return port >= lo && port <= hi;
  });
  if (out.includes(null)) return null;
  return out.includes(true);
}

const TCP_FLAGS = ['FIN', 'SYN', 'RST', 'PSH', 'ACK', 'URG', 'ECE', 'CWR'];
function flagSet(s: string): Set<string> | null {
  if (s === 'ALL') return new Set(TCP_FLAGS);
  if (s === 'NONE') return new Set();
  const parts = s.split(',');
  return parts.every((p) => TCP_FLAGS.includes(p)) ? new Set(parts) : null;
}

/** One option against the packet. */
function matchOption(o: IptOption, p: SynPacket, n: EvalNotes, ruleText: string): Tri {
  const arg = o.args[0] ?? '';
  const addr = (value: string | null): Tri => {
    if (value === null) return 'maybe';
    const r = inCidr(value, arg);
    return r === null ? 'maybe' : tri(r);
  };
  let r: Tri;
  switch (o.name) {
    case '-p':
    case '--protocol':
      r = tri(arg === 'tcp' || arg === '6' || arg === 'all' || arg === '0');
      break;
    case '-s':
    case '--source':
      r = addr(p.saddr);
      break;
    case '-d':
    case '--destination':
      r = addr(p.daddr);
      break;
    case '-i':
    case '--in-interface':
      r = p.iif === null ? 'maybe' : tri(ifaceMatches(p.iif, arg));
      break;
    case '-o':
    case '--out-interface':
      // Only forwarded packets have one (iptables refuses -o in INPUT and PREROUTING).
      r = p.oif === undefined || p.oif === null ? 'maybe' : tri(ifaceMatches(p.oif, arg));
      break;
    case '--dport':
    case '--destination-port':
    case '--dports':
    case '--destination-ports':
    case '--ports': {
      const m = portIn(p.dport, arg);
      r = m === null ? 'maybe' : tri(m);
      break;
    }
    case '--sport':
    case '--source-port':
    case '--sports':
    case '--source-ports':
      // The client's ephemeral port is not known in advance.
      r = 'maybe';
      break;
    case '--ctstate':
    case '--state': {
      // A SYN exempted from tracking by a raw NOTRACK rule is UNTRACKED, not NEW.
      const states = arg.split(',');
      if (n.notrack === 'maybe')
        r =
          states.includes('NEW') === states.includes('UNTRACKED')
            ? tri(states.includes('NEW'))
            : 'maybe';
      else r = tri(states.includes(n.notrack === 'yes' ? 'UNTRACKED' : 'NEW'));
      break;
    }
    case '--rt-type':
    case '--rt-segsleft':
    case '--rt-len':
      // IPv6 routing header: a client's SYN carries none, so the rt match fails.
      r = 'no';
      break;
    case '-f':
    case '--fragment':
      r = 'no';
      break;
    case '--syn':
      r = 'yes';
      break;
    case '--tcp-flags': {
      const mask = flagSet(arg);
      const comp = flagSet(o.args[1] ?? '');
      if (!mask || !comp) r = 'maybe';
      else {
        const set: string[] = [...mask].filter((f) => f === 'SYN');
        r = tri(set.length === comp.size && [...comp].every((f) => set.includes(f)));
      }
      break;
    }
    case '--comment':
      r = 'yes';
      break;
    case '--dst-type':
      r = tri(arg.split(',').some((t) => t === 'LOCAL' || t === 'UNICAST'));
      break;
    case '--pkt-type':
      r = tri(arg === 'unicast' || arg === 'host');
      break;
    case '--limit':
    case '--limit-burst':
    case '--hashlimit-upto':
    case '--hashlimit-above':
    case '--hashlimit-burst':
    case '--hashlimit-mode':
    case '--hashlimit-name':
    case '--hashlimit-htable-expire':
      note(n, `rate limit treated as matching (a single SYN is under it): ${ruleText}`);
      r = 'yes';
      break;
    case '--set':
    case '--name':
    case '--rsource':
    case '--rdest':
    case '--mask':
    case '--seconds':
    case '--hitcount':
    case '--reap':
    case '--rttl':
      r = 'yes';
      break;
    case '--rcheck':
    case '--update':
    case '--remove':
      note(n, `"recent" list membership is not visible in the ruleset: ${ruleText}`);
      r = 'maybe';
      break;
    default:
      note(n, `cannot evaluate ${o.module ? `-m ${o.module} ` : ''}${o.name}: ${ruleText}`);
      r = 'maybe';
  }
  return o.neg ? not(r) : r;
}

/** Whether a rule's matches hold for the packet. */
export function matchRule(rule: IptRule, p: SynPacket, n: EvalNotes): Tri {
  return and(rule.options.map((o) => matchOption(o, p, n, rule.text)));
}
