/**
 * Runs a recursive walk with its frames on the heap instead of the call stack. `visit` is written as
 * the recursive function would be, with `yield child` where it would call itself on a child: the
 * child's walk runs to the end, then `visit` resumes. Manifests may nest a value 10,000 levels deep
 * (the limit of go-yaml and encoding/json, which kubectl prints from), far past what the JS stack
 * holds; generators suspended on the heap cost nothing of it.
 */
export function trampoline<T>(visit: (node: T) => Generator<T, void, void>, root: T): void {
  const frames = [visit(root)];
  let top = frames[0];
  while (top !== undefined) {
    const step = top.next();
    if (step.done) frames.pop();
    else frames.push(visit(step.value));
    top = frames[frames.length - 1];
  }
}
