import en from './lesson.md?raw';
import ja from './lesson.ja.md?raw';
import { lessonFromContent } from '../content.ts';

export default lessonFromContent([
  { name: 'src/lessons/08-deny-and-gateway/lesson.md', text: en },
  { name: 'src/lessons/08-deny-and-gateway/lesson.ja.md', text: ja },
]);
