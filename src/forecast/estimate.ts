/**
 * A named method with no `parameters`: its parameters estimated from the history (ARCHITECTURE.md
 * section 6.6).
 * - ses, holt, damped, holt-winters, holt-winters-mul: the ETS model of the same forecasts
 *   (ETS(A,N,N), (A,A,N), (A,Ad,N), (A,A,A), (M,A,M)) fitted by likelihood with optimised initial
 *   states (ets.ts), as R's ets(y, model = ...) does.
 * - naive, seasonal naive: nothing to estimate.
 * - moving average: the window, 1 to min(24, n - 1), with the least one-step mean square error over
 *   the periods every candidate forecasts.
 * - croston, sba: alpha; tsb: alpha and beta; by the least one-step mean square error, each within
 *   [0.05, 0.3], the range the intermittent-demand studies use and recommend (Croston 1972 0.1-0.2;
 *   Syntetos & Boylan 2005 0.05-0.2; Teunter, Syntetos & Babai 2011 0.05-0.3): outside it a
 *   mean-square fit to a few demands chases noise (Kourentzes 2014, "On intermittent demand model
 *   optimisation and selection", IJPE 156).
 */
import { DomainError } from "../errors";
import { EtsSpec, estimatedCount, fitEts, MAX_ETS_SEASON } from "./ets";
import { forecastGiven } from "./given";
import { FittedModel } from "./model";
import { minimize } from "./optimize";
import { etsModel, flatOrigin, resultModel } from "./summary";
import { checkSeasonLength, checkSeries, GivenMethod, Series } from "./types";

export const INTERMITTENT_LOWER = 0.05;
export const INTERMITTENT_UPPER = 0.3;
export const MAX_WINDOW = 24;

const ETS_OF: Partial<Record<GivenMethod, Omit<EtsSpec, "m">>> = {
  ses: { error: "A", trend: "N", season: "N" },
  holt: { error: "A", trend: "A", season: "N" },
  damped: { error: "A", trend: "Ad", season: "N" },
  "holt-winters": { error: "A", trend: "A", season: "A" },
  "holt-winters-mul": { error: "M", trend: "A", season: "M" },
};

/** The fewest periods an estimated ETS model takes: estimated values + 2 (R: fewer are refused). */
export function etsMinimumLength(spec: EtsSpec): number {
  return estimatedCount(spec) + 2;
}

/** What a method with estimated parameters needs of the season length and the history's length (the rules that do not depend on the data). */
export interface EstimationNeeds {
  minPeriods: number;
  seasonMin?: number;
  seasonMax?: number;
}

export function estimationNeeds(method: GivenMethod, m: number): EstimationNeeds {
  const shape = ETS_OF[method];
  if (shape === undefined) return method === "seasonal-naive" ? { minPeriods: Math.max(m, 1), seasonMin: 1 } : { minPeriods: 1 };
  if (shape.season === "N") return { minPeriods: etsMinimumLength({ ...shape, m: 1 }) };
  const season = Math.min(Math.max(m, 2), MAX_ETS_SEASON);
  return { minPeriods: Math.max(etsMinimumLength({ ...shape, m: season }), 2 * season), seasonMin: 2, seasonMax: MAX_ETS_SEASON };
}

function estimatedEts(method: GivenMethod, shape: Omit<EtsSpec, "m">, y: Series, m: number): FittedModel {
  const seasonal = shape.season !== "N";
  if (seasonal) {
    checkSeasonLength(m, 2, method);
    if (m > MAX_ETS_SEASON)
      throw new DomainError(
        "num",
        `${method} with estimated parameters takes a season_length of at most ${MAX_ETS_SEASON}; give parameters, or use seasonal-naive`,
      );
  }
  const spec: EtsSpec = { ...shape, m: seasonal ? m : 1 };
  checkSeries(y, estimationNeeds(method, m).minPeriods, method, " to estimate its parameters");
  if (shape.error === "M" || shape.season === "M") {
    for (let t = 0; t < y.length; t++) {
      if (!(y[t] > 0))
        throw new DomainError("num", `${method} needs demand > 0 in every period (period ${t + 1} is ${y[t]}); use holt-winters`);
    }
  }
  const fit = fitEts(y, spec);
  if (fit === undefined) throw new DomainError("num", `${method}: no admissible parameters fit this history`);
  return etsModel(fit, y);
}

