/**
 * A walk written as a recursive generator: `yield child` stands where the function would call itself,
 * and evaluates to the child's result (what its generator returns). A helper the walk delegates to
 * with `yield*` returns its own `Result` and is sent the walk's (`Sent`).
 */
export type Walk<Node, Result, Sent = Result> = Generator<Node, Result, Sent>;

/**
 * Runs a recursive walk with its frames on the heap instead of the call stack, and returns the root's
 * result. A manifest may nest a value 10,000 levels deep (the limit of go-yaml and encoding/json), far
 * past what the JS stack holds; suspended generators cost nothing of it.
 */
export function trampoline<Node, Result>(visit: (node: Node) => Walk<Node, Result>, root: Node): Result {
  const pending = [visit(root)];
  let sent: Result | undefined;
  for (;;) {
    const frame = pending[pending.length - 1] as Walk<Node, Result>;
    // The first `next` of a generator starts it; the value passed is ignored.
    const step = frame.next(sent as Result);
    if (!step.done) {
      pending.push(visit(step.value));
      sent = undefined;
      continue;
    }
    pending.pop();
    if (pending.length === 0) return step.value;
    sent = step.value;
  }
}
