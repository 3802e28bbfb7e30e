/**
 * Coercion of what Excel passes to an `any[][]` parameter: a 2D array of numbers, strings ("" for a
 * blank cell), booleans or null (blank); null or undefined for an omitted optional argument.
 * Arrays are never copied: a Grid is a view on Excel's array, read by index.
 * Failures throw DomainError (mapped to the cell's error by excelErrors.errorFromException), except
 * in elementReader, which returns the cell's error instead (lift's per-element loop).
 */
import { DomainError } from "../src/errors";
import { errorFromException, excelError, isExcelError, NA, NUM, DIV0, VALUE, ErrorCodeText, PassedError } from "./excelErrors";

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

/**
 * Why an element is not what was expected: builds the exception the throwing readers raise. The
 * non-throwing readers (elementReader, for lift) build the cell's error from it once per argument
 * and reason, so a column of bad elements costs no exception and shares one error object.
 */
class Reason {
  constructor(readonly exception: (name: string) => DomainError | PassedError) {}
}

const notANumber = (what: string) => new Reason((name) => new DomainError("value", `${name} must be a number, not ${what}`));
const TEXT = notANumber("text");
const BOOLEAN = notANumber("a boolean (TRUE/FALSE)");
const UNSUPPORTED = notANumber("an unsupported value");
const NOT_FINITE = new Reason((name) => new DomainError("num", `${name} must be a finite number`));
const NOT_TEXT = new Reason((name) => new DomainError("value", `${name} must be text`));
const HELD_ERROR = new Reason((name) => new PassedError(excelError(VALUE, `${name} holds an error`)));

// Rich cell values (Excel.CellValue) reach `any` parameters when the metadata allows custom data;
// error types map to their Excel error.
const cellValueError = (code: ErrorCodeText) => new Reason(() => new PassedError(excelError(code)));
const CELL_VALUE_ERRORS: Record<string, Reason> = {
  Value: cellValueError(VALUE),
  Num: cellValueError(NUM),
  Div0: cellValueError(DIV0),
  NotAvailable: cellValueError(NA),
};

/** An element read: the value, undefined when blank, a Reason, or the Excel error the cell holds. */
type Read = number | string | undefined | Reason | CustomFunctions.Error;

function readNumber(x: unknown): Read {
  if (typeof x === "number") return Number.isFinite(x) ? x : NOT_FINITE;
  if (x === null || x === undefined || x === "") return undefined;
  if (typeof x === "string") return TEXT;
  if (typeof x === "boolean") return BOOLEAN;
  if (typeof x === "object") {
    if (isExcelError(x)) return x;
    const cv = x as { type?: unknown; basicValue?: unknown; errorType?: unknown };
    if ((cv.type === "Double" || cv.type === "FormattedNumber") && typeof cv.basicValue === "number") return readNumber(cv.basicValue);
    if (cv.type === "Empty") return undefined;
    if (cv.type === "Error") return CELL_VALUE_ERRORS[String(cv.errorType)] ?? HELD_ERROR;
  }
  return UNSUPPORTED;
}

function readText(x: unknown): Read {
  if (typeof x === "string") return x === "" ? undefined : x;
  if (x === null || x === undefined) return undefined;
  if (isExcelError(x)) return x;
  return NOT_TEXT;
}

function valueOrThrow(r: Read, name: string): unknown {
  if (r instanceof Reason) throw r.exception(name);
  if (typeof r === "object") throw new PassedError(r);
  return r;
}

/**
 * A numeric element: the finite number, or undefined when blank. Text, booleans and objects are
 * #VALUE!, NaN and +-Infinity #NUM!, an Excel error passes through. The hot path (a finite number)
 * is inlined by the callers; this is the slow path, though it handles numbers too.
 */
export function coerceNumber(x: unknown, name: string): number | undefined {
  return valueOrThrow(readNumber(x), name) as number | undefined;
}

/** A text element (a method or option name): the string, or undefined when blank. */
export function coerceText(x: unknown, name: string): string | undefined {
  return valueOrThrow(readText(x), name) as string | undefined;
}

/**
 * coerceNumber or coerceText for every element of one argument, without throwing: a bad element
 * gives its cell error (an object), one per reason for the whole argument, or the Excel error it holds.
 */
export function elementReader(name: string, text: boolean): (x: unknown) => number | string | undefined | CustomFunctions.Error {
  const read = text ? readText : readNumber;
  const errors = new Map<Reason, CustomFunctions.Error>();
  return (x) => {
    const r = read(x);
    if (!(r instanceof Reason)) return r;
    let e = errors.get(r);
    if (e === undefined) errors.set(r, (e = errorFromException(r.exception(name))));
    return e;
  };
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
  return g.rows === 1 ? { grid: g, length: g.cols, get: (t) => d[0][t] } : { grid: g, length: g.rows, get: (t) => d[t][0] };
}
