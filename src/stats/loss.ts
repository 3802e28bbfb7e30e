/**
 * Loss functions: E[(Y - x)^+] for Poisson Y (exact, stable for large means), the Poisson
 * distribution function and quantile used by the 1-N optimisation, and the NORMAL_LOSS entry point.
 */
import { DomainError } from "../errors";
import { checkFinite, checkNonNegative, checkOpenUnit, checkResult } from "../inventory/checks";
import { normInv, normalLoss, normalLossAt } from "./normal";

const LN_2PI = 1.8378770664093453; // log(2 pi)
const TAIL_EPS = 1e-17; // stop a tail sum when a term no longer changes it
// The sums below step one unit at a time over about 40 standard deviations; past this mean that walk
// grows long, and past 2^53 a unit step no longer changes a double. A normal model fits there anyway.
export const POISSON_MAX_MEAN = 1e8;

function checkPoissonMean(mean: number, name: string): void {
  checkNonNegative(mean, name);
  if (mean > POISSON_MAX_MEAN) {
    throw new DomainError("num", `${name} must be at most ${POISSON_MAX_MEAN} for a Poisson distribution (use normal)`);
  }
}

// ln k! for k <= 22, where k! is exact in binary64.
const LN_FACTORIAL_SMALL: number[] = (() => {
  const t = [0];
  let f = 1;
  for (let k = 1; k <= 22; k++) {
    f *= k;
    t.push(Math.log(f));
  }
  return t;
})();

/** Stirling-series error ln n! - ((n + 1/2) ln n - n + ln sqrt(2 pi)), for n > 22 (Loader 2000). */
function stirlingError(n: number): number {
  const nn = n * n;
  return (1 / 12 - (1 / 360 - (1 / 1260 - (1 / 1680 - 1 / 1188 / nn) / nn) / nn) / nn) / n;
}

/** Deviance term x ln(x/m) + m - x, without cancellation when x is near m (Loader 2000). */
function bd0(x: number, m: number): number {
  if (Math.abs(x - m) < 0.1 * (x + m)) {
    let v = (x - m) / (x + m);
    let s = (x - m) * v;
    let ej = 2 * x * v;
    v *= v;
    for (let j = 1; j < 1000; j++) {
      ej *= v;
      const s1 = s + ej / (2 * j + 1);
      if (s1 === s) return s1;
      s = s1;
    }
    return s;
  }
  return x * Math.log(x / m) + m - x;
}

/** ln P(Y = k), Y ~ Poisson(m), integer k >= 0, m > 0. Saddle-point form for k > 22: no ln k! cancellation. */
export function poissonLogPmf(k: number, m: number): number {
  if (k <= 22) return k * Math.log(m) - m - LN_FACTORIAL_SMALL[k];
  return -stirlingError(k) - bd0(k, m) - 0.5 * (LN_2PI + Math.log(k));
}

/**
 * Sum over j of w(j) p(j) / p(start), walking from `start` down to 0 (down = true) or up to
 * infinity, with the pmf ratios p(j-1)/p(j) = j/m and p(j+1)/p(j) = m/(j+1). Called only where
 * the walk moves away from the mode, so the ratios are <= 1 and the scaled pmf never overflows.
 * `weightAt0`, `weightSlope`: w(j) = weightAt0 + weightSlope * j (1 for a cdf, x - j or j - x for a loss).
 * The terms are log-concave in j, hence unimodal: once one is negligible against the sum, so are the rest.
 */
function scaledTailSum(start: number, m: number, down: boolean, weightAt0: number, weightSlope: number): number {
  let r = 1;
  let sum = weightAt0 + weightSlope * start;
  if (down) {
    for (let j = start; j > 0; j--) {
      r *= j / m;
      const t = (weightAt0 + weightSlope * (j - 1)) * r;
      sum += t;
      if (t <= TAIL_EPS * sum) break;
    }
  } else {
    for (let j = start + 1; ; j++) {
      r *= m / j;
      const t = (weightAt0 + weightSlope * j) * r;
      sum += t;
      if (t <= TAIL_EPS * sum) break;
    }
  }
  return sum;
}