/** In-sample one-step mean square error of a run (over its fitted periods). */
function mse(y: Series, fitted: ArrayLike<number>): number {
  let s = 0;
  let k = 0;
  for (let t = 0; t < y.length; t++) {
    if (Number.isNaN(fitted[t])) continue;
    const e = y[t] - fitted[t];
    s += e * e;
    k++;
  }
  return k > 0 ? s / k : Infinity;
}

function movingAverageWindow(y: Series): number {
  const n = y.length;
  const top = Math.min(MAX_WINDOW, n - 1);
  let best = 1;
  let bestMse = Infinity;
  for (let w = 1; w <= top; w++) {
    // One-step forecasts of periods top..n-1 (the periods every window forecasts): running sums.
    let sum = 0;
    for (let i = top - w; i < top; i++) sum += y[i];
    let ss = 0;
    for (let t = top; t < n; t++) {
      const e = y[t] - sum / w;
      ss += e * e;
      sum += y[t] - y[t - w];
    }
    if (ss < bestMse) {
      bestMse = ss;
      best = w;
    }
  }
  return best;
}

/** Croston, SBA (alpha) and TSB (alpha, beta) by least mean square error within the intermittent range. */
export function estimateIntermittent(method: "croston" | "sba" | "tsb", y: Series): FittedModel {
  checkSeries(y, 1, method);
  const d = method === "tsb" ? 2 : 1;
  const x0 = new Float64Array(d).fill(0.1);
  const lower = new Float64Array(d).fill(INTERMITTENT_LOWER);
  const upper = new Float64Array(d).fill(INTERMITTENT_UPPER);
  const p = new Float64Array(d);
  // forecastGiven checks the demand (>= 0) on the first call; an error there is the method's error.
  forecastGiven(method, y, 1, { parameters: x0 });
  const best = minimize(
    (x) => {
      p.set(x);
      return mse(y, forecastGiven(method, y, 1, { parameters: p }).fitted);
    },
    x0,
    { lower, upper, maxEvaluations: 200 },
  );
  const parameters = Float64Array.from(best.x);
  const result = forecastGiven(method, y, 1, { parameters });
  const named = method === "tsb" ? { alpha: parameters[0], beta: parameters[1] } : { alpha: parameters[0] };
  const forecast = (h: number): Float64Array => forecastGiven(method, y, h, { parameters }).forecasts;
  return resultModel(result, y, named, d, forecast, { origin: flatOrigin(result.fitted) });
}

export function estimateForecast(method: GivenMethod, y: Series, m: number): FittedModel {
  const shape = ETS_OF[method];
  if (shape) return estimatedEts(method, shape, y, m);
  switch (method) {
    case "naive":
    case "seasonal-naive": {
      const options = { seasonLength: m };
      const result = forecastGiven(method, y, 1, options);
      const forecast = (h: number): Float64Array => forecastGiven(method, y, h, options).forecasts;
      const origin =
        method === "naive" ? flatOrigin(result.fitted) : (t: number, k: number): number => y[t + k - m * (Math.floor(k / m) + 1)];
      return resultModel(result, y, {}, 0, forecast, { origin });
    }
    case "moving-average": {
      checkSeries(y, 1, method);
      const parameters = [movingAverageWindow(y)];
      const result = forecastGiven(method, y, 1, { parameters });
      const forecast = (h: number): Float64Array => forecastGiven(method, y, h, { parameters }).forecasts;
      return resultModel(result, y, { window: parameters[0] }, 1, forecast, { origin: flatOrigin(result.fitted) });
    }
    case "croston":
    case "sba":
    case "tsb":
      return estimateIntermittent(method, y);
    default:
      throw new DomainError("value", `${method}: no estimation`); // the ETS methods returned above
  }
}
