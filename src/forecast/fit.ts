/**
 * fitForecast: a history and a request (method, season length, given parameters or none) to a
 * FittedModel (model.ts), the one entry point of the forecasting functions (ARCHITECTURE.md section
 * 6.6):
 * - given parameters: the method's filter with R's simple initial states (given.ts);
 * - no parameters: estimated (estimate.ts: ETS by likelihood for the exponential-smoothing methods,
 *   in-sample MSE for the moving-average window and the intermittent methods' alphas);
 * - "auto": auto.ts.
 */
import { DomainError } from "../errors";
import { autoForecast } from "./auto";
import { etsForecastAt, runEts } from "./ets";
import { estimateForecast } from "./estimate";
import { forecastGiven, PARAMETER_NAMES } from "./given";
import { FitRequest, FittedModel } from "./model";
import { flatOrigin, LinearWeights, resultModel } from "./summary";
import { accurateMean, checkSeasonLength, GivenMethod, Series } from "./types";

export function fitForecast(history: Series, request: FitRequest = {}): FittedModel {
  const method = request.method ?? "auto";
  const m = request.seasonLength ?? 1;
  checkSeasonLength(m, 1, method);
  // The model may keep the history (for forecasts and lead-time errors): its own copy, so a caller
  // may reuse its buffer for the next series.
  const y = Float64Array.from(history as ArrayLike<number>);
  if (method === "auto") {
    if (request.parameters !== undefined)
      throw new DomainError("value", "auto estimates its parameters: leave parameters empty, or name a method");
    return autoForecast(y, m);
  }
  if (request.parameters === undefined) return estimateForecast(method, y, m);
  return givenModel(method, y, m, request.parameters);
}

/** A method with given parameters: given.ts's run, and its lead-time error as summary.ts describes. */
function givenModel(method: GivenMethod, y: Float64Array, m: number, parameters: ArrayLike<number>): FittedModel {
  const options = { parameters, seasonLength: m };
  // Checks the arguments (and the length) once, with horizon 1; forecasts are remade per horizon.
  const result = forecastGiven(method, y, 1, options);
  const p: Record<string, number> = {};
  PARAMETER_NAMES[method].forEach((name, i) => (p[name] = parameters[i]));
  const forecast = (h: number): Float64Array => forecastGiven(method, y, h, options).forecasts;
  const named = { alpha: p.alpha, beta: p.beta, gamma: p.gamma, phi: p.phi, window: p.window };
  const linear = (w: Partial<LinearWeights>): { linear: LinearWeights } => ({
    linear: { alpha: p.alpha, beta: 0, gamma: 0, phi: 1, m: 1, ...w },
  });
  switch (method) {
    case "naive":
    case "moving-average":
    case "croston":
    case "sba":
    case "tsb":
      return resultModel(result, y, named, 0, forecast, { origin: flatOrigin(result.fitted) });
    case "seasonal-naive":
      return resultModel(result, y, named, 0, forecast, { origin: (t, k) => y[t + k - m * (Math.floor(k / m) + 1)] });
    case "ses":
      return resultModel(result, y, named, 0, forecast, linear({}));
    case "holt":
      return resultModel(result, y, named, 0, forecast, linear({ beta: p.alpha * p.beta }));
    case "damped":
      return resultModel(result, y, named, 0, forecast, linear({ beta: p.alpha * p.beta, phi: p.phi }));
    case "holt-winters":
      return resultModel(result, y, named, 0, forecast, linear({ beta: p.alpha * p.beta, gamma: p.gamma, m }));
    case "holt-winters-mul": {
      // The same recursions as the state space model ETS(M,A,M) with R's simple initial states
      // (exponential.ts), run with every state kept for the forecasts from each origin.
      const l0 = accurateMean(y, 0, m);
      const b0 = (accurateMean(y, m, m) - l0) / m;
      const season0 = new Float64Array(m);
      for (let i = 0; i < m; i++) season0[m - 1 - i] = y[i] / l0;
      const ets = runEts(y, { error: "M", trend: "A", season: "M", m }, p.alpha, p.alpha * p.beta, p.gamma, 1, l0, b0, season0);
      return resultModel(result, y, named, 0, forecast, { origin: (t, k) => etsForecastAt(ets, t, k) });
    }
  }
}
