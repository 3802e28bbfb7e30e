/**
 * One entry for every method with given parameters (ARCHITECTURE.md section 6.6: `FORECAST(history,
 * horizon, method, season_length, parameters)` with a row of numbers in `parameters`): the method's
 * name, its parameters in the order of PARAMETER_NAMES, the season length where the method has one. The
 * methods themselves: naive.ts, exponential.ts, intermittent.ts; conventions: types.ts.
 */
import { DomainError } from "../errors";
import { dampedHolt, holt, holtWinters, ses } from "./exponential";
import { croston, sba, tsb } from "./intermittent";
import { movingAverage, naive, seasonalNaive } from "./naive";
import { ForecastResult, GIVEN_METHODS, GivenMethod, Series } from "./types";

/** The parameters of each method, in the order of the `parameters` row. */
export const PARAMETER_NAMES: Readonly<Record<GivenMethod, readonly string[]>> = {
  naive: [],
  "seasonal-naive": [],
  "moving-average": ["window"],
  ses: ["alpha"],
  holt: ["alpha", "beta"],
  damped: ["alpha", "beta", "phi"],
  "holt-winters": ["alpha", "beta", "gamma"],
  "holt-winters-mul": ["alpha", "beta", "gamma"],
  croston: ["alpha"],
  sba: ["alpha"],
  tsb: ["alpha", "beta"],
};

/** Methods that read `seasonLength`. */
export const SEASONAL_METHODS: readonly GivenMethod[] = ["seasonal-naive", "holt-winters", "holt-winters-mul"];

/** The method named by text (case and surrounding spaces ignored), or undefined. */
export function findGivenMethod(text: string): GivenMethod | undefined {
  const t = text.trim().toLowerCase();
  return GIVEN_METHODS.find((m) => m === t);
}

/**
 * The fewest periods the method accepts with these settings (a shorter history gives
 * DomainError "na"): naive, ses, croston, sba, tsb 1; holt, damped 2; seasonal naive m; moving
 * average the window; Holt-Winters 2m.
 */
export function minimumLength(method: GivenMethod, seasonLength = 1, window = 1): number {
  switch (method) {
    case "holt":
    case "damped":
      return 2;
    case "seasonal-naive":
      return seasonLength;
    case "moving-average":
      return window;
    case "holt-winters":
    case "holt-winters-mul":
      return 2 * seasonLength;
    default:
      return 1;
  }
}

export interface GivenOptions {
  /** The parameter row, in the order of PARAMETER_NAMES[method]; exactly that many numbers. */
  parameters?: ArrayLike<number>;
  /** Season length m (seasonal naive: default 1; Holt-Winters: required, >= 2). */
  seasonLength?: number;
}

/** Forecast `horizon` periods of `y` with `method` and its given parameters. */
export function forecastGiven(method: GivenMethod, y: Series, horizon: number, options: GivenOptions = {}): ForecastResult {
  const names = PARAMETER_NAMES[method];
  const p = options.parameters ?? [];
  if (p.length !== names.length) {
    const want = names.length === 0 ? "no parameters" : `${names.length} parameter${names.length > 1 ? "s" : ""} (${names.join(", ")})`;
    throw new DomainError("value", `${method} takes ${want}, not ${p.length}`);
  }
  for (let i = 0; i < p.length; i++) {
    if (typeof p[i] !== "number" || Number.isNaN(p[i])) throw new DomainError("value", `${method}: ${names[i]} must be a number`);
  }
  const m = options.seasonLength;
  switch (method) {
    case "naive":
      return naive(y, horizon);
    case "seasonal-naive":
      return seasonalNaive(y, horizon, m ?? 1);
    case "moving-average":
      return movingAverage(y, horizon, p[0]);
    case "ses":
      return ses(y, horizon, p[0]);
    case "holt":
      return holt(y, horizon, p[0], p[1]);
    case "damped":
      return dampedHolt(y, horizon, p[0], p[1], p[2]);
    case "holt-winters":
    case "holt-winters-mul":
      if (m === undefined) throw new DomainError("value", `${method} needs season_length`);
      return holtWinters(y, horizon, m, p[0], p[1], p[2], method === "holt-winters" ? "additive" : "multiplicative");
    case "croston":
      return croston(y, horizon, p[0]);
    case "sba":
      return sba(y, horizon, p[0]);
    case "tsb":
      return tsb(y, horizon, p[0], p[1]);
  }
}
