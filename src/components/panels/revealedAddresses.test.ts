import { describe, expect, it } from 'vitest';
import type { TerminalEntry } from '../../app/terminal.svelte.ts';
import { type LearnerProgress, revealedAddresses, terminalTexts } from './revealedAddresses.ts';

const ADDRESSES = [
  { name: 'frontend/frontend-external', ip: '35.202.118.74' },
  { name: 'istio-system/istio-ingressgateway', ip: '34.136.92.187' },
];
const FIRST_STEP: LearnerProgress = { mode: 'lesson', stepIndex: 0, completed: [] };

const GET_SVC_FRONTEND = `NAME                TYPE           CLUSTER-IP     EXTERNAL-IP     PORT(S)        AGE
frontend            ClusterIP      10.0.12.7      <none>          80/TCP         5d
frontend-external   LoadBalancer   10.0.4.201     35.202.118.74   80:31380/TCP   5d
`;

function entry(input: string, output = ''): TerminalEntry {
  return { id: 1, prompt: '$ ', input, output: output ? [{ stream: 'stdout', text: output }] : [] };
}

describe('revealedAddresses', () => {
  it('knows no external IP at the start of a lesson', () => {
    expect(revealedAddresses(ADDRESSES, FIRST_STEP, [])).toEqual([]);
  });

  it('knows an IP once kubectl printed it, and only that one', () => {
    const seen = terminalTexts([entry('kubectl get services -n frontend', GET_SVC_FRONTEND)]);
    expect(revealedAddresses(ADDRESSES, FIRST_STEP, seen)).toEqual(['35.202.118.74']);
  });

  it('knows an IP the learner typed, in the terminal or in the browser', () => {
    expect(revealedAddresses(ADDRESSES, FIRST_STEP, ['curl -s http://34.136.92.187/'])).toEqual(['34.136.92.187']);
    expect(revealedAddresses(ADDRESSES, FIRST_STEP, ['http://35.202.118.74:80/', '34.136.92.187'])).toEqual(['35.202.118.74', '34.136.92.187']);
  });

  it('does not take part of a longer address for the IP', () => {
    expect(revealedAddresses(ADDRESSES, FIRST_STEP, ['135.202.118.74', '35.202.118.745', '34.136.92.187.1', '1.34.136.92.187'])).toEqual([]);
  });

  it('knows every IP in the sandbox and past the first step of a lesson', () => {
    expect(revealedAddresses(ADDRESSES, { mode: 'sandbox', stepIndex: 0, completed: [] }, [])).toEqual(['35.202.118.74', '34.136.92.187']);
    expect(revealedAddresses(ADDRESSES, { mode: 'lesson', stepIndex: 2, completed: [] }, [])).toEqual(['35.202.118.74', '34.136.92.187']);
    expect(revealedAddresses(ADDRESSES, { mode: 'lesson', stepIndex: 0, completed: ['connect'] }, [])).toEqual(['35.202.118.74', '34.136.92.187']);
  });
});
