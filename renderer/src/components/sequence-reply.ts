import type { Outcome } from '../../../shared/causes';
import type { CaptureData, ConnectData } from '../../../shared/probe-data';

/** What came back for the SYN, as the diagram draws it. */
export type Reply = 'syn-ack' | 'rst' | 'icmp' | 'none' | 'no-syn';

/** The reply the client saw, refined by a server capture when there is one. */
export function replyOf(
  outcome: Outcome,
  connect: ConnectData | undefined,
  capture: CaptureData | undefined,
): Reply {
  if (outcome === 'dns-failure') return 'no-syn';
  if (outcome === 'ok') return 'syn-ack';
  if (outcome === 'timeout') return 'none';
  if (outcome === 'unreachable') return 'icmp';
  if (capture?.answer === 'icmp') return 'icmp';
  const first = connect?.attempts.find((a) => a.result !== 'ok');
  if (first && ['host-unreachable', 'net-unreachable', 'prohibited'].includes(first.result)) {
    return 'icmp';
  }
  return 'rst';
}
