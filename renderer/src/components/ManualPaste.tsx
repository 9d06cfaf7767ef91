import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Api } from '../../../shared/ipc/contracts';
import type { ProbeId } from '../../../shared/evidence';
import type { AwaitedPaste } from '../../../shared/flowchart/wizard-view';
import { CommandLine } from './CommandLine';

/** One server-side check waiting for pasted output. */
export type { AwaitedPaste };

function PasteBox({
  api,
  item,
  onPaste,
}: {
  api: Api;
  item: AwaitedPaste;
  onPaste: (probe: ProbeId, stdout: string) => void;
}) {
  const { t } = useTranslation();
  const [cmd, setCmd] = useState<{ commands: string[][]; privileged: boolean } | null>(null);
  const [text, setText] = useState('');
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
  return (
    <li className="paste" data-paste={item.probe}>
      {cmd?.commands.map((argv, i) => (
        <CommandLine key={i} argv={argv} />
      ))}
      {cmd?.privileged === true && <p className="hint">{t('manual.sudo')}</p>}
      <label htmlFor={id}>{t('manual.paste', { probe: item.probe })}</label>
      <textarea
        id={id}
        rows={5}
        value={text}
        spellCheck={false}
        onChange={(e) => setText(e.target.value)}
      />
      <button type="button" onClick={() => onPaste(item.probe, text)} disabled={text === ''}>
        {t('manual.submit')}
      </button>
    </li>
  );
}

/**
 * Manual mode: the exact command for each server-side check and a box for its output,
 * read by the engine's own parsers.
 */
export function ManualPaste({
  api,
  awaiting,
  onPaste,
  onDone,
}: {
  api: Api;
  awaiting: readonly AwaitedPaste[];
  onPaste: (probe: ProbeId, stdout: string) => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  if (awaiting.length === 0) return null;
  return (
    <section className="manual" aria-labelledby="manual-heading">
      <h2 id="manual-heading">{t('manual.heading')}</h2>
      <ul>
        {awaiting.map((item) => (
          <PasteBox key={item.probe} api={api} item={item} onPaste={onPaste} />
        ))}
      </ul>
      <button type="button" onClick={onDone}>
        {t('manual.done')}
      </button>
    </section>
  );
}
