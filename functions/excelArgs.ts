/**
 * Coercion of what Excel passes to an `any[][]` parameter: a 2D array of numbers, strings ("" for a
 * blank cell), booleans or null (blank); null or undefined for an omitted optional argument.
 * Arrays are never copied: a Grid is a view on Excel's array, read by index.
 * Failures throw DomainError (mapped to the cell's error by excelErrors.errorFromException).
 */
import { DomainError } from "../src/errors";
import { excelError, isExcelError, NA, NUM, DIV0, VALUE, ErrorCodeText, PassedError } from "./excelErrors";

/** A rectangular view on one argument. A scalar (or omitted argument) is a 1x1 grid. */
export interface Grid {
  readonly name: string;
  readonly data: readonly (readonly unknown[])[];
  readonly rows: number;
  readonly cols: number;
}

const OMITTED: readonly (readonly unknown[])[] = [[undefined]];

/**
 * Wraps an argument as a grid after checking it is a non-empty rectangular 2D array (one pass over
 * the rows, no copy). Ragged, empty or 1-D arrays are #VALUE!: Excel never passes them.
 */
export function toGrid(arg: unknown, name: string): Grid {
  if (arg === null || arg === undefined) return { name, data: OMITTED, rows: 1, cols: 1 };
  if (!Array.isArray(arg)) return { name, data: [[arg]], rows: 1, cols: 1 };
  const rows = arg.length;
  const first = arg[0];
  if (rows === 0 || !Array.isArray(first) || first.length === 0) {
    throw new DomainError("value", `${name} is an empty or malformed range`);
  }
  const cols = first.length;
  for (let i = 1; i < rows; i++) {
    const row = arg[i];
    if (!Array.isArray(row) || row.length !== cols) {
      throw new DomainError("value", `${name} is not a rectangular range (row ${i + 1})`);
    }
  }
  return { name, data: arg as unknown[][], rows, cols };
}

/** Element of a grid; 1-row / 1-column grids repeat along that dimension (broadcasting). */
export function at(g: Grid, i: number, j: number): unknown {
  return g.data[g.rows === 1 ? 0 : i][g.cols === 1 ? 0 : j];
}

export function isBlank(x: unknown): boolean {
  return x === null || x === undefined || x === "";
}

// Rich cell values (Excel.CellValue) reach `any` parameters when the metadata allows custom data;
// error types map to their Excel error.
const CELL_VALUE_ERRORS: Record<string, ErrorCodeText> = { Value: VALUE, Num: NUM, Div0: DIV0, NotAvailable: NA };

function describe(x: unknown): string {
  if (typeof x === "string") return "text";
  if (typeof x === "boolean") return "a boolean (TRUE/FALSE)";
  return "an unsupported value";
}

/**
 * A numeric element: the finite number, or undefined when blank. Text, booleans and objects are
 * #VALUE!, NaN and +-Infinity #NUM!, an Excel error passes through. The hot path (a finite number)
 * is inlined by the callers; this is the slow path, though it handles numbers too.
 */
export function coerceNumber(x: unknown, name: string): number | undefined {
  if (typeof x === "number") {
    if (Number.isFinite(x)) return x;
    throw new DomainError("num", `${name} must be a finite number`);
  }
  if (x === null || x === undefined || x === "") return undefined;
  if (typeof x === "object") {
    if (isExcelError(x)) throw new PassedError(x);
    const cv = x as { type?: unknown; basicValue?: unknown; errorType?: unknown };
    if ((cv.type === "Double" || cv.type === "FormattedNumber") && typeof cv.basicValue === "number") {
      return coerceNumber(cv.basicValue, name);
    }
    if (cv.type === "Empty") return undefined;
    if (cv.type === "Error") {
      const code = CELL_VALUE_ERRORS[String(cv.errorType)];
      throw new PassedError(excelError(code ?? VALUE, code ? undefined : `${name} holds an error`));
    }
  }
  throw new DomainError("value", `${name} must be a number, not ${describe(x)}`);
}

/** A text element (a method or option name): the string, or undefined when blank. */
export function coerceText(x: unknown, name: string): string | undefined {
  if (typeof x === "string") return x === "" ? undefined : x;
  if (x === null || x === undefined) return undefined;
  if (isExcelError(x)) throw new PassedError(x);
  throw new DomainError("value", `${name} must be text`);
}

function single(arg: unknown, name: string): unknown {
  const g = toGrid(arg, name);
  if (g.rows !== 1 || g.cols !== 1) throw new DomainError("value", `${name} must be a single value, not a range`);
  return g.data[0][0];
}

/** A single-cell numeric argument; undefined when blank or omitted (the caller applies the default). */
export function scalarNumber(arg: unknown, name: string): number | undefined {
  return coerceNumber(single(arg, name), name);
}

export function requiredNumber(arg: unknown, name: string): number {
  const v = scalarNumber(arg, name);
  if (v === undefined) throw new DomainError("value", `${name} is required`);
  return v;
}

/** A single-cell text argument; undefined when blank or omitted. */
export function scalarText(arg: unknown, name: string): string | undefined {
  return coerceText(single(arg, name), name);
}

/** A one-row or one-column range read as a list: length and element accessor (no copy). */
export interface Vector {
  readonly grid: Grid;
  readonly length: number;
  get(t: number): unknown;
}

export function toVector(arg: unknown, name: string, what = "one row or one column"): Vector {
  const g = toGrid(arg, name);
  if (g.rows !== 1 && g.cols !== 1) throw new DomainError("value", `${name} must be ${what}`);
  const d = g.data;
  return g.rows === 1
    ? { grid: g, length: g.cols, get: (t) => d[0][t] }
    : { grid: g, length: g.rows, get: (t) => d[t][0] };
}
