/**
 * Intermittent demand with given parameters: Croston (Croston 1972, "Forecasting and stock control
 * for intermittent demands", Operational Research Quarterly 23(3): 289-303), SBA (Syntetos & Boylan
 * 2005, "The accuracy of intermittent demand estimates", International Journal of Forecasting 21(2):
 * 303-314) and TSB (Teunter, Syntetos & Babai 2011, "Intermittent demand: linking forecasting to
 * inventory obsolescence", European Journal of Operational Research 214(3): 606-615).
 * Conventions: types.ts. Demand must be >= 0 (R's croston() refuses negative values too).
 *
 * Croston, as R's forecast::croston() (version 8.20, R/forecast2.R, croston2() lines 535-576):
 * - the non-zero demands z_1..z_K and the intervals q_1..q_K between them, the first interval
 *   counted from the start of the series (q_1 = the period of the first demand, 1-based);
 * - SES with initial = "simple" on each (l0 = first value, so the level after the first demand is
 *   alpha z_1 + (1 - alpha) z_1), the same alpha for both;
 * - forecast = size level / interval level, flat; with a single demand R returns z_1 / q_1 as they
 *   are; with no demand at all, 0;
 * - fitted[t] = the Croston forecast of y[0..t-1] (R computes croston2 of each prefix): 0 before the
 *   first demand, NaN at t = 0. (R also gives 0 at t = 0 when the whole series is zero; here it is
 *   NaN like every other series.)
 * Minimum length 1.
 *
 * SBA: Croston's forecast and fitted values times 1 - alpha/2 (Syntetos & Boylan 2005).
 *
 * TSB (Teunter et al. 2011, equations (4)-(6)): with d_t = 1 when y_t > 0, else 0,
 *   p_t = p(t-1) + beta (d_t - p(t-1))                 every period (demand probability)
 *   z_t = z(t-1) + alpha (y_t - z(t-1)) when d_t = 1, else z(t-1)   (demand size)
 *   forecast = p_n z_n (flat), fitted[t] = p(t-1) z(t-1) from t = 1, NaN at t = 0.
 * The paper leaves the initial states open. Here, as R's `initial = "simple"` does for SES and as
 * tsintermittent::tsb(init = "naive") (Kourentzes) does: z = the first non-zero demand, p = d_1 (1
 * when period 1 has demand, else 0), the states of period 1; the updates run from period 2. That is
 * SES with l0 = the first value on the sizes and on the 0/1 occurrence series; p stays 0 until the
 * first demand, so the fitted values before it are 0 and use no later value. With no demand at all
 * the forecast is 0 (z = 0). Minimum length 1. alpha is the size's parameter, beta the probability's.
 */
import { DomainError } from "../errors";
import { allocate, checkForecasts, checkHorizon, checkSeries, checkUnit, ForecastResult, GivenMethod, Series } from "./types";

function checkDemand(y: Series, method: GivenMethod): void {
  checkSeries(y, 1, method);
  for (let t = 0; t < y.length; t++) {
    if (y[t] < 0) throw new DomainError("num", `${method} needs demand >= 0 (period ${t + 1} is ${y[t]})`);
  }
}

/** Croston's method, times `factor` (1 for Croston, 1 - alpha/2 for SBA). */
function crostonFilter(method: GivenMethod, y: Series, horizon: number, alpha: number, factor: number): ForecastResult {
  const n = y.length;
  const r = allocate(method, n, horizon, 1, {});
  const { fitted, residuals, forecasts } = r;
  let demands = 0; // K so far
  let lastDemand = 0; // 1-based period of the last demand (0: the start)
  let zLevel = 0; // SES level of the sizes
  let qLevel = 0; // SES level of the intervals
  let size = 0; // what R's forecast divides: the level, or z_1 itself after a single demand
  let interval = 0;
  let f = 0; // the forecast from y[0..t-1], before the factor
  for (let t = 0; t < n; t++) {
    if (t > 0) {
      const fit = f * factor;
      fitted[t] = fit;
      residuals[t] = y[t] - fit;
    }
    const x = y[t];
    if (x > 0) {
      const q = t + 1 - lastDemand;
      lastDemand = t + 1;
      demands++;
      if (demands === 1) {
        zLevel = alpha * x + (1 - alpha) * x;
        qLevel = alpha * q + (1 - alpha) * q;
        size = x;
        interval = q;
      } else {
        zLevel = alpha * x + (1 - alpha) * zLevel;
        qLevel = alpha * q + (1 - alpha) * qLevel;
        size = zLevel;
        interval = qLevel;
      }
      f = size / interval;
    }
  }
  forecasts.fill(f * factor);
  r.states.size = size;
  if (demands > 0) r.states.interval = interval;
  return checkForecasts(r);
}

/** Croston's method (R: croston(y, h, alpha)). */
export function croston(y: Series, horizon: number, alpha: number): ForecastResult {
  checkHorizon(horizon);
  checkUnit(alpha, "alpha", "croston");
  checkDemand(y, "croston");
  return crostonFilter("croston", y, horizon, alpha, 1);
}

/** Syntetos-Boylan approximation: Croston times 1 - alpha/2. */
export function sba(y: Series, horizon: number, alpha: number): ForecastResult {
  checkHorizon(horizon);
  checkUnit(alpha, "alpha", "sba");
  checkDemand(y, "sba");
  return crostonFilter("sba", y, horizon, alpha, 1 - alpha / 2);
}

/** Teunter-Syntetos-Babai: alpha smooths the demand size, beta the demand probability. */
export function tsb(y: Series, horizon: number, alpha: number, beta: number): ForecastResult {
  checkHorizon(horizon);
  checkUnit(alpha, "alpha", "tsb");
  checkUnit(beta, "beta", "tsb");
  checkDemand(y, "tsb");
  const n = y.length;
  const r = allocate("tsb", n, horizon, 1, {});
  const { fitted, residuals, forecasts } = r;
  let z = 0;
  for (let t = 0; t < n; t++) {
    if (y[t] > 0) {
      z = y[t];
      break;
    }
  }
  let p = y[0] > 0 ? 1 : 0;
  for (let t = 1; t < n; t++) {
    const x = y[t];
    const fit = p * z;
    fitted[t] = fit;
    residuals[t] = x - fit;
    if (x > 0) {
      p = p + beta * (1 - p);
      z = z + alpha * (x - z);
    } else {
      p = p + beta * (0 - p);
    }
  }
  forecasts.fill(p * z);
  r.states.size = z;
  r.states.probability = p;
  return checkForecasts(r);
}
