/**
 * The automatic forecasts against R's ets() on test/fixtures/forecast/ets.json
 * (scripts/forecast/make-ets-fixtures.R): reading the fixture and the MASE both the test
 * (test/forecast/ets.test.ts) and the comparison script (scripts/forecast/compare-ets.ts) use.
 */
import * as fs from "fs";
import * as path from "path";
import { fitForecast } from "../../src/forecast/fit";

export const ETS_FIXTURE_FILE = path.join(__dirname, "..", "fixtures", "forecast", "ets.json");

export interface EtsCase {
  name: string;
  source: string;
  frequency: number;
  train: number[];
  test: number[];
  horizon: number;
  /** R's choice, e.g. "ETS(M,Ad,M)". */
  model: string;
  forecasts: number[];
  mase: number;
  aicc: number;
}

export interface EtsFixture {
  generator: string;
  r: string;
  forecast: string;
  notes: string[];
  cases: EtsCase[];
}

export function readEtsFixture(file = ETS_FIXTURE_FILE): EtsFixture {
  return JSON.parse(fs.readFileSync(file, "utf8")) as EtsFixture;
}

/** mean |y_t - y_(t-m)| over the training set (lag 1 when m = 1): the MASE scale. */
export function naiveScale(train: ArrayLike<number>, m: number): number {
  const lag = m > 1 ? m : 1;
  let s = 0;
  for (let t = lag; t < train.length; t++) s += Math.abs(train[t] - train[t - lag]);
  return s / (train.length - lag);
}

/** mean |test - forecast| / naiveScale(train, m): R's accuracy() "MASE" on the test set. */
export function mase(train: ArrayLike<number>, test: ArrayLike<number>, forecast: ArrayLike<number>, m: number): number {
  let s = 0;
  for (let i = 0; i < test.length; i++) s += Math.abs(test[i] - forecast[i]);
  return s / test.length / naiveScale(train, m);
}

export interface EtsComparison {
  c: EtsCase;
  model: string;
  forecasts: Float64Array;
  mase: number;
}

/** Our "auto" on one fixture case: fitted to the training set, scored on the test set. */
export function compareCase(c: EtsCase): EtsComparison {
  const fit = fitForecast(c.train, { method: "auto", seasonLength: c.frequency });
  const forecasts = fit.forecast(c.horizon);
  return { c, model: fit.name, forecasts, mase: mase(c.train, c.test, forecasts, c.frequency) };
}

export const isSimulated = (c: EtsCase): boolean => c.name.startsWith("sim-");

export function meanOf(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}
