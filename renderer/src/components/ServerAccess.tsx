import { useEffect, useRef, useState, type FormEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { Api, ResponseOf } from '../../../shared/ipc/contracts';

/** What the form sends to open a session (acceptNew is added per attempt). */
type SessionOpenRequest = Omit<Parameters<Api['sessionOpen']>[0], 'acceptNew'>;

/** The open server session, if any. */
export interface SessionInfo {
  sessionId: string;
  label: string;
}

/** How opening server access ended. */
export type OpenOutcome = SessionInfo | 'no-access' | 'asked' | 'failed';

/** What the app may ask of the server access form (Diagnose opens access by itself). */
export interface ServerAccessHandle {
  /**
   * Opens the filled-in server access: the session; 'no-access' when nothing is filled
   * in; 'asked' while an unknown host key waits for **Trust**; 'failed' (said on the form).
   */
  connect(): Promise<OpenOutcome>;
}

/**
 * Optional server access over SSH: fields named "SSH destination" and "SSH key file".
 * An unknown host key is shown with its fingerprint and trusted only on request. Secrets
 * are handed to the engine and not kept here.
 */
export function ServerAccess({
  api,
  session,
  onSession,
  disabled,
  prefill = null,
  handle,
}: {
  /** Filled with the form's {@link ServerAccessHandle}. */
  handle?: RefObject<ServerAccessHandle | null>;
  api: Api;
  session: SessionInfo | null;
  onSession: (s: SessionInfo | null) => void;
  disabled: boolean;
  /** An SSH destination handed over at launch: filled in, never connected by itself. */
  prefill?: { ssh: string | null; seq: number } | null;
}) {
  const { t } = useTranslation();
  const [destination, setDestination] = useState(prefill?.ssh ?? '');
  // Open when there is something in it; clearing a field never folds it away.
  const [expanded, setExpanded] = useState(destination !== '');
  useEffect(() => {
    if (prefill?.ssh != null && session === null) {
      setDestination(prefill.ssh);
      setExpanded(true);
    }
  }, [prefill, session]);
  const [keyFile, setKeyFile] = useState('');
  // Offered destinations: servers connected to before (with their key file) and the Host
  // aliases of ~/.ssh/config.
  const [known, setKnown] = useState<ResponseOf<'servers.list'>>({ sshConfig: [], recent: [] });
  useEffect(() => {
    let live = true;
    void api.serversList({}).then((r) => {
      if (live && r.ok) setKnown(r.value);
    });
    return () => {
      live = false;
    };
  }, [api, session]);
  /** A server picked from the list: its destination, and its key file when one was used. */
  const choose = (value: string) => {
    setDestination(value);
    const recent = known.recent.find((r) => r.ssh === value);
    if (recent?.identity !== undefined) setKeyFile(recent.identity);
  };
  // Secrets live here only until the call is made; the engine keeps them in memory.
  const [password, setPassword] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [sudoPassword, setSudoPassword] = useState('');
  const [connecting, setConnecting] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [unknownKey, setUnknownKey] = useState<string | null>(null);

  // A request waiting for the user's Trust decision on an unknown host key: the secrets it
  // carries live only here (not in the form's state) and go with the decision.
  const pending = useRef<SessionOpenRequest | null>(null);
  /** The sudo password that goes with the pending request (handed to the engine once open). */
  const pendingSudo = useRef<string | null>(null);

  const open = async (acceptNew: boolean): Promise<OpenOutcome> => {
    let request: SessionOpenRequest | null = pending.current;
    let sudo = pendingSudo.current;
    pending.current = null;
    pendingSudo.current = null;
    if (!acceptNew || request === null) {
      if (destination.trim() === '') return 'no-access';
      request = {
        destination: destination.trim(),
        ...(keyFile.trim() !== '' ? { identity: keyFile.trim() } : {}),
        ...(password !== '' ? { password } : {}),
        ...(passphrase !== '' ? { passphrase } : {}),
      };
      sudo = sudoPassword !== '' ? sudoPassword : null;
    }
    // Secrets leave the form's state on every outcome: success, failure or a question.
    setPassword('');
    setPassphrase('');
    setSudoPassword('');
    setConnecting(true);
    setMessage(null);
    setUnknownKey(null);
    let r: Awaited<ReturnType<Api['sessionOpen']>>;
    try {
      r = await api.sessionOpen({ ...request, acceptNew });
    } catch (e) {
      setMessage(t('server.failed', { message: e instanceof Error ? e.message : String(e) }));
      return 'failed';
    } finally {
      setConnecting(false);
    }
    if (r.ok) {
      // The sudo password goes to the engine, which checks it with sudo and holds it for
      // this session only (the checks that need root, and a fix); never kept here.
      if (sudo !== null) {
        const given = await api.privilegePassword({ sessionId: r.value.sessionId, password: sudo });
        if (!given.ok || !given.value.accepted) {
          const why = given.ok ? (given.value.message ?? '') : given.error.message;
          setMessage(t('server.sudoRefused', { message: why }));
        }
      }
      onSession(r.value);
      return r.value;
    }
    if (r.error.code === 'host-key-unknown') {
      pending.current = request;
      pendingSudo.current = sudo;
      setUnknownKey(r.error.fingerprint ?? '?');
      return 'asked';
    }
    if (r.error.code === 'invalid-request' && r.error.field === 'identity') {
      // A key file that is not a small regular file: said on that field, by its label.
      setMessage(t('server.badKeyFile', { message: r.error.message.replace(/^identity: /, '') }));
    } else {
      setMessage(t('server.failed', { message: r.error.message }));
    }
    return 'failed';
  };
  useEffect(() => {
    if (handle) {
      handle.current = {
        connect: () => (session !== null ? Promise.resolve(session) : open(false)),
      };
    }
  });

  const close = async () => {
    if (session) await api.sessionClose({ sessionId: session.sessionId });
    onSession(null);
  };

  /**
   * Connected already: the sudo password typed now goes to the engine for this session
   * (checked with sudo at once), so the next diagnosis can run the checks that need root.
   */
  const giveSudo = async (): Promise<void> => {
    if (session === null || sudoPassword === '') return;
    const password = sudoPassword;
    setSudoPassword('');
    setMessage(null);
    setNotice(null);
    const given = await api.privilegePassword({ sessionId: session.sessionId, password });
    if (given.ok && given.value.accepted) setNotice(t('server.sudoAccepted'));
    else {
      const why = given.ok ? (given.value.message ?? '') : given.error.message;
      setMessage(t('server.sudoRefusedNow', { message: why }));
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (session !== null) void giveSudo();
    else void open(false);
  };

  return (
    <details
      className="server-access"
      open={expanded}
      onToggle={(e) => setExpanded(e.currentTarget.open)}
    >
      <summary>{t('server.summary')}</summary>
      <p className="hint">{t('server.explain')}</p>
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="ssh-destination">{t('server.destination')}</label>
          <input
            id="ssh-destination"
            value={destination}
            onChange={(e) => setDestination(e.target.value)}
            disabled={session !== null || disabled}
            autoComplete="off"
            spellCheck={false}
            aria-describedby="ssh-destination-hint"
          />
          <small id="ssh-destination-hint">{t('server.destinationHint')}</small>
        </div>
        {session === null && (known.recent.length > 0 || known.sshConfig.length > 0) && (
          <div className="field">
            <label htmlFor="ssh-known-servers">{t('server.known')}</label>
            <select
              id="ssh-known-servers"
              value=""
              disabled={disabled}
              onChange={(e) => e.target.value !== '' && choose(e.target.value)}
            >
              <option value="">{t('server.knownPick')}</option>
              {known.recent.length > 0 && (
                <optgroup label={t('server.recent')}>
                  {known.recent.map((r) => (
                    <option key={`r-${r.ssh}`} value={r.ssh}>
                      {r.ssh}
                    </option>
                  ))}
                </optgroup>
              )}
              {known.sshConfig.length > 0 && (
                <optgroup label={t('server.fromSshConfig')}>
                  {known.sshConfig.map((h) => (
                    <option key={`c-${h}`} value={h}>
                      {h}
                    </option>
                  ))}
                </optgroup>
              )}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor="ssh-key-file">{t('server.keyFile')}</label>
          <input
            id="ssh-key-file"
            value={keyFile}
            onChange={(e) => setKeyFile(e.target.value)}
            disabled={session !== null || disabled}
            autoComplete="off"
            spellCheck={false}
            aria-describedby="ssh-key-file-hint"
          />
          <small id="ssh-key-file-hint">{t('server.keyFileHint')}</small>
        </div>
        <div className="field">
          <label htmlFor="ssh-passphrase">{t('server.passphrase')}</label>
          <input
            id="ssh-passphrase"
            type="password"
            value={passphrase}
            onChange={(e) => setPassphrase(e.target.value)}
            disabled={session !== null || disabled}
            autoComplete="off"
          />
        </div>
        <div className="field">
          <label htmlFor="ssh-password">{t('server.password')}</label>
          <input
            id="ssh-password"
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            disabled={session !== null || disabled}
            autoComplete="off"
          />
        </div>
        <div className="field">
          <label htmlFor="ssh-sudo-password">{t('server.sudoPassword')}</label>
          <input
            id="ssh-sudo-password"
            type="password"
            value={sudoPassword}
            onChange={(e) => setSudoPassword(e.target.value)}
            disabled={disabled}
            autoComplete="off"
            aria-describedby="ssh-sudo-password-hint"
          />
          <small id="ssh-sudo-password-hint">{t('server.sudoPasswordHint')}</small>
        </div>
        {session === null ? (
          <button type="submit" disabled={connecting || disabled}>
            {t('server.connect')}
          </button>
        ) : (
          <>
            {sudoPassword !== '' && (
              <button type="submit" disabled={disabled}>
                {t('server.sudoGive')}
              </button>
            )}
            <button type="button" onClick={() => void close()} disabled={disabled}>
              {t('server.disconnect')}
            </button>
          </>
        )}
      </form>
      <p role="status" className="session-status">
        {session !== null ? t('server.connected', { label: session.label }) : t('server.none')}
      </p>
      {unknownKey !== null && (
        <div role="alertdialog" aria-labelledby="unknown-key-text" className="unknown-key">
          <p id="unknown-key-text">{t('server.unknownKey', { fingerprint: unknownKey })}</p>
          <button type="button" onClick={() => void open(true)}>
            {t('server.trust')}
          </button>
        </div>
      )}
      {notice !== null && session !== null && (
        <p className="hint" aria-live="polite">
          {notice}
        </p>
      )}
      {message !== null && (
        <p role="alert" className="form-error">
          {message}
        </p>
      )}
    </details>
  );
}
