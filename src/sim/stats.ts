/**
 * Summary over replications: Welford (1962) running mean and variance (constant memory in the
 * number of replications) and a 95% Student-t confidence interval of the mean.
 */
import { jStat } from "jstat";
import { Stat } from "./types";

/** Accumulators for `size` statistics side by side; NaN values (an undefined ratio) are skipped. */
export class Accumulators {
  readonly n: Float64Array;
  readonly mean: Float64Array;
  readonly m2: Float64Array;

  constructor(readonly size: number) {
    this.n = new Float64Array(size);
    this.mean = new Float64Array(size);
    this.m2 = new Float64Array(size);
  }

  push(i: number, x: number): void {
    if (x !== x) return; // NaN (no global lookup: tests run in a vm context)
    const n = ++this.n[i];
    const d = x - this.mean[i];
    this.mean[i] += d / n;
    this.m2[i] += d * (x - this.mean[i]);
  }

  stat(i: number): Stat {
    return summarize(this.n[i], this.mean[i], this.m2[i]);
  }
}

/** Two-sided 97.5% quantile of Student's t with df degrees of freedom. */
export function tQuantile975(df: number): number {
  return jStat.studentt.inv(0.975, df);
}

/** mean, sd and mean -/+ t(0.975, n-1) sd / sqrt(n); no interval below two values. */
export function summarize(n: number, mean: number, m2: number): Stat {
  if (n === 0) return { mean: NaN, ci95: null, sd: NaN, n: 0 };
  if (n === 1) return { mean, ci95: null, sd: NaN, n: 1 };
  const sd = Math.sqrt(Math.max(m2, 0) / (n - 1));
  const half = (tQuantile975(n - 1) * sd) / Math.sqrt(n);
  return { mean, ci95: [mean - half, mean + half], sd, n };
}

/**
 * The statistic of x / d when `s` is that of x, replication by replication (d > 0 a constant, such as
 * the measured periods): the mean, the sd and the interval are divided by d.
 */
export function divided(s: Stat, d: number): Stat {
  return { mean: s.mean / d, ci95: s.ci95 ? [s.ci95[0] / d, s.ci95[1] / d] : null, sd: s.sd / d, n: s.n };
}
