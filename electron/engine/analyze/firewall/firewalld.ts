import type { RuleRef } from './model';

/**
 * firewalld, the front end: `firewall-cmd --list-all-zones` (runtime and --permanent),
 * the zone behind a rule of firewalld's chains (`filter_IN_<zone>_allow`…, iptables
 * backend `IN_<zone>_…`), and runtime-vs-permanent drift.
 */

/** One zone as `--list-all-zones` prints it. */
export interface FirewalldZone {
  name: string;
  active: boolean;
  isDefault: boolean;
  target: string;
  interfaces: string[];
  sources: string[];
  services: string[];
  ports: string[];
  richRules: string[];
}

/** Parses `firewall-cmd [--permanent] --list-all-zones` (or `--list-all`). */
export function parseFirewalldZones(text: string): FirewalldZone[] {
  const zones: FirewalldZone[] = [];
  let zone: FirewalldZone | null = null;
  let inRich = false;
  for (const line of text.split('\n')) {
    const head = /^([A-Za-z0-9_+-]+)(?: \(([^)]*)\))?\s*$/.exec(line);
    if (head) {
      const flags = (head[2] ?? '').split(',').map((s) => s.trim());
      zone = {
        name: head[1] ?? '',
        active: flags.includes('active'),
        isDefault: flags.includes('default'),
        target: 'default',
        interfaces: [],
        sources: [],
        services: [],
        ports: [],
        richRules: [],
      };
      zones.push(zone);
      inRich = false;
      continue;
    }
    if (!zone) continue;
    if (inRich && /^\t/.test(line) && line.trim()) {
      zone.richRules.push(line.trim());
      continue;
    }
    const kv = /^ {2}([a-z -]+):\s*(.*)$/.exec(line);
    if (!kv) continue;
    inRich = kv[1] === 'rich rules';
    const list = (kv[2] ?? '').split(/\s+/).filter(Boolean);
    if (kv[1] === 'target') zone.target = kv[2]?.trim() ?? 'default';
    else if (kv[1] === 'interfaces') zone.interfaces = list;
    else if (kv[1] === 'sources') zone.sources = list;
    else if (kv[1] === 'services') zone.services = list;
    else if (kv[1] === 'ports') zone.ports = list;
  }
  return zones;
}

/** Differences between the runtime and the permanent configuration, one line each. */
export function firewalldDrift(runtime: FirewalldZone[], permanent: FirewalldZone[]): string[] {
  const out: string[] = [];
  const perm = new Map(permanent.map((z) => [z.name, z]));
  for (const r of runtime) {
    const p = perm.get(r.name);
    if (!p) {
      out.push(`zone ${r.name} exists only at runtime`);
      continue;
    }
    const cmp = (what: string, a: string[], b: string[]) => {
      for (const x of a)
        if (!b.includes(x))
          out.push(`zone ${r.name}: ${what} ${x} is runtime-only (lost on reload)`);
      for (const x of b)
        if (!a.includes(x))
          out.push(`zone ${r.name}: ${what} ${x} is permanent but not applied (needs --reload)`);
    };
    cmp('service', r.services, p.services);
    cmp('port', r.ports, p.ports);
    cmp('rich rule', r.richRules, p.richRules);
    cmp('interface', r.interfaces, p.interfaces);
    cmp('source', r.sources, p.sources);
    if (r.target !== p.target)
      out.push(`zone ${r.name}: target ${r.target} at runtime, ${p.target} permanent`);
  }
  return out;
}

/** The firewalld zone a rule belongs to (from firewalld's chain names), or null. */
export function firewalldZoneOf(ref: RuleRef): string | null {
  const inFirewalld = ref.source === 'nftables' ? ref.table === 'firewalld' : true;
  if (!inFirewalld) return null;
  const m = /^(?:filter_)?IN_(.+?)(?:_(pre|log|deny|allow|post))?$/.exec(ref.chain);
  return m ? (m[1] ?? null) : null;
}

/** Names the firewalld setting behind a rule, or null when firewalld does not own it. */
export function firewalldFrontEnd(
  ref: RuleRef,
  dport: number,
  iif: string | null,
  zones: FirewalldZone[] | null,
): { source: 'firewalld'; text: string } | null {
  const isFirewalldTable = ref.source === 'nftables' && ref.table === 'firewalld';
  let zone = firewalldZoneOf(ref);
  if (!zone && !isFirewalldTable) return null;
  if (!zone && zones) {
    zone =
      zones.find((z) => iif !== null && z.interfaces.includes(iif))?.name ??
      zones.find((z) => z.isDefault)?.name ??
      null;
  }
  const z = zones?.find((x) => x.name === zone);
  const where = zone ? `zone ${zone}` : 'zone not known';
  if (/\brich\b|rule family/.test(ref.text) || ref.chain.endsWith('_deny')) {
    const rich = z?.richRules.find((r) => r.includes(`"${dport}"`) && /reject|drop/.test(r));
    return { source: 'firewalld', text: `${where}: ${rich ?? 'a rich rule or deny entry'}` };
  }
  const target = z ? ` (target ${z.target})` : '';
  return {
    source: 'firewalld',
    text: `${where}${target}: ${dport}/tcp is not among its services or ports`,
  };
}
