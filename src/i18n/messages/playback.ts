import { defineMessages } from './define.ts';

/** The playback bar: pause, step, replay, speed, motion, background traffic and theme. */
export default defineMessages(
  {
    'playback.label': 'Playback',
    'playback.play': '▶ Play',
    'playback.pause': '❚❚ Pause',
    'playback.stepBack': 'Step back',
    'playback.stepForward': 'Step forward',
    'playback.replay': 'Replay',
    'playback.speed': 'Speed',
    'playback.slowAtFailure': 'Slow at failing hop',
    'playback.reducedMotion': 'Reduced motion',
    'playback.background': 'Loadgenerator traffic',
    'playback.options': 'Animation',
    'playback.theme.system': 'System',
    'playback.theme.light': 'Light',
    'playback.theme.dark': 'Dark',
  },
  {
    'playback.label': '再生',
    'playback.play': '▶ 再生',
    'playback.pause': '❚❚ 一時停止',
    'playback.stepBack': '1 ステップ戻る',
    'playback.stepForward': '1 ステップ進む',
    'playback.replay': 'リプレイ',
    'playback.speed': '速度',
    'playback.slowAtFailure': '失敗するホップで減速',
    'playback.reducedMotion': 'アニメーションを減らす',
    'playback.background': 'loadgenerator のトラフィック',
    'playback.options': 'アニメーション',
    'playback.theme.system': 'システム',
    'playback.theme.light': 'ライト',
    'playback.theme.dark': 'ダーク',
  },
);
