/**
 * The SKU-classification and accuracy functions: DEMAND_CLASS, XYZ and FORECAST_ACCURACY read
 * their series one per row (functions/rowSeries.ts) and return one result row per series; ABC
 * classifies a range of values cell by cell. The formulas are the engine's (src/classify/,
 * src/accuracy/); here are only the Excel conventions: blanks, shapes and errors per series.
 */
import { DomainError } from "../src/errors";
import { classifyDemand, demandProfile, ONE_DEMAND_MESSAGE } from "../src/classify/demandClass";
import { classifyXyz, demandCv, X_CV_DEFAULT, xyzCutoffsDomainError, Y_CV_DEFAULT } from "../src/classify/xyz";
import { A_SHARE_DEFAULT, ABC_CLASSES, abcClassesInto, abcSharesDomainError, B_SHARE_DEFAULT } from "../src/classify/abc";
import { forecastAccuracy, naiveScale, parseAccuracyMetric } from "../src/accuracy/accuracy";
import { checkSeasonLength } from "../src/forecast/types";
import { coerceNumber, scalarNumber, scalarText, toGrid } from "./excelArgs";
import { errorFromException, excelError, NA } from "./excelErrors";
import { checkResultSize, errorResult, SharedErrors } from "./broadcast";
import { BLANK, ERROR, RowSeries } from "./rowSeries";

/** DEMAND_CLASS: one row [ADI, CV^2, class] per series. */
export function demandClassCells(history: unknown): unknown[][] {
  try {
    const h = new RowSeries(history, "history");
    checkResultSize(h.count * 3);
    const errors = new SharedErrors();
    let oneDemand: CustomFunctions.Error | undefined;
    const out: unknown[][] = new Array(h.count);
    for (let s = 0; s < h.count; s++) {
      const r = h.read(s);
      if (r === BLANK) {
        out[s] = ["", "", ""];
        continue;
      }
      if (r === ERROR) {
        out[s] = [h.error, h.error, h.error];
        continue;
      }
      try {
        const p = demandProfile(h.values, h.length);
        if (p.cv2 === undefined) {
          oneDemand ??= excelError(NA, ONE_DEMAND_MESSAGE);
          out[s] = [p.adi, oneDemand, oneDemand];
        } else {
          out[s] = [p.adi, p.cv2, classifyDemand(p.adi, p.cv2)];
        }
      } catch (e) {
        const x = errors.thrown(e);
        out[s] = [x, x, x];
      }
    }
    return out;
  } catch (e) {
    return errorResult(e);
  }
}

/** XYZ: one class per series. */
export function xyzCells(history: unknown, x_cv?: unknown, y_cv?: unknown): unknown[][] {
  try {
    const xCv = scalarNumber(x_cv, "x_cv") ?? X_CV_DEFAULT;
    const yCv = scalarNumber(y_cv, "y_cv") ?? Y_CV_DEFAULT;
    const bad = xyzCutoffsDomainError(xCv, yCv);
    if (bad) throw bad;
    const h = new RowSeries(history, "history");
    checkResultSize(h.count);
    const errors = new SharedErrors();
    const out: unknown[][] = new Array(h.count);
    for (let s = 0; s < h.count; s++) {
      const r = h.read(s);
      if (r === BLANK) out[s] = [""];
      else if (r === ERROR) out[s] = [h.error];
      else {
        try {
          out[s] = [classifyXyz(demandCv(h.values, h.length), xCv, yCv)];
        } catch (e) {
          out[s] = [errors.thrown(e)];
        }
      }
    }
    return out;
  } catch (e) {
    return errorResult(e);
  }
}

/**
 * ABC: a class per cell of values, same shape; blank cells stay blank. A cell that is not a number
 * >= 0 gets its own error (#VALUE! for text, #NUM! for a negative number, an Excel error passed
 * through) and is left out of the total.
 */
