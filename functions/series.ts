/**
 * BULLWHIP_RATIO's ranges as series: a range with several rows holds one series per column (one per
 * echelon); a one-row range is one series. Values are pushed straight from Excel's 2D array into
 * SeriesStats (no copy), so two 1,048,576-row columns cost two passes over the cells and nothing else.
 * Blanks are skipped. `warmup` drops the first k ROWS (periods) of every series, blank or not, so
 * that paired orders and demand columns stay aligned on the same periods.
 */
import { DomainError } from "../src/errors";
import { bullwhipFromStats, parseBullwhipMethod, SeriesStats } from "../src/bullwhip/ratio";
import { checkIntegerAtLeast } from "../src/inventory/checks";
import { coerceNumber, scalarNumber, scalarText } from "./excelArgs";
import { errorFromException, excelError, NUM } from "./excelErrors";
import { errorResult } from "./broadcast";

interface SeriesSet {
  stats: SeriesStats[];
  /** First bad cell of each series (text, boolean, NaN, an Excel error), or undefined. */
  errors: (CustomFunctions.Error | undefined)[];
}

function emptyRange(name: string): DomainError {
  return new DomainError("value", `${name} is an empty or malformed range`);
}

/** The error of a bad cell, built once per series (only on the failure path). */
function cellError(x: unknown, label: string): CustomFunctions.Error {
  try {
    coerceNumber(x, label);
  } catch (e) {
    return errorFromException(e);
  }
  return excelError(NUM); // unreachable: coerceNumber accepts only finite numbers and blanks
}

/** A range as series: one along the row when it has one row, else one per column. */
interface Layout {
  name: string;
  data: unknown[][];
  rows: number;
  cols: number;
  set: SeriesSet;
}

function layout(arg: unknown, name: string): Layout {
  if (arg === null || arg === undefined) throw new DomainError("value", `${name} is required`);
  const a = (Array.isArray(arg) ? arg : [[arg]]) as unknown[][];
  const rows = a.length;
  const first = a[0];
  if (rows === 0 || !Array.isArray(first) || first.length === 0) throw emptyRange(name);
  const cols = first.length;
  const count = rows === 1 ? 1 : cols;
  const stats: SeriesStats[] = new Array(count);
  for (let c = 0; c < count; c++) stats[c] = new SeriesStats();
  return { name, data: a, rows, cols, set: { stats, errors: new Array(count).fill(undefined) } };
}

/** Slow path of a cell that is not a finite number: blanks are skipped, anything else is the series' error. */
function badCell(set: SeriesSet, c: number, x: unknown, name: string, i: number, j: number): void {
  if (x === null || x === undefined || x === "" || set.errors[c] !== undefined) return;
  set.errors[c] = cellError(x, `${name} (row ${i + 1}, column ${j + 1})`);
}

/** One series along the single row of the range, from column `warmup` on. */
function readRow(l: Layout, warmup: number): void {
  const row = l.data[0];
  const s = l.set.stats[0];
  for (let t = warmup; t < l.cols; t++) {
    const x = row[t];
    if (typeof x === "number" && x - x === 0) s.push(x);
    else badCell(l.set, 0, x, l.name, 0, t);
  }
}

/** Row i of a column layout: one value per series. Also checks the row (ragged arrays are #VALUE!). */
function readColumnsRow(l: Layout, i: number, skip: boolean): void {
  const row = l.data[i];
  const cols = l.cols;
  if (!Array.isArray(row) || row.length !== cols) throw notRectangular(l.name, i);
  if (skip) return;
  const stats = l.set.stats;
  for (let c = 0; c < cols; c++) {
    const x = row[c];
    if (typeof x === "number" && x - x === 0) stats[c].push(x);
    else badCell(l.set, c, x, l.name, i, c);
  }
}

function readColumns(l: Layout, warmup: number): void {
  for (let i = 0; i < l.rows; i++) readColumnsRow(l, i, i < warmup);
}

/**
 * Reads orders and demand. When both run down the same number of rows (the common case: one
 * column each, or several echelons against one demand column), a single pass reads both, which
 * lets the CPU overlap the two series' updates.
 */
function readBoth(o: Layout, d: Layout, warmup: number): void {
  if (o.rows > 1 && o.rows === d.rows && o.cols === 1 && d.cols === 1) {
    // Two columns (the benchmarked case): the generic row reader, hand-inlined.
    const od = o.data;
    const dd = d.data;
    const so = o.set.stats[0];
    const sd = d.set.stats[0];
    for (let i = 0; i < o.rows; i++) {
      const ro = od[i];
      const rd = dd[i];
      if (!Array.isArray(ro) || ro.length !== 1) throw notRectangular(o.name, i);
      if (!Array.isArray(rd) || rd.length !== 1) throw notRectangular(d.name, i);
      if (i < warmup) continue;
      const x = ro[0];
      if (typeof x === "number" && x - x === 0) so.push(x);
      else badCell(o.set, 0, x, o.name, i, 0);
      const y = rd[0];
      if (typeof y === "number" && y - y === 0) sd.push(y);
      else badCell(d.set, 0, y, d.name, i, 0);
    }
    return;
  }
  if (o.rows > 1 && o.rows === d.rows) {
    for (let i = 0; i < o.rows; i++) {
      const skip = i < warmup;
      readColumnsRow(o, i, skip);
      readColumnsRow(d, i, skip);
    }
    return;
  }
  for (const l of [o, d]) {
    if (l.rows === 1) readRow(l, warmup);
    else readColumns(l, warmup);
  }
}

function notRectangular(name: string, i: number): DomainError {
  return new DomainError("value", `${name} is not a rectangular range (row ${i + 1})`);
}

/**
 * BULLWHIP_RATIO: a 1 x (number of orders series) row of ratios. Demand is one series (shared by
 * every orders series) or as many series as orders (paired). Never throws.
 */
export function bullwhipRatioCells(orders: unknown, demand: unknown, method?: unknown, warmup?: unknown): unknown[][] {
  try {
    const m = parseBullwhipMethod(scalarText(method, "method"));
    const k = scalarNumber(warmup, "warmup") ?? 0;
    checkIntegerAtLeast(k, 0, "warmup");
    const lo = layout(orders, "orders");
    const ld = layout(demand, "demand");
    const o = lo.set;
    const d = ld.set;
    const n = o.stats.length;
    const nd = d.stats.length;
    if (nd !== 1 && nd !== n) {
      throw new DomainError(
        "value",
        `demand has ${nd} series (columns) and orders ${n}: demand must be one series or one per orders series`,
      );
    }
    // Orders and demand are the same periods side by side: different lengths are a range slip
    // (C2:C53 against D2:D52), not data, and would silently measure different periods.
    const po = lo.rows === 1 ? lo.cols : lo.rows;
    const pd = ld.rows === 1 ? ld.cols : ld.rows;
    if (po !== pd) {
      throw new DomainError("value", `orders cover ${po} periods and demand ${pd}: select the same periods for both`);
    }
    readBoth(lo, ld, k);
    const row: unknown[] = new Array(n);
    for (let c = 0; c < n; c++) {
      const dc = nd === 1 ? 0 : c;
      const err = o.errors[c] ?? d.errors[dc];
      if (err !== undefined) {
        row[c] = err;
        continue;
      }
      try {
        const r = bullwhipFromStats(o.stats[c], d.stats[dc], m);
        row[c] = Number.isFinite(r) ? r : excelError(NUM);
      } catch (e) {
        row[c] = errorFromException(e);
      }
    }
    return [row];
  } catch (e) {
    return errorResult(e);
  }
}
