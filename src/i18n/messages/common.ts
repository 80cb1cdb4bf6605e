import { defineMessages } from './define.ts';

export default defineMessages(
  {
    'app.title': 'mTLS Playground',
    'app.loading': 'Loading the simulator…',
    'app.loadFailed': 'The simulator could not load: {error}',
    'lang.label': 'Language',
    'lang.en': 'English',
    'lang.ja': '日本語',
  },
  {
    'app.title': 'mTLS Playground',
    'app.loading': 'シミュレーターを読み込んでいます…',
    'app.loadFailed': 'シミュレーターを読み込めませんでした: {error}',
    'lang.label': '言語',
    'lang.en': 'English',
    'lang.ja': '日本語',
  },
);
