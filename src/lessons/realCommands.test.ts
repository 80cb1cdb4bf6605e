import { describe, expect, it } from 'vitest';
import type { Lesson } from './types.ts';
import { toRealScript } from './realCommands.ts';

const t = (en: string) => ({ en, ja: `${en}（日本語）` });
const lesson: Lesson = {
  id: 'x',
  title: t('Lesson X'),
  summary: t('s'),
  steps: [
    {
      id: 'a',
      title: t('Credentials'),
      body: t('b'),
      commands: [],
      solution: 'gcloud container clusters get-credentials boutique \\\n  --project=mtls-playground \\\n  --zone=us-central1-c\ncurl -s -o /dev/null -w "%{http_code}\\n" http://35.202.118.74/\ncurl http://34.136.92.187/',
      check: () => ({ pass: true, detail: t('') }),
      hints: [],
    },
    {
      id: 'b',
      title: t('Apply'),
      body: t('b'),
      commands: ['kubectl get pa -A'],
      solution: '',
      check: () => ({ pass: true, detail: t('') }),
      hints: [],
    },
  ],
};

describe('toRealScript', () => {
  it('turns the simulator-only values into variables read from the real cluster', () => {
    const script = toRealScript(lesson, lesson.steps, 'en', { frontend: '35.202.118.74', gateway: '34.136.92.187' });
    expect(script).toContain('#!/usr/bin/env bash\n# Lesson X\n');
    expect(script).toContain('PROJECT_ID="${PROJECT_ID:?set PROJECT_ID to your Google Cloud project}"');
    expect(script).toContain("FRONTEND_IP=$(kubectl get service frontend-external -n frontend -o jsonpath='{.status.loadBalancer.ingress[0].ip}')");
    expect(script).toContain('--project="$PROJECT_ID" \\\n');
    expect(script).toContain('http://${FRONTEND_IP}/');
    expect(script).toContain('curl http://${GATEWAY_IP}/');
    expect(script).not.toMatch(/35\.202\.118\.74|34\.136\.92\.187|mtls-playground/);
    // A step without a solution script falls back to its commands.
    expect(script).toContain('# 2. Apply\nkubectl get pa -A\n');
    expect(script).not.toContain('set -e\n');
  });

  it("starts with the lesson's setup when the script starts at step 1", () => {
    const withSetup = { ...lesson, setup: 'kubectl create namespace legacy' };
    expect(toRealScript(withSetup, withSetup.steps, 'en', {})).toContain("# 0. Prepare the lesson's starting point\nkubectl create namespace legacy\n\n# 1. Credentials");
    expect(toRealScript(withSetup, [withSetup.steps[1]!], 'en', {})).not.toContain('legacy');
  });

  it('writes its comments in the learner language and only defines what is used', () => {
    const script = toRealScript(lesson, [lesson.steps[1]!], 'ja', { frontend: '35.202.118.74', gateway: '34.136.92.187' });
    expect(script).toContain('# 2. Apply（日本語）');
    expect(script).toContain('実行前に内容を確認してください');
    expect(script).not.toContain('FRONTEND_IP=');
    expect(script).not.toContain('PROJECT_ID=');
  });
});
