import app from './app.ts';
import builder from './builder.ts';
import common from './common.ts';
import course from './course.ts';
import matrix from './matrix.ts';
import lesson from './lesson.ts';
import browser from './browser.ts';
import consoleArea from './console.ts';
import diagram from './diagram.ts';
import editor from './editor.ts';
import events from './events.ts';
import layout from './layout.ts';
import panels from './panels.ts';
import playback from './playback.ts';
import terminal from './terminal.ts';

/**
 * Every area's messages. An area is one file with both languages; add a file here and its keys
 * become `MessageKey`s. Keys are prefixed by their area so that files never collide.
 */
const areas = [app, builder, common, course, lesson, matrix, browser, consoleArea, diagram, editor, events, layout, panels, playback, terminal] as const;

type Union<T> = T extends readonly (infer A)[] ? A : never;
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
type EnOf<A> = A extends { en: infer E } ? E : never;

export type Messages = UnionToIntersection<EnOf<Union<typeof areas>>>;
export type MessageKey = keyof Messages & string;

export const en: Record<MessageKey, string> = Object.assign({}, ...areas.map((a) => a.en));
export const ja: Record<MessageKey, string> = Object.assign({}, ...areas.map((a) => a.ja));
export const areaTables: readonly { en: Record<string, string>; ja: Record<string, string> }[] = areas;
