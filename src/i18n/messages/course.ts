import { defineMessages } from './define.ts';

/** The course's own terminal commands (undo, reset, hint). */
export default defineMessages(
  {
    'course.undo.usage': 'undo: too many arguments\nusage: undo   (reverts the last command)',
    'course.undo.nothing': 'undo: nothing to undo',
    'course.undo.done': 'Undone: {command}',
    'course.reset.usage': 'reset: too many arguments\nusage: reset   (back to the start of the lesson or the sandbox)',
    'course.reset.lesson': 'Back to the start of "{title}" ({count} commands undone).',
    'course.reset.sandbox': 'Back to the start of the sandbox ({count} commands undone).',
    'course.hint.none': 'hint: no lesson is open (the sandbox has no hints)',
    'course.hint.noMore': 'No more hints for this step. "Show solution" in the lesson panel puts the next command at the prompt.',
    'course.hint.line': 'Hint {n}/{total}: {hint}',
  },
  {
    'course.undo.usage': 'undo: 引数が多すぎます\n使い方: undo   (直前のコマンドを取り消します)',
    'course.undo.nothing': 'undo: 取り消せるコマンドがありません',
    'course.undo.done': '取り消しました: {command}',
    'course.reset.usage': 'reset: 引数が多すぎます\n使い方: reset   (レッスンまたはサンドボックスを最初の状態に戻します)',
    'course.reset.lesson': '「{title}」を最初の状態に戻しました (取り消したコマンド: {count} 件)。',
    'course.reset.sandbox': 'サンドボックスを最初の状態に戻しました (取り消したコマンド: {count} 件)。',
    'course.hint.none': 'hint: レッスンが開かれていません (サンドボックスにヒントはありません)',
    'course.hint.noMore': 'このステップのヒントはこれで全部です。レッスンパネルの「解答を表示」で次のコマンドをプロンプトに入れられます。',
    'course.hint.line': 'ヒント {n}/{total}: {hint}',
  },
);
