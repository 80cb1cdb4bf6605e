import doc from './lesson.md?lesson';
import { lessonFromDoc } from '../fromDoc.ts';
import { customChecks } from './checks.ts';

export default lessonFromDoc(doc, customChecks);
