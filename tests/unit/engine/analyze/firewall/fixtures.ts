import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RulesetSnapshot } from '../../../../../electron/engine/analyze/firewall/evaluate';
import { parseIptablesSave } from '../../../../../electron/engine/analyze/firewall/iptables-parse';
import { parseNftJson } from '../../../../../electron/engine/analyze/firewall/nft-parse';
import type { SynPacket } from '../../../../../electron/engine/analyze/firewall/packet';

/** Reads a captured fixture of tests/fixtures/firewall. */
export function fixture(name: string): string {
  return readFileSync(
    join(import.meta.dirname, '..', '..', '..', '..', 'fixtures', 'firewall', name),
    'utf8',
  );
}

/** The snapshot captured for one Debian case (`debian-<name>-*`). */
export function snapshot(name: string): RulesetSnapshot {
  return {
    ip4: parseIptablesSave(fixture(`debian-${name}-iptables-save.txt`)),
    ip6: parseIptablesSave(fixture(`debian-${name}-ip6tables-save.txt`)),
    nft: parseNftJson(
      fixture(`debian-${name}-nft-json.txt`),
      fixture(`debian-${name}-nft-text.txt`),
    ),
  };
}

/** A SYN from `saddr` to 10.234.1.2:`dport` arriving on eth0. */
export function syn(
  dport: number,
  saddr: string | null = '10.234.1.1',
  extra: Partial<SynPacket> = {},
): SynPacket {
  return { family: 4, saddr, daddr: '10.234.1.2', dport, iif: 'eth0', ...extra };
}
