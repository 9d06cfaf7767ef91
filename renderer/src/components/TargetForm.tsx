import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { parseHostInput, parsePort, type Target } from '../../../shared/target';

/** `?target=HOST:PORT` (also what `ui --target` opens) split for the form, else empty. */
function prefill(search: string): { host: string; port: string } {
  const raw = new URLSearchParams(search).get('target');
  const r = raw === null ? null : parseHostInput(raw);
  if (r === null || !r.ok) return { host: '', port: '' };
  const host = r.value.host.includes(':') ? `[${r.value.host}]` : r.value.host;
  return { host, port: r.value.port === null ? '' : String(r.value.port) };
}

/**
 * The target form: inputs named exactly "Host" and "Port" and a "Diagnose" button; Enter
 * in either field submits. Input is validated with the same rules as the engine's. Host
 * also takes `host:port`, `[v6]:port` or a pasted URL and moves the port into Port.
 */
export function TargetForm({
  busy,
  onSubmit,
}: {
  busy: boolean;
  onSubmit: (target: Target) => void;
}) {
  const { t } = useTranslation();
  const [initial] = useState(() => prefill(window.location.search));
  const [host, setHost] = useState(initial.host);
  const [port, setPort] = useState(initial.port);
  const [error, setError] = useState<{ field: 'host' | 'port'; message: string } | null>(null);

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
