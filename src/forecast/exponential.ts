/**
 * Exponential smoothing with given parameters: simple (SES), Holt's linear trend, damped trend, and
 * Holt-Winters with additive or multiplicative seasonality (Hyndman, Koehler, Ord & Snyder 2008,
 * "Forecasting with exponential smoothing: the state space approach", Springer, chapters 2-3 and
 * table 2.1; Gardner & McKenzie 1985 for the damped trend). Conventions: types.ts.
 *
 * The initial states and the recursions are those of R's forecast package with
 * `initial = "simple"` (version 8.20: R/HoltWintersNew.R, HoltWintersZZ() lines 48-69 for the
 * initial states, zzhw() lines 291-369 for the filter), so that the fitted values and forecasts equal
 * R's `ses()`, `holt()` and `hw()` to 1e-9 (test/forecast/given.test.ts, fixtures from
 * scripts/forecast/make-fixtures.R). The filter runs from the first period:
 *
 *   initial states   SES: l0 = y1.   Holt, damped: l0 = y1, b0 = y2 - y1.
 *                    Holt-Winters, season m: l0 = mean(y1..ym), b0 = (mean(y(m+1)..y(2m)) - l0) / m,
 *                    s(i-m) = yi - l0 (additive) or yi / l0 (multiplicative), i = 1..m: the seasonal
 *                    state used in period i.
 *   one step ahead   yhat_t = l(t-1) + phi b(t-1) [+ s(t-m)]   or   (l(t-1) + phi b(t-1)) s(t-m)
 *   level            l_t = alpha (y_t - s(t-m)) + (1 - alpha)(l(t-1) + phi b(t-1))     (y_t / s(t-m) when multiplicative)
 *   trend            b_t = beta (l_t - l(t-1)) + (1 - beta) phi b(t-1)
 *   season           s_t = gamma (y_t - l(t-1) - phi b(t-1)) + (1 - gamma) s(t-m)   (y_t / (l(t-1) + phi b(t-1)) when multiplicative)
 *
 * phi = 1 except for the damped trend. Note the parameterisation (R's, not ets()'s): beta multiplies
 * the change in level (Holt's beta*, in [0, 1]; in error-correction form b_t = b(t-1) + alpha beta
 * e_t, so ets()'s beta is alpha times this beta), and gamma multiplies the one-step error of the
 * seasonal term (s_t = s(t-m) + gamma e_t, additive; ets()'s gamma, not HoltWinters()'s gamma*).
 *
 * Forecasts (R's forecast.ets() on that model, R/etsforecast.R):
 *   SES l_n;  Holt l_n + k b_n;  damped l_n + (phi + ... + phi^k) b_n;
 *   additive l_n + k b_n + season[(k - 1) mod m] (the latest seasonal state of that season).
 *   Multiplicative: R computes the forecast mean of the multiplicative-error state space model
 *   (Hyndman et al. 2008, chapter 6, class 3; class3() in R/etsforecast.R), which for k <= m is
 *   (l_n + k b_n) s(n+k-m) but beyond one season adds terms in sigma2 = mean((e_t / yhat_t)^2) over
 *   the history: each seasonal column (u, v) (starting at (l_n s, b_n s)) gives the forecast u + v
 *   when read and then becomes (u + v + sigma2 gamma alpha (u + v), v + sigma2 gamma beta (u + v)),
 *   advancing one trend step per period. The difference from (l_n + k b_n) s is small (0.03% in the
 *   second season of AirPassengers with alpha 0.3, beta 0.05, gamma 0.2, sigma2 0.0019); it is kept
 *   so that the forecasts are R's.
 *
 * The damped trend: R's `holt(damped = TRUE, initial = "simple")` does NOT use the simple initial
 * states (it warns and fits ets() with optimised ones); the damped method here is the simple-
 * initialised filter above with phi, which is what forecast(HoltWintersZZ(y, alpha, beta,
 * gamma = FALSE, phi)) gives in R, and the fixtures are made that way.
 *
 * Minimum lengths: SES 1, Holt and damped 2, Holt-Winters 2m (the initial trend needs two full
 * seasons; R's hw() accepts m + 3 values and returns NA forecasts below 2m).
 */
import { DomainError } from "../errors";
import {
  accurateMean,
  allocate,
  checkForecasts,
  checkHorizon,
  checkPhi,
  checkSeasonLength,
  checkSeries,
  checkUnit,
  ForecastResult,
  GivenMethod,
  Series,
} from "./types";

export type Seasonality = "additive" | "multiplicative";

/**
 * The non-seasonal filter: SES (hasTrend false), Holt (phi 1), damped trend. One pass, states in
 * locals, the same arithmetic as R's zzhw() (where the non-seasonal case runs with a seasonal factor
 * of exactly 1, which changes no bit).
 */
function trendFilter(
  method: GivenMethod,
  y: Series,
  horizon: number,
  alpha: number,
  beta: number,
  phi: number,
  hasTrend: boolean,
): ForecastResult {
  const n = y.length;
  const r = allocate(method, n, horizon, 0, {});
  const { fitted, residuals, forecasts } = r;
  let l = y[0];
  let b = hasTrend ? y[1] - y[0] : 0;
  for (let t = 0; t < n; t++) {
    const x = y[t];
    const lb = l + phi * b;
    fitted[t] = lb;
    residuals[t] = x - lb;
    const level = alpha * x + (1 - alpha) * lb;
    if (hasTrend) b = beta * (level - l) + (1 - beta) * phi * b;
    l = level;
  }
  let damp = 0; // phi + phi^2 + ... + phi^k
  let phiK = 1;
  for (let k = 0; k < horizon; k++) {
    phiK *= phi;
    damp += phiK;
    forecasts[k] = hasTrend ? l + damp * b : l;
  }
  r.states.level = l;
  if (hasTrend) r.states.trend = b;
  return checkForecasts(r);
}

