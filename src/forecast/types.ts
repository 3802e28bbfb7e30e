/**
 * What every forecasting method with GIVEN parameters shares (ARCHITECTURE.md section 6.6): the series type, the result, the final states, and the
 * argument checks. The methods are in `naive.ts` (naive, seasonal naive, moving average),
 * `exponential.ts` (SES, Holt, damped Holt, Holt-Winters additive and multiplicative) and
 * `intermittent.ts` (Croston, SBA, TSB); `given.ts` dispatches on the method's name.
 *
 * Conventions of every method:
 * - `y` is the history, oldest first, with no blanks (the adapters skip leading and trailing blanks
 *   and reject a blank in between); a `number[]` or a `Float64Array`, read in place.
 * - `fitted[t]` is the one-step-ahead forecast of `y[t]` made from `y[0..t-1]` (with the initial
 *   states, which R's `initial = "simple"` takes from the first values, so `fitted[0]` can use
 *   `y[0]` itself, as R's does). Where a method has no forecast yet (naive at t = 0, seasonal naive
 *   before one season, a moving average before one window, Croston/SBA/TSB at t = 0) `fitted[t]` is
 *   NaN; `firstFitted` is the first index with a value, and every later one has one.
 * - `residuals[t] = y[t] - fitted[t]` (NaN where `fitted[t]` is).
 * - `forecasts[k - 1]` is the forecast k periods after the last one, k = 1..horizon.
 * - A series shorter than the method's minimum: `DomainError("na", "<method> needs at least N
 *   periods")`; a parameter outside its range, a non-finite value, negative demand for an
 *   intermittent method, non-positive data for multiplicative seasonality: `DomainError("num", ...)`.
 * - Speed: one pass over the series (two for the moving average), no allocation per period: a call
 *   allocates its three output arrays (and the m seasonal states of Holt-Winters).
 */
import { DomainError } from "../errors";

/** A history: numbers oldest first, no blanks. */
export type Series = ArrayLike<number>;

/** The methods with given parameters ("auto", with estimated parameters, is elsewhere). */
export type GivenMethod =
  | "naive"
  | "seasonal-naive"
  | "moving-average"
  | "ses"
  | "holt"
  | "damped"
  | "holt-winters"
  | "holt-winters-mul"
  | "croston"
  | "sba"
  | "tsb";

export const GIVEN_METHODS: readonly GivenMethod[] = [
  "naive",
  "seasonal-naive",
  "moving-average",
  "ses",
  "holt",
  "damped",
  "holt-winters",
  "holt-winters-mul",
  "croston",
  "sba",
  "tsb",
];

/**
 * The states after the last period, from which the forecasts are made. Which fields are set depends
 * on the method:
 * - naive: `level` = the last value. Seasonal naive: `season` = the last m values, `season[j]` the
 *   forecast of period n + 1 + j. Moving average: `level` = the mean of the last `window` values.
 * - ses: `level`; holt and damped: `level`, `trend`; holt-winters(-mul): `level`, `trend`, `season`
 *   (`season[j]` the seasonal state of period n + 1 + j, j = 0..m-1: R's s_m .. s_1), and for the
 *   multiplicative model `sigma2` = mean((residual / fitted)^2), R's sigma2, which R's forecasts use
 *   beyond one season (see `exponential.ts`).
 * - croston and sba: `size` and `interval`, the smoothed non-zero demand and the smoothed interval
 *   (forecast = size / interval, times 1 - alpha/2 for SBA); with no demand at all, `size` = 0 and
 *   `interval` is not set. tsb: `size` and `probability` (forecast = probability * size).
 */
export interface FinalStates {
  level?: number;
  trend?: number;
  season?: Float64Array;
  sigma2?: number;
  size?: number;
  interval?: number;
  probability?: number;
}

