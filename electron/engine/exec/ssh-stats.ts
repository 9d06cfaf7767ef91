/**
 * Counters of what the SSH executor did in this process, for `npm run bench` (DESIGN §6):
 * handshakes and their time, exec channels, remote commands (a batched script counts each
 * of its sections), and round trips — the times the client went from waiting on nothing to
 * waiting on the server (overlapping channels share one round trip).
 */
export interface SshStats {
  handshakes: number;
  handshakeMs: number;
  channels: number;
  commands: number;
  roundTrips: number;
}

/** This process's counters (module state: one CLI run is one process). */
export const sshStats: SshStats = {
  handshakes: 0,
  handshakeMs: 0,
  channels: 0,
  commands: 0,
  roundTrips: 0,
};

let inFlight = 0;

/** Counts one exec channel with `commands` remote commands; call the result when it ends. */
export function countChannel(commands: number): () => void {
  sshStats.channels++;
  sshStats.commands += commands;
  if (inFlight++ === 0) sshStats.roundTrips++;
  let ended = false;
  return () => {
    if (ended) return;
    ended = true;
    inFlight--;
  };
}

/** Counts one finished handshake. */
export function countHandshake(ms: number): void {
  sshStats.handshakes++;
  sshStats.handshakeMs += ms;
  sshStats.roundTrips++;
}
