import { useTranslation } from 'react-i18next';
import type { InterfacesData, RouteData } from '../../../../shared/probe-data';
import '../wizard.css';

/** The route from one side towards the target. */
export function RouteLine({ side, route }: { side: 'client' | 'server'; route: RouteData }) {
  const { t } = useTranslation();
  const good = route.type === 'unicast' || route.type === 'local';
  return (
    <p className={`wz-route ${good ? 'wz-good' : 'wz-bad'}`} data-route-type={route.type}>
      <strong>{t('wizard.ev.network.route', { side: t(`wizard.ev.network.side.${side}`) })}</strong>
      : <code>{route.destination}</code> — {t(`wizard.ev.network.routeType.${route.type}`)}
      {route.via !== undefined && (
        <>
          {' '}
          {t('wizard.ev.network.via')} <code>{route.via}</code>
        </>
      )}
      {route.dev !== undefined && (
        <>
          {' '}
          {t('wizard.ev.network.dev')} <code>{route.dev}</code>
        </>
      )}
      {route.src !== undefined && (
        <>
          {' '}
          {t('wizard.ev.network.src')} <code>{route.src}</code>
        </>
      )}
    </p>
  );
}

/** The server's interfaces; the one carrying the target address is highlighted. */
export function InterfacesTable({ data }: { data: InterfacesData }) {
  const { t } = useTranslation();
  const carrier = data.target?.interface ?? null;
  return (
    <div className="wz-ev wz-interfaces">
      <table>
        <caption>{t('wizard.ev.network.interfaces')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('wizard.ev.network.name')}</th>
            <th scope="col">{t('wizard.ev.network.state')}</th>
            <th scope="col">{t('wizard.ev.network.addresses')}</th>
          </tr>
        </thead>
        <tbody>
          {data.interfaces.map((i) => (
            <tr key={i.name} className={i.name === carrier ? 'wz-hl' : undefined}>
              <td>
                <code>{i.name}</code>
              </td>
              <td className={i.up ? 'wz-good' : 'wz-bad'}>
                {i.up ? t('wizard.ev.network.up') : t('wizard.ev.network.down')}{' '}
                <small>
                  <code>{i.operState}</code>
                </small>
              </td>
              <td>
                {i.addresses.map((a) => (
                  <code key={a.address} className="wz-addr">
                    {a.address}/{a.prefix}
                  </code>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {data.target !== undefined && (
        <p className={`wz-callout ${carrier !== null ? 'wz-good' : 'wz-bad'}`}>
          {carrier !== null
            ? t('wizard.ev.network.carrier', { address: data.target.address, iface: carrier })
            : t('wizard.ev.network.missing', { address: data.target.address })}
        </p>
      )}
    </div>
  );
}
