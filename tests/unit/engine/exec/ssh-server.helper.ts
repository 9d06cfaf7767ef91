import { spawn, type ChildProcess } from 'node:child_process';
import { timingSafeEqual } from 'node:crypto';
import { connect, type AddressInfo } from 'node:net';
import { Server, utils, type Connection, type ParsedKey } from 'ssh2';

/**
 * An in-process ssh2 server on 127.0.0.1:0 for unit tests of the SSH executor (the style
 * of mscdex/ssh2's own tests). Exec requests really run through `sh -c`, signals reach the
 * child, and direct-tcpip really connects — only the transport is in-process.
 */

export interface TestServer {
  port: number;
  /** OpenSSH public key line of the (first) host key (`ssh-ed25519 AAAA…`). */
  hostPublicKey: string;
  /** Public key line of every host key, by type as given in `hostKeyTypes`. */
  hostPublicKeys: Record<string, string>;
  /** Command strings received by exec, in order. */
  commands: string[];
  /** Children still running (a test checks the executor kills them). */
  running: Set<ChildProcess>;
  /** Signals received from the client, by name. */
  signals: string[];
  /** Drops every client connection. */
  dropClients(): void;
  close(): Promise<void>;
}

export interface TestServerOptions {
  /** Public keys (OpenSSH line) allowed to log in. */
  authorizedKeys?: string[];
  /** Password accepted for any user. */
  password?: string;
  /** Listen address; default 127.0.0.1. */
  host?: string;
  /** Host key types the server offers, in order; default `['ed25519']`. */
  hostKeyTypes?: ('ed25519' | 'ecdsa')[];
  /** Written to stdout before each command runs (like a login shell's rc file). */
  banner?: string;
}

function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * A fresh key pair that ssh2 can read back. About 1 in 200 ed25519 keys ssh2 generates is
 * refused by its own parser ("Malformed OpenSSH private key"): such a key is drawn again.
 */
export function keyPair(
  type: 'ed25519' | 'ecdsa',
  passphrase?: string,
): { private: string; public: string } {
  for (;;) {
    const k =
      type === 'ecdsa'
        ? utils.generateKeyPairSync('ecdsa', { bits: 256 })
        : utils.generateKeyPairSync(
            'ed25519',
            passphrase ? { passphrase, cipher: 'aes256-ctr', rounds: 4 } : {},
          );
    if (!(utils.parseKey(k.private, passphrase) instanceof Error)) return k;
  }
}

export function startTestServer(opts: TestServerOptions = {}): Promise<TestServer> {
  const hostKeys = (opts.hostKeyTypes ?? ['ed25519']).map((t) => ({ t, k: keyPair(t) }));
  const pubLine = (pub: string): string => pub.trim().split(' ').slice(0, 2).join(' ');
  const allowed = (opts.authorizedKeys ?? []).map((k) => utils.parseKey(k) as ParsedKey);
  const commands: string[] = [];
  const running = new Set<ChildProcess>();
  const signals: string[] = [];
  const clients = new Set<Connection>();

  const server = new Server({ hostKeys: hostKeys.map((h) => h.k.private) }, (client) => {
    clients.add(client);
    client.on('close', () => clients.delete(client));
    client.on('error', () => undefined);
    client.on('authentication', (ctx) => {
      if (
        ctx.method === 'password' &&
        opts.password !== undefined &&
        ctx.password === opts.password
      ) {
        ctx.accept();
        return;
      }
      if (ctx.method === 'publickey') {
        const key = allowed.find(
          (k) => k.type === ctx.key.algo && sameBytes(k.getPublicSSH(), ctx.key.data),
        );
        if (
          key &&
          (!ctx.signature || (ctx.blob && key.verify(ctx.blob, ctx.signature, ctx.hashAlgo)))
        ) {
          ctx.accept();
          return;
        }
      }
      ctx.reject(['publickey', 'password']);
    });
    client.on('ready', () => {
      client.on('session', (acceptSession) => {
        const session = acceptSession();
        let child: ChildProcess | null = null;
        // ssh2's Server stops taking channel requests (signal included) after the client's
        // EOF, which this executor sends at once; a closed channel ends the command instead.
        session.on('close', () => {
          if (child && child.exitCode === null) child.kill('SIGTERM');
        });
        session.on('signal', (_a, _r, info) => {
          signals.push(info.name);
          child?.kill(`SIG${info.name}` as NodeJS.Signals);
        });
        session.on('exec', (accept, _reject, info) => {
          commands.push(info.command);
          const stream = accept();
          if (opts.banner !== undefined) stream.write(opts.banner);
          const c = spawn('sh', ['-c', info.command], { stdio: 'pipe' });
          child = c;
          running.add(c);
          c.stdout.pipe(stream, { end: false });
          c.stderr.pipe(stream.stderr, { end: false });
          stream.pipe(c.stdin).on('error', () => undefined);
          c.stdin.on('error', () => undefined);
          stream.on('close', () => {
            if (c.exitCode === null) c.kill('SIGTERM');
          });
          c.on('close', (code, sig) => {
            running.delete(c);
            try {
              if (code !== null) stream.exit(code);
              else stream.exit((sig ?? 'KILL').replace(/^SIG/, ''), false, '');
              stream.end();
            } catch {
              // the client may already have closed the channel
            }
          });
        });
      });
      client.on('tcpip', (accept, reject, info) => {
        const sock = connect(info.destPort, info.destIP);
        sock.once('connect', () => {
          const ch = accept();
          sock.pipe(ch).pipe(sock);
        });
        sock.once('error', () => reject());
      });
    });
  });

  return new Promise((resolve) => {
    server.listen(0, opts.host ?? '127.0.0.1', () => {
      const port = (server.address() as AddressInfo).port;
      resolve({
        port,
        hostPublicKey: pubLine(hostKeys[0]?.k.public ?? ''),
        hostPublicKeys: Object.fromEntries(hostKeys.map((h) => [h.t, pubLine(h.k.public)])),
        commands,
        running,
        signals,
        dropClients: () => {
          for (const c of clients) c.end();
        },
        close: () =>
          new Promise<void>((r) => {
            for (const c of running) c.kill('SIGKILL');
            for (const c of clients) c.end();
            server.close(() => r());
          }),
      });
    });
  });
}
