/**
 * Element-wise lifting of an engine function over Excel ranges, the way Excel lifts its own scalar
 * functions: same-shape ranges pair element by element, a single cell repeats, a column and a row
 * broadcast to a grid. One output array of the result shape is allocated; arguments are read by
 * index (no per-argument copies), so whole-column (1,048,576-row) ranges fit in memory.
 *
 * Blank rows of a SKU table give blank results: an element is blank when all its "key" required
 * arguments are blank. Keys are the required arguments that run down the rows (more than one row);
 * if none does, those that run across the columns; if all are single cells, all required arguments.
 * A single-cell argument such as a service level of 0.95 therefore never makes a blank row non-blank.
 */
import { DomainError } from "../src/errors";
import { elementReader, Grid, toGrid } from "./excelArgs";
import { errorFromException, excelError, NUM, VALUE } from "./excelErrors";

export interface ArgSpec {
  readonly name: string;
  /** "text" arguments (a method name) are passed as strings; the rest as finite numbers. */
  readonly text?: boolean;
}

export interface LiftedSpec {
  /** Arguments in Excel's order; the first `required` are required, the rest optional. */
  readonly args: readonly ArgSpec[];
  readonly required: number;
  /** Result cells per element (3 for MIN_MAX's [lower, order_qty, upper]). */
  readonly width: number;
  /**
   * Calls the engine with v (numbers, strings, or undefined for omitted optionals) and writes
   * `width` results at out[at..]. Throws DomainError on a domain failure.
   */
  compute(v: unknown[], out: unknown[], at: number): void;
  /**
   * The engine's domain checks for the same v, without throwing: the DomainError compute would throw
   * (its kind and, for #VALUE!, its message), or undefined. An element rejected here is not computed.
   * A thrown exception costs several times a whole valid element, so without this a column of bad
   * rows took about 10x as long as a column of good ones. test/functions/errorPath.test.ts checks
   * that it agrees with compute.
   */
  reject?(v: readonly unknown[]): DomainError | undefined;
}

/** Largest spilled result we build (cells); beyond it a single #VALUE! rather than an out-of-memory. */
export const MAX_RESULT_CELLS = 4 * 1048576;

/** A result of this many cells is too large: #VALUE! for the whole call (before any work). */
export function checkResultSize(cells: number): void {
  if (cells > MAX_RESULT_CELLS) throw new DomainError("value", `the result would have more than ${MAX_RESULT_CELLS} cells`);
}

/** The whole-call error as a 1x1 spill. */
export function errorResult(e: unknown): unknown[][] {
  return [[errorFromException(e)]];
}

/** Guards a small computed spill: any non-finite number becomes #NUM! (the engine checks already). */
export function finiteCells(out: unknown[][]): unknown[][] {
  for (const row of out) {
    for (let c = 0; c < row.length; c++) if (typeof row[c] === "number" && !Number.isFinite(row[c])) row[c] = excelError(NUM);
  }
  return out;
}

function broadcastShape(grids: readonly Grid[]): [number, number] {
  let rows = 1;
  let cols = 1;
  for (const g of grids) {
    if (g.rows !== 1) {
      if (rows === 1) rows = g.rows;
      else if (g.rows !== rows) throw shapeError(g, "rows", g.rows, rows);
    }
    if (g.cols !== 1) {
      if (cols === 1) cols = g.cols;
      else if (g.cols !== cols) throw shapeError(g, "columns", g.cols, cols);
    }
  }
  return [rows, cols];
}

function shapeError(g: Grid, dim: string, n: number, expected: number): DomainError {
  return new DomainError(
    "value",
    `${g.name} has ${n} ${dim} where other arguments have ${expected}: ranges must have the same size, or be a single cell, a row or a column`,
  );
}

/** Which required arguments decide that an element is a blank row (see the file comment). */
function blankKeys(grids: readonly Grid[], required: number): boolean[] {
  const keys = new Array<boolean>(grids.length).fill(false);
  let found = false;
  for (let k = 0; k < required; k++) if (grids[k].rows > 1) found = keys[k] = true;
  if (!found) for (let k = 0; k < required; k++) if (grids[k].cols > 1) found = keys[k] = true;
  if (!found) for (let k = 0; k < required; k++) keys[k] = true;
  return keys;
}

/**
 * Runs spec over the broadcast of args. Never throws: a failure of the whole call (shape, empty
 * range) is a 1x1 error; a failure of one element is that element's error.
 */
export function lift(spec: LiftedSpec, args: readonly unknown[]): unknown[][] {
  try {
    const n = spec.args.length;
    const grids: Grid[] = new Array(n);
    for (let k = 0; k < n; k++) grids[k] = toGrid(args[k], spec.args[k].name);
    const [rows, cols] = broadcastShape(grids);
    checkResultSize(rows * cols * spec.width);
    return liftGrid(spec, grids, rows, cols);
  } catch (e) {
    return errorResult(e);
  }
}

/**
 * Cell errors shared by the elements of one call: one object per distinct error, built when first
 * needed, so that a million bad elements hold a handful of objects.
 */
