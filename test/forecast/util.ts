/**
 * Small helpers shared by the forecasting tests (test/forecast/ets.test.ts, leadTime.test.ts):
 * seeded random numbers (mulberry32 uniforms, Box-Muller normals) and a relative tolerance check.
 */

/** mulberry32: a seeded PRNG, uniform on [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal by Box-Muller. */
export function normal(u: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
}

/** |a - e| <= tol * max(|e|, floor): relative to e, but never to a scale below floor (default 1). */
export function relClose(a: number, e: number, tol: number, floor = 1): boolean {
  return Math.abs(a - e) <= tol * Math.max(Math.abs(e), floor);
}
