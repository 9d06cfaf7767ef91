import type { Outcome } from '../causes';
import { isValidUnit, type Target } from '../target';

/** One command for the user to run on the server, and what its output decides. */
export interface NextStep {
  why: string;
  command: string[];
}

/**
 * The exact server-side commands that tell the possible causes apart when ConnDoctor has
 * no server access (DESIGN §3 `nextSteps`). Commands are argv; they read state only.
 */
export function serverNextSteps(
  target: Target,
  outcome: Outcome,
  opts: { address: string | null; service?: string },
): NextStep[] {
  if (outcome === 'ok' || outcome === 'dns-failure') return [];
  const port = target.port;
  const unit = opts.service && isValidUnit(opts.service) ? opts.service : '<service>';
  const address = opts.address ?? target.host;
  const steps: NextStep[] = [
    {
      why: `is anything listening on port ${port}, and on which address (0.0.0.0, 127.0.0.1…)?`,
      command: ['ss', '-Hltnp'],
    },
    {
      why:
        unit === '<service>'
          ? `is the service expected on port ${port} running? (replace <service> with its unit)`
          : `is ${unit} running, or did it fail?`,
      command: ['systemctl', 'status', unit],
    },
    { why: 'does ufw reject or deny the port?', command: ['ufw', 'status', 'verbose'] },
    { why: 'does an iptables rule REJECT or DROP the SYN?', command: ['iptables-save'] },
    { why: 'does an nftables rule reject or drop the SYN?', command: ['nft', 'list', 'ruleset'] },
    { why: `is ${address} configured on an interface that is up?`, command: ['ip', 'addr'] },
    { why: `how does the server route ${address}?`, command: ['ip', 'route', 'get', address] },
  ];
  if (outcome === 'timeout' || outcome === 'unreachable') {
    steps.push({
      why: `does the SYN reach the server at all? (connect again while this runs)`,
      command: ['tcpdump', '-ni', 'any', '-c', '10', `tcp port ${port} or icmp`],
    });
  }
  return steps;
}
