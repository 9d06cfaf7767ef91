import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Api } from '../../../shared/ipc/contracts';
import type { ProbeId } from '../../../shared/evidence';
import type { AwaitedPaste, PasteReading } from '../../../shared/flowchart/wizard-view';
import { argvToText } from '../../../shared/argv-text';
import { CommandLine } from './CommandLine';
import { useMessageText } from '../wizard/use-msg-text';

/** One server-side check waiting for pasted output. */
export type { AwaitedPaste };

function PasteBox({
  api,
  item,
  onPaste,
  onSkip,
}: {
  api: Api;
  item: AwaitedPaste;
  onPaste: (probe: ProbeId, stdout: string) => void;
  onSkip: (probe: ProbeId) => void;
}) {
  const { t } = useTranslation();
  const [cmd, setCmd] = useState<{ commands: string[][]; privileged: boolean } | null>(null);
  const [text, setText] = useState('');
  const [copiedAll, setCopiedAll] = useState(false);
  useEffect(() => {
    let live = true;
    void api.probeCommands({ request: item.request }).then((r) => {
      if (live && r.ok) setCmd(r.value);
    });
    return () => {
      live = false;
    };
  }, [api, item.request]);
  const id = `paste-${item.probe}`;
  // Commands that need root are shown with sudo, exactly as they are to be typed.
  const commands = (cmd?.commands ?? []).map((argv) =>
    cmd?.privileged === true ? ['sudo', ...argv] : argv,
  );
  return (
    <div className="paste" data-paste={item.probe}>
      <h3>{t(`manual.what.${item.probe}`, { defaultValue: item.probe })}</h3>
      <p className="hint">
        {commands.length > 1 ? t('manual.runAll', { count: commands.length }) : t('manual.run')}
      </p>
      {commands.map((argv, i) => (
        <CommandLine key={i} argv={argv} />
      ))}
      {commands.length > 1 && (
        <button
          type="button"
          className="copy"
          onClick={() => {
            void navigator.clipboard
              ?.writeText(commands.map((a) => argvToText(a)).join('\n') + '\n')
              .then(() => setCopiedAll(true))
              .catch(() => setCopiedAll(false));
          }}
        >
          {copiedAll ? t('result.copied') : t('manual.copyAll', { count: commands.length })}
        </button>
      )}
      {cmd?.privileged === true && <p className="hint">{t('manual.sudo')}</p>}
      <label htmlFor={id}>{t('manual.paste', { probe: item.probe })}</label>
      <textarea
        id={id}
        rows={6}
        value={text}
        spellCheck={false}
        autoFocus
        onChange={(e) => setText(e.target.value)}
      />
      <div className="paste-buttons">
        <button
          type="button"
          className="primary"
          onClick={() => onPaste(item.probe, text)}
          disabled={text.trim() === ''}
        >
          {t('manual.submit')}
        </button>
        <button type="button" onClick={() => onSkip(item.probe)}>
          {t('manual.skip')}
        </button>
      </div>
    </div>
  );
}

/**
 * Manual mode as a guided walk: one server-side check at a time — the exact command to
 * run there (with sudo where it needs root), a box for its output, read by the engine's
 * own parsers — and what each pasted output was read as (or why it was not recognised).
 * Skipping a check leaves its step unknown; it never counts as "not installed".
 */
export function ManualPaste({
  api,
  awaiting,
  recognised,
  onPaste,
  onSkip,
  onDone,
}: {
  api: Api;
  awaiting: readonly AwaitedPaste[];
  recognised: readonly PasteReading[];
  onPaste: (probe: ProbeId, stdout: string) => void;
  onSkip: (probe: ProbeId) => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const text = useMessageText();
  const item = awaiting[0];
  if (item === undefined) return null;
  const total = awaiting.length + recognised.length;
  return (
    <section className="manual" aria-labelledby="manual-heading">
      <h2 id="manual-heading">{t('manual.heading')}</h2>
      <p>{t('manual.progress', { n: recognised.length + 1, total })}</p>
      <ul className="paste-readings" role="status" aria-live="polite">
        {recognised.map((r) => (
          <li key={r.probe} data-paste-read={r.probe} data-status={r.status}>
            {r.status === 'inconclusive'
              ? t('manual.notRecognised', { probe: r.probe })
              : t('manual.recognised', { probe: r.probe })}{' '}
            <samp>{text(r.message, r.summary)}</samp>
          </li>
        ))}
      </ul>
      <PasteBox key={item.probe} api={api} item={item} onPaste={onPaste} onSkip={onSkip} />
      <button type="button" className="manual-done" onClick={onDone}>
        {t('manual.done')}
      </button>
    </section>
  );
}
