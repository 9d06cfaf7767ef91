import type { Executor, ExecResult } from '../../exec/executor';
import { sanitizeOutput } from '../../probes/run-command-probe';
import { parseIptablesSave } from './iptables-parse';
import { parseNftJson } from './nft-parse';
import type { RulesetSnapshot } from './evaluate';
import { argvToText } from '../../../../shared/argv-text';

/**
 * Collection of the firewall state from the server: every backend's commands, run
 * privileged (the executor elevates). Each output is kept raw, for the proof, and parsed.
 */

/** One command's captured output. */
export interface Captured {
  argv: string[];
  stdout: string;
  stderr: string;
  exitCode: number | null;
  /** The executor's error kind, when the command did not run cleanly. */
  error: ExecResult['error'] | undefined;
}

/** Whether a command is installed and whether its output could be read. */
export function accessOf(c: Captured): { present: boolean; readable: boolean } {
  if (c.error?.code === 'not-installed') return { present: false, readable: false };
  if (c.error && c.error.code !== 'failed') return { present: true, readable: false };
  return { present: true, readable: c.exitCode === 0 };
}

/** Runs one argv; never throws. */
export async function capture(
  ex: Executor,
  argv: string[],
  signal?: AbortSignal,
  privileged: boolean = true,
): Promise<Captured> {
  const r = await ex.run({ argv, privileged, signal, timeoutMs: 10_000 });
  return {
    argv,
    stdout: sanitizeOutput(r.stdout),
    stderr: sanitizeOutput(r.stderr),
    exitCode: r.exitCode,
    error: r.error,
  };
}

/** The rule dumps (what counters and evaluation need). */
export interface RuleDumps {
  ipt4: Captured;
  ipt6: Captured;
  nftJson: Captured;
  nftText: Captured;
  /** Present when iptables warns that legacy tables exist beside the nf_tables ones. */
  legacy4: Captured | null;
  legacy6: Captured | null;
}

/** Collects iptables-save -c, ip6tables-save -c and nft's ruleset (JSON and text). */
export async function collectDumps(ex: Executor, signal?: AbortSignal): Promise<RuleDumps> {
  const [ipt4, ipt6, nftJson, nftText] = await Promise.all([
    capture(ex, ['iptables-save', '-c'], signal),
    capture(ex, ['ip6tables-save', '-c'], signal),
    capture(ex, ['nft', '-j', 'list', 'ruleset'], signal),
    capture(ex, ['nft', '-a', 'list', 'ruleset'], signal),
  ]);
  const warned = (c: Captured) => /iptables-legacy tables present/.test(c.stdout + c.stderr);
  const [legacy4, legacy6] = await Promise.all([
    warned(ipt4) ? capture(ex, ['iptables-legacy-save', '-c'], signal) : null,
    warned(ipt6) ? capture(ex, ['ip6tables-legacy-save', '-c'], signal) : null,
  ]);
  return { ipt4, ipt6, nftJson, nftText, legacy4, legacy6 };
}

/** Parses the dumps into a snapshot; a backend that is absent or unreadable is null. */
export function snapshotOf(d: RuleDumps): RulesetSnapshot {
  const ok = (c: Captured) => accessOf(c).readable;
  return {
    ip4: ok(d.ipt4) ? parseIptablesSave(d.ipt4.stdout) : null,
    ip6: ok(d.ipt6) ? parseIptablesSave(d.ipt6.stdout) : null,
    nft: ok(d.nftJson)
      ? parseNftJson(d.nftJson.stdout, ok(d.nftText) ? d.nftText.stdout : '')
      : null,
    legacy4: d.legacy4 && ok(d.legacy4) ? parseIptablesSave(d.legacy4.stdout) : null,
    legacy6: d.legacy6 && ok(d.legacy6) ? parseIptablesSave(d.legacy6.stdout) : null,
  };
}

/** The front ends' outputs. */
export interface FrontEndOutputs {
  ufwVerbose: Captured;
  ufwNumbered: Captured;
  ufwUserRules: Captured;
  ufwUser6Rules: Captured;
  firewalldState: Captured;
  firewalldRuntime: Captured | null;
  firewalldPermanent: Captured | null;
  fail2banStatus: Captured;
  fail2banJails: Captured[];
}

/** Collects ufw, firewalld and fail2ban state (per-jail status after the jail list). */
export async function collectFrontEnds(
  ex: Executor,
  jailsOf: (status: string) => string[] | null,
  signal?: AbortSignal,
): Promise<FrontEndOutputs> {
  const [ufwVerbose, ufwNumbered, ufwUserRules, ufwUser6Rules, firewalldState, fail2banStatus] =
    await Promise.all([
      capture(ex, ['ufw', 'status', 'verbose'], signal),
      capture(ex, ['ufw', 'status', 'numbered'], signal),
      capture(ex, ['cat', '/etc/ufw/user.rules'], signal),
      capture(ex, ['cat', '/etc/ufw/user6.rules'], signal),
      capture(ex, ['firewall-cmd', '--state'], signal),
      capture(ex, ['fail2ban-client', 'status'], signal),
    ]);
  const running = firewalldState.stdout.trim() === 'running';
  const [firewalldRuntime, firewalldPermanent] = running
    ? await Promise.all([
        capture(ex, ['firewall-cmd', '--list-all-zones'], signal),
        capture(ex, ['firewall-cmd', '--permanent', '--list-all-zones'], signal),
      ])
    : [null, null];
  const jails = fail2banStatus.exitCode === 0 ? (jailsOf(fail2banStatus.stdout) ?? []) : [];
  const safeJails = jails.filter((j) => /^[A-Za-z0-9_.-]{1,64}$/.test(j)).slice(0, 32);
  const fail2banJails = await Promise.all(
    safeJails.map((j) => capture(ex, ['fail2ban-client', 'status', j], signal)),
  );
  return {
    ufwVerbose,
    ufwNumbered,
    ufwUserRules,
    ufwUser6Rules,
    firewalldState,
    firewalldRuntime,
    firewalldPermanent,
    fail2banStatus,
    fail2banJails,
  };
}

/** The raw proof: every command with its output, as one text. */
export function rawText(all: (Captured | null)[]): string {
  return all
    .filter((c): c is Captured => c !== null)
    .map((c) => `$ ${argvToText(c.argv)}\n${c.stdout}${c.stderr ? `\n${c.stderr}` : ''}`)
    .join('\n');
}
