import { describe, expect, it } from 'vitest';
import { waitFor } from 'xstate';
import type { ParsePastedInput } from '../../../../shared/flowchart/diagnose.machine';
import { ProbeRequestSchema } from '../../../../shared/probe-request';
import { TARGET, connect, listeners } from '../diagnosis/make-evidence';
import { inconclusive, run } from './machine-harness';

describe('diagnose machine, manual mode (pasted server outputs)', () => {
  it('manual mode waits for pasted outputs, parses them, then decides', async () => {
    const parsed: ParsePastedInput[] = [];
    const { actor, requests } = run(
      (req) => Promise.resolve(req.probe === 'connect' ? connect('refused') : inconclusive(req)),
      (input) => {
        parsed.push(input);
        return listeners([{ address: '127.0.0.1' }]);
      },
    );
    actor.send({ type: 'diagnose.start', target: TARGET, access: 'manual' });
    await waitFor(actor, (s) => s.matches({ gather: { connect: 'done' } }));
    const snap = actor.getSnapshot();
    expect(snap.matches({ gather: { listeners: 'awaitingPaste' } })).toBe(true);
    expect(snap.matches({ gather: { capture: 'skipped' } })).toBe(true);
    expect(requests.every((r) => r.vantage === 'client')).toBe(true);
    actor.send({
      type: 'manual.paste',
      probe: 'listeners',
      stdout: 'LISTEN 0 5 127.0.0.1:8080 0.0.0.0:*',
    });
    await waitFor(actor, (s) => s.matches({ gather: { listeners: 'done' } }));
    actor.send({ type: 'manual.done' });
    const done = await waitFor(actor, (s) => s.matches('done'));
    expect(parsed[0]?.stdout).toContain('127.0.0.1:8080');
    expect(parsed[0]?.request).toMatchObject({ probe: 'listeners', vantage: 'server' });
    expect(done.context.diagnosis?.cause).toBe('bound-to-other-address');
  });

  it('manual mode, name target: a route paste waits for dns, then parses with the address', async () => {
    let answerDns: () => void = () => undefined;
    const dnsGate = new Promise<void>((r) => (answerDns = r));
    const parsed: ParsePastedInput[] = [];
    const { actor } = run(
      async (req) => {
        if (req.probe !== 'dns') return inconclusive(req);
        await dnsGate;
        const data = {
          name: 'web.example',
          addresses: [{ address: '10.61.0.7', family: 4 }],
          hostsFileMatch: null,
        };
        return { ...inconclusive(req), status: 'pass', ok: true, data };
      },
      (input) => {
        parsed.push(input);
        return inconclusive(ProbeRequestSchema.parse(input.request));
      },
    );
    actor.send({
      type: 'diagnose.start',
      target: { host: 'web.example', port: 80 },
      access: 'manual',
    });
    actor.send({ type: 'manual.paste', probe: 'route', stdout: '[]' });
    actor.send({ type: 'manual.paste', probe: 'listeners', stdout: '' });
    actor.send({ type: 'manual.done' });
    // listeners needs no address: parsed at once; route waits for the client's dns.
    await waitFor(actor, (s) => s.matches({ gather: { listeners: 'done' } }));
    expect(parsed.map((p) => p.probe)).toEqual(['listeners']);
    expect(actor.getSnapshot().matches({ gather: { serverRoute: 'awaitingPaste' } })).toBe(true);
    expect(actor.getSnapshot().matches({ gather: { firewall: 'skipped' } })).toBe(true);
    answerDns();
    await waitFor(actor, (s) => s.matches('done'));
    expect(parsed.find((p) => p.probe === 'route')?.request).toMatchObject({
      address: '10.61.0.7',
    });
  });
});
