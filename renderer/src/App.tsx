import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Diagnosis } from '../../shared/evidence';
import type { Api } from '../../shared/ipc/contracts';
import { formatTarget, type Target } from '../../shared/target';
import { DiagnoseOptions, readOptions, type OptionsValue } from './components/DiagnoseOptions';
import { DiagnosisView } from './components/DiagnosisView';
import { LanguageSwitcher } from './components/LanguageSwitcher';
import { ManualPaste } from './components/ManualPaste';
import {
  ServerAccess,
  type OpenOutcome,
  type ServerAccessHandle,
  type SessionInfo,
} from './components/ServerAccess';
import { StepList } from './components/StepList';
import { TargetForm } from './components/TargetForm';
import { useDiagnosis } from './diagnose/use-diagnosis';
import { Wizard } from './wizard/Wizard';
import { ChangesPanel } from './components/ChangesPanel';
import { HistoryPanel, type Reopened } from './components/HistoryPanel';
import { prefillFromQuery, type Prefill } from './prefill';

/**
 * The app: target form, optional server access, the flowchart with its steps, and the
 * diagnosis. The root's `data-app-state` is `busy` while probes run, else `ready`.
 */
export function App({ api }: { api: Api }) {
  const { t, i18n } = useTranslation();
  const [session, setSession] = useState<SessionInfo | null>(null);
  const [target, setTarget] = useState<Target | null>(null);
  const [manual, setManual] = useState(false);
  const [options, setOptions] = useState<OptionsValue>({ service: '', timeoutMs: '' });
  const run = useDiagnosis(api, session?.sessionId ?? null);
  const [showChanges, setShowChanges] = useState(false);
  const [showHistory, setShowHistory] = useState(false);
  /** A recorded session reopened from the history (read-only). */
  const [reopened, setReopened] = useState<Reopened | null>(null);
  /** Bumped when a diagnosis is recorded: the history list reads again. */
  const [recorded, setRecorded] = useState(0);
  // Launch hand-off (desktop `--target`, `?target=`) and menu commands: fill in, never run.
  const [prefill, setPrefill] = useState<Prefill | null>(() =>
    prefillFromQuery(window.location.search),
  );
  const [formKey, setFormKey] = useState(0);
  // The diagnosis on screen, for the menu's Export Report.
  const shown = useRef<Diagnosis | null>(null);
  shown.current = run.diagnosis;
  useEffect(() => {
    const offTarget = api.onAppTarget((e) =>
      setPrefill((prev) => ({ target: e.target, ssh: e.ssh, seq: (prev?.seq ?? 0) + 1 })),
    );
    const offMenu = api.onAppMenu((e) => {
      if (e.command === 'diagnosis.new') {
        setPrefill(null);
        setFormKey((k) => k + 1);
      } else if (e.command === 'history.show') {
        setShowHistory(true);
      } else if (e.command === 'report.export') {
        const d = shown.current;
        if (d !== null) {
          void api.reportExport({ diagnosis: d, lang: i18n.language === 'ko' ? 'ko' : 'en' });
        }
      }
    });
    return () => {
      offTarget();
      offMenu();
    };
  }, [api, i18n]);
  // A finished diagnosis: the desktop app may notify when the window is in the background.
  const reported = useRef<unknown>(null);
  useEffect(() => {
    const d = run.diagnosis;
    if (d === null || reported.current === d) return;
    reported.current = d;
    void api.appFinished({
      target: { host: d.target.host, port: d.target.port },
      cause: d.cause,
      durationMs: d.durationMs,
    });
  }, [api, run.diagnosis]);
  // Every finished diagnosis goes into the history (again after its fix: same session id).
  const saved = useRef<unknown>(null);
  const serverLabel = session?.label ?? null;
  useEffect(() => {
    const d = run.diagnosis;
    if (d === null || run.busy || saved.current === d) return;
    saved.current = d;
    void api.historyRecord({ diagnosis: d, server: serverLabel }).then((r) => {
      if (r.ok) setRecorded((n) => n + 1);
    });
  }, [api, run.diagnosis, run.busy, serverLabel]);
  // Probes in flight, as the engine reports them (run id → probe name).
  const [inFlight, setInFlight] = useState<ReadonlyMap<string, string>>(new Map());
  useEffect(
    () =>
      api.onProbeProgress((e) =>
        setInFlight((prev) => {
          const next = new Map(prev);
          if (e.phase === 'started') next.set(e.runId, e.probe);
          else next.delete(e.runId);
          return next;
        }),
      ),
    [api],
  );

  const serverAccess = useRef<ServerAccessHandle | null>(null);
  const [connecting, setConnecting] = useState(false);
  /** A diagnosis waiting for the user to trust the server's unknown host key. */
  const waitingForTrust = useRef<Target | null>(null);
  const begin = (tg: Target, sessionId: string | null) => {
    const opts = readOptions(options);
    if (!opts.ok) return;
    setTarget(tg);
    // Server-side probes go to the engine: it runs them over the session, locally for a
    // target that is this machine, or answers that there is no server access. Manual mode
    // (no session) asks the user for the server's output instead.
    run.start(tg, manual && sessionId === null ? 'manual' : 'direct', false, {
      timeoutMs: opts.timeoutMs,
      ...(opts.service !== undefined ? { service: opts.service } : {}),
      sessionId,
    });
  };
  const start = async (tg: Target) => {
    if (!readOptions(options).ok) return;
    setReopened(null);
    waitingForTrust.current = null;
    // Server access filled in is never ignored: Diagnose opens it first.
    let opened: OpenOutcome = session ?? 'no-access';
    if (session === null && !manual && serverAccess.current) {
      setConnecting(true);
      try {
        opened = await serverAccess.current.connect();
      } finally {
        setConnecting(false);
      }
    }
    if (opened === 'failed') return; // said on the server access form
    if (opened === 'asked') {
      waitingForTrust.current = tg; // goes on once the key is trusted
      return;
    }
    begin(tg, opened === 'no-access' ? null : opened.sessionId);
  };
  const onSession = (s: SessionInfo | null) => {
    setSession(s);
    const waiting = waitingForTrust.current;
    waitingForTrust.current = null;
    if (s !== null && waiting !== null) begin(waiting, s.sessionId);
  };

  return (
    <div className="app" data-app-state={run.busy ? 'busy' : 'ready'} aria-busy={run.busy}>
      <header>
        <div>
          <h1>{t('app.title')}</h1>
          <p className="tagline">{t('app.tagline')}</p>
        </div>
        <div className="header-tools">
          <button
            type="button"
            aria-expanded={showHistory}
            aria-controls="history-panel"
            onClick={() => setShowHistory((v) => !v)}
          >
            {t('history.ui.button')}
          </button>
          <button
            type="button"
            aria-expanded={showChanges}
            aria-controls="changes-panel"
            onClick={() => setShowChanges((v) => !v)}
          >
            {t('changes.open')}
          </button>
          <LanguageSwitcher api={api} />
        </div>
      </header>
      {showHistory && (
        <div id="history-panel">
          <HistoryPanel
            api={api}
            refreshKey={recorded}
            onOpen={(s) => {
              setReopened(s);
              setShowHistory(false);
            }}
          />
        </div>
      )}
      {showChanges && (
        <div id="changes-panel">
          <ChangesPanel
            api={api}
            sessionId={session?.sessionId ?? null}
            refreshKey={`${run.diagnosis?.changeId ?? ''}/${String(run.diagnosis?.verified)}`}
          />
        </div>
      )}
      <main>
        <TargetForm
          key={formKey}
          busy={run.busy || connecting}
          onSubmit={(tg) => void start(tg)}
          prefill={prefill}
        />
        <ServerAccess
          api={api}
          session={session}
          onSession={onSession}
          handle={serverAccess}
          disabled={run.busy}
          prefill={prefill}
        />
        <DiagnoseOptions value={options} onChange={setOptions} disabled={run.busy} />
        {session === null && (
          <label className="manual-toggle">
            <input
              type="checkbox"
              checked={manual}
              onChange={(e) => setManual(e.target.checked)}
              disabled={run.busy}
            />{' '}
            {t('manual.toggle')}
          </label>
        )}
        <p className="hint">{t('app.tcpOnly')}</p>
        {run.busy && (
          <div className="busy" role="status">
            <span>
              {t('app.busy')} {target !== null && formatTarget(target)}
            </span>
            {run.progress !== null && (
              <progress max={run.progress.total} value={run.progress.finished} />
            )}
            {inFlight.size > 0 && (
              <span className="in-flight">{[...new Set(inFlight.values())].join(', ')}</span>
            )}
            <button type="button" onClick={run.cancel}>
              {t('app.cancel')}
            </button>
          </div>
        )}
        <ManualPaste
          api={api}
          awaiting={run.awaiting}
          recognised={run.recognised}
          onPaste={run.paste}
          onSkip={run.pasteSkip}
          onDone={run.pasteDone}
        />
        {run.lastError !== null && (
          <p role="alert" className="form-error">
            {t('result.error', { message: run.lastError })}
          </p>
        )}
        {/* The flowchart while it runs; once done, the answer comes first and the walk after. */}
        {run.busy && run.diagnosis === null && (
          <section className="flowchart" aria-labelledby="steps-heading">
            <h2 id="steps-heading">{t('steps.heading')}</h2>
            <StepList steps={run.steps} />
          </section>
        )}
        {reopened !== null && (
          <section className="reopened" aria-label={t('history.ui.heading')} data-reopened="">
            <p>
              {t('history.ui.reopened', {
                time: new Date(reopened.time).toLocaleString(
                  i18n.language === 'ko' ? 'ko-KR' : 'en-GB',
                ),
                server:
                  reopened.server !== null
                    ? t('history.ui.onServer', { server: reopened.server })
                    : '',
              })}
            </p>
            <button
              type="button"
              className="primary"
              onClick={() => {
                const { host, port } = reopened.diagnosis.target;
                setPrefill((prev) => ({
                  target: { host, port },
                  ssh: null,
                  seq: (prev?.seq ?? 0) + 1,
                }));
                void start({ host, port });
              }}
            >
              {t('history.ui.again')}
            </button>{' '}
            <button type="button" onClick={() => setReopened(null)}>
              {t('history.ui.close')}
            </button>
            <Wizard
              diagnosis={reopened.diagnosis}
              proof={<DiagnosisView diagnosis={reopened.diagnosis} onRetry={() => undefined} />}
              phase="idle"
              onApply={() => undefined}
              readOnly
            />
          </section>
        )}
        {reopened === null && run.diagnosis !== null && (
          <Wizard
            diagnosis={run.diagnosis}
            proof={<DiagnosisView diagnosis={run.diagnosis} onRetry={run.retry} />}
            phase={run.applyPhase}
            onApply={run.applyFix}
            passwordAsk={run.passwordAsk}
            server={session?.label ?? null}
            rollbackAt={run.rollbackAt}
          />
        )}
      </main>
    </div>
  );
}
