/** The characters Kubernetes uses for random name suffixes (apimachinery util/rand). */
export const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** A small seeded PRNG (mulberry32). Its whole state is one number, so snapshots copy it. */
export class SeededRandom {
  constructor(public state: number) {}

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(minInclusive: number, maxInclusive: number): number {
    return minInclusive + Math.floor(this.next() * (maxInclusive - minInclusive + 1));
  }

  /** A Kubernetes-style random string, e.g. the `7k2bw` of `debugger-7k2bw`. */
  suffix(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += NAME_ALPHABET[this.int(0, NAME_ALPHABET.length - 1)];
    return out;
  }

  hex(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += '0123456789abcdef'[this.int(0, 15)];
    return out;
  }

  clone(): SeededRandom {
    return new SeededRandom(this.state);
  }
}
