import { defineMessages } from './define.ts';

/** The terminal's own labels. What it prints (prompts, command output) is a fact and stays as is. */
export default defineMessages(
  {
    'terminal.output': 'Terminal output',
    'terminal.input': 'Command input',
    'terminal.held': 'Getting the world ready: what you type runs as soon as it is ({count} waiting).',
    'terminal.running': 'Running… Control C stops it ({count} more lines waiting).',
    'terminal.foreground': '{program} is running: Control C stops it.',
    'terminal.foregroundWaiting': '{program} is running: Control C stops it ({count} lines waiting).',
    'terminal.restored': '# {count} commands replayed: the world is as you left it. ↑ recalls what you typed.',
    'terminal.bootAnswering': 'The terminal answers; the diagram and the panels are still loading…',
    'terminal.keys':
      'Enter runs the command. Tab completes; on an empty line, or after Escape, Tab moves on. Up and Down recall history. Control C cancels, Control L clears.',
  },
  {
    'terminal.output': 'ターミナルの出力',
    'terminal.input': 'コマンド入力',
    'terminal.held': '環境を準備しています。入力したコマンドは準備ができ次第実行されます（待機中 {count} 件）。',
    'terminal.running': '実行中… Control+C で停止します（さらに {count} 行が待機中）。',
    'terminal.foreground': '{program} を実行中です。Control+C で停止します。',
    'terminal.foregroundWaiting': '{program} を実行中です。Control+C で停止します（待機中 {count} 行）。',
    'terminal.restored': '# {count} 件のコマンドを再実行しました。環境は前回のままです。↑ で入力履歴を呼び出せます。',
    'terminal.bootAnswering': 'ターミナルは使えます。図とパネルを読み込んでいます…',
    'terminal.keys':
      'Enter でコマンドを実行します。Tab で補完します。空の行や Escape の後では、Tab で次へ移動します。上下の矢印キーで履歴を呼び出します。Control+C で取り消し、Control+L で画面をクリアします。',
  },
);
