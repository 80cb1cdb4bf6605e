import { defineMessages } from './define.ts';

/**
 * The layouts and their parts with text of their own: the object YAML dialog, the dividers, the
 * mesh panel's fit control, the details drawer and the step caption.
 */
export default defineMessages(
  {
    'layout.close': 'Close',
    'layout.decidingField': 'Deciding field:',
    'layout.notSet': '(not set in this object)',
    'layout.asYaml': '{title} as YAML',
    'layout.split.lesson': 'Resize the lesson column',
    'layout.split.meshTerminal': 'Resize the diagram and the terminal',
    'layout.split.terminalBrowser': 'Resize the terminal and the browser tab',
    'layout.mesh.fit': 'Fit',
    'layout.mesh.fitTitle': 'Show the whole diagram in the panel (smaller text)',
    'layout.mesh.pan': 'Scroll to see the rest of the diagram.',
    'layout.details.close': 'Close the details',
    'layout.details.showLesson': 'Show the lesson',
    'layout.verdict.title': 'Selected request',
    'layout.verdict.none': 'Select a request in the list or on the diagram to see what happened to it.',
    'layout.verdict.why': 'Why? The decision chain and the fixes',
    'layout.verdict.handshake': 'Watch the handshake',
    'layout.step.lesson': 'The whole lesson',
    'layout.step.done': 'Done',
  },
  {
    'layout.close': '閉じる',
    'layout.decidingField': '判断したフィールド:',
    'layout.notSet': '（このオブジェクトでは未設定）',
    'layout.asYaml': '{title} の YAML',
    'layout.split.lesson': 'レッスンの列の幅を変更',
    'layout.split.meshTerminal': '図とターミナルの高さを変更',
    'layout.split.terminalBrowser': 'ターミナルとブラウザのタブの幅を変更',
    'layout.mesh.fit': '全体',
    'layout.mesh.fitTitle': '図の全体をパネルに収めます (文字は小さくなります)',
    'layout.mesh.pan': 'スクロールすると図の残りの部分が見えます。',
    'layout.details.close': '詳細を閉じる',
    'layout.details.showLesson': 'レッスンを表示',
    'layout.verdict.title': '選択中のリクエスト',
    'layout.verdict.none': '一覧か図でリクエストを選ぶと、その結果を表示します。',
    'layout.verdict.why': '理由: 判断の流れと修正方法',
    'layout.verdict.handshake': 'ハンドシェイクを見る',
    'layout.step.lesson': 'レッスン全体',
    'layout.step.done': '完了',
  },
);
