import {
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { alive } from './proc';

/**
 * Allocation of lab address slots across processes: one lock file per slot in
 * /run/cdlab, created with O_EXCL and holding the owner's pid, so that parallel test
 * runs on one machine never hand out the same /24. A slot whose owner is dead is reclaimed.
 */

const DIR = '/run/cdlab';
/** How many slots fit in one /16 (each slot uses four /24s). */
export const SLOTS_PER_NET = 64;

function slotFile(net: number, slot: number): string {
  return join(DIR, `net${net}-slot${slot}`);
}

/** Takes a free slot of the 10.NET.0.0/16 lab network; throws when all are taken. */
export function takeSlot(net: number): number {
  mkdirSync(DIR, { recursive: true });
  const reclaimed = new Set<number>();
  for (let slot = 0; slot < SLOTS_PER_NET; slot++) {
    const file = slotFile(net, slot);
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return slot;
    } catch {
      let owner = NaN;
      try {
        owner = Number(readFileSync(file, 'utf8'));
      } catch {
        // vanished between open and read: try the next one
      }
      if (Number.isInteger(owner) && owner > 0 && !alive(owner) && !reclaimed.has(slot)) {
        reclaimed.add(slot);
        rmSync(file, { force: true });
        slot--; // retry this slot once more
      }
    }
  }
  throw new Error(`no free lab slot in 10.${net}.0.0/16`);
}

/** Gives a slot back. */
export function releaseSlot(net: number, slot: number): void {
  rmSync(slotFile(net, slot), { force: true });
}

/** Removes slot files whose owner process is gone. */
export function reclaimDeadSlots(): void {
  let names: string[] = [];
  try {
    names = readdirSync(DIR);
  } catch {
    return;
  }
  for (const n of names) {
    const file = join(DIR, n);
    try {
      const owner = Number(readFileSync(file, 'utf8'));
      if (!alive(owner)) rmSync(file, { force: true });
    } catch {
      // ignore
    }
  }
}

/** True while any process holds a slot of the 10.NET.0.0/16 lab network. */
export function netInUse(net: number): boolean {
  try {
    return readdirSync(DIR).some((n) => n.startsWith(`net${net}-slot`));
  } catch {
    return false;
  }
}
