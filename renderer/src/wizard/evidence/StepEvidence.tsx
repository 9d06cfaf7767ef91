import { useTranslation } from 'react-i18next';
import type { Outcome } from '../../../../shared/causes';
import {
  captureData,
  connectData,
  dnsData,
  findEvidence,
  firewallData,
  interfacesData,
  listenersData,
  reachedAddress,
  routeData,
  serviceData,
} from '../../../../shared/diagnosis/evidence-view';
import type { Evidence, ProbeId, Vantage } from '../../../../shared/evidence';
import type { Target } from '../../../../shared/target';
import type { DecisionStep } from '../types';
import { FirewallView } from './FirewallView';
import { HandshakeView } from './HandshakeView';
import { ListenersTable } from './ListenersTable';
import { InterfacesTable, RouteLine } from './NetworkView';
import { RawOutput } from './RawOutput';
import { ServiceView } from './ServiceView';

/** The probes each step shows (its evidence ids `<vantage>.<probe>`). */
const STEP_SOURCES: Record<DecisionStep, readonly [Vantage, ProbeId][]> = {
  dns: [['client', 'dns']],
  route: [
    ['client', 'route'],
    ['client', 'connect'],
  ],
  network: [
    ['server', 'interfaces'],
    ['server', 'route'],
  ],
  path: [
    ['server', 'capture'],
    ['client', 'connect'],
  ],
  firewall: [['server', 'firewall']],
  listening: [
    ['server', 'listeners'],
    ['server', 'connect'],
  ],
  service: [['server', 'service']],
};

/** What one decision step saw, drawn with the evidence view that fits it. */
export function StepEvidence({
  step,
  evidence,
  target,
  outcome,
}: {
  step: DecisionStep;
  evidence: readonly Evidence[];
  target: Target;
  outcome: Outcome;
}) {
  const { t } = useTranslation();
  const connect = connectData(evidence, 'client');
  const capture = captureData(evidence);
  const views = (() => {
    switch (step) {
      case 'dns': {
        const d = dnsData(evidence);
        return d === undefined ? null : (
          <p>
            <code>{d.name}</code> →{' '}
            {d.addresses.length > 0 ? (
              d.addresses.map((a) => (
                <code key={a.address} className="wz-addr">
                  {a.address}
                </code>
              ))
            ) : (
              <code>{d.error ?? '—'}</code>
            )}
          </p>
        );
      }
      case 'route': {
        const r = routeData(evidence, 'client');
        return r === undefined ? null : <RouteLine side="client" route={r} />;
      }
      case 'network': {
        const i = interfacesData(evidence);
        const r = routeData(evidence, 'server');
        return i === undefined && r === undefined ? null : (
          <>
            {i !== undefined && <InterfacesTable data={i} />}
            {r !== undefined && <RouteLine side="server" route={r} />}
          </>
        );
      }
      case 'path':
        return connect === undefined && capture === undefined ? null : (
          <HandshakeView
            outcome={outcome}
            {...(connect !== undefined ? { connect } : {})}
            {...(capture !== undefined ? { capture } : {})}
          />
        );
      case 'firewall': {
        const f = firewallData(evidence);
        return f === undefined ? null : <FirewallView data={f} port={target.port} />;
      }
      case 'listening': {
        const l = listenersData(evidence);
        return l === undefined ? null : (
          <ListenersTable data={l} port={target.port} reached={reachedAddress(target, evidence)} />
        );
      }
      case 'service': {
        const s = serviceData(evidence);
        return s === undefined ? null : <ServiceView data={s} />;
      }
    }
  })();
  const sources = STEP_SOURCES[step]
    .map(([vantage, probe]) => findEvidence(evidence, probe, vantage))
    .filter((e): e is Evidence => e !== undefined);
  return (
    <div className="wz-step-evidence" data-evidence-step={step}>
      {views ?? <p className="wz-note">{t('wizard.step.noEvidence')}</p>}
      {sources.map((e) => (
        <div key={`${e.vantage}.${e.probe}`} data-evidence-id={`${e.vantage}.${e.probe}`}>
          <RawOutput
            label={`${e.vantage}.${e.probe}`}
            command={e.command}
            {...(e.raw !== undefined ? { raw: e.raw } : {})}
          />
        </div>
      ))}
    </div>
  );
}
