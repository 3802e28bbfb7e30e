/**
 * The starting values of an ETS fit's initial states, as R's forecast package computes them before
 * optimising (version 8.20, R/ets.R, initstate()): the optimiser starts from these, so a good start
 * here is what makes a fit converge where R's does.
 *
 * Seasonal models (season m):
 * - n >= 3m: classical decomposition (R's stats::decompose): a centred moving average of order m
 *   (2 x m when m is even) is the trend; the seasonal figure of position i is the mean of the
 *   detrended values (y - trend, or y / trend) at positions i, i + m, ...; the figures are centred
 *   (minus their mean, or divided by it).
 * - n < 3m: a regression of y on an intercept, a time trend and one pair of Fourier terms
 *   (sin and cos of 2 pi t / m; cos only when m = 2); the "seasonal" values are y minus (or divided
 *   by) the fitted intercept and trend, the first season's raw values.
 * The initial seasonal states s_0..s_(m-2) are the seasonal values of positions m, m-1, ..., 2
 * (the state of position 1 is implied: the states sum to 0, or to m when multiplicative). A
 * multiplicative state is at least 0.01, and rescaled when they sum to more than m.
 * Level and trend: the mean (no trend), or a least-squares line (trend), of the first
 * max(10, 2m) seasonally adjusted values.
 */
import { DomainError } from "../errors";
import { Series } from "./types";

export interface InitialStates {
  level: number;
  trend: number; // 0 without a trend
  /** s_0..s_(m-2), R's order (s_0 the most recent); empty without a season. */
  season: Float64Array;
}

/** Least squares y = a + b t, t = 1..k, of y[0..k-1]. */
function lineFit(y: ArrayLike<number>, k: number): { a: number; b: number } {
  const tm = (k + 1) / 2;
  let ym = 0;
  for (let i = 0; i < k; i++) ym += y[i];
  ym /= k;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < k; i++) {
    const dt = i + 1 - tm;
    sxy += dt * (y[i] - ym);
    sxx += dt * dt;
  }
  const b = sxx > 0 ? sxy / sxx : 0;
  return { a: ym - b * tm, b };
}

/** Solves the p x p system A x = r (A symmetric positive definite, small) by Gaussian elimination with partial pivoting. */
function solve(A: number[][], r: number[]): number[] {
  const p = r.length;
  for (let c = 0; c < p; c++) {
    let piv = c;
    for (let i = c + 1; i < p; i++) if (Math.abs(A[i][c]) > Math.abs(A[piv][c])) piv = i;
    [A[c], A[piv]] = [A[piv], A[c]];
    [r[c], r[piv]] = [r[piv], r[c]];
    const d = A[c][c];
    if (d === 0) throw new DomainError("num", "the seasonal starting values cannot be computed (the history is degenerate)");
    for (let i = c + 1; i < p; i++) {
      const f = A[i][c] / d;
      for (let j = c; j < p; j++) A[i][j] -= f * A[c][j];
      r[i] -= f * r[c];
    }
  }
  const x = new Array<number>(p).fill(0);
  for (let i = p - 1; i >= 0; i--) {
    let s = r[i];
    for (let j = i + 1; j < p; j++) s -= A[i][j] * x[j];
    x[i] = s / A[i][i];
  }
  return x;
}

