import { useTranslation } from 'react-i18next';
import type { FirewallData } from '../../../../shared/probe-data';
import '../wizard.css';

/**
 * The server's firewall: the rule that decides for the port highlighted, with the front
 * end (ufw, firewalld, fail2ban, docker) that owns it beside it; the path of the SYN
 * through the base chains; the tools found; ufw's own rules.
 */
export function FirewallView({ data, port }: { data: FirewallData; port: number }) {
  const { t } = useTranslation();
  const v = data.verdict;
  const rule = v?.rule ?? null;
  return (
    <div className="wz-ev wz-firewall">
      <h4>{t('wizard.ev.firewall.caption')}</h4>
      {v !== undefined && (
        <div
          className={`wz-rule ${v.verdict === 'accept' ? 'wz-good' : 'wz-bad'}`}
          data-firewall-verdict={v.verdict}
        >
          <p>
            <strong>{t('wizard.ev.firewall.deciding', { port })}</strong>:{' '}
            {t(`wizard.ev.firewall.verdict.${v.verdict}`)}
          </p>
          {rule !== null && (
            <div className="wz-rule-pair">
              <div className="wz-hl" data-deciding-rule="">
                <small>
                  <code>
                    {rule.source} {rule.table}/{rule.chain} #{rule.position}
                  </code>
                </small>
                <pre data-raw="">{rule.text}</pre>
              </div>
              {rule.frontEnd !== null && (
                <div className="wz-frontend" data-front-end={rule.frontEnd.source}>
                  <small>{t('wizard.ev.firewall.frontEnd', { tool: rule.frontEnd.source })}</small>
                  <pre data-raw="">{rule.frontEnd.text}</pre>
                </div>
              )}
            </div>
          )}
          {rule === null && v.verdict === 'accept' && v.acceptedBy != null && (
            <pre data-raw="">{v.acceptedBy.text}</pre>
          )}
          {rule === null && v.verdict === 'accept' && (
            <p className="wz-note">{t('wizard.ev.firewall.accepted')}</p>
          )}
          {v.ban != null && (
            <p className="wz-callout wz-bad">
              {t('wizard.ev.firewall.banned', { address: v.ban.address, jail: v.ban.jail })}
            </p>
          )}
        </div>
      )}
      {v?.path !== undefined && v.path.length > 0 && (
        <>
          <h5>{t('wizard.ev.firewall.path')}</h5>
          <ol className="wz-chain-path">
            {v.path.map((p, i) => (
              <li key={i}>
                <code>{p.stage}</code> → <code>{p.result}</code>
              </li>
            ))}
          </ol>
        </>
      )}
      <h5>{t('wizard.ev.firewall.backends')}</h5>
      <ul className="wz-backends">
        {data.backends.map((b) => (
          <li key={b.source}>
            <code>{b.source}</code>:{' '}
            {!b.present
              ? t('wizard.ev.firewall.absent')
              : b.readable
                ? t('wizard.ev.firewall.present')
                : t('wizard.ev.firewall.unreadable')}
          </li>
        ))}
      </ul>
      {data.ufw !== undefined && data.ufw.rules.length > 0 && (
        <details>
          <summary>{t('wizard.ev.firewall.ufwRules')}</summary>
          <pre data-raw="">{data.ufw.rules.join('\n')}</pre>
        </details>
      )}
    </div>
  );
}
