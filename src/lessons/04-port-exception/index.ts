import en from './lesson.md?raw';
import ja from './lesson.ja.md?raw';
import { lessonFromContent } from '../content.ts';

export default lessonFromContent([
  { name: 'src/lessons/04-port-exception/lesson.md', text: en },
  { name: 'src/lessons/04-port-exception/lesson.ja.md', text: ja },
]);
