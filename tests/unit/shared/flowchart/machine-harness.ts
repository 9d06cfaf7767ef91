import { createActor, fromPromise } from 'xstate';
import {
  diagnoseMachine,
  type ParsePastedInput,
} from '../../../../shared/flowchart/diagnose.machine';
import type { Evidence } from '../../../../shared/evidence';
import type { ProbeRequest } from '../../../../shared/probe-request';
import type { ProbeRunInput } from '../../../../shared/flowchart/diagnose.setup';

/** The flowchart machine with stub actors, for tests (`machine.provide` + `createActor`). */

export type Answer = (req: ProbeRequest, signal: AbortSignal) => Promise<Evidence>;

export function inconclusive(req: ProbeRequest): Evidence {
  return {
    probe: req.probe,
    vantage: req.vantage,
    command: [],
    ok: false,
    status: 'inconclusive',
    summary: 'stub',
    reason: 'stub',
    data: null,
    ms: 0,
  };
}

export function run(answer: Answer, parse?: (i: ParsePastedInput) => Evidence) {
  const requests: ProbeRequest[] = [];
  const machine = diagnoseMachine.provide({
    actors: {
      runProbe: fromPromise<Evidence, ProbeRunInput>(({ input, signal }) => {
        requests.push(input.request);
        return answer(input.request, signal);
      }),
      parsePasted: fromPromise<Evidence, ParsePastedInput>(({ input }) =>
        parse ? Promise.resolve(parse(input)) : Promise.reject(new Error('no parser')),
      ),
    },
  });
  const actor = createActor(machine).start();
  return { actor, requests };
}
