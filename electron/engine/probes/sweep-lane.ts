/**
 * The inner loop of the port sweep. {@link sweepLane} is self-contained (no reference to
 * anything outside its body) because it also runs as the source of a worker thread.
 */

/** Node's libuv TCP handle as `tcp_wrap` exposes it (the layer under `net.Socket`). */
export interface TcpHandle {
  connect(req: TcpConnectReq, address: string, port: number): number;
  connect6(req: TcpConnectReq, address: string, port: number): number;
  getsockname(out: { port?: number }): number;
  close(): void;
}

/** A pending connect request; `oncomplete` gets 0 or a negative libuv errno. */
export interface TcpConnectReq {
  oncomplete: (status: number) => void;
}

/** The `tcp_wrap` binding: TCP handles without stream, error or promise objects per port. */
export interface TcpWrapBinding {
  TCP: new (type: number) => TcpHandle;
  TCPConnectWrap: new () => TcpConnectReq;
  constants: { SOCKET: number };
}

/** The part of `node:net` the fallback path needs. */
export interface NetLike {
  Socket: new () => {
    localPort?: number;
    once(ev: 'connect', cb: () => void): unknown;
    on(ev: 'error', cb: () => void): unknown;
    connect(opts: { host: string; port: number; family: number }): unknown;
    destroy(): unknown;
  };
}

/** What one lane found. */
export interface LaneResult {
  open: number[];
  timedOut: number;
  scanned: number;
}

/** Parameters of one lane (plain data: it crosses to worker threads). */
export interface LaneParams {
  address: string;
  family: 4 | 6;
  ports: ArrayLike<number>;
  concurrency: number;
  timeoutMs: number;
}

/**
 * Connects to every port of `p.ports` on `p.address`, `p.concurrency` at a time, each
 * bounded by `p.timeoutMs`, and calls `onDone` once. Uses raw TCP handles when `tcp` is
 * given (an order of magnitude less work per port than `net.Socket`), else `net`.
 * A connect whose local port equals the target port on the same address is the kernel
 * connecting the socket to itself (TCP simultaneous open), not an open port.
 * Returns an abort function that closes every socket and stops without calling `onDone`.
 */
export function sweepLane(
  p: LaneParams,
  tcp: TcpWrapBinding | null,
  net: NetLike,
  onDone: (r: LaneResult) => void,
): () => void {
  const total = p.ports.length;
  const lanes = Math.max(1, Math.min(p.concurrency, total));
  const open: number[] = [];
  const closers: ((expired: boolean) => void)[] = [];
  const started: number[] = [];
  let next = 0;
  let finished = 0;
  let timedOut = 0;
  let stopped = false;
  let ticker: ReturnType<typeof setInterval> | undefined;

  const end = (): void => {
    if (ticker !== undefined) clearInterval(ticker);
    ticker = undefined;
  };
  const complete = (slot: number, port: number, isOpen: boolean, expired: boolean): void => {
    started[slot] = Infinity;
    if (stopped) return;
    finished++;
    if (isOpen) open.push(port);
    if (expired) timedOut++;
    if (finished >= total) {
      end();
      stopped = true;
      onDone({ open, timedOut, scanned: finished });
      return;
    }
    launch(slot);
  };

  const launchRaw = (slot: number, port: number, t: TcpWrapBinding): void => {
    const handle = new t.TCP(t.constants.SOCKET);
    const req = new t.TCPConnectWrap();
    let done = false;
    let expired = false;
    const finish = (isOpen: boolean): void => {
      if (done) return;
      done = true;
      handle.close();
      complete(slot, port, isOpen, expired);
    };
    req.oncomplete = (status: number) => {
      if (status !== 0) return finish(false);
      const local: { port?: number } = {};
      handle.getsockname(local);
      finish(local.port !== port);
    };
    closers[slot] = (exp: boolean) => {
      expired = exp;
      finish(false);
    };
    const err =
      p.family === 6 ? handle.connect6(req, p.address, port) : handle.connect(req, p.address, port);
    // Deferred: a lane must not recurse through a run of synchronous failures.
    if (err !== 0) queueMicrotask(() => finish(false));
  };

  const launchNet = (slot: number, port: number): void => {
    const socket = new net.Socket();
    let done = false;
    const finish = (isOpen: boolean, expired: boolean): void => {
      if (done) return;
      done = true;
      socket.destroy();
      complete(slot, port, isOpen, expired);
    };
    socket.once('connect', () => finish(socket.localPort !== port, false));
    socket.on('error', () => finish(false, false));
    closers[slot] = (exp: boolean) => finish(false, exp);
    socket.connect({ host: p.address, port, family: p.family });
  };

  function launch(slot: number): void {
    if (stopped || next >= total) return;
    const port = p.ports[next++] ?? 0;
    started[slot] = Date.now();
    if (tcp) launchRaw(slot, port, tcp);
    else launchNet(slot, port);
  }

  if (total === 0) {
    onDone({ open, timedOut, scanned: 0 });
    return () => undefined;
  }
  // One ticker expires slow connects instead of a timer per port.
  ticker = setInterval(
    () => {
      const now = Date.now();
      for (let s = 0; s < lanes; s++) {
        if (now - (started[s] ?? Infinity) >= p.timeoutMs) closers[s]?.(true);
      }
    },
    Math.max(5, Math.min(100, Math.floor(p.timeoutMs / 5))),
  );
  for (let s = 0; s < lanes; s++) launch(s);
  return () => {
    if (stopped) return;
    stopped = true;
    end();
    for (let s = 0; s < lanes; s++) closers[s]?.(false);
  };
}
