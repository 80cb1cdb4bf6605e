/**
 * The shell commands the course adds to the learner's shell (course.svelte.ts `shellCommands`):
 * they act on the lesson's record, so only the playground can answer them.
 */
export const COURSE_COMMANDS = ['undo', 'reset', 'hint'] as const;
export type CourseCommand = (typeof COURSE_COMMANDS)[number];
