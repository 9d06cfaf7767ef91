import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { parseHostInput, parsePort, type Target } from '../../../shared/target';

/**
 * The target form: inputs named exactly "Host" and "Port" and a "Diagnose" button; Enter
 * in either field submits. Input is validated with the same rules as the engine's. Host
 * also takes `host:port`, `[v6]:port` or a pasted URL and moves the port into Port.
 */
export function TargetForm({
  busy,
  onSubmit,
  prefill = null,
}: {
  busy: boolean;
  onSubmit: (target: Target) => void;
  /** Fills in Host and Port (and focuses Diagnose) when it changes; never submits. */
  prefill?: { target: Target; seq: number } | null;
}) {
  const { t } = useTranslation();
  const [host, setHost] = useState(prefill?.target.host ?? '');
  const [port, setPort] = useState(prefill !== null ? String(prefill.target.port) : '');
  const [error, setError] = useState<{ field: 'host' | 'port'; message: string } | null>(null);
  const hostInput = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (prefill === null) return;
    setHost(prefill.target.host);
    setPort(String(prefill.target.port));
    setError(null);
    hostInput.current?.focus();
  }, [prefill]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const h = parseHostInput(host);
    if (!h.ok) return setError({ field: 'host', message: t('form.invalidHost') });
    const p = h.value.port !== null ? parsePort(String(h.value.port)) : parsePort(port);
    if (!p.ok) return setError({ field: 'port', message: t('form.invalidPort') });
    setError(null);
    splitHost();
    onSubmit({ host: h.value.host, port: p.value });
  };

  /** Moves a port written in Host (`host:port`, URL) into the Port field. */
  const splitHost = () => {
    const h = parseHostInput(host);
    if (!h.ok || h.value.port === null) return;
    setHost(h.value.host.includes(':') ? `[${h.value.host}]` : h.value.host);
    setPort(String(h.value.port));
  };

  return (
    <form className="target-form" onSubmit={submit} noValidate>
      <fieldset>
        <legend>{t('form.legend')}</legend>
        <div className="field">
          <label htmlFor="target-host">{t('form.host')}</label>
          <input
            id="target-host"
            ref={hostInput}
            name="host"
            value={host}
            onChange={(e) => setHost(e.target.value)}
            onBlur={splitHost}
            autoComplete="off"
            spellCheck={false}
            aria-describedby="target-host-hint"
            aria-invalid={error?.field === 'host'}
          />
          <small id="target-host-hint">{t('form.hostHint')}</small>
        </div>
        <div className="field field-port">
          <label htmlFor="target-port">{t('form.port')}</label>
          <input
            id="target-port"
            name="port"
            inputMode="numeric"
            value={port}
            onChange={(e) => setPort(e.target.value)}
            autoComplete="off"
            aria-invalid={error?.field === 'port'}
          />
        </div>
        <button type="submit" className="primary" disabled={busy}>
          {t('form.diagnose')}
        </button>
      </fieldset>
      {error !== null && (
        <p role="alert" className="form-error">
          {error.message}
        </p>
      )}
    </form>
  );
}
