import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Lab } from './lab';
import { must, sleep } from './proc';
import { stopChild } from './service';

/** Options of {@link startCapture}. */
export interface CaptureOptions {
  /** Interface inside the namespace (default `any`). */
  iface?: string;
  /** tcpdump filter words, e.g. `['tcp', 'port', '8080', 'or', 'icmp']` (default tcp or icmp). */
  filter?: string[];
}

/** A running packet capture in the lab. */
export interface LabCapture {
  /** Path of the pcap file. */
  file: string;
  /** Stops tcpdump and returns `tcpdump -nn -r FILE` output, one packet a line. */
  stop: () => Promise<string>;
}

let seq = 0;

/**
 * Starts `tcpdump -U -w` inside the lab namespace and resolves once it is really
 * capturing (tcpdump prints "listening on" to stderr), so no early packet is missed.
 */
export async function startCapture(lab: Lab, opts: CaptureOptions = {}): Promise<LabCapture> {
  const file = join(lab.dir, `capture-${++seq}.pcap`);
  const filter = opts.filter ?? ['tcp', 'or', 'icmp', 'or', 'icmp6'];
  const child = spawn(
    'ip',
    [
      'netns',
      'exec',
      lab.ns,
      'tcpdump',
      '-i',
      opts.iface ?? 'any',
      '-nn',
      '-U',
      '--immediate-mode',
      '-Z',
      'root',
      '-w',
      file,
      ...filter,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let err = '';
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('tcpdump did not start within 5 s')), 5000);
    child.stderr.on('data', (b: Buffer) => {
      err += b.toString('utf8');
      if (err.includes('listening on')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', () => {
      clearTimeout(timer);
      reject(new Error(`tcpdump exited: ${err.trim()}`));
    });
  });
  let stopped = false;
  const halt = async () => {
    if (stopped) return;
    stopped = true;
    // Let the last packets reach the file (-U flushes per packet) before stopping.
    await sleep(50);
    child.kill('SIGINT');
    await stopChild(child, 1000);
  };
  lab.onDestroy(halt);
  try {
    await ready;
  } catch (e) {
    await halt();
    throw e;
  }
  return {
    file,
    stop: async () => {
      await halt();
      return must(['tcpdump', '-nn', '-r', file]);
    },
  };
}
