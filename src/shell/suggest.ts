/** Levenshtein distance, for "Did you mean this?" and "Maybe you meant" hints. */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] ?? 0;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j] ?? 0;
      prev[j] = Math.min(up + 1, (prev[j - 1] ?? 0) + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length] ?? 0;
}

/** cobra's SuggestionsFor: names within edit distance 2 (SuggestionsMinimumDistance) or starting with what was typed. */
export function suggestCommands(typed: string, names: readonly string[], minimumDistance = 2): string[] {
  const lower = typed.toLowerCase();
  return names.filter((name) => editDistance(lower, name.toLowerCase()) <= minimumDistance || (lower !== '' && name.toLowerCase().startsWith(lower)));
}
