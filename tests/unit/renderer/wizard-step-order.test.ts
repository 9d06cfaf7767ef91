import { describe, expect, it } from 'vitest';
import { diagnoseMachine } from '../../../shared/flowchart/diagnose.machine';
import { decisionStepOrder } from '../../../renderer/src/wizard/step-order';
import { DECISION_STEPS } from '../../../renderer/src/wizard/types';

describe('decisionStepOrder (the flowchart map follows the machine)', () => {
  it('takes the machine’s declaration order of the seven decision steps', () => {
    const states = {
      idle: {},
      gather: {},
      dns: {},
      route: {},
      path: {},
      network: {},
      firewall: {},
      service: {},
      listening: {},
      done: {},
    };
    expect(decisionStepOrder(states)).toEqual([
      'dns',
      'route',
      'path',
      'network',
      'firewall',
      'service',
      'listening',
    ]);
  });
  it('falls back to the DESIGN order for a machine that lacks some steps', () => {
    expect(decisionStepOrder({ dns: {}, service: {} })).toEqual([...DECISION_STEPS]);
    expect(decisionStepOrder(undefined)).toEqual([...DECISION_STEPS]);
  });
  it('gives the seven steps for the real machine', () => {
    expect([...decisionStepOrder(diagnoseMachine.config.states)].sort()).toEqual(
      [...DECISION_STEPS].sort(),
    );
  });
});
