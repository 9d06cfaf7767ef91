import { lineDiff } from '../config-diff';
import { nginxListenEverywhere, redisBindEverywhere } from '../config-directives';
import type { Evidence } from '../evidence';
import type { FixPlan } from '../fix-plan';
import { isIPv6, isValidUnit } from '../target';
import { configData, findEvidence } from './evidence-view';
import { NO_FIX, proposal, type FixProposal } from './fixes';

/**
 * The fix of a service bound to another address, as an admin would make it (DESIGN §2
 * `config.edit`): the one directive that decides the address, in the file the running
 * program really uses (the `config` probe read it), rewritten to listen on every address;
 * shown as a unified diff, guarded by the file's SHA-256, followed by the program's own
 * check and a restart of its unit (a reload does not move a listener).
 */
export function configFixes(evidence: readonly Evidence[], address: string | null): FixProposal {
  const e = findEvidence(evidence, 'config', 'server');
  const c = configData(evidence);
  if (!e || e.status !== 'pass' || !c) return NO_FIX;
  const { file, sha256, directive, window, unit } = c;
  if (!file || !sha256 || !directive || !window || !unit || !isValidUnit(unit)) return NO_FIX;
  const v6 = address !== null && isIPv6(address);
  let program: 'nginx' | 'redis';
  let edited: string | null;
  if (c.program === 'nginx') {
    program = 'nginx';
    edited = nginxListenEverywhere(directive.text, v6);
  } else if (c.program === 'redis') {
    program = 'redis';
    edited = redisBindEverywhere(directive.text);
  } else {
    return NO_FIX;
  }
  if (edited === null) return NO_FIX;
  const diff = lineDiff(file, window, directive.line, edited);
  if (diff === null) return NO_FIX;
  const plan: FixPlan = {
    kind: 'config.edit',
    program,
    path: file,
    sha256,
    diff,
    check: c.check && c.check.length > 0 ? c.check : null,
    restart: unit,
  };
  try {
    return proposal([plan]);
  } catch {
    return NO_FIX;
  }
}
