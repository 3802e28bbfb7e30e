/**
 * Seeded pseudo-random numbers: xoshiro128** (Blackman & Vigna 2018), 32-bit integer arithmetic
 * only (Math.imul, shifts, adds), so every JavaScript engine produces the same stream. No Math.random.
 */

/** splitmix32-style finalizer (avalanche): spreads seed, replication and stream over 32 bits. */
export function mix32(x: number): number {
  x = (x + 0x9e3779b9) | 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

export class Rng {
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 0;

  constructor(seed = 1, replication = 0, stream = 0) {
    this.reseed(seed, replication, stream);
  }

  /**
   * The stream of (seed, replication, stream) alone: replication r can be reproduced without
   * running replications 0 .. r-1 (the workbook writes replication 0).
   */
  reseed(seed: number, replication: number, stream: number): void {
    let h = mix32(seed >>> 0);
    h = mix32(h ^ (replication >>> 0));
    h = mix32(h ^ Math.imul(stream + 1, 0x27d4eb2f));
    // Stored as int32 (| 0): fields that mix uint32 doubles and int32 values make V8 box them.
    this.a = mix32(h) | 0;
    this.b = mix32(this.a ^ 0x6a09e667) | 0;
    this.c = mix32(this.b ^ 0xbb67ae85) | 0;
    this.d = mix32(this.c ^ 0x3c6ef372) | 0;
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1; // the all-zero state is a fixed point
  }

  /** Sets the raw state (tests: the reference vectors of xoshiro128**). */
  setState(a: number, b: number, c: number, d: number): void {
    this.a = a | 0;
    this.b = b | 0;
    this.c = c | 0;
    this.d = d | 0;
  }

  /** Copies the raw state into out[0..3] (for loops that keep it in locals: normalDraw.ts fillNormal). */
  getState(out: Int32Array): void {
    out[0] = this.a;
    out[1] = this.b;
    out[2] = this.c;
    out[3] = this.d;
  }

  /** Next 32-bit unsigned integer. */
  nextU32(): number {
    const b = this.b;
    // b * 5 and rot * 9 modulo 2^32 as shifts and adds (exact), not Math.imul: a global lookup per
    // call is slow inside vm contexts such as jest's.
    const r = ((b << 2) + b) | 0;
    const rot = (r << 7) | (r >>> 25);
    const out = ((rot << 3) + rot) >>> 0;
    const t = b << 9;
    this.c ^= this.a;
    this.d ^= b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = (this.d << 11) | (this.d >>> 21);
    return out;
  }

  /** Uniform on [0, 1) with 53 random bits. */
  uniform(): number {
    const hi = this.nextU32() >>> 5; // 27 bits
    const lo = this.nextU32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Uniform on (0, 1), never 0 or 1: the midpoints of the 2^53 cells of [0, 1). */
  open01(): number {
    const hi = this.nextU32() >>> 5;
    const lo = this.nextU32() >>> 6;
    return (hi * 67108864 + lo + 0.5) / 9007199254740992;
  }
}
