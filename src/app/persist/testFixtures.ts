/** Test vocabulary for persist/ and share/ (imported by tests only). */
import fc from 'fast-check';
import type { LessonProgress, SavedState } from './savedState.ts';

export function progressWith(overrides: Partial<LessonProgress> = {}): LessonProgress {
  return { step: 0, completed: [], commands: [], predictions: [], ...overrides };
}

export function stateWith(overrides: Partial<SavedState> = {}): SavedState {
  return { v: 1, mode: 'lesson', lessons: {}, sandbox: { commands: [] }, ...overrides };
}

/** A learner halfway through lesson 1, with a prediction and a sandbox of their own. */
export function midLessonState(): SavedState {
  return stateWith({
    locale: 'ja',
    theme: 'projector',
    lessonId: '01-seed-tutorial',
    lessons: {
      '01-seed-tutorial': progressWith({
        step: 2,
        completed: ['credentials', 'namespace-strict'],
        commands: [
          'gcloud container clusters get-credentials boutique --project=mtls-playground --zone=us-central1-c',
          'kubectl get services -n frontend',
          'cat <<EOF > mtls-namespace.yaml\napiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: namespace-policy\nspec:\n  mtls:\n    mode: STRICT\nEOF',
        ],
        predictions: [{ stepId: 'namespace-strict', score: 0.75 }],
      }),
    },
    sandbox: { commands: ['echo "こんにちは 🌏"', 'kubectl get pa -A'] },
  });
}

/** Reads a value as `JSON.parse` would produce it (the shape that reaches the validators). */
export const viaJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value)) as unknown;

export const idArbitrary = fc.stringMatching(/^[a-z0-9-]{1,64}$/);
/** Any text a learner might type, Japanese and emoji included (no lone surrogates). */
export const commandArbitrary = fc.string({ unit: 'grapheme', maxLength: 80 });

export const savedStateArbitrary: fc.Arbitrary<SavedState> = fc
  .record(
    {
      v: fc.constant(1 as const),
      locale: fc.constantFrom('en' as const, 'ja' as const),
      theme: fc.constantFrom('system' as const, 'light' as const, 'dark' as const, 'projector' as const),
      mode: fc.constantFrom('lesson' as const, 'sandbox' as const),
      lessonId: idArbitrary,
      lessons: fc.dictionary(
        idArbitrary,
        fc.record({
          step: fc.integer({ min: 0, max: 99 }),
          completed: fc.array(idArbitrary, { maxLength: 5 }),
          commands: fc.array(commandArbitrary, { maxLength: 5 }),
          predictions: fc.array(fc.record({ stepId: idArbitrary, score: fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => n + 0) }), { maxLength: 3 }),
        }),
        { maxKeys: 4 },
      ),
      sandbox: fc.record({ commands: fc.array(commandArbitrary, { maxLength: 10 }) }),
    },
    { requiredKeys: ['v', 'mode', 'lessons', 'sandbox'] },
  );
