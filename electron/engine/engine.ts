import { msg } from '../../shared/i18n/message';
import { english } from '../../shared/i18n/translate';
import type { Evidence, ProbeId } from '../../shared/evidence';
import { ProbeRequestSchema, type ProbeRequest } from '../../shared/probe-request';
import { safeDeep } from '../../shared/text';
import { captureProbe } from './probes/capture.probe';
import { configProbe } from './probes/config.probe';
import { connectProbe } from './probes/connect.probe';
import { dnsProbe } from './probes/dns.probe';
import { firewallProbe } from './probes/firewall.probe';
import { interfacesProbe } from './probes/interfaces.probe';
import { listenersProbe } from './probes/listeners.probe';
import type { ProbeContext, ProbeRunner } from './probes/registry';
import { routeProbe } from './probes/route.probe';
import { serviceProbe } from './probes/service.probe';
import { sweepProbe } from './probes/sweep.probe';
import { inconclusiveEvidence } from '../../shared/inconclusive-evidence';

/**
 * The engine facade: validated probe requests in, evidence out. Used by the Electron main
 * process (IPC), by browser mode (WebSocket) and by the CLI — one code path for all three.
 */

/** Every probe id mapped to its implementation. */
export const PROBE_RUNNERS: Record<ProbeId, ProbeRunner> = {
  connect: connectProbe,
  dns: dnsProbe,
  listeners: listenersProbe,
  service: serviceProbe,
  interfaces: interfacesProbe,
  route: routeProbe,
  firewall: firewallProbe,
  capture: captureProbe,
  sweep: sweepProbe,
  config: configProbe,
};

/**
 * Validates a request (throws a ZodError on bad input) and runs the probe. Every string of
 * the evidence — summary, reason, data built from remote text, raw output — leaves here
 * stripped of control characters and capped with a "(cut)" marker (DESIGN §4).
 */
export async function runProbe(request: ProbeRequest, ctx: ProbeContext): Promise<Evidence> {
  const req = ProbeRequestSchema.parse(request);
  if (req.vantage === 'server' && !ctx.server) {
    const summary = msg('evidence.noServerAccessHint');
    return inconclusiveEvidence(req.probe, 'server', [], msg('evidence.noServerAccess'), {
      summary: english(summary),
      message: summary,
    });
  }
  return safeDeep(await PROBE_RUNNERS[req.probe](req, ctx));
}
