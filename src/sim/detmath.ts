/**
 * Natural logarithm from + - * / only. IEEE-754 makes those correctly rounded on every engine,
 * whereas Math.log is "implementation-approximated" by ECMAScript and may differ in the last bit
 * between engines; the demand draws must be identical wherever the add-in runs.
 * Accuracy: about 1e-16 relative; only reproducibility matters here, not the last ulp.
 */

const LN2_HI = 0.6931471803691238; // ln 2 split in two so that e * LN2_HI is exact for |e| < 2^20
const LN2_LO = 1.9082149292705877e-10;
const SQRT1_2 = 0.7071067811865476;
// 1/k as literals: the division is done once by the parser (correctly rounded everywhere), not per call.
const C3 = 1 / 3;
const C5 = 1 / 5;
const C7 = 1 / 7;
const C9 = 1 / 9;
const C11 = 1 / 11;
const C13 = 1 / 13;
const C15 = 1 / 15;
const C17 = 1 / 17;
const C19 = 1 / 19;
const C21 = 1 / 21;
const C23 = 1 / 23;

/** ln x for x > 0 (finite). */
export function detLog(x: number): number {
  if (!(x > 0) || x === Infinity) return x === 0 ? -Infinity : x === Infinity ? Infinity : NaN;
  let e = 0;
  let m = x;
  // Bring m into [sqrt(1/2), sqrt(2)) with exact scalings by powers of two.
  while (m < 1e-30) {
    m *= 1.2676506002282294e30; // 2^100
    e -= 100;
  }
  while (m > 1e30) {
    m *= 7.888609052210118e-31; // 2^-100
    e += 100;
  }
  while (m < SQRT1_2) {
    m *= 2;
    e -= 1;
  }
  while (m >= 2 * SQRT1_2) {
    m *= 0.5;
    e += 1;
  }
  // ln m = 2 atanh(s), s = (m - 1)/(m + 1), |s| <= 0.1716: 2 (s + s^3/3 + ... + s^23/23), Horner in s^2.
  const s = (m - 1) / (m + 1);
  const s2 = s * s;
  const poly =
    1 +
    s2 * (C3 + s2 * (C5 + s2 * (C7 + s2 * (C9 + s2 * (C11 + s2 * (C13 + s2 * (C15 + s2 * (C17 + s2 * (C19 + s2 * (C21 + s2 * C23))))))))));
  const lnm = 2 * s * poly;
  return e * LN2_HI + (lnm + e * LN2_LO);
}

/** e^x from + - * / only (see detLog); about 1e-16 relative, 0 below -745. */
export function detExp(x: number): number {
  if (x !== x) return NaN;
  if (x < -745.2) return 0;
  if (x > 709.8) return Infinity;
  // x = k ln2 + r, |r| <= ln2 / 2; Math.round is exact, so k is the same everywhere.
  const k = Math.round(x / (LN2_HI + LN2_LO));
  const r = x - k * LN2_HI - k * LN2_LO;
  // Taylor to r^14 / 14!: below 1e-18 for |r| <= 0.347.
  let p = 1 / 87178291200;
  for (let n = 13; n >= 1; n--) p = p * r + INV_FACTORIAL[n];
  let y = p * r + 1;
  // times 2^k, by exact powers of two
  let e = k;
  while (e > 0) {
    const step = e > 1000 ? 1000 : e;
    y *= pow2(step);
    e -= step;
  }
  while (e < 0) {
    const step = e < -1000 ? -1000 : e;
    y *= pow2(step);
    e -= step;
  }
  return y;
}

const INV_FACTORIAL: number[] = (() => {
  const t = [1];
  for (let n = 1; n <= 14; n++) t.push(t[n - 1] / n);
  return t;
})();

/** 2^e for integer |e| <= 1000, exact (repeated doubling / halving). */
function pow2(e: number): number {
  let y = 1;
  if (e > 0) for (let i = 0; i < e; i++) y *= 2;
  else for (let i = 0; i < -e; i++) y *= 0.5;
  return y;
}
