import { useTranslation } from 'react-i18next';
import type { Outcome } from '../../../../shared/causes';
import type { CaptureData, ConnectData } from '../../../../shared/probe-data';
import { SequenceDiagram } from '../../components/SequenceDiagram';
import '../wizard.css';

/**
 * The TCP handshake from the client's view and, when a capture ran on the server, from
 * the server's: side by side, so "it never arrived" and "the server said no" differ.
 */
export function HandshakeView({
  outcome,
  connect,
  capture,
}: {
  outcome: Outcome;
  connect?: ConnectData;
  capture?: CaptureData;
}) {
  const { t } = useTranslation();
  return (
    <div className="wz-ev wz-handshake">
      <h4>{t('wizard.ev.handshake.heading')}</h4>
      <div className="wz-handshake-pair">
        <div data-handshake-side="client">
          <h5>{t('wizard.ev.handshake.clientView')}</h5>
          <SequenceDiagram
            outcome={outcome}
            {...(connect !== undefined ? { connect } : {})}
            {...(capture !== undefined ? { capture } : {})}
          />
        </div>
        {capture !== undefined && (
          <div data-handshake-side="server">
            <h5>{t('wizard.ev.handshake.serverView')}</h5>
            <SequenceDiagram
              outcome={outcome}
              capture={capture}
              side="server"
              caption={
                capture.synSeen
                  ? t('wizard.ev.handshake.synSeen')
                  : t('wizard.ev.handshake.synNotSeen')
              }
            />
            {capture.armed === false && (
              <p className="wz-note">{t('wizard.ev.handshake.notArmed')}</p>
            )}
            {capture.packets.length > 0 && (
              <details>
                <summary>{t('wizard.ev.raw')}</summary>
                <pre data-raw="">{capture.packets.join('\n')}</pre>
              </details>
            )}
          </div>
        )}
      </div>
    </div>
  );
}
