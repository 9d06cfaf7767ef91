import { randomBytes } from 'node:crypto';
import { sanitizeOutput } from '../probes/run-command-probe';
import type { RawExec } from './ssh-exec';
import { quoteArg } from './ssh-quote';

/**
 * Batched server reads (DESIGN §6): commands that the engine asks for at the same moment
 * (the gather phase's probes start together) run as the sections of ONE remote script on
 * one exec channel, in parallel on the server. Each section keeps what it would have had
 * on its own channel: its own command string (with its own `sudo -n`), timeout (`timeout`),
 * output cap, exit status and stderr. The script answers each section as a header line
 * `NONCE INDEX STATUS OUTLEN ERRLEN` followed by exactly that many bytes: the reader frames
 * by length, so no output can forge a section, and the random per-run nonce catches a
 * desynchronised stream. The probes' parsers read each section's output unchanged.
 */

/** One command of a batch, already quoted (`buildCommand`'s output). */
export interface BatchSection {
  command: string;
  timeoutMs: number;
  maxBytes: number;
}

/** Exit status a section reports when `timeout` ended it. */
const TIMED_OUT = 124;
/** Status written when the section's status file is missing (it never ran). */
const NO_STATUS = 'x';

/** The remote script for `sections` (POSIX sh), with the nonce its headers carry. */
export function batchScript(sections: readonly BatchSection[], nonce: string): string {
  // Each section frames its own answer (header, capped stdout, capped stderr) in its own
  // background job, then writes its index to a FIFO (a write this small is atomic). The main
  // shell only copies finished answers out, in the order they finish: a slow section (ufw
  // is Python) holds back no other, and the serial part costs one `cat` per section.
  const lines = [
    'd=$(mktemp -d 2>/dev/null) || exit 97',
    'trap \'rm -rf "$d"\' EXIT',
    'mkfifo "$d/q" || exit 97',
    'exec 3<>"$d/q"',
    'T=; command -v timeout >/dev/null 2>&1 && T=timeout',
  ];
  sections.forEach((s, i) => {
    const secs = (Math.max(1, s.timeoutMs) / 1000).toFixed(3);
    const cap = s.maxBytes + 1; // one byte over the cap marks truncation
    const f = `"$d/${i}`;
    lines.push(
      `( { \${T:+$T -s TERM -k 1 ${secs}} sh -c ${quoteArg(s.command)} </dev/null 2>${f}e" 3>&-; echo $? >${f}s"; } | head -c ${cap} >${f}o"`,
      `  read s <${f}s" || s=${NO_STATUS}; head -c ${cap} ${f}e" >${f}E"; o=$(wc -c <${f}o"); e=$(wc -c <${f}E")`,
      `  printf '%s %s %s %s %s\\n' ${nonce} ${i} "$s" $((o)) $((e)) >${f}h"; echo ${i} >&3 ) &`,
    );
  });
  lines.push(
    `n=0; while [ $n -lt ${sections.length} ] && read i <&3; do n=$((n+1))`,
    "  case $i in ''|*[!0-9]*) continue;; esac",
    '  cat "$d/${i}h" "$d/${i}o" "$d/${i}E"',
    'done',
    'exec 3>&-',
    'wait',
  );
  return lines.join('\n');
}

/** A fresh nonce for one batch. */
export function newNonce(): string {
  return `cdb-${randomBytes(12).toString('hex')}`;
}

/** One parsed section. */
export interface SectionResult {
  index: number;
  raw: RawExec;
}

function empty(): RawExec {
  return {
    stdout: '',
    stderr: '',
    exitCode: null,
    exitSignal: null,
    timedOut: false,
    aborted: false,
    truncated: false,
    pidSeen: true,
    openError: null,
  };
}

/**
 * Reads the script's stdout as it arrives and hands over each section once its bytes are
 * in. Linear in its input: each byte is looked at a bounded number of times.
 */
export class BatchReader {
  private buf: Buffer = Buffer.alloc(0);
  private want: { index: number; status: string; out: number; err: number } | null = null;
  private broken = false;
  private readonly seen = new Set<number>();

  constructor(
    private readonly nonce: string,
    private readonly sections: readonly BatchSection[],
    private readonly onSection: (r: SectionResult) => void,
  ) {}

  /** True once the stream stopped making sense (the rest of the sections are lost). */
  get desynchronised(): boolean {
    return this.broken;
  }

  /** Feeds a chunk of the channel's stdout. */
  push(chunk: Buffer): void {
    if (this.broken) return;
    this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
    for (;;) {
      if (!this.want) {
        const nl = this.buf.indexOf(10);
        if (nl < 0) {
          if (this.buf.length > 256) this.broken = true;
          return;
        }
        const head = this.buf.subarray(0, nl).toString('latin1').split(' ');
        this.buf = this.buf.subarray(nl + 1);
        const [nonce, idx, status, out, err] = head;
        const index = Number(idx);
        const o = Number(out);
        const e = Number(err);
        if (
          head.length !== 5 ||
          nonce !== this.nonce ||
          !Number.isInteger(index) ||
          !this.sections[index] ||
          this.seen.has(index) ||
          !Number.isInteger(o) ||
          !Number.isInteger(e) ||
          o < 0 ||
          e < 0
        ) {
          this.broken = true;
          return;
        }
        this.want = { index, status: status ?? NO_STATUS, out: o, err: e };
      }
      const w = this.want;
      if (this.buf.length < w.out + w.err) return;
      const out = this.buf.subarray(0, w.out);
      const err = this.buf.subarray(w.out, w.out + w.err);
      this.buf = this.buf.subarray(w.out + w.err);
      this.want = null;
      this.seen.add(w.index);
      this.onSection({ index: w.index, raw: this.toRaw(w.index, w.status, out, err) });
    }
  }

  private toRaw(index: number, status: string, out: Buffer, err: Buffer): RawExec {
    const cap = this.sections[index]?.maxBytes ?? 0;
    const raw = empty();
    raw.truncated = out.length > cap || err.length > cap;
    raw.stdout = sanitizeOutput(out.subarray(0, cap).toString('utf8'));
    raw.stderr = sanitizeOutput(err.subarray(0, cap).toString('utf8'));
    const code = /^\d{1,3}$/.test(status) ? Number(status) : null;
    if (code === TIMED_OUT) raw.timedOut = true;
    else if (code === null) raw.openError = 'the batched command did not report its exit status';
    else raw.exitCode = code;
    return raw;
  }
}
