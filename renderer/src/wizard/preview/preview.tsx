import i18next from 'i18next';
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { initReactI18next } from 'react-i18next';
import { resources } from '../../../../shared/i18n/resources';
import { pickLanguage } from '../../i18n/pick-language';
import '../../styles.css';
import { AnswerCard } from '../AnswerCard';
import { ConsentDialog, type ApplyPhase } from '../ConsentDialog';
import { HandshakeView } from '../evidence/HandshakeView';
import { StepWalk, useWalk } from '../StepWalk';
import type { PasswordAsk } from '../types';
import { captureData, connectData } from '../../../../shared/diagnosis/evidence-view';
import { CASES, previewFindings, previewFixes, type CaseId } from './preview-data';

/**
 * Development-only page (never part of the app build: electron-vite's renderer input is
 * index.html alone): renders the wizard components with real captured diagnoses.
 * `?case=closed|loopback|ok&lang=en|ko&fix=1&phase=idle|applying|done&verified=true`.
 */
function Preview({ q }: { q: URLSearchParams }) {
  const id = (q.get('case') ?? 'closed') as CaseId;
  const d = CASES[id] ?? CASES.closed;
  const findings = previewFindings(d);
  const [walking, setWalking] = useState(q.get('walk') === '1');
  const walk = useWalk();
  const fixes = q.get('fix') === '1' ? previewFixes() : [];
  const [open, setOpen] = useState(q.get('dialog') === '1');
  const [ask, setAsk] = useState<PasswordAsk | null>(null);
  const [selected, setSelected] = useState(fixes[0]?.id ?? '');
  const [phase, setPhase] = useState<ApplyPhase>((q.get('phase') as ApplyPhase | null) ?? 'idle');
  const target = { host: d.target.host, port: d.target.port };
  const connect = connectData(d.evidence);
  const capture = captureData(d.evidence);
  return (
    <div className="app" data-app-state="ready">
      <AnswerCard
        cause={d.cause}
        confidence={d.confidence}
        summary={{ text: d.summary }}
        fix={fixes[0] ?? null}
        nextSteps={(d.nextSteps ?? []).map((s) => ({ why: s.why, command: s.command }))}
        verified={q.get('verified') === null ? null : q.get('verified') === 'true'}
        proof={
          <HandshakeView
            outcome={d.outcome}
            {...(connect !== undefined ? { connect } : {})}
            {...(capture !== undefined ? { capture } : {})}
          />
        }
        onApplyFix={() => setOpen(true)}
        onStepByStep={() => setWalking(true)}
      />
      {walking && (
        <StepWalk
          walk={walk}
          steps={findings}
          evidence={d.evidence}
          target={target}
          outcome={d.outcome}
          onSkip={() => walk.go(walk.index + 1)}
        />
      )}
      {fixes.length > 0 && (
        <ConsentDialog
          open={open}
          onOpenChange={setOpen}
          fixes={fixes}
          selectedId={selected}
          onSelect={setSelected}
          onApply={() => {
            setPhase('applying');
            if (q.get('sudo') !== null) {
              setAsk({
                refused: null,
                answer: (pw) => {
                  setAsk(null);
                  if (pw === null) setPhase('failed');
                },
              });
            }
          }}
          passwordAsk={ask}
          phase={phase}
          verified={q.get('verified') === null ? null : q.get('verified') === 'true'}
          deadmanSeconds={q.get('deadman') === null ? null : Number(q.get('deadman'))}
        />
      )}
    </div>
  );
}

const q = new URLSearchParams(window.location.search);
const lng = pickLanguage(window.location.search, navigator.languages);
void i18next
  .use(initReactI18next)
  .init({
    lng,
    fallbackLng: 'en',
    resources,
    interpolation: { escapeValue: false },
  })
  .then(() => {
    document.documentElement.lang = lng;
    const root = document.getElementById('root');
    if (root)
      createRoot(root).render(
        <StrictMode>
          <Preview q={q} />
        </StrictMode>,
      );
  });
