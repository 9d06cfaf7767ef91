import { createHash } from 'node:crypto';
import { splitLines, windowAround } from '../../../../shared/config-diff';
import { buildDiagnosis } from '../../../../shared/diagnosis/build-diagnosis';
import {
  DiagnosisSchema,
  type Diagnosis,
  type Evidence,
  type Rule,
} from '../../../../shared/evidence';
import type {
  CaptureData,
  ConfigData,
  ConnectAttempt,
  ConnectData,
  FirewallData,
  FirewallVerdict,
  InterfacesData,
  Listener,
  RouteData,
  ServiceData,
} from '../../../../shared/probe-data';

/** Builders for evidence objects shaped exactly as the probes produce them. */

const base = { command: [] as string[], ms: 1 };

export const TARGET = { host: '10.61.0.2', port: 8080 };

export function connect(
  result: ConnectAttempt['result'],
  over: Partial<ConnectData> = {},
  vantage: 'client' | 'server' = 'client',
): Evidence {
  const errno: Record<string, string> = {
    refused: 'ECONNREFUSED',
    timeout: 'ETIMEDOUT',
    'host-unreachable': 'EHOSTUNREACH',
    'net-unreachable': 'ENETUNREACH',
    prohibited: 'EACCES',
    reset: 'ECONNRESET',
  };
  const outcome: ConnectData['outcome'] =
    result === 'ok' || result === 'refused' || result === 'timeout' || result === 'reset'
      ? result
      : 'unreachable';
  const data: ConnectData = {
    host: TARGET.host,
    port: TARGET.port,
    addresses: [TARGET.host],
    attempts: [
      {
        address: TARGET.host,
        family: 4,
        result,
        ...(errno[result] ? { errno: errno[result] } : {}),
        ms: 1,
      },
    ],
    outcome,
    from: vantage,
    ...over,
  };
  return {
    ...base,
    probe: 'connect',
    vantage,
    ok: result === 'ok',
    status: result === 'ok' ? 'pass' : 'fail',
    summary: `connect ${result}`,
    data,
  };
}

export function dnsFailure(): Evidence {
  const data: ConnectData = {
    host: 'nothing.invalid',
    port: 80,
    addresses: [],
    attempts: [],
    outcome: 'dns-failure',
    dnsError: 'ENOTFOUND',
    from: 'client',
  };
  return {
    ...base,
    probe: 'connect',
    vantage: 'client',
    ok: false,
    status: 'fail',
    summary: 'ENOTFOUND',
    data,
  };
}

export function listeners(list: Partial<Listener>[], processesVisible = true): Evidence {
  const full: Listener[] = list.map((l) => ({
    address: '0.0.0.0',
    port: TARGET.port,
    family: 4,
    process: 'python3',
    pid: 4242,
    ...l,
  }));
  return {
    ...base,
    probe: 'listeners',
    vantage: 'server',
    ok: true,
    status: 'pass',
    summary: `${full.length} listeners`,
    data: { listeners: full, processesVisible },
  };
}

export function service(over: Partial<ServiceData>): Evidence {
  const data: ServiceData = {
    manager: 'systemd',
    name: 'web.service',
    state: 'active',
    pids: [],
    ports: [],
    ...over,
  };
  return {
    ...base,
    probe: 'service',
    vantage: 'server',
    ok: data.state === 'active',
    status: data.state === 'unknown' ? 'inconclusive' : data.state === 'active' ? 'pass' : 'fail',
    summary: `${data.name} ${data.state}`,
    data,
  };
}

export const REJECT_RULE: Rule = {
  source: 'iptables',
  table: 'filter',
  chain: 'INPUT',
  position: 1,
  text: '-A INPUT -p tcp -m tcp --dport 8080 -j REJECT --reject-with icmp-port-unreachable',
  verdict: 'reject',
  frontEnd: null,
};