export function abcCells(values: unknown, a_share?: unknown, b_share?: unknown): unknown[][] {
  try {
    const a = scalarNumber(a_share, "a_share") ?? A_SHARE_DEFAULT;
    const b = scalarNumber(b_share, "b_share") ?? B_SHARE_DEFAULT;
    const bad = abcSharesDomainError(a, b);
    if (bad) throw bad;
    if (values === null || values === undefined) throw new DomainError("value", "values is required");
    const g = toGrid(values, "values");
    checkResultSize(g.rows * g.cols);
    const cols = g.cols;
    // Pass 1: the numbers and where they are; blanks and bad cells are written straight to out.
    const out: unknown[][] = new Array(g.rows);
    const at = new Float64Array(g.rows * cols); // flat position of each number
    const vals = new Float64Array(g.rows * cols);
    let n = 0;
    let negative: CustomFunctions.Error | undefined;
    for (let i = 0; i < g.rows; i++) {
      const src = g.data[i];
      const row: unknown[] = new Array(cols);
      for (let j = 0; j < cols; j++) {
        const x = src[j];
        let v: number | undefined;
        if (typeof x === "number" && x - x === 0) v = x;
        else if (x === null || x === undefined || x === "") v = undefined;
        else {
          const label = g.rows === 1 && cols === 1 ? "values" : `values (row ${i + 1}${cols > 1 ? `, column ${j + 1}` : ""})`;
          try {
            v = coerceNumber(x, label);
          } catch (e) {
            row[j] = errorFromException(e);
            continue;
          }
        }
        if (v === undefined) row[j] = "";
        else if (v < 0) row[j] = negative ??= errorFromException(new DomainError("num", "values must be >= 0"));
        else {
          at[n] = i * cols + j;
          vals[n++] = v;
        }
      }
      out[i] = row;
    }
    // Pass 2: the classes of the numbers.
    const codes = abcClassesInto(vals, n, new Uint8Array(n), a, b);
    for (let k = 0; k < n; k++) {
      const p = at[k];
      const i = Math.floor(p / cols);
      out[i][p - i * cols] = ABC_CLASSES[codes[k]];
    }
    return out;
  } catch (e) {
    return errorResult(e);
  }
}

/**
 * FORECAST_ACCURACY: one figure per series (rows of actual and forecast, the same shape; or two
 * single series of the same length). Each pair is compared over the periods where both have a value.
 */
export function forecastAccuracyCells(
  actual: unknown,
  forecast: unknown,
  metric?: unknown,
  history?: unknown,
  season_length?: unknown,
): unknown[][] {
  try {
    const m = parseAccuracyMetric(scalarText(metric, "metric"));
    const season = scalarNumber(season_length, "season_length") ?? 1;
    const a = new RowSeries(actual, "actual");
    const f = new RowSeries(forecast, "forecast");
    checkSameShape(actual, forecast, a, f);
    let h: RowSeries | undefined;
    if (m === "mase") {
      checkSeasonLength(season, 1, "mase"); // once for the call, not once per series
      if (history === null || history === undefined) {
        throw new DomainError("value", "mase needs history: the past values of each series, to scale the errors");
      }
      h = new RowSeries(history, "history");
      if (h.count !== a.count) {
        throw new DomainError(
          "value",
          `history has ${h.count} series (rows) and actual ${a.count}: give one history row per series, in the same order`,
        );
      }
    }
    checkResultSize(a.count);
    const errors = new SharedErrors();
    const out: unknown[][] = new Array(a.count);
    for (let s = 0; s < a.count; s++) {
      const ra = a.read(s);
      const rf = f.read(s);
      if (ra === ERROR || rf === ERROR) {
        out[s] = [ra === ERROR ? a.error : f.error];
        continue;
      }
      if (ra === BLANK && rf === BLANK) {
        out[s] = [""];
        continue;
      }
      try {
        // The periods where both have a value.
        const from = Math.max(a.first, f.first);
        const to = Math.min(a.first + a.length, f.first + f.length);
        if (ra === BLANK || rf === BLANK || to <= from) throw new DomainError("na", "actual and forecast have no period in common");
        let scale: number | undefined;
        if (h !== undefined) {
          const rh = h.read(s);
          if (rh === ERROR) {
            out[s] = [h.error];
            continue;
          }
          if (rh === BLANK) throw new DomainError("value", "history is blank for this series: mase needs its past values");
          scale = naiveScale(h.values, 0, h.length, season);
        }
        out[s] = [forecastAccuracy(m, a.values, from - a.first, f.values, from - f.first, to - from, scale)];
      } catch (e) {
        out[s] = [errors.thrown(e)];
      }
    }
    return out;
  } catch (e) {
    return errorResult(e);
  }
}

/** actual and forecast must have the same shape, or both be one series of the same length. */
function checkSameShape(actual: unknown, forecast: unknown, a: RowSeries, f: RowSeries): void {
  if (a.single && f.single && a.periods === f.periods) return;
  const ga = toGrid(actual, "actual");
  const gf = toGrid(forecast, "forecast");
  if (ga.rows === gf.rows && ga.cols === gf.cols) return;
  throw new DomainError(
    "value",
    `actual is ${ga.rows} x ${ga.cols} and forecast ${gf.rows} x ${gf.cols} (rows x columns): select the same SKUs and periods for both`,
  );
}
