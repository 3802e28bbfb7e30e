/**
 * History ranges read as series, ONE SERIES PER ROW (README, "Custom
 * functions", Series): a SKU table has one SKU per row and the periods across, oldest at the left.
 * A range with a single column is one series running down the rows (as is a single cell). This is
 * the transpose of BULLWHIP_RATIO's layout (functions/series.ts: one series per column, one per
 * echelon), and the reader that DEMAND_CLASS, XYZ, FORECAST_ACCURACY and the forecasting functions
 * share.
 *
 * The blank rules, per series:
 * - leading blanks are skipped (a SKU that started selling later), and so are trailing blanks (a
 *   range drawn wider than the history, a whole-row reference);
 * - a blank between two numbers is #VALUE! "history has a blank at period k: enter 0 for no demand";
 * - a series that is blank throughout is a blank row of the table: its result cells are blank;
 * - a cell that is not a number (text, TRUE/FALSE, NaN) is that series' #VALUE! or #NUM!, and an Excel
 *   error in a cell (#N/A from a lookup) is passed through as that series' result.
 * Periods are numbered from 1 at the first cell of the range (the left column, or the top row of a
 * single column), so "period k" names the same column for every SKU.
 *
 * Values are copied into one reusable Float64Array per reader (a row of 104 weeks costs 104 stores and
 * no allocation); Excel's arrays are read by index, never copied as a whole.
 */
import { DomainError } from "../src/errors";
import { coerceNumber, toGrid } from "./excelArgs";
import { errorFromException, excelError, VALUE } from "./excelErrors";

/** read()'s outcomes: values[0..length-1] hold the series; every cell is blank (a blank row of the table); `error` is the series' result. */
export const VALUES = 1;
export const BLANK = 0;
export const ERROR = -1;
export type SeriesRead = typeof VALUES | typeof BLANK | typeof ERROR;

export class RowSeries {
  /** Number of series (rows of a 2-D range, or 1 for a single column). */
  readonly count: number;
  /** Cells per series: the range's columns, or its rows when it is a single column. */
  readonly periods: number;
  /** A single series (one column, one row or one cell): the whole range is one series. */
  readonly single: boolean;
  /** After read() returned Values: the numbers, oldest first. */
  readonly values: Float64Array;
  /** After read() returned Values: how many numbers. */
  length = 0;
  /** After read() returned Values: the 0-based period (position in the range) of values[0]. */
  first = 0;
  /** After read() returned Error: the series' result. */
  error: CustomFunctions.Error | undefined = undefined;

  /** The range is a single column (or a single cell): one series running down the rows. */
  readonly down: boolean;

  private readonly data: readonly (readonly unknown[])[];

  /** Wraps a history argument; a missing one, or an empty or ragged array, throws #VALUE!. */
  constructor(
    arg: unknown,
    readonly name: string,
  ) {
    if (arg === null || arg === undefined) throw new DomainError("value", `${name} is required`);
    const g = toGrid(arg, name);
    this.data = g.data;
    this.down = g.cols === 1;
    this.count = this.down ? 1 : g.rows;
    this.periods = this.down ? g.rows : g.cols;
    this.single = this.count === 1;
    this.values = new Float64Array(this.periods);
  }

  /** Reads series s (0-based) into values / first / length, or error. Never throws. */
  read(s: number): SeriesRead {
    const out = this.values;
    const row = this.down ? undefined : this.data[s];
    const n = this.periods;
    let first = -1;
    let k = 0;
    let gap = -1; // first blank after a number, until a number shows it is inside the series
    for (let t = 0; t < n; t++) {
      const x = row === undefined ? this.data[t][0] : row[t];
      if (typeof x === "number" && x - x === 0) {
        if (gap >= 0) return this.fail(excelError(VALUE, `${this.name} has a blank at period ${gap + 1}: enter 0 for no demand`));
        if (first < 0) first = t;
        out[k++] = x;
      } else {
        // Slow path: a blank, a rich cell value ({type: "Double", ...}) or a bad cell.
        const v = x === null || x === undefined || x === "" ? undefined : this.slowCell(s, t, x);
        if (typeof v === "object") return this.fail(v);
        if (v === undefined) {
          if (first >= 0 && gap < 0) gap = t;
          continue;
        }
        if (gap >= 0) return this.fail(excelError(VALUE, `${this.name} has a blank at period ${gap + 1}: enter 0 for no demand`));
        if (first < 0) first = t;
        out[k++] = v;
      }
    }
    this.error = undefined;
    if (first < 0) {
      this.length = 0;
      return BLANK;
    }
    this.first = first;
    this.length = k;
    return VALUES;
  }

  private fail(e: CustomFunctions.Error): SeriesRead {
    this.error = e;
    this.length = 0;
    return ERROR;
  }

  /** A cell that is not a plain finite number: its number, undefined when blank, or its error. */
  private slowCell(s: number, t: number, x: unknown): number | undefined | CustomFunctions.Error {
    const label = this.single ? `${this.name} (period ${t + 1})` : `${this.name} (row ${s + 1}, period ${t + 1})`;
    try {
      return coerceNumber(x, label);
    } catch (e) {
      return errorFromException(e);
    }
  }
}