export function firewall(verdict: FirewallVerdict | null, readable = true): Evidence {
  const data: FirewallData = {
    backends: [{ source: 'iptables', present: true, readable, summary: 'iptables' }],
    ...(verdict ? { verdict } : {}),
  };
  return {
    ...base,
    probe: 'firewall',
    vantage: 'server',
    ok: verdict?.verdict === 'accept',
    status:
      verdict === null || verdict.verdict === 'unknown'
        ? 'inconclusive'
        : verdict.verdict === 'accept'
          ? 'pass'
          : 'fail',
    summary: verdict?.reason ?? 'unreadable',
    data,
  };
}

export function interfaces(list: InterfacesData['interfaces']): Evidence {
  return {
    ...base,
    probe: 'interfaces',
    vantage: 'server',
    ok: true,
    status: 'pass',
    summary: `${list.length} interfaces`,
    data: { interfaces: list },
  };
}

export function dataIface(up = true, address = TARGET.host): InterfacesData['interfaces'][number] {
  return {
    name: 'cd-data0',
    up,
    operState: up ? 'UP' : 'DOWN',
    addresses: [{ address, prefix: 24, family: 4 }],
  };
}

export function route(type: RouteData['type'], vantage: 'client' | 'server' = 'client'): Evidence {
  const data: RouteData = {
    destination: TARGET.host,
    type,
    ...(type === 'unicast' ? { dev: 'veth0' } : {}),
  };
  return {
    ...base,
    probe: 'route',
    vantage,
    ok: type === 'unicast' || type === 'local',
    status: type === 'unicast' || type === 'local' ? 'pass' : 'fail',
    summary: `route ${type}`,
    data,
  };
}

export function capture(synSeen: boolean, answer: CaptureData['answer'] = 'none'): Evidence {
  const data: CaptureData = { synSeen, answer, packets: [] };
  return {
    ...base,
    probe: 'capture',
    vantage: 'server',
    ok: synSeen,
    status: 'pass',
    summary: synSeen ? 'SYN seen' : 'no SYN',
    data,
  };
}

/** A firewall verdict that accepts the SYN. */
export const ACCEPT = {
  verdict: 'accept' as const,
  rule: null,
  reason: 'INPUT policy ACCEPT, no rule matches',
};

/** The diagnosis of TARGET from this evidence, checked against the JSON contract. */
/** An nginx site on port 8090 (IPv4 and IPv6), as Debian's default site is laid out. */
export const NGINX_SITE_8090 = [
  'server {',
  '\tlisten 8090 default_server;',
  '\tlisten [::]:8090 default_server;',
  '',
  '\troot /var/www/html;',
  '\tserver_name _;',
  '}',
  '',
].join('\n');

/** `config` evidence as the probe makes it when asked for `listenPort`. */
export function configEvidence(
  over: Partial<ConfigData>,
  text: string,
  line: number,
  also: number[] = [],
): Evidence {
  const { lines } = splitLines(text);
  const all = [line, ...also];
  const data: ConfigData = {
    program: 'nginx',
    pid: 100,
    unit: 'nginx.service',
    file: '/etc/nginx/sites-enabled/default',
    sha256: createHash('sha256').update(text, 'utf8').digest('hex'),
    directive: { line, text: lines[line - 1]! },
    window: windowAround(lines, Math.min(...all), Math.max(...all)),
    check: ['/usr/sbin/nginx', '-t'],
    ...(also.length > 0 ? { also: also.map((n) => ({ line: n, text: lines[n - 1]! })) } : {}),
    ...over,
  };
  return {
    probe: 'config',
    vantage: 'server',
    command: [],
    ok: true,
    status: 'pass',
    summary: '',
    data,
    ms: 1,
  };
}

export function diagnose(evidence: Evidence[], service?: string): Diagnosis {
  const d = buildDiagnosis({ target: TARGET, evidence, service, durationMs: 5, timeoutMs: 1000 });
  return DiagnosisSchema.parse(d);
}