/**
 * Poisson loss E[(Y - x)^+], Y ~ Poisson(mean), for any real x. Below the mean it is
 * (mean - x) + sum_{k < x} (x - k) p(k); from the mean on, the upper tail sum_{k > x} (k - x) p(k).
 * Both sums have positive terms only and move away from the mode, so nothing cancels.
 */
export function poissonLoss(x: number, mean: number): number {
  checkFinite(x, "x");
  checkPoissonMean(mean, "mean");
  if (mean === 0) return x < 0 ? -x : 0;
  if (x < 0) return mean - x;
  if (x < mean) {
    const k = Math.ceil(x) - 1; // largest integer below x
    if (k < 0) return mean - x;
    const s = scaledTailSum(k, mean, true, x, -1);
    return checkResult(mean - x + s * Math.exp(poissonLogPmf(k, mean)), "Poisson loss");
  }
  const k = Math.floor(x) + 1; // smallest integer above x
  const s = scaledTailSum(k, mean, false, -x, 1);
  return checkResult(s * Math.exp(poissonLogPmf(k, mean)), "Poisson loss");
}

/** P(Y <= k), Y ~ Poisson(mean), integer k: the lower sum below the mean, 1 - upper tail above. */
export function poissonCdf(k: number, mean: number): number {
  checkFinite(k, "k");
  checkPoissonMean(mean, "mean");
  k = Math.floor(k);
  if (k < 0) return 0;
  if (mean === 0) return 1;
  if (k < mean) return scaledTailSum(k, mean, true, 1, 0) * Math.exp(poissonLogPmf(k, mean));
  return 1 - scaledTailSum(k + 1, mean, false, 1, 0) * Math.exp(poissonLogPmf(k + 1, mean));
}

/** Smallest integer s >= 0 with P(Y <= s) >= p, Y ~ Poisson(mean), p in (0, 1). */
export function poissonQuantile(p: number, mean: number): number {
  checkOpenUnit(p, "p");
  checkPoissonMean(mean, "mean");
  if (mean === 0) return 0;
  // Start near the answer (normal approximation), then step one unit at a time.
  let s = Math.max(0, Math.floor(mean + normInv(p) * Math.sqrt(mean)));
  let f = poissonCdf(s, mean);
  if (f >= p) {
    while (s > 0) {
      const below = f - Math.exp(poissonLogPmf(s, mean));
      if (below < p) break;
      f = below;
      s--;
    }
  } else {
    while (f < p) {
      s++;
      const pmf = Math.exp(poissonLogPmf(s, mean));
      f += pmf;
      if (s > mean && pmf <= TAIL_EPS * f) break; // p within rounding of 1: F cannot grow further
    }
  }
  return s;
}

/** The checks of normalLossFn as one test that does not throw (see eoqInDomain in inventory/eoq.ts). */
export function normalLossInDomain(_x: number, _mean?: number, sd?: number): boolean {
  return sd === undefined || sd >= 0;
}

/**
 * NORMAL_LOSS: the standard normal loss G(x) = E[(Z - x)^+] when mean and sd are omitted, else the
 * loss of N(mean, sd) at x, sd G((x - mean)/sd); sd = 0 means deterministic demand, max(mean - x, 0).
 * An omitted mean is 0 and an omitted sd is 1.
 */
export function normalLossFn(x: number, mean?: number, sd?: number): number {
  checkFinite(x, "x");
  if (mean === undefined && sd === undefined) return checkResult(normalLoss(x), "normal loss");
  const m = mean === undefined ? 0 : mean;
  const s = sd === undefined ? 1 : sd;
  checkFinite(m, "mean");
  checkNonNegative(s, "sd");
  return checkResult(normalLossAt(x, m, s), "normal loss");
}
