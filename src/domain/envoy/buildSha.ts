/** A stable 40-hex-digit commit for a version string (the proxy build this image was cut from). */
export function buildSha(version: string): string {
  let out = '';
  for (let i = 0; out.length < 40; i++) {
    let h = 0x811c9dc5;
    for (const ch of `${version}#${i}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193);
    out += (h >>> 0).toString(16).padStart(8, '0');
  }
  return out.slice(0, 40);
}
