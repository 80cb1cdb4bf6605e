/**
 * curl's default progress meter (lib/progress.c), which curl writes to stderr when the body does
 * not go to a terminal. The simulator prints only the header and the final line, without the
 * carriage-return updates in between, so the output stays deterministic.
 */

/** The two header lines, exactly as lib/progress.c prints them. */
export const PROGRESS_HEADER =
  '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n' +
  '                                 Dload  Upload   Total   Spent    Left  Speed\n';

export interface ProgressNumbers {
  /** Body bytes received. */
  downloaded: number;
  /** Content-Length of the body, when the response announced one. */
  downloadSize?: number;
  /** Request body bytes sent; their size is always known in advance. */
  uploaded: number;
  /** Wall time of the transfer. */
  seconds: number;
}

const KB = 1024;
const MB = 1024 * KB;
const GB = 1024 * MB;

/** A size in five columns (progress.c `max5data`). */
export function max5data(bytes: number): string {
  const b = Math.max(0, Math.floor(bytes));
  if (b < 100000) return String(b).padStart(5);
  if (b < 10000 * KB) return `${String(Math.floor(b / KB)).padStart(4)}k`;
  if (b < 100 * MB) return `${String(Math.floor(b / MB)).padStart(2)}.${Math.floor((b % MB) / (MB / 10))}M`;
  if (b < 10000 * MB) return `${String(Math.floor(b / MB)).padStart(4)}M`;
  if (b < 100 * GB) return `${String(Math.floor(b / GB)).padStart(2)}.${Math.floor((b % GB) / (GB / 10))}G`;
  return `${String(Math.floor(b / GB)).padStart(4)}G`;
}

/** Eight columns of elapsed or estimated time (progress.c `time2str`). */
function time2str(seconds: number): string {
  const s = Math.floor(seconds);
  if (s <= 0) return '--:--:--';
  const h = Math.floor(s / 3600);
  if (h <= 99) {
    const m = Math.floor((s - h * 3600) / 60);
    return `${String(h).padStart(2)}:${String(m).padStart(2, '0')}:${String(s - h * 3600 - m * 60).padStart(2, '0')}`;
  }
  const d = Math.floor(s / 86400);
  return d <= 999 ? `${String(d).padStart(3)}d ${String(Math.floor((s - d * 86400) / 3600)).padStart(2, '0')}h` : `${String(d).padStart(7)}d`;
}

/** progress.c `pgrs_est_percent`. */
function percent(total: number, cur: number): number {
  if (total > 10000) return Math.floor(cur / Math.floor(total / 100));
  return total > 0 ? Math.floor((cur * 100) / total) : 0;
}

/** The meter's last line, with its newline (progress.c `progress_meter` on completion). */
export function progressFinalLine(n: ProgressNumbers): string {
  const dlKnown = n.downloadSize !== undefined;
  const totalExpected = n.uploaded + (dlKnown ? (n.downloadSize ?? 0) : n.downloaded);
  const totalCur = n.downloaded + n.uploaded;
  const dlSpeed = n.seconds > 0 ? Math.floor(n.downloaded / n.seconds) : 0;
  const ulSpeed = n.seconds > 0 ? Math.floor(n.uploaded / n.seconds) : 0;
  const pct = (v: number) => String(v).padStart(3);
  return (
    `${pct(percent(totalExpected, totalCur))} ${max5data(totalExpected)}  ` +
    `${pct(dlKnown ? percent(n.downloadSize ?? 0, n.downloaded) : 0)} ${max5data(n.downloaded)}  ` +
    `${pct(n.uploaded > 0 ? 100 : 0)} ${max5data(n.uploaded)}  ` +
    `${max5data(dlSpeed)}  ${max5data(ulSpeed)} ` +
    // Total and Left are estimates that stay unknown for sub-second transfers.
    `${time2str(0)} ${time2str(n.seconds)} ${time2str(0)} ${max5data(dlSpeed + ulSpeed)}\n`
  );
}