export interface ForecastResult {
  method: GivenMethod;
  /** One-step-ahead forecasts of y[0..n-1]; NaN before `firstFitted`. */
  fitted: Float64Array;
  /** y[t] - fitted[t]; NaN before `firstFitted`. */
  residuals: Float64Array;
  /** The next `horizon` periods. */
  forecasts: Float64Array;
  /** The first t with a fitted value (0 for the exponential-smoothing methods). */
  firstFitted: number;
  states: FinalStates;
}

/** The output arrays of a call: the only allocation besides seasonal states. */
export function allocate(method: GivenMethod, n: number, horizon: number, firstFitted: number, states: FinalStates): ForecastResult {
  const fitted = new Float64Array(n);
  const residuals = new Float64Array(n);
  const end = Math.min(firstFitted, n);
  for (let t = 0; t < end; t++) {
    fitted[t] = NaN;
    residuals[t] = NaN;
  }
  return { method, fitted, residuals, forecasts: new Float64Array(horizon), firstFitted, states };
}

/** The forecasts must be finite numbers (overflow from extreme inputs is #NUM!, never NaN or Infinity). */
export function checkForecasts(result: ForecastResult): ForecastResult {
  const f = result.forecasts;
  for (let k = 0; k < f.length; k++) {
    if (!Number.isFinite(f[k])) {
      throw new DomainError(
        "num",
        `${result.method}: the forecasts are not finite numbers (the history or the parameters are out of range)`,
      );
    }
  }
  return result;
}

/** horizon: an integer >= 1. */
export function checkHorizon(horizon: number): void {
  if (!(Number.isInteger(horizon) && horizon >= 1)) throw new DomainError("num", "horizon must be an integer >= 1");
}

/** Every value finite, and at least `min` of them. `what` names the method in the messages. */
export function checkSeries(y: Series, min: number, what: string, minReason = ""): void {
  const n = y.length;
  if (n < min) throw new DomainError("na", `${what} needs at least ${min} period${min === 1 ? "" : "s"}${minReason}`);
  for (let t = 0; t < n; t++) {
    if (!Number.isFinite(y[t])) throw new DomainError("num", `the history has a value that is not a finite number at period ${t + 1}`);
  }
}

/** A smoothing parameter in [0, 1], as R's HoltWintersZZ requires ("must be within the unit interval"). */
export function checkUnit(x: number, name: string, what: string): void {
  if (!(x >= 0 && x <= 1)) throw new DomainError("num", `${what}: ${name} must be between 0 and 1`);
}

/** The damping parameter phi in (0, 1]. */
export function checkPhi(phi: number, what: string): void {
  if (!(phi > 0 && phi <= 1)) throw new DomainError("num", `${what}: phi must be > 0 and <= 1`);
}

/** A season length: an integer >= min (2 for Holt-Winters, 1 for seasonal naive). */
export function checkSeasonLength(m: number, min: number, what: string): void {
  if (!(Number.isInteger(m) && m >= min)) throw new DomainError("num", `${what} needs season_length to be an integer >= ${min}`);
}

/**
 * mean(y[from..from+len-1]) as R's mean() gets it: R sums in long double and adds the mean of the
 * deviations (src/main/summary.c); a compensated (Neumaier) sum and the same correction give the
 * same, correctly rounded, value in double precision. A plain sum / len can be an ulp off, which
 * a Holt-Winters filter with large parameters amplifies (to ~4e-11 relative on UKgas). O(len), no
 * allocation.
 */
export function accurateMean(y: Series, from: number, len: number): number {
  let s = 0;
  let c = 0;
  for (let i = from; i < from + len; i++) {
    const x = y[i];
    const t = s + x;
    c += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
    s = t;
  }
  const mean = (s + c) / len;
  let d = 0;
  c = 0;
  for (let i = from; i < from + len; i++) {
    const x = y[i] - mean;
    const t = d + x;
    c += Math.abs(d) >= Math.abs(x) ? d - t + x : x - t + d;
    d = t;
  }
  return mean + (d + c) / len;
}
