import type { Cause, Outcome } from '../causes';
import type { Fix, NextStep } from '../evidence';
import type { GuardInput } from '../flowchart/guards';
import * as g from '../flowchart/guards';
import { english } from '../i18n/translate';
import { msg, type MessageParams } from '../i18n/message';
import { formatTarget, isValidUnit } from '../target';
import {
  configData,
  firewallData,
  describeListener,
  listenersData,
  reachedAddress,
  serviceData,
  sweepData,
} from './evidence-view';

/**
 * What to do or run next (DESIGN §3 `nextSteps`): never empty for a cause other than `ok`;
 * with a fix, applying it comes first. Commands are argv for the user to run; only
 * `startOwner` changes anything (it starts the service the step names).
 */

function step(id: string, params: MessageParams, command: string[] | null): NextStep {
  const message = msg(id, params);
  return { why: english(message), command, message };
}

/** The service that usually owns a well-known port (for "start X"). */
const PORT_OWNERS: Record<number, string> = {
  21: 'vsftpd',
  22: 'ssh',
  25: 'postfix',
  53: 'named',
  80: 'nginx',
  110: 'dovecot',
  143: 'dovecot',
  443: 'nginx',
  993: 'dovecot',
  3306: 'mariadb',
  5432: 'postgresql',
  5672: 'rabbitmq-server',
  6379: 'redis-server',
  9200: 'elasticsearch',
  11211: 'memcached',
  27017: 'mongod',
};

/** The setting that decides a program's listen address, by process name. */
const BIND_SETTINGS: { match: RegExp; program: string; setting: string }[] = [
  { match: /^postgres/, program: 'PostgreSQL', setting: 'listen_addresses (postgresql.conf)' },
  { match: /^redis/, program: 'Redis', setting: 'bind (redis.conf)' },
  {
    match: /^(mysqld|mariadbd|mariadb)$/,
    program: 'MariaDB/MySQL',
    setting: 'bind-address (my.cnf)',
  },
  { match: /^nginx/, program: 'nginx', setting: 'listen (the server block)' },
  { match: /^(apache2|httpd)$/, program: 'Apache', setting: 'Listen (ports.conf)' },
  { match: /^sshd/, program: 'sshd', setting: 'ListenAddress (sshd_config)' },
  { match: /^mongod/, program: 'MongoDB', setting: 'net.bindIp (mongod.conf)' },
  { match: /^memcached/, program: 'memcached', setting: '-l (its options)' },
];

/** The open port nearest to the target (sweep, else the server's listeners), if any. */
function nearestPort(input: GuardInput): number | null {
  const port = input.target.port;
  const candidates = new Set<number>(sweepData(input.evidence)?.open ?? []);
  for (const l of listenersData(input.evidence)?.listeners ?? []) {
    if (
      !['127.0.0.1', '::1'].includes(l.address) ||
      reachedAddress(input.target, input.evidence) === l.address
    ) {
      candidates.add(l.port);
    }
  }
  candidates.delete(port);
  let best: number | null = null;
  for (const p of candidates) {
    if (best === null || Math.abs(p - port) < Math.abs(best - port)) best = p;
  }
  return best;
}

/** The server-side commands that tell the causes apart when there is no server access. */
function onServer(input: GuardInput, outcome: Outcome, service: string | undefined): NextStep[] {
  const port = input.target.port;
  const address = reachedAddress(input.target, input.evidence) ?? input.target.host;
  const unit = service && isValidUnit(service) ? service : null;
  const steps: NextStep[] = [
    step('diagnosis.next.onServer.listeners', { port }, ['ss', '-Hltnp']),
    unit
      ? step('diagnosis.next.onServer.service', { service: unit }, ['systemctl', 'status', unit])
      : step('diagnosis.next.onServer.serviceUnknown', { port }, [
          'systemctl',
          'status',
          '<service>',
        ]),
    step('diagnosis.next.onServer.ufw', {}, ['ufw', 'status', 'verbose']),
    step('diagnosis.next.onServer.iptables', {}, ['iptables-save']),
    step('diagnosis.next.onServer.nft', {}, ['nft', 'list', 'ruleset']),
    step('diagnosis.next.onServer.addr', { address }, ['ip', 'addr']),
    step('diagnosis.next.onServer.route', { address }, ['ip', 'route', 'get', address]),
  ];
  if (outcome === 'timeout' || outcome === 'unreachable') {
    steps.push(
      step('diagnosis.next.onServer.capture', {}, [
        'tcpdump',
        '-ni',
        'any',
        '-c',
        '10',
        `tcp port ${port} or icmp`,
      ]),
    );
  }
  return steps;
}

/** The inputs next steps are chosen from. */
export interface NextStepsInput {
  input: GuardInput;
  outcome: Outcome;
  cause: Cause;
  fix: Fix | null;
  /** What could be done instead (wrong-port: moving the service). */
  alternatives?: readonly Fix[];
  serverSide: boolean;
}

