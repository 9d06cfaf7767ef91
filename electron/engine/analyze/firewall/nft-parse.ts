/**
 * Parser for `nft -j list ruleset` (the rules) and `nft -a list ruleset` (their text, by
 * handle). Pure; never throws: malformed JSON gives `error`.
 */

/** One nft JSON expression or statement, kept as the kernel tool printed it. */
export type NftExpr = Record<string, unknown>;

/** One rule. */
export interface NftRule {
  family: string;
  table: string;
  chain: string;
  handle: number;
  /** 1-based position in its chain. */
  position: number;
  expr: NftExpr[];
  /** Rule text from `nft -a list ruleset` (counter values removed), or a JSON rendering. */
  text: string;
}

/** One chain; base chains carry type/hook/prio/policy. */
export interface NftChain {
  family: string;
  table: string;
  name: string;
  type?: string;
  hook?: string;
  prio?: number;
  policy?: string;
  dev?: string;
  rules: NftRule[];
}

/** A named set or map. `verdictMap` when its data are verdicts. */
export interface NftSet {
  family: string;
  table: string;
  name: string;
  elem: unknown[];
  isMap: boolean;
}

/** A parsed ruleset. */
export interface NftRuleset {
  chains: NftChain[];
  sets: NftSet[];
  tables: { family: string; name: string }[];
  error?: string;
}

function isObj(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Reads rule texts by family/table/chain/handle from `nft -a list ruleset`. */
export function parseNftText(text: string): Map<string, string> {
  const out = new Map<string, string>();
  let table = '';
  let chain = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const t = /^table (\S+) (\S+) \{/.exec(line);
    if (t) {
      table = `${t[1]}/${t[2]}`;
      chain = '';
      continue;
    }
    const c = /^chain (\S+) \{/.exec(line);
    if (c) {
      chain = c[1] ?? '';
      continue;
    }
    const r = /^(.*) # handle (\d+)$/.exec(line);
    if (r && chain && !/^(set|map|chain|flowtable) /.test(line)) {
      const body = (r[1] ?? '').replace(/counter packets \d+ bytes \d+/g, 'counter');
      out.set(`${table}/${chain}/${r[2]}`, `${body} # handle ${r[2]}`);
    }
  }
  return out;
}

function key(family: string, table: string, chain: string): string {
  return `${family}/${table}/${chain}`;
}

/** Parses `nft -j list ruleset`; `text` is the optional `nft -a list ruleset` output. */
export function parseNftJson(json: string, text = ''): NftRuleset {
  const rs: NftRuleset = { chains: [], sets: [], tables: [] };
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch {
    return { ...rs, error: 'nft output is not JSON' };
  }
  const items = isObj(doc) && Array.isArray(doc.nftables) ? (doc.nftables as unknown[]) : null;
  if (!items) return { ...rs, error: 'nft JSON has no "nftables" array' };
  const texts = parseNftText(text);
  const byKey = new Map<string, NftChain>();
  for (const item of items) {
    if (!isObj(item)) continue;
    const t = item.table;
    if (isObj(t)) rs.tables.push({ family: String(t.family), name: String(t.name) });
    const c = item.chain;
    if (isObj(c)) {
      const chain: NftChain = {
        family: String(c.family),
        table: String(c.table),
        name: String(c.name),
        rules: [],
        ...(typeof c.type === 'string' ? { type: c.type } : {}),
        ...(typeof c.hook === 'string' ? { hook: c.hook } : {}),
        ...(typeof c.prio === 'number' ? { prio: c.prio } : {}),
        ...(typeof c.policy === 'string' ? { policy: c.policy } : {}),
        ...(typeof c.dev === 'string' ? { dev: c.dev } : {}),
      };
      rs.chains.push(chain);
      byKey.set(key(chain.family, chain.table, chain.name), chain);
    }
    const s = isObj(item.set) ? item.set : isObj(item.map) ? item.map : null;
    if (s) {
      rs.sets.push({
        family: String(s.family),
        table: String(s.table),
        name: String(s.name),
        elem: Array.isArray(s.elem) ? (s.elem as unknown[]) : [],
        isMap: isObj(item.map),
      });
    }
    const r = item.rule;
    if (isObj(r)) {
      const family = String(r.family);
      const table = String(r.table);
      const chainName = String(r.chain);
      let chain = byKey.get(key(family, table, chainName));
      if (!chain) {
        chain = { family, table, name: chainName, rules: [] };
        rs.chains.push(chain);
        byKey.set(key(family, table, chainName), chain);
      }
      const handle = typeof r.handle === 'number' ? r.handle : -1;
      const expr = Array.isArray(r.expr) ? (r.expr as unknown[]).filter(isObj) : [];
      chain.rules.push({
        family,
        table,
        chain: chainName,
        handle,
        position: chain.rules.length + 1,
        expr,
        text:
          texts.get(`${family}/${table}/${chainName}/${handle}`) ??
          `${JSON.stringify(expr)} # handle ${handle}`,
      });
    }
  }
  return rs;
}
