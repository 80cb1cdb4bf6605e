/** Endings of the です/ます register, a question (…でしょうか) included. */
const POLITE = /(?:です|ます|ました|ません|でした|ましょう|ください|でしょう)か?$/u;
/** Endings of the plain form: verbs (…する, …した, …届く), …ない, …だ, and a plain question (…か). */
const PLAIN = /(?:[うくぐすつぬぶむる]|た|だ|ない|か)$/u;
/** What may close a sentence after its last word: brackets, a parenthesis, a placeholder. */
const CLOSING = /(?:（[^（）]*）|\([^()]*\)|[」』）)\s])+$/u;

/**
 * The sentences of a Japanese text (each ending in 。) whose last word is in the plain form: the
 * interface, the Why panel and the lessons speak です/ます throughout. A clause without 。 (a
 * label, a button, a step of the Why panel's decision chain) is not a sentence and may end as it
 * likes.
 */
export function plainSentences(text: string): string[] {
  const sentences = text.split('。').slice(0, -1);
  return sentences.filter((sentence) => {
    const end = sentence.replace(CLOSING, '').trimEnd();
    return PLAIN.test(end) && !POLITE.test(end);
  }).map((sentence) => `${sentence.trim()}。`);
}
