import { defineMessages } from './define.ts';

/** The editor panel `kubectl edit` opens in place of vi. */
export default defineMessages(
  {
    'editor.label': 'kubectl edit: {object}',
    'editor.title': 'Editing {object}',
    'editor.file': 'File {path}',
    'editor.text': 'The object as YAML',
    'editor.save': 'Save and apply',
    'editor.cancel': 'Cancel',
    'editor.keys': 'Control S saves: kubectl applies the file, or reopens it with the reasons it was refused. Cancel closes without saving. Lines starting with # are ignored.',
    'editor.reopened': 'kubectl refused the change: the reasons are at the top of the file.',
  },
  {
    'editor.label': 'kubectl edit: {object}',
    'editor.title': '{object} を編集中',
    'editor.file': 'ファイル {path}',
    'editor.text': 'オブジェクトの YAML',
    'editor.save': '保存して適用',
    'editor.cancel': 'キャンセル',
    'editor.keys': 'Control+S で保存します。kubectl がファイルを適用するか、拒否した理由を先頭に書いてファイルを開き直します。キャンセルは保存せずに閉じます。# で始まる行は無視されます。',
    'editor.reopened': 'kubectl が変更を拒否しました。理由はファイルの先頭にあります。',
  },
);
