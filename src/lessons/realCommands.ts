import type { Locale, LocalizedText } from '../domain/locale.ts';
import type { Lesson, LessonStep } from './types.ts';

/** The simulated cluster's external IPs, which a real cluster replaces with its own. */
export interface ExternalAddresses {
  frontend?: string;
  gateway?: string;
}

const SIM_PROJECT = /--project[= ]mtls-playground\b/g;

/** The script's own comments. */
const SCRIPT_TEXT = {
  setup: { en: "Prepare the lesson's starting point", ja: 'レッスンの開始状態を用意する' },
  realCluster: {
    en: "# Runs against a real cluster (kubectl's current context). Read it before you run it.",
    ja: '# 実際のクラスタ (kubectl の現在のコンテキスト) に対して実行します。実行前に内容を確認してください。',
  },
  noSetE: {
    en: '# Some requests are meant to fail (e.g. 000 and exit code 56), so the script does not use set -e.',
    ja: '# 一部のリクエストは失敗するのが正しい結果です (例: 000 とexit code 56)。そのため set -e は使いません。',
  },
} as const satisfies Record<string, LocalizedText>;

/**
 * "Copy as real commands": a step (or several) as a bash script for a real cluster. The
 * simulator's fixed external IPs become variables read from the cluster, the project becomes
 * `$PROJECT_ID`, and each step is introduced by a comment in the learner's language. The commands
 * themselves are the lesson's, unchanged.
 */
export function toRealScript(lesson: Lesson, steps: readonly LessonStep[], locale: Locale, addresses: ExternalAddresses): string {
  const body = steps.map((step) => {
    const index = lesson.steps.indexOf(step) + 1;
    const commands = step.solution.trim() || step.commands.join('\n');
    return `# ${index}. ${step.title[locale]}\n${replaceAddresses(commands, addresses)}\n`;
  });
  // The lesson's starting point (e.g. a legacy namespace) comes first when the script starts at step 1.
  if (lesson.setup?.trim() && steps[0] === lesson.steps[0]) {
    body.unshift(`# 0. ${SCRIPT_TEXT.setup[locale]}\n${replaceAddresses(lesson.setup.trim(), addresses)}\n`);
  }
  const text = body.join('\n');
  const header = [
    '#!/usr/bin/env bash',
    `# ${lesson.title[locale]}`,
    SCRIPT_TEXT.realCluster[locale],
    SCRIPT_TEXT.noSetE[locale],
    'set -u',
  ];
  if (SIM_PROJECT.test(text)) header.push('PROJECT_ID="${PROJECT_ID:?set PROJECT_ID to your Google Cloud project}"');
  SIM_PROJECT.lastIndex = 0;
  if (text.includes('${FRONTEND_IP}')) {
    header.push(`FRONTEND_IP=$(kubectl get service frontend-external -n frontend -o jsonpath='{.status.loadBalancer.ingress[0].ip}')`);
  }
  if (text.includes('${GATEWAY_IP}')) {
    header.push(`GATEWAY_IP=$(kubectl get service istio-ingressgateway -n istio-system -o jsonpath='{.status.loadBalancer.ingress[0].ip}')`);
  }
  return `${header.join('\n')}\n\n${replaceProject(text)}`;
}

function replaceAddresses(text: string, addresses: ExternalAddresses): string {
  let out = text;
  if (addresses.frontend) out = out.split(addresses.frontend).join('${FRONTEND_IP}');
  if (addresses.gateway) out = out.split(addresses.gateway).join('${GATEWAY_IP}');
  return out;
}

function replaceProject(text: string): string {
  return text.replace(SIM_PROJECT, (m) => `${m.slice(0, '--project'.length + 1)}"$PROJECT_ID"`);
}