/** Simple exponential smoothing, l0 = y1 (R: ses(y, h, alpha = alpha, initial = "simple")). */
export function ses(y: Series, horizon: number, alpha: number): ForecastResult {
  checkHorizon(horizon);
  checkUnit(alpha, "alpha", "ses");
  checkSeries(y, 1, "ses");
  return trendFilter("ses", y, horizon, alpha, 0, 1, false);
}

/** Holt's linear trend, l0 = y1, b0 = y2 - y1 (R: holt(y, h, alpha = alpha, beta = beta, initial = "simple")). */
export function holt(y: Series, horizon: number, alpha: number, beta: number): ForecastResult {
  checkHorizon(horizon);
  checkUnit(alpha, "alpha", "holt");
  checkUnit(beta, "beta", "holt");
  checkSeries(y, 2, "holt");
  return trendFilter("holt", y, horizon, alpha, beta, 1, true);
}

/**
 * Damped trend (Gardner & McKenzie 1985; Hyndman et al. 2008, model A,Ad,N), simple initial states
 * as Holt (R: forecast(forecast:::HoltWintersZZ(y, alpha = alpha, beta = beta, gamma = FALSE,
 * phi = phi), h)). phi = 1 is Holt's method.
 */
export function dampedHolt(y: Series, horizon: number, alpha: number, beta: number, phi: number): ForecastResult {
  checkHorizon(horizon);
  checkUnit(alpha, "alpha", "damped");
  checkUnit(beta, "beta", "damped");
  checkPhi(phi, "damped");
  checkSeries(y, 2, "damped");
  return trendFilter("damped", y, horizon, alpha, beta, phi, true);
}

/** Reverse a[i..j] in place. */
function reverse(a: Float64Array, i: number, j: number): void {
  for (; i < j; i++, j--) {
    const tmp = a[i];
    a[i] = a[j];
    a[j] = tmp;
  }
}

/**
 * Holt-Winters with season length m (R: hw(y, h, seasonal = "additive" | "multiplicative",
 * alpha = alpha, beta = beta, gamma = gamma, initial = "simple"), y of frequency m). The
 * multiplicative model needs positive data (R's rule too).
 */
export function holtWinters(
  y: Series,
  horizon: number,
  seasonLength: number,
  alpha: number,
  beta: number,
  gamma: number,
  seasonal: Seasonality = "additive",
): ForecastResult {
  const mul = seasonal === "multiplicative";
  const method: GivenMethod = mul ? "holt-winters-mul" : "holt-winters";
  checkHorizon(horizon);
  checkSeasonLength(seasonLength, 2, method);
  checkUnit(alpha, "alpha", method);
  checkUnit(beta, "beta", method);
  checkUnit(gamma, "gamma", method);
  const m = seasonLength;
  checkSeries(y, 2 * m, method, ` (two seasons of ${m})`);
  const n = y.length;
  if (mul) {
    for (let t = 0; t < n; t++) {
      if (!(y[t] > 0)) throw new DomainError("num", `${method} needs positive data (period ${t + 1} is ${y[t]}): use additive seasonality`);
    }
  }

  // Initial states (HoltWintersZZ): season[t % m] is the seasonal state used in period t (0-based).
  const season = new Float64Array(m);
  let l = accurateMean(y, 0, m);
  let b = (accurateMean(y, m, m) - l) / m;
  for (let i = 0; i < m; i++) season[i] = mul ? y[i] / l : y[i] - l;

  const r = allocate(method, n, horizon, 0, { season });
  const { fitted, residuals, forecasts } = r;
  let relSq = 0; // sum of (e_t / yhat_t)^2, for sigma2 (multiplicative)
  for (let t = 0, j = 0; t < n; t++, j = j + 1 === m ? 0 : j + 1) {
    const x = y[t];
    const s = season[j];
    const lb = l + b;
    let level: number;
    if (mul) {
      const xhat = lb * s;
      fitted[t] = xhat;
      const e = x - xhat;
      residuals[t] = e;
      relSq += (e / xhat) * (e / xhat);
      level = alpha * (x / s) + (1 - alpha) * lb;
      season[j] = gamma * (x / lb) + (1 - gamma) * s;
    } else {
      const xhat = lb + s;
      fitted[t] = xhat;
      residuals[t] = x - xhat;
      level = alpha * (x - s) + (1 - alpha) * lb;
      season[j] = gamma * (x - l - b) + (1 - gamma) * s;
    }
    b = beta * (level - l) + (1 - beta) * b;
    l = level;
  }

  // season[(n + j) % m] is the state of period n + j (0-based): rotate left by n % m so that
  // season[j] is the one of the j-th period after the history.
  const rot = n % m;
  if (rot > 0) {
    reverse(season, 0, rot - 1);
    reverse(season, rot, m - 1);
    reverse(season, 0, m - 1);
  }
  r.states.level = l;
  r.states.trend = b;

  if (!mul) {
    for (let k = 1; k <= horizon; k++) forecasts[k - 1] = l + k * b + season[(k - 1) % m];
  } else {
    const sigma2 = relSq / n;
    r.states.sigma2 = sigma2;
    // class3() of R/etsforecast.R, one seasonal column at a time (see the header).
    const c = sigma2 * gamma;
    for (let j = 0; j < m && j < horizon; j++) {
      let u = l * season[j];
      let v = b * season[j];
      u += j * v; // the j trend steps before its first use
      for (let k = j; k < horizon; k += m) {
        const mu = u + v;
        forecasts[k] = mu;
        u = u + v + c * alpha * mu;
        v = v + c * beta * mu;
        u += (m - 1) * v;
      }
    }
  }
  return checkForecasts(r);
}
