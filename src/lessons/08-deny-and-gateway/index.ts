import doc from './lesson.md?lesson';
import { lessonFromDoc } from '../fromDoc.ts';

export default lessonFromDoc(doc);
