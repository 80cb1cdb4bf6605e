/**
 * The order go-yaml v2 writes string map keys in (sorter.go `keyList.Less`): letters compare by
 * code point, a non-letter sorts before a letter (`a_b` < `aB`, unlike byte order), and runs of
 * digits compare by value (`a9` < `a10`). A shorter prefix sorts first.
 */
export function compareYamlKeys(a: string, b: string): number {
  if (isLess(a, b)) return -1;
  if (isLess(b, a)) return 1;
  return 0;
}

const letter = /\p{L}/u;
const digit = /\p{Nd}/u;

function isLetter(ch: string | undefined): boolean {
  return ch !== undefined && letter.test(ch);
}

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && digit.test(ch);
}

function codeOf(ch: string | undefined): number {
  return ch?.codePointAt(0) ?? 0;
}

function isLess(a: string, b: string): boolean {
  const ar = Array.from(a);
  const br = Array.from(b);
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]);
    const bl = isLetter(br[i]);
    if (al && bl) return codeOf(ar[i]) < codeOf(br[i]);
    if (al || bl) return bl;
    let an = 0;
    let bn = 0;
    if (ar[i] === '0' || br[i] === '0') {
      // A zero inside a number that already started counts as a digit, not as a leading zero.
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10 + (codeOf(ar[ai]) - 48);
    let bi = i;
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10 + (codeOf(br[bi]) - 48);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return codeOf(ar[i]) < codeOf(br[i]);
  }
  return ar.length < br.length;
}
