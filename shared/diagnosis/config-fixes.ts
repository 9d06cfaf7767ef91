import { insertDiff, lineDiff, linesDiff } from '../config-diff';
import {
  apacheListenEverywhere,
  mysqlBindEverywhere,
  mysqlOptionText,
  mysqlPortMoved,
  nginxListenEverywhere,
  nginxListenMoved,
  pgListenEverywhere,
  pgPortMoved,
  redisBindEverywhere,
  redisPortMoved,
  sshdListenAdded,
} from '../config-directives';
import type { Evidence } from '../evidence';
import type { ConfigData } from '../probe-data';
import type { ConfigProgram, FixPlan } from '../fix-plan';
import { isIPv6, isValidUnit } from '../target';
import { configData, findEvidence, interfacesData, normalizeAddress } from './evidence-view';
import { NO_FIX, safeProposal, type FixProposal } from './fixes';
import {
  dropInPath,
  dropInText,
  newFileDiff,
  dropInEnvText,
  mysqlArgvEverywhere,
  mysqlOptsEverywhere,
  plainArgv,
  plainEnvironment,
  redisArgvEverywhere,
} from '../unit-dropin';

/**
 * The fix of a service bound to another address, as an admin would make it (DESIGN §2
 * `config.edit`): the one directive that decides the address, in the file the running
 * program really uses (the `config` probe read it), rewritten to listen on every address;
 * shown as a unified diff, guarded by the file's SHA-256, followed by the program's own
 * check and a restart of its unit (a reload does not move a listener).
 */
export function configFixes(
  evidence: readonly Evidence[],
  address: string | null,
  port: number,
): FixProposal {
  const e = findEvidence(evidence, 'config', 'server');
  const c = configData(evidence);
  // Read for moving the service: that directive sets its port, not its address.
  if (!e || e.status !== 'pass' || !c || c.listenPort !== undefined) return NO_FIX;
  if (c.environment) {
    return envDropInFix(c.program, c.unit, c.environment, address !== null && isIPv6(address));
  }
  if (c.execStart)
    return dropInFix(c.program, c.unit, c.execStart, address !== null && isIPv6(address));
  const { file, sha256, directive, window, unit } = c;
  if (!file || !sha256 || !directive || !window || !unit || !isValidUnit(unit)) return NO_FIX;
  const replaced = (edited: string | null) =>
    edited === null ? null : lineDiff(file, window, directive.line, edited);
  const v6 = address !== null && isIPv6(address);
  let program: ConfigProgram;
  let diff: string | null;
  let expect: string | null = null;
  if (c.program === 'nginx') {
    program = 'nginx';
    diff = replaced(nginxListenEverywhere(directive.text, v6));
  } else if (c.program === 'redis') {
    program = 'redis';
    diff = replaced(redisBindEverywhere(directive.text));
  } else if (c.program === 'sshd') {
    // sshd edits only add a listener (DESIGN §2): the address the client reaches when the
    // server has it, else every address of its family; the ListenAddress lines there stay.
    program = 'sshd';
    const wanted =
      address !== null && serverHas(evidence, address) ? address : v6 ? '::' : '0.0.0.0';
    const on = (c.listen ?? []).some(
      (l) => l.port === port && normalizeAddress(l.host) === normalizeAddress(wanted),
    );
    diff = on
      ? null
      : insertDiff(file, window, directive.line, sshdListenAdded(directive.text, wanted, port));
  } else if (c.program === 'postgresql') {
    program = 'postgresql';
    diff = replaced(pgListenEverywhere(directive.text));
    // `postgres -C listen_addresses` must read '*' back: a later setting would still win.
    expect = '*';
  } else if (c.program === 'apache') {
    program = 'apache';
    diff = replaced(apacheListenEverywhere(directive.text));
  } else if (c.program === 'mariadb') {
    program = 'mariadb';
    const edited = mysqlBindEverywhere(directive.text, v6);
    diff = replaced(edited);
    // `my_print_defaults --mysqld` must read the new address back as the last one.
    expect = edited !== null ? mysqlOptionText(edited) : null;
  } else {
    return NO_FIX;
  }
  if (diff === null) return NO_FIX;
  return safeProposal([editPlan(c, { program, path: file, sha256, diff, expect, restart: unit })]);
}

/**
 * Moving the service to the port the client asks for (wrong-port; DESIGN §3: the fix is
 * null, "moving the service is an alternative"): the directive that sets the port it
 * listens on now (the `config` probe read it for `listenPort`), and nginx's other `listen`
 * lines next to it on that port, set to `port`; checked like any config edit, the unit
 * restarted, the old port no longer served.
 */
