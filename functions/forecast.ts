/**
 * The forecasting functions FORECAST, FORECAST_FIT and FORECAST_SAFETY_STOCK (the engine: see
 * ARCHITECTURE.md section 6.6). Each reads its histories one series per row (functions/rowSeries.ts),
 * fits a model to each with the engine's fitForecast (src/forecast/fit.ts) and returns one result row
 * per series (a single column's forecasts are a column). The formulas are the engine's; here are only the Excel
 * conventions (blanks, shapes, errors per series) and the slicing: a call over thousands of series
 * runs for seconds, so the series are fitted in slices and Excel may cancel the call between them
 * (functions/slices.ts). The promise resolves only with the complete result.
 */
import { DomainError } from "../src/errors";
import { fitForecast } from "../src/forecast/fit";
import {
  DEFAULT_METHOD,
  findForecastMethod,
  FitRequest,
  FittedModel,
  FORECAST_METHODS,
  ForecastMethod,
  modelLabel,
} from "../src/forecast/model";
import { forecastSafetyStock, forecastSafetyStockDomainError } from "../src/forecast/safetyStock";
import { checkHorizon, checkSeasonLength } from "../src/forecast/types";
import { coerceNumber, elementReader, requiredNumber, scalarNumber, scalarText, toGrid, toVector } from "./excelArgs";
import { excelError, NUM, VALUE } from "./excelErrors";
import { checkResultSize, errorResult, SharedErrors } from "./broadcast";
import { BLANK, ERROR, RowSeries } from "./rowSeries";
import { runInSlices } from "./slices";

/** FORECAST_FIT's columns. */
export const FIT_COLUMNS = ["method", "alpha", "beta", "gamma", "phi", "sd", "aicc", "mae", "rmse"] as const;

/** method: one of FORECAST_METHODS (case and surrounding spaces ignored); omitted or blank: "auto". */
function readMethod(arg: unknown): ForecastMethod {
  const text = scalarText(arg, "method");
  if (text === undefined || text.trim() === "") return DEFAULT_METHOD;
  const method = findForecastMethod(text);
  if (method === undefined) throw new DomainError("value", `method must be one of ${FORECAST_METHODS.map((m) => `"${m}"`).join(", ")}`);
  return method;
}

/**
 * parameters: a row (or column) of numbers in the method's order (src/forecast/given.ts,
 * PARAMETER_NAMES); omitted or blank throughout: undefined (estimated). Blank cells at the end are
 * ignored (a range drawn wider), a blank between numbers is #VALUE!.
 */
function readParameters(arg: unknown): Float64Array | undefined {
  if (arg === null || arg === undefined) return undefined;
  const v = toVector(arg, "parameters", "one row of numbers");
  const values: (number | undefined)[] = new Array(v.length);
  let n = 0;
  for (let k = 0; k < v.length; k++) {
    values[k] = coerceNumber(v.get(k), v.length === 1 ? "parameters" : `parameters (${k + 1})`);
    if (values[k] !== undefined) n = k + 1;
  }
  if (n === 0) return undefined;
  const out = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const x = values[k];
    if (x === undefined) {
      throw new DomainError(
        "value",
        `parameters has a blank at position ${k + 1}: give every parameter of the method, or none to estimate them`,
      );
    }
    out[k] = x;
  }
  return out;
}

/** The arguments every forecasting function shares, read once per call (a bad one is the call's only cell). */
function readRequest(method: unknown, season_length: unknown, parameters: unknown): FitRequest {
  const m = readMethod(method);
  const seasonLength = scalarNumber(season_length, "season_length") ?? 1;
  checkSeasonLength(seasonLength, 1, m);
  return { method: m, seasonLength, parameters: readParameters(parameters) };
}

/**
 * Fits every series of `rows` in slices and returns one row of `width` cells per series: blank
 * cells for a blank series, the series' error in each cell for a bad one, else cells(model, s).
 * `check(s)`, when given, may return an error for series s before it is fitted (its other arguments).
 */
async function eachSeries(
  rows: RowSeries,
  request: FitRequest,
  width: number,
  cells: (model: FittedModel, s: number) => unknown[],
  invocation: CustomFunctions.CancelableInvocation | undefined,
  check?: (s: number) => CustomFunctions.Error | undefined,
): Promise<unknown[][]> {
  const errors = new SharedErrors();
  const out: unknown[][] = new Array(rows.count);
  const fill = (s: number, x: unknown) => (out[s] = new Array(width).fill(x));
  await runInSlices(
    rows.count,
    (s) => {
      const r = rows.read(s);
      if (r === BLANK) return fill(s, "");
      if (r === ERROR) return fill(s, rows.error);
      const bad = check?.(s);
      if (bad !== undefined) return fill(s, bad);
      try {
        out[s] = cells(fitForecast(rows.values.subarray(0, rows.length), request), s);
      } catch (e) {
        fill(s, errors.thrown(e));
      }
    },
    invocation,
  );
  return out;
}

let notFinite: CustomFunctions.Error | undefined;
/** A number of the engine as a cell: "" when not defined for the model (undefined, or NaN: no in-sample error to measure), #NUM! if infinite. */
function numberCell(x: number | undefined): unknown {
  if (x === undefined || Number.isNaN(x)) return "";
  return Number.isFinite(x) ? x : (notFinite ??= excelError(NUM));
}

