/**
 * The executor contract: one way to run an argv on a host (local or over SSH).
 * Executors own timeouts, cancellation, output caps, privilege and transport (DESIGN §2).
 */

/** How a command wants privilege: never, optional (try `sudo -n`, fall back), or required. */
export type Privilege = false | 'optional' | true;

/** Typed, human error kinds an executor reports instead of throwing. */
export type ExecErrorCode =
  | 'not-installed'
  | 'permission-denied'
  | 'sudo-password-required'
  | 'timeout'
  | 'aborted'
  | 'connection-lost'
  | 'failed';

/** One command to run. `argv[0]` is the program; nothing is ever passed to a shell. */
export interface ExecRequest {
  argv: readonly string[];
  privileged?: Privilege;
  /** Default 10 s. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Cap on captured stdout and stderr each; default 4 MiB. */
  maxBytes?: number;
  stdin?: string;
  /**
   * Run on its own channel, never batched with other commands: a long-running command
   * (a capture) that the others must not wait for. Default false.
   */
  alone?: boolean;
  /**
   * Sees the output as it arrives (text chunks), for a command whose progress matters
   * before it ends (tcpdump says when it is capturing). Implies `alone`.
   */
  onOutput?: (stream: 'stdout' | 'stderr', chunk: string) => void;
}

/** What a command produced. Never throws for a command that ran or failed to start. */
export interface ExecResult {
  argv: readonly string[];
  stdout: string;
  stderr: string;
  /** null when the process did not exit normally (signal, spawn failure, timeout). */
  exitCode: number | null;
  /** Set when the command could not run or was cut short. */
  error?: { code: ExecErrorCode; message: string };
  truncated: boolean;
  /** True when the command ran elevated (sudo). */
  elevated: boolean;
  ms: number;
}

/** Result of a TCP connect made from an executor's host (server-to-self uses ssh2 forwardOut). */
export interface ExecutorConnectResult {
  ok: boolean;
  /** errno-style code: ECONNREFUSED, ETIMEDOUT, EHOSTUNREACH… */
  code?: string;
  message?: string;
  ms: number;
}

/** Runs commands on one host. */
export interface Executor {
  readonly kind: 'local' | 'ssh';
  /** Human label: "this machine" or "root@10.9.0.2". */
  readonly label: string;
  run(req: ExecRequest): Promise<ExecResult>;
  /** TCP connect from this executor's host to host:port (server-to-self). */
  connect?(
    host: string,
    port: number,
    opts: { timeoutMs: number; signal?: AbortSignal },
  ): Promise<ExecutorConnectResult>;
  close(): Promise<void>;
}
