/**
 * The benchmark methods (Hyndman & Athanasopoulos, "Forecasting: principles and practice", 3rd ed.,
 * section 5.2; R's forecast package `naive()` and `snaive()`, R/naive.R), and the moving average of
 * the demand-analytics functions (ARCHITECTURE.md section 6.6: a flat forecast, the mean of the last
 * `window` values). Conventions: types.ts.
 *
 * | method | forecast k periods ahead | fitted[t] | minimum length |
 * |---|---|---|---|
 * | naive | y[n-1] | y[t-1], from t = 1 | 1 |
 * | seasonal naive, season m | y[n - m + (k-1) mod m] | y[t-m], from t = m | m |
 * | moving average, window w | mean(y[n-w..n-1]) | mean(y[t-w..t-1]), from t = w | w |
 *
 * Equal to R (to 1e-9, test/forecast/given.test.ts): naive(y, h), snaive(y, h) with frequency m,
 * and mean(tail(y, w)).
 */
import { DomainError } from "../errors";
import { accurateMean, allocate, checkForecasts, checkHorizon, checkSeasonLength, checkSeries, ForecastResult, Series } from "./types";

/** Naive: every forecast is the last value. */
export function naive(y: Series, horizon: number): ForecastResult {
  checkHorizon(horizon);
  checkSeries(y, 1, "naive");
  const n = y.length;
  const last = y[n - 1];
  const r = allocate("naive", n, horizon, 1, { level: last });
  const { fitted, residuals, forecasts } = r;
  for (let t = 1; t < n; t++) {
    fitted[t] = y[t - 1];
    residuals[t] = y[t] - fitted[t];
  }
  forecasts.fill(last);
  return checkForecasts(r);
}

/** Seasonal naive: the value one season (m periods) earlier. m = 1 is the naive method. */
export function seasonalNaive(y: Series, horizon: number, seasonLength: number): ForecastResult {
  checkHorizon(horizon);
  checkSeasonLength(seasonLength, 1, "seasonal-naive");
  const m = seasonLength;
  checkSeries(y, m, "seasonal-naive", m > 1 ? ` (one season of ${m})` : "");
  const n = y.length;
  const season = new Float64Array(m);
  for (let j = 0; j < m; j++) season[j] = y[n - m + j];
  const r = allocate("seasonal-naive", n, horizon, m, { season });
  const { fitted, residuals, forecasts } = r;
  for (let t = m; t < n; t++) {
    fitted[t] = y[t - m];
    residuals[t] = y[t] - fitted[t];
  }
  for (let k = 0; k < horizon; k++) forecasts[k] = season[k % m];
  return checkForecasts(r);
}

/**
 * Moving average of the last `window` values. For the fitted values the window sum is carried
 * along (one add and one subtract per period) and recomputed from the values every `window` periods,
 * so that its rounding error stays that of a sum of `window` values however long the series; the
 * forecast is the mean of the last window as R's mean() rounds it (accurateMean, types.ts).
 */
export function movingAverage(y: Series, horizon: number, window: number): ForecastResult {
  checkHorizon(horizon);
  if (!(Number.isInteger(window) && window >= 1)) throw new DomainError("num", "moving-average: the window must be an integer >= 1");
  const w = window;
  checkSeries(y, w, "moving-average", w > 1 ? ` (the window of ${w})` : "");
  const n = y.length;
  const r = allocate("moving-average", n, horizon, w, {});
  const { fitted, residuals, forecasts } = r;
  let sum = 0;
  for (let t = w; t <= n; t++) {
    // sum = y[t-w] + ... + y[t-1]
    if ((t - w) % w === 0) {
      sum = 0;
      for (let i = t - w; i < t; i++) sum += y[i];
    } else {
      sum += y[t - 1] - y[t - w - 1];
    }
    const mean = sum / w;
    if (t < n) {
      fitted[t] = mean;
      residuals[t] = y[t] - mean;
    } else {
      // The forecast as R's mean(tail(y, w)) rounds it (the carried sum can be an ulp off).
      const last = accurateMean(y, n - w, w);
      forecasts.fill(last);
      r.states.level = last;
    }
  }
  return checkForecasts(r);
}
