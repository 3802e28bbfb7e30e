/**
 * Forecast accuracy of a forecast against the actual values of the same periods, with the measures
 * of Hyndman & Koehler (2006, "Another look at measures of forecast accuracy", International Journal
 * of Forecasting 22: 679-688) and R's forecast::accuracy. Here e_t = actual_t - forecast_t over the n
 * periods compared:
 *
 * | metric  | value |
 * |---|---|
 * | `mae`   | mean |e_t| |
 * | `rmse`  | sqrt(mean e_t^2) |
 * | `mape`  | mean |e_t / actual_t|, a fraction (R's MAPE is 100 times it); #DIV/0! when an actual is 0 |
 * | `smape` | mean 2 |e_t| / (|actual_t| + |forecast_t|), a fraction in [0, 2] (the M3/M4 competitions' sMAPE / 100); a period where both are 0 counts 0 |
 * | `wape`  | sum |e_t| / sum |actual_t| (weighted APE, MAD/mean ratio); #DIV/0! when every actual is 0 |
 * | `bias`  | mean (forecast_t - actual_t): positive when the forecast is too high (R's ME with the sign turned) |
 * | `mase`  | MAE / scale, scale = the in-sample MAE of the naive forecast of the history, or of the seasonal naive when season_length m > 1: mean over t > m of |h_t - h_(t-m)| (Hyndman & Koehler section 3.4; R's accuracy() with the training series of frequency m) |
 */
import { DomainError } from "../errors";
import { checkResult } from "../inventory/checks";
import { checkSeasonLength } from "../forecast/types";

export type AccuracyMetric = "mae" | "rmse" | "mape" | "smape" | "wape" | "bias" | "mase";
export const ACCURACY_METRICS: readonly AccuracyMetric[] = ["mae", "rmse", "mape", "smape", "wape", "bias", "mase"];
export const DEFAULT_METRIC: AccuracyMetric = "wape";

/** The metric named by text (case and surrounding spaces ignored); "wape" when blank. */
export function parseAccuracyMetric(text: string | undefined): AccuracyMetric {
  if (text === undefined) return DEFAULT_METRIC;
  const t = String(text).trim().toLowerCase();
  if (t === "") return DEFAULT_METRIC;
  const m = ACCURACY_METRICS.find((x) => x === t);
  if (m === undefined) throw new DomainError("value", `metric must be one of ${ACCURACY_METRICS.map((x) => `"${x}"`).join(", ")}`);
  return m;
}

/**
 * The MASE scale of history h[from..from+n-1]: mean over t = m..n-1 of |h_t - h_(t-m)|.
 * Throws "na" when the history has no more than m values, "div0" when the scale is 0.
 */
export function naiveScale(h: ArrayLike<number>, from: number, n: number, m = 1): number {
  checkSeasonLength(m, 1, "mase"); // 1, the default, is the plain naive forecast
  if (n <= m) {
    throw new DomainError("na", `history needs at least season_length + 1 = ${m + 1} values for mase (has ${n})`);
  }
  let s = 0;
  for (let t = from + m; t < from + n; t++) s += Math.abs(h[t] - h[t - m]);
  const scale = checkResult(s / (n - m), "the MASE scale");
  if (scale === 0) {
    throw new DomainError("div0", "history does not change from one period (or season) to the next: the MASE scale is 0");
  }
  return scale;
}

/**
 * The metric over n periods: actual a[aFrom..], forecast f[fFrom..]. For "mase", scale is naiveScale
 * of the history (required). Throws "div0" for a zero denominator, "num" for a result too large.
 */
export function forecastAccuracy(
  metric: AccuracyMetric,
  a: ArrayLike<number>,
  aFrom: number,
  f: ArrayLike<number>,
  fFrom: number,
  n: number,
  scale?: number,
): number {
  if (n < 1) throw new DomainError("na", "actual and forecast have no period in common");
  let s = 0;
  switch (metric) {
    case "mae":
    case "mase":
      for (let t = 0; t < n; t++) s += Math.abs(a[aFrom + t] - f[fFrom + t]);
      s /= n;
      if (metric === "mase") {
        if (scale === undefined) throw new DomainError("value", "mase needs the history of each series (the history argument)");
        s /= scale;
      }
      break;
    case "rmse":
      for (let t = 0; t < n; t++) {
        const e = a[aFrom + t] - f[fFrom + t];
        s += e * e;
      }
      s = Math.sqrt(s / n);
      break;
    case "mape":
      for (let t = 0; t < n; t++) {
        const y = a[aFrom + t];
        if (y === 0) throw new DomainError("div0", `actual is 0 in period ${t + 1} compared: MAPE is undefined (use "wape" or "smape")`);
        s += Math.abs((y - f[fFrom + t]) / y);
      }
      s /= n;
      break;
    case "smape":
      for (let t = 0; t < n; t++) {
        const y = a[aFrom + t];
        const p = f[fFrom + t];
        const d = Math.abs(y) + Math.abs(p);
        if (d > 0) s += (2 * Math.abs(y - p)) / d;
      }
      s /= n;
      break;
    case "wape": {
      let sa = 0;
      for (let t = 0; t < n; t++) {
        const y = a[aFrom + t];
        s += Math.abs(y - f[fFrom + t]);
        sa += Math.abs(y);
      }
      if (sa === 0) throw new DomainError("div0", "every actual is 0: WAPE is undefined");
      s /= sa;
      break;
    }
    case "bias":
      for (let t = 0; t < n; t++) s += f[fFrom + t] - a[aFrom + t];
      s /= n;
      break;
  }
  return checkResult(s, metric.toUpperCase());
}