/** FORECAST: per series the next `horizon` periods, one row per series; a single column's forecasts run down a column. */
export async function forecastCells(
  history: unknown,
  horizon: unknown,
  method?: unknown,
  season_length?: unknown,
  parameters?: unknown,
  invocation?: CustomFunctions.CancelableInvocation,
): Promise<unknown[][]> {
  let rows: RowSeries;
  let request: FitRequest;
  let h: number;
  try {
    h = requiredNumber(horizon, "horizon");
    checkHorizon(h);
    request = readRequest(method, season_length, parameters);
    rows = new RowSeries(history, "history");
    checkResultSize(rows.count * h);
  } catch (e) {
    return errorResult(e);
  }
  const steps = h;
  const out = await eachSeries(rows, request, steps, (model) => Array.from(model.forecast(steps), numberCell), invocation);
  // One series in a single column (or cell): its forecasts continue the column.
  return rows.down ? out[0].map((x) => [x]) : out;
}

/** FORECAST_FIT: per series one row [method, alpha, beta, gamma, phi, sd, AICc, MAE, RMSE]. */
export async function forecastFitCells(
  history: unknown,
  method?: unknown,
  season_length?: unknown,
  parameters?: unknown,
  invocation?: CustomFunctions.CancelableInvocation,
): Promise<unknown[][]> {
  let rows: RowSeries;
  let request: FitRequest;
  try {
    request = readRequest(method, season_length, parameters);
    rows = new RowSeries(history, "history");
    checkResultSize(rows.count * FIT_COLUMNS.length);
  } catch (e) {
    return errorResult(e);
  }
  return eachSeries(
    rows,
    request,
    FIT_COLUMNS.length,
    (m) => [
      // The moving average has a window instead of smoothing parameters: it is named with the method.
      modelLabel(m),
      numberCell(m.alpha),
      numberCell(m.beta),
      numberCell(m.gamma),
      numberCell(m.phi),
      numberCell(m.sigma),
      numberCell(m.aicc),
      numberCell(m.mae),
      numberCell(m.rmse),
    ],
    invocation,
  );
}

/**
 * A number given once for every series (a single cell) or once per series (a column with one row
 * per series), as FORECAST_SAFETY_STOCK's lead_time and service_level.
 */
class PerSeriesNumber {
  /** The single value; undefined when given per series. */
  readonly value: number | undefined;
  private readonly column: readonly (readonly unknown[])[] | undefined;
  private readonly read: (x: unknown) => number | string | undefined | CustomFunctions.Error;
  private required: CustomFunctions.Error | undefined;

  constructor(
    arg: unknown,
    readonly name: string,
    count: number,
  ) {
    const g = toGrid(arg, name);
    this.read = elementReader(name, false);
    if (g.rows === 1 && g.cols === 1) {
      const v = coerceNumber(g.data[0][0], name);
      if (v === undefined) throw new DomainError("value", `${name} is required`);
      this.value = v;
    } else if (g.cols === 1 && g.rows === count) {
      this.column = g.data;
    } else {
      throw new DomainError(
        "value",
        `${name} is ${g.rows} x ${g.cols} (rows x columns): give a single value, or a column with one value per series (${count} rows)`,
      );
    }
  }

  /** Series s's number, or its cell's error (a blank is "... is required"). */
  at(s: number): number | CustomFunctions.Error {
    if (this.column === undefined) return this.value as number;
    const x = this.read(this.column[s][0]);
    if (typeof x === "number") return x;
    if (x === undefined) return (this.required ??= excelError(VALUE, `${this.name} is required`));
    return x as CustomFunctions.Error; // a number reader gives numbers, blanks or errors
  }
}

/** FORECAST_SAFETY_STOCK: per series z(service_level) times the sd of the forecast error over lead_time. */
export async function forecastSafetyStockCells(
  history: unknown,
  lead_time: unknown,
  service_level: unknown,
  method?: unknown,
  season_length?: unknown,
  parameters?: unknown,
  invocation?: CustomFunctions.CancelableInvocation,
): Promise<unknown[][]> {
  let rows: RowSeries;
  let request: FitRequest;
  let leadTime: PerSeriesNumber;
  let serviceLevel: PerSeriesNumber;
  try {
    request = readRequest(method, season_length, parameters);
    rows = new RowSeries(history, "history");
    leadTime = new PerSeriesNumber(lead_time, "lead_time", rows.count);
    serviceLevel = new PerSeriesNumber(service_level, "service_level", rows.count);
    if (leadTime.value !== undefined && serviceLevel.value !== undefined) {
      const bad = forecastSafetyStockDomainError(leadTime.value, serviceLevel.value);
      if (bad) throw bad; // the same for every series: one cell
    }
    checkResultSize(rows.count);
  } catch (e) {
    return errorResult(e);
  }
  const errors = new SharedErrors();
  const lead = new Float64Array(rows.count);
  const level = new Float64Array(rows.count);
  return eachSeries(
    rows,
    request,
    1,
    (model, s) => [numberCell(forecastSafetyStock(model, lead[s], level[s]))],
    invocation,
    (s) => {
      // The series' own lead time and service level, checked before its model is fitted.
      const l = leadTime.at(s);
      if (typeof l !== "number") return l;
      const p = serviceLevel.at(s);
      if (typeof p !== "number") return p;
      const bad = forecastSafetyStockDomainError(l, p);
      if (bad) return errors.thrown(bad);
      lead[s] = l;
      level[s] = p;
      return undefined;
    },
  );
}