export class SharedErrors {
  private readonly byKey = new Map<unknown, CustomFunctions.Error>();

  get(key: unknown, make: () => CustomFunctions.Error): CustomFunctions.Error {
    let e = this.byKey.get(key);
    if (e === undefined) this.byKey.set(key, (e = make()));
    return e;
  }

  /** The cell error of what reject returned: the specs return a few shared objects, looked up as they are. */
  rejected(e: DomainError): CustomFunctions.Error {
    return this.get(e, () => errorFromException(e));
  }

  /** The cell error of an exception; DomainErrors with the same kind and message share one. */
  thrown(e: unknown): CustomFunctions.Error {
    return e instanceof DomainError ? this.get(`${e.kind} ${e.message}`, () => errorFromException(e)) : errorFromException(e);
  }
}

function liftGrid(spec: LiftedSpec, grids: Grid[], rows: number, cols: number): unknown[][] {
  const n = grids.length;
  const w = spec.width;
  const required = spec.required;
  const keys = blankKeys(grids, required);
  const v: unknown[] = new Array(n).fill(undefined);
  const errors = new SharedErrors();
  // Coercion never throws here: a bad element reads as its cell error (an object), shared per argument.
  const readers = grids.map((g, k) => elementReader(g.name, spec.args[k].text === true));

  // Single-cell arguments (a service level, an omitted optional) are coerced once, not per element.
  let fixedError: unknown = undefined;
  let fixedMissing = -1;
  let fixedKeyPresent = false;
  const varying: number[] = [];
  for (let k = 0; k < n; k++) {
    const g = grids[k];
    if (g.rows > 1 || g.cols > 1) {
      varying.push(k);
      continue;
    }
    const y = readers[k](g.data[0][0]);
    if (typeof y === "object") {
      if (fixedError === undefined) fixedError = y;
      continue;
    }
    v[k] = y;
    if (y === undefined) {
      if (k < required && fixedMissing < 0) fixedMissing = k;
    } else if (keys[k]) fixedKeyPresent = true;
  }
  const m = varying.length;
  const vk = Int32Array.from(varying);
  const vData = varying.map((k) => grids[k].data);
  const vOneRow = varying.map((k) => grids[k].rows === 1);
  const vOneCol = varying.map((k) => grids[k].cols === 1);
  const vText = varying.map((k) => spec.args[k].text === true);
  const vKey = varying.map((k) => keys[k]);
  const vRead = varying.map((k) => readers[k]);

  // One element's cells, written by spec.compute; rows are built from it afterwards so that a
  // one-cell row is an array literal (V8 then allocates it once, with the right element kind).
  const cell: unknown[] = new Array(w).fill(0);

  /** Computes element (i, j) into cell; returns its error instead when it has one (nothing thrown). */
  const computeElement = (i: number, j: number): unknown => {
    let missing = fixedMissing;
    let keyPresent = fixedKeyPresent;
    for (let t = 0; t < m; t++) {
      const x = vData[t][vOneRow[t] ? 0 : i][vOneCol[t] ? 0 : j];
      const k = vk[t];
      // Hot path: a finite number needs no further check.
      const y = Number.isFinite(x) && !vText[t] ? x : vRead[t](x);
      if (typeof y === "object") return y;
      if (y === undefined) {
        if (k < required && (missing < 0 || k < missing)) missing = k;
      } else if (vKey[t]) keyPresent = true;
      v[k] = y;
    }
    if (missing >= 0) {
      // keyed by the argument's index
      if (keyPresent) return errors.get(missing, () => excelError(VALUE, `${grids[missing].name} is required`));
      for (let c = 0; c < w; c++) cell[c] = "";
      return undefined;
    }
    const rejected = spec.reject?.(v);
    if (rejected !== undefined) return errors.rejected(rejected);
    try {
      spec.compute(v, cell, 0);
    } catch (e) {
      return errors.thrown(e);
    }
    for (let c = 0; c < w; c++) {
      const r = cell[c];
      // Engine results are checked finite already; this guards the cell against NaN/Infinity anyway.
      if (Number.isFinite(r)) continue;
      if (typeof r === "number") cell[c] = errors.get("not finite", () => excelError(NUM));
      else cell[c] = errors.get("no result", () => excelError(VALUE, "SCM: no result"));
    }
    return undefined;
  };

  const fillElement = (i: number, j: number): void => {
    const err = fixedError ?? computeElement(i, j);
    if (err !== undefined) for (let c = 0; c < w; c++) cell[c] = err;
  };

  const out: unknown[][] = new Array(rows);
  if (cols * w === 1) {
    for (let i = 0; i < rows; i++) {
      fillElement(i, 0);
      out[i] = [cell[0]];
    }
    return out;
  }
  for (let i = 0; i < rows; i++) {
    const row: unknown[] = new Array(cols * w);
    for (let j = 0; j < cols; j++) {
      fillElement(i, j);
      for (let c = 0; c < w; c++) row[j * w + c] = cell[c];
    }
    out[i] = row;
  }
  return out;
}