export function moveFixes(evidence: readonly Evidence[], port: number): FixProposal {
  const e = findEvidence(evidence, 'config', 'server');
  const c = configData(evidence);
  if (!e || e.status !== 'pass' || !c || c.listenPort === undefined || c.listenPort === port) {
    return NO_FIX;
  }
  const { file, sha256, directive, window, unit } = c;
  if (!file || !sha256 || !directive || !window || !unit || !isValidUnit(unit)) return NO_FIX;
  let program: ConfigProgram;
  let moved: (line: string) => string | null;
  let expect: string | null = null;
  switch (c.program) {
    case 'nginx':
      program = 'nginx';
      moved = (l) => nginxListenMoved(l, port);
      break;
    case 'redis':
      program = 'redis';
      moved = (l) => redisPortMoved(l, port);
      break;
    case 'postgresql':
      // `postgres -C port` must read the new port back: a later setting would still win.
      program = 'postgresql';
      moved = (l) => pgPortMoved(l, port);
      expect = String(port);
      break;
    case 'mariadb':
      program = 'mariadb';
      moved = (l) => mysqlPortMoved(l, port);
      expect = `--port=${port}`;
      break;
    default:
      return NO_FIX;
  }
  const edits = new Map<number, string>();
  for (const l of [directive, ...(c.also ?? [])]) {
    const text = moved(l.text);
    if (text === null) return NO_FIX;
    edits.set(l.line, text);
  }
  const diff = linesDiff(file, window, edits);
  if (diff === null) return NO_FIX;
  const plan = editPlan(c, { program, path: file, sha256, diff, expect, restart: unit });
  const { fix } = safeProposal([{ ...plan, move: { from: c.listenPort, to: port } }]);
  return { fix: null, alternatives: fix ? [fix] : [] };
}

/** A config.edit plan for the program's file; its own check, when the probe found one. */
function editPlan(
  c: ConfigData,
  p: {
    program: ConfigProgram;
    path: string;
    sha256: string;
    diff: string;
    expect: string | null;
    restart: string;
  },
): Extract<FixPlan, { kind: 'config.edit' }> {
  const check = c.check && c.check.length > 0 ? c.check : null;
  return {
    kind: 'config.edit',
    program: p.program,
    path: p.path,
    sha256: p.sha256,
    diff: p.diff,
    check,
    ...(p.expect !== null && check ? { expect: p.expect } : {}),
    restart: p.restart,
  };
}

/**
 * The address is in a variable the unit passes to the program (Debian's mariadb.service
 * documents `Environment="MYSQLD_OPTS=…"` in a drop-in): a new drop-in, sorted last, that
 * sets the variable again with the same options listening on every address.
 */
function envDropInFix(
  program: string,
  unit: string | null,
  env: { name: string; value: string; dropIns: string[] },
  v6: boolean,
): FixProposal {
  if (program !== 'mariadb' || !unit || !isValidUnit(unit)) return NO_FIX;
  const value = mysqlOptsEverywhere(env.value, v6);
  const path = dropInPath(unit, env.dropIns);
  if (value === null || !path || !plainEnvironment(env.name, value)) return NO_FIX;
  return safeProposal([
    {
      kind: 'unit.drop-in',
      program,
      unit,
      path,
      environment: { name: env.name, value },
      diff: newFileDiff(path, dropInEnvText(env.name, value)),
    },
  ]);
}

/** True when one of the server's interfaces carries `address` (interfaces evidence). */
function serverHas(evidence: readonly Evidence[], address: string): boolean {
  const a = normalizeAddress(address);
  return (interfacesData(evidence)?.interfaces ?? []).some((i) =>
    i.addresses.some((x) => normalizeAddress(x.address) === a),
  );
}

/**
 * The address is an argument of the unit's `ExecStart` (DESIGN §2, issue 10 "where the
 * address is an ExecStart argument, a unit drop-in is the plan"): a new drop-in that resets
 * `ExecStart` and sets the same command line listening on every address, named to sort
 * after the unit's other drop-ins (the last `ExecStart=` wins).
 */
function dropInFix(
  program: string,
  unit: string | null,
  exec: { argv: string[]; dropIns: string[] },
  v6: boolean,
): FixProposal {
  if ((program !== 'redis' && program !== 'mariadb') || !unit || !isValidUnit(unit)) {
    return NO_FIX;
  }
  const argv =
    program === 'redis' ? redisArgvEverywhere(exec.argv) : mysqlArgvEverywhere(exec.argv, v6);
  const path = dropInPath(unit, exec.dropIns);
  if (!argv || !path || !plainArgv(argv)) return NO_FIX;
  const plan: FixPlan = {
    kind: 'unit.drop-in',
    program,
    unit,
    path,
    execStart: argv,
    diff: newFileDiff(path, dropInText(argv)),
  };
  return safeProposal([plan]);
}
