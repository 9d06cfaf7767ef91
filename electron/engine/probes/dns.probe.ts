import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { Evidence, Vantage } from '../../../shared/evidence';
import type { DnsData } from '../../../shared/probe-data';
import { isValidHost } from '../../../shared/target';
import { lookupAll } from './resolve';
import { inconclusiveParse, verdict, type Parsed, type RawOutput } from './define';
import type { ProbeRunner } from './registry';
import { execFailureMessage, sanitizeOutput, toEvidence } from './run-command-probe';
import { msg, type Message } from '../../../shared/i18n/message';
import { english } from '../../../shared/i18n/translate';
import { inconclusiveEvidence } from '../../../shared/inconclusive-evidence';

/** Where the hosts file lives on Linux and macOS. */
const HOSTS_FILE = '/etc/hosts';

/**
 * Lines of a hosts file that map `name` (an exact, case-insensitive name or alias), with
 * comments stripped. Pure.
 */
export function hostsFileLines(text: string, name: string): string[] {
  const want = name.toLowerCase().replace(/\.$/, '');
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const content = (line.split('#')[0] ?? '').trim();
    if (content === '') continue;
    const [, ...names] = content.split(/\s+/);
    if (names.some((n) => n.toLowerCase().replace(/\.$/, '') === want)) out.push(content);
  }
  return out;
}

/** Pure parser of `getent ahosts NAME` (glibc): addresses in resolver order, one per address. */
export function parseGetentAhosts(out: RawOutput, name: string): Parsed<DnsData> {
  const addresses: DnsData['addresses'] = [];
  const seen = new Set<string>();
  for (const line of out.stdout.split('\n')) {
    const [address, kind] = line.trim().split(/\s+/);
    if (!address || !kind) continue;
    const family = isIP(address);
    if (family === 0 || !/^(STREAM|DGRAM|RAW)$/.test(kind)) continue;
    if (seen.has(address)) continue;
    seen.add(address);
    addresses.push({ address, family: family === 6 ? 6 : 4 });
  }
  const data: DnsData = { name, addresses, hostsFileMatch: null };
  if (out.exitCode === 2 && addresses.length === 0) {
    return verdict(
      'fail',
      { ...data, error: 'ENOTFOUND' },
      msg('evidence.dns.notFoundOnServer', { name, hosts: '' }),
    );
  }
  if (out.exitCode !== 0) {
    const why = out.stderr.trim().split('\n')[0] ?? '';
    const params = { command: 'getent', status: String(out.exitCode) };
    return inconclusiveParse(
      why
        ? msg('evidence.command.exitWhy', { ...params, error: why })
        : msg('evidence.command.exit', params),
    );
  }
  if (addresses.length === 0) {
    return inconclusiveParse(msg('evidence.dns.noAddressRead', { command: 'getent' }));
  }
  return verdict(
    'pass',
    data,
    msg('evidence.dns.resolves', {
      name,
      addresses: addresses.map((a) => a.address).join(', '),
      hosts: '',
    }),
  );
}

/**
 * Adds the hosts-file lines to the summary (the `hosts` param, data only), so a stale
 * /etc/hosts entry is visible.
 */
function withHosts(m: Message, hosts: string[] | null): { summary: string; message: Message } {
  const message =
    !hosts || hosts.length === 0
      ? m
      : msg(m.id, { ...(m.params ?? {}), hosts: ` (/etc/hosts: ${hosts.join(' | ')})` });
  return { summary: english(message), message };
}

async function clientDns(
  name: string,
): Promise<{ data: DnsData; summary: string; message: Message }> {
  const [answer, hostsText] = await Promise.all([
    lookupAll(name),
    readFile(HOSTS_FILE, 'utf8').catch(() => null),
  ]);
  const hostsFileMatch = hostsText === null ? null : hostsFileLines(hostsText, name);
  if (!answer.ok) {
    return {
      data: { name, addresses: [], hostsFileMatch, error: answer.code },
      ...withHosts(
        msg('evidence.dns.notResolving', { name, error: answer.code, hosts: '' }),
        hostsFileMatch,
      ),
    };
  }
  const list = answer.addresses.map((a) => a.address).join(', ');
  return {
    data: { name, addresses: answer.addresses, hostsFileMatch },
    ...withHosts(
      msg('evidence.dns.resolves', { name, addresses: list, hosts: '' }),
      hostsFileMatch,
    ),
  };
}

function inconclusive(vantage: Vantage, command: string[], reason: Message, ms: number): Evidence {
  return inconclusiveEvidence('dns', vantage, command, reason, { ms });
}

/**
 * `dns` probe: what the name resolves to (A and AAAA, resolver order) and which
 * `/etc/hosts` lines mention it; ENOTFOUND / EAI_AGAIN when it does not resolve. Client
 * vantage uses this machine's resolver (getaddrinfo) and reads /etc/hosts; server vantage
 * runs `getent ahosts NAME` and reads /etc/hosts on the server (Linux, glibc or musl).
 */
export const dnsProbe: ProbeRunner = async (req, ctx) => {
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started);
  const name = req.host ?? req.target?.host;
  if (!name || !isValidHost(name)) {
    return inconclusive(req.vantage, [], msg('evidence.needsHost', { probe: 'dns' }), 0);
  }

  if (req.vantage === 'client') {
    const { data, summary, message } = await clientDns(name);
    const ok = data.addresses.length > 0;
    return {
      probe: 'dns',
      vantage: 'client',
      command: [],
      ok,
      status: ok ? 'pass' : 'fail',
      summary,
      message,
      data,
      ms: elapsed(),
    };
  }

  const server = ctx.server;
  const argv = ['getent', 'ahosts', name];
  if (!server) return inconclusive('server', argv, msg('evidence.noServerAccess'), 0);
  const opts = { signal: ctx.signal, timeoutMs: req.timeoutMs };
  const [r, hosts] = await Promise.all([
    server.run({ argv, ...opts }),
    server.run({ argv: ['cat', HOSTS_FILE], ...opts, maxBytes: 1024 * 1024 }),
  ]);
  const failure = r.error?.code === 'failed' ? null : execFailureMessage(r);
  if (failure) return inconclusive('server', argv, failure, elapsed());
  const stdout = sanitizeOutput(r.stdout);
  const parsed = parseGetentAhosts(
    { stdout, stderr: sanitizeOutput(r.stderr), exitCode: r.exitCode },
    name,
  );
  const hostsFileMatch =
    hosts.exitCode === 0 && !hosts.error
      ? hostsFileLines(sanitizeOutput(hosts.stdout), name)
      : null;
  if (parsed.status === 'inconclusive') {
    return toEvidence('dns', 'server', argv, parsed, elapsed(), stdout);
  }
  return toEvidence(
    'dns',
    'server',
    argv,
    {
      ...parsed,
      data: { ...parsed.data, hostsFileMatch },
      ...(parsed.message ? withHosts(parsed.message, hostsFileMatch) : { summary: parsed.summary }),
    },
    elapsed(),
    stdout,
  );
};
