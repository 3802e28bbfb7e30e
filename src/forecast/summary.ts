/**
 * From a method's run to a FittedModel (model.ts): the in-sample error figures and the lead-time
 * error sd, for every method in one place.
 *
 * Lead-time error (FORECAST_SAFETY_STOCK). The error of the forecast of demand summed over the next
 * L periods:
 * - linear models (additive errors; no or additive trend and season: SES, Holt, damped, additive
 *   Holt-Winters, ETS(A,*,N|A)): the closed form of Hyndman, Koehler, Ord & Snyder (2008), chapter 6,
 *   var = sigma^2 sum_(j=1..L) (1 + c_1 + ... + c_(L-j))^2 with the error weights
 *   c_i = alpha + beta (phi + ... + phi^i) + gamma [i a multiple of m] (ETS parameters);
 * - the others (multiplicative models, naive, moving average, Croston, SBA, TSB): empirically, the
 *   mean square of the in-sample L-period cumulative errors, sum(y[t..t+L-1]) minus the forecast of
 *   that sum made after period t-1, over every origin t with a forecast (the mean square about 0, so
 *   a biased method carries its bias into the safety stock). It is measured for every l <= L with at
 *   least MIN_ORIGINS origins, and the largest of those and L times the one-step mean square error
 *   is taken: the variance of a longer sum is never less, and a few overlapping windows near the
 *   history's length are no measure at all.
 * A fractional L interpolates the variance between floor(L) and ceil(L) (variance 0 at L = 0).
 */
import { DomainError } from "../errors";
import { EtsFit, etsForecastAt, etsForecasts, etsName, dampSum } from "./ets";
import { FittedModel } from "./model";
import { ForecastResult } from "./types";

/** In-sample one-step errors: fitted[t] (NaN before the first forecast) against y[t]. */
interface ErrorStats {
  count: number;
  sse: number;
  mae: number;
  rmse: number;
}

function errorStats(y: ArrayLike<number>, fitted: ArrayLike<number>): ErrorStats {
  let count = 0;
  let sse = 0;
  let sae = 0;
  for (let t = 0; t < y.length; t++) {
    const f = fitted[t];
    if (Number.isNaN(f)) continue;
    const e = y[t] - f;
    count++;
    sse += e * e;
    sae += Math.abs(e);
  }
  // One error is no measure of spread (SES's first fitted value is y1 itself): NaN, blank in a cell.
  if (count < 2) return { count: 0, sse: 0, mae: NaN, rmse: NaN };
  return { count, sse, mae: sae / count, rmse: Math.sqrt(sse / count) };
}

/** How the method forecasts period t + k from origin t (after period t - 1). */
type OriginForecast = (t: number, k: number) => number;

/** The error weights of a linear model, c_i, i = 1..L (ETS parameters; m = 1 without a season). */
export interface LinearWeights {
  alpha: number;
  beta: number;
  gamma: number;
  phi: number;
  m: number;
}

/** var of the L-period sum's error of a linear model, in units of sigma^2: sum_(j=1..L) (1 + c_1 + ... + c_(L-j))^2. */
export function linearLeadTimeFactor(w: LinearWeights, L: number): number {
  // Prefix sums P_k = 1 + c_1 + ... + c_k, k = 0..L-1; the sum runs over k = L - j.
  let total = 0;
  let prefix = 1;
  for (let k = 0; k < L; k++) {
    if (k > 0) prefix += w.alpha + w.beta * dampSum(w.phi, k) + (w.m > 1 && k % w.m === 0 ? w.gamma : 0);
    total += prefix * prefix;
  }
  return total;
}

/** Origins an empirical L-period error variance needs to count. */
export const MIN_ORIGINS = 8;

/** The mean square of the l-period cumulative errors over the origins from `first`, or undefined with too few. */
function cumulativeMeanSquare(y: ArrayLike<number>, first: number, l: number, at: OriginForecast): number | undefined {
  const n = y.length;
  if (n - l - first + 1 < MIN_ORIGINS) return undefined;
  let ss = 0;
  let count = 0;
  for (let t = first; t + l <= n; t++) {
    let e = 0;
    for (let k = 0; k < l; k++) e += y[t + k] - at(t, k);
    ss += e * e;
    count++;
  }
  return ss / count;
}

/** The variance of the L-period (integer L >= 1) cumulative error, empirically, non-decreasing in L (see the file comment). */
function empiricalVariance(y: ArrayLike<number>, first: number, L: number, at: OriginForecast, oneStepMse: number): number {
  let v = L * oneStepMse;
  for (let l = 1; l <= L; l++) {
    const ms = cumulativeMeanSquare(y, first, l, at);
    if (ms === undefined) break;
    if (ms > v) v = ms;
  }
  return v;
}

