import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Outcome } from '../../../shared/causes';
import type { CaptureData, ConnectData } from '../../../shared/probe-data';
import { replyOf, type Reply } from './sequence-reply';

/**
 * The TCP handshake as it happened: the client's SYN and what came back (SYN-ACK, RST,
 * ICMP, or nothing before the timeout), drawn as a two-lane sequence diagram. With
 * `side="server"` it draws what the server's packet capture saw instead: whether the SYN
 * arrived at all, and what the server answered.
 */
export function SequenceDiagram({
  outcome,
  connect,
  capture,
  side = 'client',
  caption,
}: {
  outcome: Outcome;
  connect?: ConnectData;
  capture?: CaptureData;
  side?: 'client' | 'server';
  /** Replaces the legend under the diagram. */
  caption?: string;
}) {
  const { t } = useTranslation();
  const captionId = useId();
  const reply =
    side === 'server' && capture !== undefined
      ? capture.answer
      : replyOf(outcome, connect, capture);
  const synLost = side === 'server' && capture?.synSeen === false;
  const replyLabel: Record<Exclude<Reply, 'no-syn'>, string> = {
    'syn-ack': t('seq.synAck'),
    rst: t('seq.rst'),
    icmp: t('seq.icmp'),
    none: t('seq.nothing'),
  };
  const from = connect?.attempts[0]?.address;
  return (
    <figure className="seq" data-reply={reply}>
      <svg viewBox="0 0 420 150" role="img" aria-labelledby={captionId}>
        <text x="60" y="18" textAnchor="middle" className="seq-actor">
          {t('seq.client')}
        </text>
        <text x="360" y="18" textAnchor="middle" className="seq-actor">
          {t('seq.server')}
        </text>
        {from !== undefined && (
          <text x="360" y="32" textAnchor="middle" className="seq-addr">
            {from}
          </text>
        )}
        <line x1="60" y1="38" x2="60" y2="145" className="seq-life" />
        <line x1="360" y1="38" x2="360" y2="145" className="seq-life" />
        {reply === 'no-syn' ? (
          <text x="210" y="80" textAnchor="middle" className="seq-note">
            {t('seq.noDns')}
          </text>
        ) : (
          <>
            {synLost ? (
              <>
                <line x1="60" y1="60" x2="300" y2="72" className="seq-msg seq-missing" />
                <text x="315" y="78" textAnchor="middle" className="seq-cross">
                  ✕
                </text>
              </>
            ) : (
              <>
                <line x1="60" y1="60" x2="352" y2="75" className="seq-msg" />
                <polygon points="352,70 360,76 351,80" className="seq-head" />
              </>
            )}
            <text x="200" y="58" textAnchor="middle" className="seq-label">
              {t('seq.syn')}
            </text>
            {synLost ? null : reply === 'none' ? (
              <>
                <line x1="360" y1="100" x2="90" y2="115" className="seq-msg seq-missing" />
                <text x="75" y="120" textAnchor="middle" className="seq-cross">
                  ✕
                </text>
              </>
            ) : (
              <>
                <line
                  x1="360"
                  y1="100"
                  x2="68"
                  y2="115"
                  className={`seq-msg seq-${reply === 'syn-ack' ? 'good' : 'bad'}`}
                />
                <polygon points="68,110 60,116 69,120" className="seq-head" />
              </>
            )}
            {!synLost && (
              <text x="210" y="98" textAnchor="middle" className="seq-label">
                {replyLabel[reply]}
              </text>
            )}
          </>
        )}
      </svg>
      <figcaption id={captionId}>{caption ?? t(`seq.legend.${outcome}`)}</figcaption>
    </figure>
  );
}
