/** `import doc from './lesson.md?lesson'`: a built-in lesson's document, read at build time (src/lessons/fromDoc.ts). */
declare module '*?lesson' {
  const doc: import('./scenario/format.ts').ScenarioDoc;
  export default doc;
}
