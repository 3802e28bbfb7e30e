/**
 * A fitted forecasting model, whatever the method (ARCHITECTURE.md section 6.6): what FORECAST,
 * FORECAST_FIT and FORECAST_SAFETY_STOCK read. `fitForecast` (fit.ts) makes one from a history and a
 * request; the methods behind it are given.ts (given parameters), ets.ts (estimated exponential
 * smoothing), estimate.ts (the other methods' estimated parameters) and auto.ts (the automatic
 * choice).
 */
import { GIVEN_METHODS, GivenMethod } from "./types";

/** Every method a planner can name: the given-parameter ones and "auto". */
export type ForecastMethod = GivenMethod | "auto";
export const FORECAST_METHODS: readonly ForecastMethod[] = [...GIVEN_METHODS, "auto"];
export const DEFAULT_METHOD: ForecastMethod = "auto";

/** The method named by text (case and surrounding spaces ignored), or undefined. */
export function findForecastMethod(text: string): ForecastMethod | undefined {
  const t = text.trim().toLowerCase();
  return FORECAST_METHODS.find((m) => m === t);
}

/** A model's name as a cell shows it: the moving average's window goes with its name. */
export function modelLabel(model: Pick<FittedModel, "name" | "window">): string {
  return model.window === undefined ? model.name : `${model.name}, window ${model.window}`;
}

export interface FitRequest {
  /** Default "auto". */
  method?: ForecastMethod;
  /** Season length m, an integer >= 1; default 1 (no season). */
  seasonLength?: number;
  /** Given parameters (PARAMETER_NAMES order); absent: estimated. Not allowed with "auto". */
  parameters?: ArrayLike<number>;
}

export interface FittedModel {
  /** What was fitted: "ETS(A,Ad,N)" for an estimated exponential-smoothing model, else the method's name ("sba", "naive", "holt-winters", ...). */
  name: string;
  /**
   * Smoothing parameters where the model has them (undefined otherwise), in the convention of the
   * `parameters` row: beta smooths the level's change (R's holt/hw beta; ETS's beta is alpha times
   * it), gamma is ETS's and R's hw gamma, phi the damping. For Croston/SBA alpha; TSB alpha and beta
   * (the probability's smoothing); moving average: `window` instead.
   */
  alpha?: number;
  beta?: number;
  gamma?: number;
  phi?: number;
  window?: number;
  /**
   * Sd of the one-step in-sample errors, in units of demand: sqrt(sum(e^2) / (n - estimated values)).
   * sigma, mae and rmse are NaN when no period has a one-step forecast (a single period).
   */
  sigma: number;
  /** AICc of an estimated ETS model (undefined for the others). */
  aicc?: number;
  /** In-sample one-step mean absolute and root mean square errors, in units of demand. */
  mae: number;
  rmse: number;
  /** The next `horizon` periods (finite numbers; DomainError "num" otherwise). */
  forecast(horizon: number): Float64Array;
  /** Sd of the error of the forecast of demand summed over the next `leadTime` periods (> 0; fractional: interpolated). */
  leadTimeSd(leadTime: number): number;
}