/** The next steps for a diagnosis (DESIGN §3). */
export function nextSteps({
  input,
  outcome,
  cause,
  fix,
  alternatives = [],
  serverSide,
}: NextStepsInput): NextStep[] {
  if (cause === 'ok') return [];
  const out: NextStep[] = [];
  const port = input.target.port;
  const host = input.target.host;
  const address = reachedAddress(input.target, input.evidence) ?? host;
  if (fix)
    out.push(
      step('diagnosis.next.applyFix', { description: fix.description }, fix.commands[0] ?? null),
    );

  switch (cause) {
    case 'dns-failure':
      out.push(
        step('diagnosis.next.dnsResolver', {}, ['getent', 'ahosts', host]),
        step('diagnosis.next.dnsHosts', {}, ['grep', '-n', '--', host, '/etc/hosts']),
        step('diagnosis.next.dnsTypo', {}, null),
      );
      break;
    case 'no-route':
      out.push(step('diagnosis.next.routeCheck', {}, ['ip', 'route', 'get', address]));
      break;
    case 'host-unreachable':
      out.push(
        step('diagnosis.next.hostCheck', {}, ['ip', 'neigh', 'show', address]),
        step('diagnosis.next.routeCheck', {}, ['ip', 'route', 'get', address]),
      );
      break;
    case 'interface-down':
      out.push(step('diagnosis.next.interfaceUp', { address }, ['ip', 'addr']));
      break;
    case 'upstream-filter':
      out.push(step('diagnosis.next.upstream', { port }, null));
      break;
    case 'firewall-reject':
    case 'firewall-drop':
      if (serverSide)
        out.push(step('diagnosis.next.firewallRead', { port }, firewallReadCommand(input)));
      break;
    case 'bound-to-other-address': {
      const listeners = g.listenersOnOtherAddress(input) ?? [];
      const proc = listeners.find((l) => l.process)?.process ?? '';
      const known = BIND_SETTINGS.find((b) => b.match.test(proc));
      // The program rejects its own configuration: restarting it would fail, fix that first.
      const cfg = configData(input.evidence);
      if (cfg?.error !== undefined) {
        out.push(
          step(
            'diagnosis.next.configBroken',
            {
              program: cfg.program,
              error: cfg.error,
              at: cfg.errorAt ? `${cfg.errorAt.file}:${cfg.errorAt.line}` : '',
            },
            cfg.check,
          ),
        );
      }
      out.push(
        known
          ? step(
              'diagnosis.next.bindSetting',
              { program: known.program, setting: known.setting, address },
              null,
            )
          : step(
              'diagnosis.next.bindGeneric',
              { port, listeners: listeners.map(describeListener).join(', '), address },
              null,
            ),
      );
      break;
    }
    case 'wrong-port': {
      const svc = serviceData(input.evidence);
      const [only, ...more] = g.servicePorts(input);
      out.push(
        svc && only !== undefined && more.length === 0
          ? step(
              'diagnosis.next.rightPortAt',
              { service: svc.name, suggestion: formatTarget({ host, port: only }) },
              null,
            )
          : step('diagnosis.next.rightPort', {}, null),
      );
      const move = alternatives.find((a) => a.plan.kind === 'config.edit' && a.plan.move);
      if (svc && move) {
        out.push(
          step(
            'diagnosis.next.moveServiceProposed',
            { service: svc.name, port, id: move.id },
            null,
          ),
        );
      } else if (svc) out.push(step('diagnosis.next.moveService', { service: svc.name }, null));
      break;
    }
    case 'service-not-running': {
      const svc = serviceData(input.evidence);
      if (svc && isValidUnit(svc.name)) {
        out.push(
          step(
            'diagnosis.next.serviceStatus',
            { service: svc.name },
            svc.manager === 'systemd'
              ? ['systemctl', 'status', svc.name]
              : ['service', svc.name, 'status'],
          ),
        );
      }
      break;
    }
    case 'not-listening': {
      const svc = serviceData(input.evidence);
      const owner = svc?.state === 'not-found' ? undefined : (svc?.name ?? PORT_OWNERS[port]);
      out.push(
        owner
          ? step('diagnosis.next.startOwner', { service: owner, port }, [
              'systemctl',
              'start',
              owner,
            ])
          : step('diagnosis.next.startService', { port }, null),
      );
      const nearest = nearestPort(input);
      if (nearest !== null) out.push(step('diagnosis.next.nearestPort', { nearest, host }, null));
      if (serverSide) out.push(step('diagnosis.next.listeningNow', {}, ['ss', '-Hltnp']));
      break;
    }
    case 'unknown':
      if (serverSide && g.firewallUndecided(input))
        out.push(
          step(
            firewallData(input.evidence)?.sudoPassword
              ? 'diagnosis.next.firewallSudoPassword'
              : 'diagnosis.next.firewallRoot',
            {},
            null,
          ),
        );
      else if (serverSide) out.push(step('diagnosis.next.listeningNow', {}, ['ss', '-Hltnp']));
      break;
  }
  if (!serverSide && outcome !== 'ok' && outcome !== 'dns-failure') {
    out.push(
      step('diagnosis.next.withAccess', {}, null),
      ...onServer(input, outcome, input.service),
    );
  }
  if (out.length === 0) out.push(step('diagnosis.next.withAccess', {}, null));
  return out;
}

function firewallReadCommand(input: GuardInput): string[] {
  const source = g.firewallVerdict(input)?.rule?.source;
  if (source === 'nftables') return ['nft', '-a', 'list', 'ruleset'];
  return ['iptables', '-S', '-v'];
}
