/**
 * The AGE column: a port of apimachinery's `duration.HumanDuration`
 * (AM:pkg/util/duration/duration.go), which keeps 2-3 significant figures.
 * `seconds` may be fractional; Go truncates towards zero at every step, and so does this.
 */
export function humanDuration(seconds: number): string {
  // Up to 2s in the future still reads as "now", to tolerate clock skew.
  const wholeSeconds = Math.trunc(seconds);
  if (wholeSeconds < -1) return '<invalid>';
  if (wholeSeconds < 0) return '0s';
  if (wholeSeconds < 60 * 2) return `${wholeSeconds}s`;

  const minutes = Math.trunc(seconds / 60);
  if (minutes < 10) {
    const s = wholeSeconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;

  const hours = Math.trunc(seconds / 3600);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    const days = Math.trunc(hours / 24);
    return h === 0 ? `${days}d` : `${days}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  const years = Math.trunc(hours / 24 / 365);
  if (hours < 24 * 365 * 8) {
    const dy = Math.trunc(hours / 24) % 365;
    return dy === 0 ? `${years}y` : `${years}y${dy}d`;
  }
  return `${years}y`;
}
