import en from './lesson.md?raw';
import ja from './lesson.ja.md?raw';
import { lessonFromContent } from '../content.ts';
import { customChecks } from './checks.ts';

export default lessonFromContent(
  [
    { name: 'src/lessons/05-prove-encrypted/lesson.md', text: en },
    { name: 'src/lessons/05-prove-encrypted/lesson.ja.md', text: ja },
  ],
  customChecks,
);