/** Interpolates variance(L) between whole periods and returns the sd. */
function leadTimeSd(L: number, variance: (whole: number) => number, errors: number): number {
  if (!(L > 0)) throw new DomainError("num", "lead_time must be more than 0");
  if (errors === 0)
    throw new DomainError("na", "the history is too short to measure the forecast error: no period has a one-step forecast yet");
  const lo = Math.floor(L);
  const hi = Math.ceil(L);
  const vLo = lo === 0 ? 0 : variance(lo);
  const v = hi === lo ? vLo : vLo + (L - lo) * (variance(hi) - vLo);
  const sd = Math.sqrt(v);
  if (!Number.isFinite(sd)) throw new DomainError("num", "the lead-time error is not a finite number (the history is out of range)");
  return sd;
}

function checked(forecasts: Float64Array, name: string): Float64Array {
  for (let k = 0; k < forecasts.length; k++) {
    if (!Number.isFinite(forecasts[k])) {
      throw new DomainError("num", `${name}: the forecasts are not finite numbers (the history or the parameters are out of range)`);
    }
  }
  return forecasts;
}

export interface ModelParts {
  name: string;
  y: ArrayLike<number>;
  fitted: ArrayLike<number>;
  /** Values estimated from the history (0 for given parameters): sigma's degrees of freedom. */
  estimated: number;
  parameters: Pick<FittedModel, "alpha" | "beta" | "gamma" | "phi" | "window">;
  aicc?: number;
  forecast: (horizon: number) => Float64Array;
  /** The linear model's weights (closed-form lead-time error), or how the method forecasts from each origin. */
  linear?: LinearWeights;
  origin?: OriginForecast;
}

/** The FittedModel of a method's run. */
export function fittedModel(parts: ModelParts): FittedModel {
  const stats = errorStats(parts.y, parts.fitted);
  const dof = stats.count - parts.estimated;
  const sigma = dof > 0 ? Math.sqrt(stats.sse / dof) : stats.rmse;
  let first = 0;
  while (first < parts.fitted.length && Number.isNaN(parts.fitted[first])) first++;
  const mse = stats.count > 0 ? stats.sse / stats.count : 0;
  const { linear, origin } = parts;
  const variance = (L: number): number => {
    if (linear) return sigma * sigma * linearLeadTimeFactor(linear, L);
    // With the degrees of freedom of sigma, so that L = 1 gives sigma^2 as the closed form does.
    if (origin) return empiricalVariance(parts.y, first, L, origin, mse) * (mse > 0 ? (sigma * sigma) / mse : 1);
    return L * mse;
  };
  return {
    name: parts.name,
    ...parts.parameters,
    sigma,
    aicc: parts.aicc,
    mae: stats.mae,
    rmse: stats.rmse,
    forecast: (horizon) => checked(parts.forecast(horizon), parts.name),
    leadTimeSd: (L) => leadTimeSd(L, variance, stats.count),
  };
}

/** A flat method (naive, moving average, Croston, SBA, TSB): the forecast from origin t is fitted[t] for every k. */
export const flatOrigin =
  (fitted: ArrayLike<number>): OriginForecast =>
  (t) =>
    fitted[t];

/** The FittedModel of an estimated (or state-space-run) ETS model. */
export function etsModel(fit: EtsFit, y: ArrayLike<number>, name = etsName(fit.spec)): FittedModel {
  const { spec } = fit;
  const linear = spec.error === "A" && spec.season !== "M";
  const hasTrend = spec.trend !== "N";
  return fittedModel({
    name,
    y,
    fitted: fit.fitted,
    estimated: Math.max(fit.k - 1, 0),
    parameters: {
      alpha: fit.alpha,
      beta: hasTrend ? fit.beta / fit.alpha : undefined,
      gamma: spec.season !== "N" ? fit.gamma : undefined,
      phi: spec.trend === "Ad" ? fit.phi : undefined,
    },
    aicc: fit.k > 0 && Number.isFinite(fit.aicc) ? fit.aicc : undefined, // at the minimum length AICc's denominator is 0
    forecast: (h) => etsForecasts(fit, h),
    linear: linear ? { alpha: fit.alpha, beta: fit.beta, gamma: fit.gamma, phi: fit.phi, m: spec.season === "N" ? 1 : spec.m } : undefined,
    origin: linear ? undefined : (t, k) => etsForecastAt(fit, t, k),
  });
}

/** The FittedModel of a given-parameter (or non-ETS estimated) run from given.ts. */
export function resultModel(
  result: ForecastResult,
  y: ArrayLike<number>,
  parameters: ModelParts["parameters"],
  estimated: number,
  forecast: (horizon: number) => Float64Array,
  lead: { linear?: LinearWeights; origin?: OriginForecast },
): FittedModel {
  return fittedModel({ name: result.method, y, fitted: result.fitted, estimated, parameters, forecast, ...lead });
}