/** Seasonal values (length n) by classical decomposition (R's decompose()). */
function decompose(y: Series, m: number, multiplicative: boolean): Float64Array {
  const n = y.length;
  // Centred moving average: weights 1/m (odd m), or 0.5, 1, ..., 1, 0.5 over m + 1 values (even m).
  const half = Math.floor(m / 2);
  const detrended = new Float64Array(n).fill(NaN);
  for (let t = half; t < n - half; t++) {
    let s = 0;
    if (m % 2 === 1) {
      for (let i = t - half; i <= t + half; i++) s += y[i];
    } else {
      s = 0.5 * (y[t - half] + y[t + half]);
      for (let i = t - half + 1; i < t + half; i++) s += y[i];
    }
    const trend = s / m;
    detrended[t] = multiplicative ? y[t] / trend : y[t] - trend;
  }
  const figure = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let s = 0;
    let k = 0;
    for (let t = i; t < n; t += m) {
      if (!Number.isNaN(detrended[t])) {
        s += detrended[t];
        k++;
      }
    }
    figure[i] = s / k;
  }
  let mean = 0;
  for (let i = 0; i < m; i++) mean += figure[i];
  mean /= m;
  const seasonal = new Float64Array(n);
  for (let t = 0; t < n; t++) seasonal[t] = multiplicative ? figure[t % m] / mean : figure[t % m] - mean;
  return seasonal;
}

/** Seasonal values (length n) from intercept + trend + one Fourier pair (R's tslm(y ~ trend + fourier(y, 1))). */
function fourierSeasonal(y: Series, m: number, multiplicative: boolean): Float64Array {
  const n = y.length;
  const useSin = m > 2; // sin(pi t) is 0 for m = 2: R's fourier() drops it
  const p = useSin ? 4 : 3;
  const A: number[][] = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  const r = new Array<number>(p).fill(0);
  const row = new Array<number>(p);
  for (let t = 1; t <= n; t++) {
    const w = (2 * Math.PI * t) / m;
    row[0] = 1;
    row[1] = t;
    if (useSin) {
      row[2] = Math.sin(w);
      row[3] = Math.cos(w);
    } else {
      row[2] = Math.cos(w);
    }
    for (let i = 0; i < p; i++) {
      r[i] += row[i] * y[t - 1];
      for (let j = 0; j < p; j++) A[i][j] += row[i] * row[j];
    }
  }
  const [a, b] = solve(A, r);
  const seasonal = new Float64Array(n);
  for (let t = 1; t <= n; t++) seasonal[t - 1] = multiplicative ? y[t - 1] / (a + b * t) : y[t - 1] - a - b * t;
  return seasonal;
}

/**
 * The starting states for a model with `trend` (false: none; additive otherwise) and a season of m
 * (1: none) that is additive or multiplicative. n >= 4 for a seasonal model.
 */
export function initialStates(y: Series, trend: boolean, m: number, multiplicative: boolean): InitialStates {
  const n = y.length;
  let adjusted: ArrayLike<number> = y;
  let season = new Float64Array(0);
  if (m > 1) {
    const seasonal = n < 3 * m ? fourierSeasonal(y, m, multiplicative) : decompose(y, m, multiplicative);
    season = new Float64Array(m - 1);
    for (let i = 0; i < m - 1; i++) season[i] = seasonal[m - 1 - i]; // rev(seasonal[2:m])
    const sa = new Float64Array(n);
    if (multiplicative) {
      let sum = 0;
      for (let i = 0; i < m - 1; i++) {
        season[i] = Math.max(season[i], 1e-2);
        sum += season[i];
      }
      if (sum > m) {
        const scale = sum + 1e-2 * (m - 1);
        for (let i = 0; i < m - 1; i++) season[i] /= scale;
      }
      for (let t = 0; t < n; t++) sa[t] = y[t] / Math.max(seasonal[t], 1e-2);
    } else {
      for (let t = 0; t < n; t++) sa[t] = y[t] - seasonal[t];
    }
    adjusted = sa;
  }
  const k = Math.min(Math.max(10, 2 * m), n);
  if (!trend) {
    let s = 0;
    for (let i = 0; i < k; i++) s += adjusted[i];
    return { level: s / k, trend: 0, season };
  }
  let { a, b } = lineFit(adjusted, k);
  // R: with multiplicative errors l0 + b0 must not be 0 (the first forecast divides).
  if (Math.abs(a + b) < 1e-8) {
    a *= 1 + 1e-3;
    b *= 1 - 1e-3;
  }
  return { level: a, trend: b, season };
}
