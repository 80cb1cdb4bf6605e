const UNIT_MS: Readonly<Record<string, number>> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, 'μs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * Go's time.ParseDuration, in milliseconds: `30s`, `1m30s`, `1.5h`, `-2m`, `0`; a number without a
 * unit other than 0 is an error (`time: missing unit in duration "5"`), as is anything else
 * (`time: invalid duration "x"`). How pflag's `--timeout` reads its value.
 */
export function parseGoDuration(text: string): { ok: true; ms: number } | { ok: false; error: string } {
  const quoted = JSON.stringify(text);
  let rest = text;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    sign = rest.startsWith('-') ? -1 : 1;
    rest = rest.slice(1);
  }
  if (rest === '0') return { ok: true, ms: 0 };
  if (rest === '') return { ok: false, error: `time: invalid duration ${quoted}` };
  let total = 0;
  // Bounded: each turn consumes at least one character.
  while (rest !== '') {
    const m = /^(\d*\.?\d*)(ns|us|µs|μs|ms|s|m|h)?/.exec(rest);
    const number = m?.[1] ?? '';
    if (number === '' || number === '.') return { ok: false, error: `time: invalid duration ${quoted}` };
    const unit = m?.[2];
    if (unit === undefined) return { ok: false, error: `time: missing unit in duration ${quoted}` };
    total += Number(number) * (UNIT_MS[unit] ?? 0);
    rest = rest.slice(number.length + unit.length);
  }
  return { ok: true, ms: sign * total };
}
