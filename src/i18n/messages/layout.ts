import { defineMessages } from './define.ts';

/** Layout pieces with text of their own: the object YAML dialog. */
export default defineMessages(
  {
    'layout.close': 'Close',
    'layout.decidingField': 'Deciding field:',
    'layout.notSet': '(not set in this object)',
    'layout.asYaml': '{title} as YAML',
  },
  {
    'layout.close': '閉じる',
    'layout.decidingField': '判断したフィールド:',
    'layout.notSet': '（このオブジェクトでは未設定）',
    'layout.asYaml': '{title} の YAML',
  },
);
