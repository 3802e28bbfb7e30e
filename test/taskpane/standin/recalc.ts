/**
 * A recalculation engine for the Excel stand-in: evaluates the ordinary Excel formulas of a workbook
 * and writes each formula cell's result, the way Excel's calculation does. It works over a small
 * `Workbook` interface and knows nothing of the stand-in's internals, so the stand-in (or a test's
 * in-memory workbook) plugs in with a few lines.
 *
 * Parsing and most functions come from fast-formula-parser (MIT). Where that library's semantics are
 * not Excel's, this file corrects them (see `BUILTINS` and `patchOperators`):
 * - blank cells compare as "" with text and FALSE with logicals (`A1=""` is TRUE for a blank A1), and
 *   text comparisons ignore case, as in Excel;
 * - a number joined to text (`">"&A1`) is written with 15 significant digits, as Excel does;
 * - COUNTIF/SUMIF criteria are Excel's: whole-text wildcards (`"?"` is one character of text), and
 *   `">"&x` compares numbers with numbers only;
 * - ROUNDUP/ROUNDDOWN/ROUND round the 15-digit decimal value (the library's ROUNDUP(5,0) gives 6);
 * - MAX, MIN, LARGE, SMALL, MATCH, STDEV (STDEV.S, STDEV.P, STDEVP), which the library lists but does
 *   not implement, are implemented here; SUM, AVERAGE and SUMPRODUCT give an error in their ranges (the
 *   library skips it); IF handles references and blank tests; INDEX keeps the sheet of its range;
 * - a function nobody implements (the add-in's `SCM.*` functions when the add-in is not loaded)
 *   evaluates to #NAME?, as in Excel without the add-in, unless `customFunctions` supplies it.
 *
 * Order: every formula cell's references (cells, ranges, defined names; from the formula's text)
 * give a dependency graph; its strongly connected components (Tarjan, iterative: chains of any
 * length) are evaluated dependencies first. A component of more than one cell, or a cell that refers
 * to itself, is a circular reference: its cells get `cycleError` (default #REF!, as Google Sheets
 * shows; Excel shows 0 with a warning) and are listed in the report. A reference that the static
 * graph missed is still evaluated on demand (memoised, with its own cycle check).
 *
 * Values: numbers, strings, booleans, null (a blank cell) and `{ error: "#N/A" }` for an error, the
 * shape excelStandIn.ts uses for error values (its CellModel keeps the same text in `error`).
 * A formula whose result is a blank cell gives 0, as in Excel.
 *
 * Numbers compare equal when they differ only past about 15 significant digits (LibreOffice's
 * tolerance, see compareNumbers), in comparisons, criteria and MATCH.
 *
 * Not modelled: array (CSE/dynamic) formulas and element-wise array arithmetic ((A1:A3>1)*B1:B3),
 * volatile functions' recalculation, Excel's snapping to 0 of a difference of nearly equal numbers,
 * iterative calculation, external references.
 */
import FormulaParser from "fast-formula-parser";
import type { FfpCellRef, FfpPosition, FfpRangeRef } from "fast-formula-parser";
import { Infix } from "fast-formula-parser/formulas/operators";

const { FormulaError, DepParser } = FormulaParser;
type FormulaErrorT = InstanceType<typeof FormulaError>;

const MAX_ROW = 1048576;
const MAX_COL = 16384;

// ---- the interface ---------------------------------------------------------------------------------

/** An error value: "#N/A", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!". */
export interface ErrorValue {
  error: string;
}

/** A cell's value: null for a blank cell. */
export type CellValue = number | string | boolean | null | ErrorValue;

export const ERROR_CODES = ["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"] as const;

export const isErrorValue = (v: unknown): v is ErrorValue =>
  typeof v === "object" && v !== null && !Array.isArray(v) && typeof (v as ErrorValue).error === "string";

/** A defined name's target: one cell, or `rows` x `cols` cells from it. */
export interface NameTarget {
  sheet: string;
  row: number;
  col: number;
  rows?: number;
  cols?: number;
}

/** The workbook as the engine sees it. Rows and columns are 1-based. */
export interface Workbook {
  /** The sheets' names (formulas refer to them case-insensitively). */
  sheetNames(): string[];
  /** The cell's formula ("=SUM(A1:A3)", with or without "="), or undefined for a constant or blank. */
  formula(sheet: string, row: number, col: number): string | undefined;
  /** A constant cell's value; for a formula cell, its last computed value (or null). */
  value(sheet: string, row: number, col: number): CellValue;
  /** Stores a formula cell's computed value. */
  setValue(sheet: string, row: number, col: number, value: CellValue): void;
  /** A workbook defined name (case-insensitive), or undefined. */
  name(name: string): NameTarget | undefined;
  /** The last used row and column of a sheet (whole-column ranges are read up to them). */
  usedBounds(sheet: string): { rows: number; cols: number };
  /** The sheet's formula cells; when absent, every cell within usedBounds is asked for its formula. */
  formulaCells?(sheet: string): Iterable<{ row: number; col: number }>;
}

/** A function given to the engine: arguments as values (ranges and arrays as 2-D arrays), omitted as undefined. */
export type CustomFunction = (...args: (CellValue | CellValue[][] | undefined)[]) => CellValue | CellValue[][];

export interface CellBox {
  sheet: string;
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

export interface RecalcOptions {
  /** Functions by name (any case, "SCM.FORECAST"): they replace #NAME? for functions Excel would not know. */
  customFunctions?: Record<string, CustomFunction>;
  /**
   * Recalculate only what these cells' change affects (Excel's automatic recalculation after a write):
   * formula cells inside them and every formula that depends on them, directly or not. Other formula
   * cells keep their stored values. Without it, every formula is recalculated (Application.calculate).
   */
  changed?: CellBox[];
  /** The value of a cell in a circular reference (default "#REF!"). */
  cycleError?: string;
}

export interface CellAddress {
  sheet: string;
  row: number;
  col: number;
}

export interface RecalcReport {
  /** Formula cells evaluated. */
  evaluated: number;
  /** Cells in circular references. */
  cycles: CellAddress[];
  /** Formulas the engine could not evaluate as Excel would (syntax, unimplemented function): their cell shows #NAME? or #VALUE!. */
  problems: (CellAddress & { formula: string; message: string })[];
}

// ---- values between the library and the interface --------------------------------------------------

const isFormulaError = (x: unknown): x is FormulaErrorT => x instanceof FormulaError;

function toLib(v: CellValue | undefined): unknown {
  if (v === undefined) return null;
  return isErrorValue(v) ? new FormulaError(v.error) : v;
}

function fromLib(x: unknown): CellValue {
  if (x === null || x === undefined) return null;
  if (isFormulaError(x)) return { error: x.error };
  if (typeof x === "number" || typeof x === "string" || typeof x === "boolean") return x;
  return { error: "#VALUE!" };
}

/** A number as Excel writes it in text: 15 significant digits, E notation for very large or small. */
export function numberText(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(n);
  const p = Number(n.toPrecision(15));
  if (p !== 0 && (Math.abs(p) >= 1e15 || Math.abs(p) < 1e-9)) {
    const [m, e] = p.toExponential().split("e");
    const exp = Number(e);
    return `${m}E${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  }
  return String(p);
}

const valueText = (v: unknown): string =>
  v === null || v === undefined ? "" : typeof v === "boolean" ? (v ? "TRUE" : "FALSE") : typeof v === "number" ? numberText(v) : String(v);

/**
 * Two numbers that differ only past their 15th significant digit or so are equal: LibreOffice's rule
 * (rtl::math::approxEqual, relative 2^-48; its headless Calc, which test/plan/libreoffice.test.ts
 * uses as the reference, gives FALSE for 1629995.1700000002>1629995.17), and Excel works to 15
 * significant digits too (`=0.1+0.2=0.3` is TRUE). Exact comparisons would break ties the other way.
 */
function compareNumbers(a: number, b: number): number {
  if (a === b) return 0;
  const d = Math.abs(a - b);
  const e = 2 ** -48;
  if (a !== 0 && b !== 0 && d < Math.abs(a) * e && d < Math.abs(b) * e) return 0;
  return a < b ? -1 : 1;
}

/** Excel's comparison: numbers < text < logicals; text without case; a blank is 0, "" or FALSE. */
function compare(a: unknown, b: unknown): number {
  if (a === null || a === undefined) a = typeof b === "string" ? "" : typeof b === "boolean" ? false : 0;
  if (b === null || b === undefined) b = typeof a === "string" ? "" : typeof a === "boolean" ? false : 0;
  const rank = (x: unknown) => (typeof x === "number" ? 1 : typeof x === "string" ? 2 : 3);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (typeof a === "string") {
    const x = a.toLowerCase();
    const y = (b as string).toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return compareNumbers(Number(a), Number(b));
}

/** Whether a comparison result c (< 0, 0, > 0) satisfies op (=, <>, <, >, <=, >=). */
export function compareOp(c: number, op: string): boolean {
  switch (op) {
    case "=":
      return c === 0;
    case "<>":
      return c !== 0;
    case "<":
      return c < 0;
    case ">":
      return c > 0;
    case "<=":
      return c <= 0;
    default:
      return c >= 0;
  }
}

/** The library's operators, corrected for blanks, case and number text, and its array flattening (module-wide, once). */
function patchOperators(): void {
  const infix = Infix as typeof Infix & { __excelRecalc?: boolean };
  if (infix.__excelRecalc) return;
  infix.__excelRecalc = true;
  const first = (v: unknown, isArray: boolean) => (isArray && Array.isArray(v) ? (v[0] as unknown[])[0] : v);
  infix.compareOp = (v1, op, v2, isArray1, isArray2) => {
    const a = first(v1, isArray1);
    const b = first(v2, isArray2);
    if (isFormulaError(a)) return a;
    if (isFormulaError(b)) return b;
    return compareOp(compare(a, b), op);
  };
  infix.concatOp = (v1, _op, v2, isArray1, isArray2) => {
    const a = first(v1, isArray1);
    const b = first(v2, isArray2);
    if (isFormulaError(a)) return a;
    if (isFormulaError(b)) return b;
    return valueText(a) + valueText(b);
  };
  // The library flattens arrays with reduce/concat, quadratic in the range's size: SUM over a
  // 300-row column took most of a plan's recalculation.
  const helpers = (FormulaParser as unknown as { FormulaHelpers: { flattenDeep: (a: unknown[]) => unknown[] } }).FormulaHelpers;
  helpers.flattenDeep = (a: unknown[]): unknown[] => (a as unknown[]).flat(Infinity as 1);
}

// ---- functions the library lacks or gets wrong -------------------------------------------------------

/** An argument as the library passes it to a function (after retrieving references). */
interface Arg {
  value: unknown;
  isArray?: boolean;
  isRangeRef?: boolean;
  isCellRef?: boolean;
  omitted?: boolean;
}

type Ctx = InstanceType<typeof FormulaParser>;

const flat = (v: unknown): unknown[] => {
  if (!Array.isArray(v)) return [v];
  const out: unknown[] = [];
  for (const row of v) {
    if (Array.isArray(row)) for (const x of row) out.push(x);
    else out.push(row);
  }
  return out;
};

const refLike = (a: Arg): boolean => !!(a.isRangeRef || a.isCellRef || a.isArray || Array.isArray(a.value));

/** A scalar argument (the first element of an array). */
function scalar(a: Arg | undefined): unknown {
  if (!a || a.omitted) return null;
  const v = a.value;
  return Array.isArray(v) ? flat(v)[0] : v;
}

/** A number from a scalar value (Excel's coercion: TRUE = 1, "12" = 12, blank = 0); throws #VALUE!. */
function toNumber(v: unknown): number {
  if (isFormulaError(v)) throw v;
  if (v === null || v === undefined) return 0;
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "string" && v.trim() !== "") {
    const t = v.trim();
    const pct = /%$/.test(t);
    const n = Number((pct ? t.slice(0, -1) : t).replace(/,/g, ""));
    if (Number.isFinite(n)) return pct ? n / 100 : n;
  }
  throw FormulaError.VALUE;
}

/** The numbers of MAX, MIN, STDEV, LARGE: from references and arrays only numbers (errors throw); literals coerced. */
function numbers(args: Arg[]): number[] {
  const out: number[] = [];
  for (const a of args) {
    if (a.omitted) {
      out.push(0);
    } else if (refLike(a)) {
      for (const v of flat(a.value)) {
        if (isFormulaError(v)) throw v;
        if (typeof v === "number") out.push(v);
      }
    } else {
      out.push(toNumber(a.value));
    }
  }
  return out;
}

/** Rounds to 15 significant digits: what Excel's rounding functions see of a double. */
const decimal15 = (x: number): number => (x === 0 || !Number.isFinite(x) ? x : Number(x.toPrecision(15)));

function roundWith(f: (x: number) => number, numberArg: Arg, digitsArg: Arg): number {
  const x = toNumber(scalar(numberArg));
  const d = Math.trunc(toNumber(scalar(digitsArg)));
  const m = 10 ** Math.abs(d);
  const ax = Math.abs(x);
  const scaled = decimal15(d >= 0 ? ax * m : ax / m);
  const r = f(scaled);
  return Math.sign(x) * (d >= 0 ? r / m : r * m);
}

/** Excel's wildcards as a whole-text, case-insensitive pattern: * ? and ~ escaping them. */
function wildcard(pattern: string): RegExp {
  let re = "";
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === "~" && i + 1 < pattern.length && "*?~".includes(pattern[i + 1])) {
      re += "\\" + pattern[++i];
    } else if (ch === "*") re += "[\\s\\S]*";
    else if (ch === "?") re += "[\\s\\S]";
    else re += ch.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  }
  return new RegExp(`^${re}$`, "i");
}

/** A COUNTIF/SUMIF criterion as a test of a cell's value (Excel's rules). */
function criterion(c: unknown): (v: unknown) => boolean {
  if (isFormulaError(c)) throw c; // an error as the criterion is the result (as LibreOffice does); "#N/A" as text matches #N/A cells
  // "If the criteria argument is a reference to an empty cell, the function treats the empty cell as a 0 value" (COUNTIFS).
  if (c === null || c === undefined) c = 0;
  if (typeof c === "number") {
    const n = c;
    return (v) => typeof v === "number" && compareNumbers(v, n) === 0;
  }
  if (typeof c === "boolean") return (v) => v === c;
  const m = /^(<=|>=|<>|<|>|=)?([\s\S]*)$/.exec(String(c))!;
  const op = m[1] ?? "=";
  const t = m[2];
  if (t === "") {
    if (op === "=") return (v) => v === null || v === undefined || v === "";
    if (op === "<>") return (v) => !(v === null || v === undefined || v === "");
    return () => false;
  }
  const num = t.trim() === "" ? NaN : Number(t.trim());
  if (!Number.isNaN(num)) {
    if (op === "<>") return (v) => !(typeof v === "number" && compareNumbers(v, num) === 0);
    return (v) => typeof v === "number" && compareOp(compareNumbers(v, num), op);
  }
  if (/^(true|false)$/i.test(t)) {
    const b = t.toLowerCase() === "true";
    if (op === "=") return (v) => v === b;
    if (op === "<>") return (v) => v !== b;
    return (v) => typeof v === "boolean" && compareOp(Number(v) - Number(b), op);
  }
  const err = ERROR_CODES.find((e) => e === t.toUpperCase());
  if (err) {
    if (op === "=") return (v) => isFormulaError(v) && v.error === err;
    if (op === "<>") return (v) => !(isFormulaError(v) && v.error === err);
    return () => false;
  }
  if (op === "=" || op === "<>") {
    const re = wildcard(t);
    const hit = (v: unknown) => typeof v === "string" && re.test(v);
    return op === "=" ? hit : (v) => !hit(v);
  }
  return (v) => typeof v === "string" && compareOp(compare(v, t), op);
}

/** A 2-D grid of a raw (unretrieved) argument's values, and its reference if it has one. */
function gridOf(context: Ctx, raw: unknown): { grid: unknown[][]; ref?: FfpCellRef | FfpRangeRef } {
  if (raw === null || raw === undefined) return { grid: [[null]] };
  const v = context.utils.extractRefValue(raw).val;
  if (isFormulaError(v)) throw v;
  const grid = Array.isArray(v) ? (v as unknown[][]) : [[v]];
  const ref = (raw as { ref?: FfpCellRef | FfpRangeRef }).ref;
  return { grid, ref: ref && (("from" in ref && ref.from) || ("row" in ref && ref.row)) ? ref : undefined };
}

/** The functions added or corrected here; each takes the library's arguments. */
const BUILTINS: Record<string, (...args: any[]) => unknown> = {
  // The library's SUM and AVERAGE skip error values in ranges; Excel's give the error.
  SUM: (...args: Arg[]) => numbers(args).reduce((a, b) => a + b, 0),
  AVERAGE: (...args: Arg[]) => {
    const ns = numbers(args);
    if (ns.length === 0) throw FormulaError.DIV0;
    return ns.reduce((a, b) => a + b, 0) / ns.length;
  },
  MAX: (...args: Arg[]) => {
    const ns = numbers(args);
    return ns.length === 0 ? 0 : ns.reduce((a, b) => (b > a ? b : a));
  },
  MIN: (...args: Arg[]) => {
    const ns = numbers(args);
    return ns.length === 0 ? 0 : ns.reduce((a, b) => (b < a ? b : a));
  },
  // The library's SUMPRODUCT takes an error for 0.
  SUMPRODUCT: (...args: Arg[]) => {
    const grids = args.map((a) => (Array.isArray(a.value) ? (a.value as unknown[][]) : [[a.value]]));
    const rows = grids[0].length;
    const cols = grids[0][0].length;
    if (grids.some((g) => g.length !== rows || g.some((r) => r.length !== cols))) throw FormulaError.VALUE;
    let total = 0;
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        let product = 1;
        for (const g of grids) {
          const v = g[i][j];
          if (isFormulaError(v)) throw v;
          product *= typeof v === "number" ? v : 0;
        }
        total += product;
      }
    }
    return total;
  },
  LARGE: (array: Arg, k: Arg) => kth(array, k, (a, b) => b - a),
  SMALL: (array: Arg, k: Arg) => kth(array, k, (a, b) => a - b),
  STDEV: (...args: Arg[]) => stdev(numbers(args), 1),
  "STDEV.S": (...args: Arg[]) => stdev(numbers(args), 1),
  STDEVP: (...args: Arg[]) => stdev(numbers(args), 0),
  "STDEV.P": (...args: Arg[]) => stdev(numbers(args), 0),
  ROUNDUP: (x: Arg, d: Arg) => roundWith(Math.ceil, x, d),
  ROUNDDOWN: (x: Arg, d: Arg) => roundWith(Math.floor, x, d),
  ROUND: (x: Arg, d: Arg) => roundWith((v) => Math.floor(v + 0.5), x, d),
  MATCH: (lookup: Arg, array: Arg, type?: Arg) => {
    const want = scalar(lookup);
    if (isFormulaError(want)) throw want;
    if (want === null || want === undefined) throw FormulaError.NA;
    const t = type === undefined || type.omitted ? 1 : Math.sign(Math.trunc(toNumber(scalar(type))));
    const grid = Array.isArray(array.value) ? (array.value as unknown[][]) : [[array.value]];
    if (grid.length > 1 && grid[0].length > 1) throw FormulaError.NA;
    const items = flat(grid);
    if (t === 0) {
      const re = typeof want === "string" && /[*?~]/.test(want) ? wildcard(want) : undefined;
      const i = items.findIndex((v) =>
        re ? typeof v === "string" && re.test(v) : typeof v === typeof want && v !== null && compare(v, want) === 0,
      );
      if (i < 0) throw FormulaError.NA;
      return i + 1;
    }
    // Sorted lookup (1: ascending, the largest <= want; -1: descending, the smallest >= want).
    let found = -1;
    for (let i = 0; i < items.length; i++) {
      const v = items[i];
      if (typeof v !== typeof want || v === null) continue;
      const c = compare(v, want);
      if (t > 0 ? c > 0 : c < 0) break;
      found = i;
      if (c === 0 && t < 0) break;
    }
    if (found < 0) throw FormulaError.NA;
    return found + 1;
  },
  COUNTIF: (range: Arg, crit: Arg) => {
    const test = criterion(scalar(crit));
    let n = 0;
    for (const v of flat(range.value)) if (test(v)) n++;
    return n;
  },
  // SUMIF gets its arguments unretrieved (the library lists it among the functions that need references).
  SUMIF: (context: Ctx, rangeRaw: unknown, critRaw: unknown, sumRaw?: unknown) => {
    const { grid } = gridOf(context, rangeRaw);
    const c = critRaw === null || critRaw === undefined ? null : context.utils.extractRefValue(critRaw);
    const test = criterion(c === null ? null : Array.isArray(c.val) ? flat(c.val)[0] : c.val);
    let sums = grid;
    if (sumRaw !== undefined && sumRaw !== null) {
      // Excel sums the range of the criteria range's size from sum_range's top-left cell.
      const { ref, grid: given } = gridOf(context, sumRaw);
      sums = given;
      if (ref) {
        const top = "from" in ref ? ref.from : ref;
        const resized = {
          ref: {
            sheet: ref.sheet,
            from: { row: top.row, col: top.col },
            to: { row: (top.row as number) + grid.length - 1, col: (top.col as number) + grid[0].length - 1 },
          },
        };
        sums = gridOf(context, resized).grid;
      }
    }
    let total = 0;
    grid.forEach((row, i) =>
      row.forEach((v, j) => {
        if (!test(v)) return;
        const s = sums[i]?.[j];
        if (isFormulaError(s)) throw s;
        if (typeof s === "number") total += s;
      }),
    );
    return total;
  },
  // INDEX gets its arguments unretrieved and returns a reference (the library's loses the sheet of
  // a range on another sheet and gives nothing for an error argument).
  INDEX: (context: Ctx, area: unknown, rowRaw?: unknown, colRaw?: unknown, areaRaw?: unknown) => {
    if (isFormulaError(area)) return area;
    const num = (raw: unknown, dflt: number): number => {
      if (raw === null || raw === undefined) return dflt;
      let v = context.utils.extractRefValue(raw).val;
      if (Array.isArray(v)) v = flat(v)[0];
      return Math.trunc(toNumber(v));
    };
    if (num(areaRaw, 1) !== 1) throw FormulaError.REF;
    let row = num(rowRaw, 0);
    let col = num(colRaw, 0);
    const ref = (area as { ref?: FfpCellRef | FfpRangeRef }).ref;
    let rows: number;
    let cols: number;
    if (ref && "from" in ref && ref.from) {
      rows = (ref.to.row ?? MAX_ROW) - (ref.from.row ?? 1) + 1;
      cols = (ref.to.col ?? MAX_COL) - (ref.from.col ?? 1) + 1;
    } else if (ref && "row" in ref && typeof ref.row === "number") {
      rows = 1;
      cols = 1;
    } else if (Array.isArray(area)) {
      rows = area.length;
      cols = (area[0] as unknown[]).length;
    } else if (ref === undefined && !(typeof area === "object" && area !== null)) {
      rows = 1;
      cols = 1;
    } else {
      throw FormulaError.VALUE; // a union (A1:B2,C3:D4)
    }
    // One row: INDEX(row_range, n) is its nth column.
    if ((colRaw === undefined || colRaw === null) && rows === 1 && cols > 1) [row, col] = [1, row];
    if (row < 0 || col < 0 || row > rows || col > cols) throw FormulaError.REF;
    if (Array.isArray(area)) {
      const grid = area as unknown[][];
      if (row > 0 && col > 0) return grid[row - 1][col - 1];
      if (row > 0) return [grid[row - 1]];
      if (col > 0) return grid.map((r) => [r[col - 1]]);
      return grid;
    }
    if (!ref) return area; // a single value
    const top = "from" in ref ? { row: ref.from.row ?? 1, col: ref.from.col ?? 1 } : { row: ref.row, col: ref.col };
    if (row > 0 && col > 0) return { ref: { sheet: ref.sheet, row: top.row + row - 1, col: top.col + col - 1 } };
    const r1 = row > 0 ? top.row + row - 1 : top.row;
    const c1 = col > 0 ? top.col + col - 1 : top.col;
    const r2 = row > 0 ? r1 : top.row + rows - 1;
    const c2 = col > 0 ? c1 : top.col + cols - 1;
    return { ref: { sheet: ref.sheet, from: { row: r1, col: c1 }, to: { row: r2, col: c2 } } };
  },
  // IF gets its arguments unretrieved: the test may be a reference (to a blank: FALSE).
  IF: (context: Ctx, testRaw: unknown, whenTrue?: unknown, whenFalse?: unknown) => {
    let t = testRaw === null || testRaw === undefined ? null : context.utils.extractRefValue(testRaw).val;
    if (Array.isArray(t)) t = flat(t)[0];
    if (isFormulaError(t)) return t;
    let yes: boolean;
    if (t === null || t === undefined) yes = false;
    else if (typeof t === "boolean") yes = t;
    else if (typeof t === "number") yes = t !== 0;
    else if (/^(true|false)$/i.test(String(t))) yes = String(t).toLowerCase() === "true";
    else throw FormulaError.VALUE;
    const pick = yes ? whenTrue : whenFalse;
    if (pick === undefined) return yes ? 0 : false; // IF(test) / IF(test, x) without a false branch
    if (pick === null) return 0; // an empty argument: IF(test,,x)
    return pick;
  },
};

function kth(array: Arg, k: Arg, order: (a: number, b: number) => number): number {
  const ns = numbers([array]).sort(order);
  const n = Math.ceil(toNumber(scalar(k)));
  if (n < 1 || n > ns.length) throw FormulaError.NUM;
  return ns[n - 1];
}

function stdev(ns: number[], ddof: number): number {
  if (ns.length - ddof < 1) throw FormulaError.DIV0;
  const mean = ns.reduce((a, b) => a + b, 0) / ns.length;
  return Math.sqrt(ns.reduce((a, b) => a + (b - mean) ** 2, 0) / (ns.length - ddof));
}

/** Functions whose arguments the library passes unretrieved, with the parser first. */
const NEEDS_CONTEXT = new Set(["SUMIF", "IF", "INDEX"]);

// ---- references of a formula -------------------------------------------------------------------------

/** A reference in a formula's text: a box on a sheet (as written), or a defined name (resolved at each run). */
type RawRef = { sheet?: string; r1: number; c1: number; r2: number; c2: number } | { name: string };

const NAME_MARK = "\u0000name:";
let depParser: InstanceType<typeof DepParser> | undefined;

/** The references in a formula's text (the library's dependency parser; a formula that does not parse has none). */
function formulaReferences(text: string, position: FfpPosition): RawRef[] {
  // Names come back as a marker sheet, so that what they point at is looked up at each run.
  const dp = (depParser ??= new DepParser({ onVariable: (name) => ({ sheet: NAME_MARK + name, row: 1, col: 1 }) }));
  const found = new Map<string, RawRef>();
  // The library's own bookkeeping drops a cell inside any earlier range, whatever its sheet: collect here.
  dp.getCell = (ref: FfpCellRef) => {
    if (typeof ref.sheet === "string" && ref.sheet.startsWith(NAME_MARK)) {
      const name = ref.sheet.slice(NAME_MARK.length);
      found.set(`name:${name.toLowerCase()}`, { name });
    } else if (ref.row !== null && ref.row !== undefined && ref.col !== null && ref.col !== undefined) {
      found.set(`${ref.sheet}!${ref.row}:${ref.col}`, { sheet: ref.sheet, r1: ref.row, c1: ref.col, r2: ref.row, c2: ref.col });
    }
    return 0;
  };
  dp.getRange = (ref: FfpRangeRef) => {
    if (ref.from) {
      const b = { r1: ref.from.row ?? 1, c1: ref.from.col ?? 1, r2: ref.to.row ?? MAX_ROW, c2: ref.to.col ?? MAX_COL };
      found.set(`${ref.sheet}!${b.r1}:${b.c1}:${b.r2}:${b.c2}`, { sheet: ref.sheet, ...b });
    }
    return [[0]];
  };
  try {
    dp.parse(text, position, true);
  } catch {
    // no references: the evaluation reports the problem
  }
  return [...found.values()];
}

// ---- the engine ------------------------------------------------------------------------------------

interface FormulaCell {
  key: number;
  sheet: number;
  row: number;
  col: number;
  text: string;
}

interface Box {
  sheet: number;
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

const key = (sheet: number, row: number, col: number): number => (sheet * (MAX_ROW + 1) + row) * (MAX_COL + 1) + col;

class Engine {
  private readonly sheets: string[];
  private readonly sheetIndex = new Map<string, number>();
  private readonly cells = new Map<number, FormulaCell>();
  private readonly bySheet: { keys: Set<number>; list: FormulaCell[] }[];
  private readonly computed = new Map<number, CellValue>();
  /** Formula cells to evaluate and not evaluated yet. */
  private readonly pending = new Set<number>();
  private readonly evaluating = new Set<number>();
  private readonly parsers: InstanceType<typeof FormulaParser>[] = [];
  private depth = 0;
  /** usedBounds by sheet: fixed during a recalculation (only formula cells, already used, are written). */
  private readonly bounds = new Map<number, { rows: number; cols: number }>();
  private current?: FormulaCell;
  private readonly functions: Record<string, (...args: any[]) => unknown>;
  private readonly cycleError: string;
  readonly report: RecalcReport = { evaluated: 0, cycles: [], problems: [] };

  /** The refCache keys this run used (the others are dropped at its end). */
  private readonly usedKeys = new Set<string>();

  constructor(
    private readonly wb: Workbook,
    options: RecalcOptions,
    private readonly refCache: Map<string, RawRef[]>,
  ) {
    patchOperators();
    this.cycleError = options.cycleError ?? "#REF!";
    this.sheets = wb.sheetNames();
    this.sheets.forEach((s, i) => this.sheetIndex.set(s.toLowerCase(), i));
    this.bySheet = this.sheets.map(() => ({ keys: new Set<number>(), list: [] }));
    this.sheets.forEach((name, s) => {
      const add = (row: number, col: number) => {
        const text = wb.formula(name, row, col);
        if (text === undefined) return;
        const k = key(s, row, col);
        if (this.cells.has(k)) return;
        const cell: FormulaCell = { key: k, sheet: s, row, col, text: text.replace(/^=/, "") };
        this.cells.set(k, cell);
        this.bySheet[s].keys.add(k);
        this.bySheet[s].list.push(cell);
      };
      if (wb.formulaCells) {
        for (const { row, col } of wb.formulaCells(name)) add(row, col);
      } else {
        const { rows, cols } = wb.usedBounds(name);
        for (let r = 1; r <= rows; r++) for (let c = 1; c <= cols; c++) add(r, c);
      }
    });
    this.functions = { ...BUILTINS };
    for (const [name, f] of Object.entries(options.customFunctions ?? {})) {
      this.functions[name.toUpperCase()] = (...args: Arg[]) => {
        const plain = args.map((a) =>
          a === null || a === undefined || a.omitted
            ? undefined
            : Array.isArray(a.value)
              ? (a.value as unknown[][]).map((row) => row.map(fromLib))
              : fromLib(a.value),
        );
        let out: CellValue | CellValue[][];
        try {
          out = f(...plain);
        } catch {
          throw FormulaError.VALUE;
        }
        if (Array.isArray(out)) return out.map((row) => row.map(toLib));
        if (out === null || out === undefined) return 0;
        return toLib(out);
      };
    }
  }

  private sheetOf(name: string | undefined, fallback: number): number | undefined {
    if (name === undefined || name === null) return fallback;
    const n = name.startsWith("'") && name.endsWith("'") ? name.slice(1, -1).replace(/''/g, "'") : name;
    return this.sheetIndex.get(n.toLowerCase());
  }

  private nameRef(name: string): FfpCellRef | FfpRangeRef | null {
    const t = this.wb.name(name);
    if (!t) return null;
    const rows = t.rows ?? 1;
    const cols = t.cols ?? 1;
    if (rows === 1 && cols === 1) return { sheet: t.sheet, row: t.row, col: t.col };
    return { sheet: t.sheet, from: { row: t.row, col: t.col }, to: { row: t.row + rows - 1, col: t.col + cols - 1 } };
  }

  /** A parser for the current depth of evaluation (the library's parser is not re-entrant). */
  private parser(): InstanceType<typeof FormulaParser> {
    let p = this.parsers[this.depth];
    if (p) return p;
    const position = (): number => this.current?.sheet ?? 0;
    p = new FormulaParser({
      functions: Object.fromEntries(Object.entries(this.functions).filter(([n]) => !NEEDS_CONTEXT.has(n))),
      functionsNeedContext: Object.fromEntries(Object.entries(this.functions).filter(([n]) => NEEDS_CONTEXT.has(n))),
      onCell: (ref) => {
        const s = this.sheetOf(ref.sheet, position());
        if (s === undefined || ref.row < 1 || ref.row > MAX_ROW || ref.col < 1 || ref.col > MAX_COL) return FormulaError.REF;
        return toLib(this.read(s, ref.row, ref.col));
      },
      onRange: (ref) => {
        const s = this.sheetOf(ref.sheet, position());
        if (s === undefined) return [[FormulaError.REF]];
        const b = this.clamp(s, ref);
        const out: unknown[][] = [];
        for (let r = b.r1; r <= b.r2; r++) {
          const row: unknown[] = [];
          for (let c = b.c1; c <= b.c2; c++) row.push(toLib(this.read(s, r, c)));
          out.push(row);
        }
        return out;
      },
      onVariable: (name) => this.nameRef(name),
    });
    // Every library function that turns out to be a stub (returns nothing) is reported and gives
    // #NAME?; a function nobody defines (SCM.* without the add-in) gives #NAME?, as in Excel.
    const known = p.functions;
    const wrapped: Record<string, (...args: any[]) => unknown> = {};
    for (const [name, f] of Object.entries(known)) {
      wrapped[name] = (...args: unknown[]) => {
        const r = f(...args);
        if (r === undefined) {
          this.problem(`${name} is not implemented by the recalculation engine`);
          throw FormulaError.NAME;
        }
        return r;
      };
    }
    const unknown = () => {
      throw FormulaError.NAME;
    };
    p.functions = new Proxy(wrapped, {
      get: (target, prop) => (typeof prop === "string" ? (target[prop] ?? unknown) : undefined),
    });
    this.parsers[this.depth] = p;
    return p;
  }

  /** A range reference as a box on its sheet; whole columns and rows end at the sheet's used bounds. */
  private clamp(s: number, ref: FfpRangeRef): Box {
    const r1 = ref.from.row ?? 1;
    const c1 = ref.from.col ?? 1;
    let r2 = ref.to.row ?? MAX_ROW;
    let c2 = ref.to.col ?? MAX_COL;
    let used = this.bounds.get(s);
    if (!used) this.bounds.set(s, (used = this.wb.usedBounds(this.sheets[s])));
    r2 = Math.min(r2, Math.max(r1, used.rows));
    c2 = Math.min(c2, Math.max(c1, used.cols));
    return { sheet: s, r1: Math.min(r1, r2), c1: Math.min(c1, c2), r2: Math.max(r1, r2), c2: Math.max(c1, c2) };
  }

  private problem(message: string): void {
    const c = this.current;
    if (!c) return;
    const p = this.report.problems;
    if (p.some((x) => x.sheet === this.sheets[c.sheet] && x.row === c.row && x.col === c.col && x.message === message)) return;
    p.push({ sheet: this.sheets[c.sheet], row: c.row, col: c.col, formula: `=${c.text}`, message });
  }

  /** A cell's value now: computed this pass, evaluated on demand if it is due, else stored. */
  private read(s: number, row: number, col: number): CellValue {
    const k = key(s, row, col);
    const done = this.computed.get(k);
    if (done !== undefined) return done;
    if (this.evaluating.has(k)) {
      const c = this.cells.get(k)!;
      this.report.cycles.push({ sheet: this.sheets[c.sheet], row: c.row, col: c.col });
      return { error: this.cycleError };
    }
    if (this.pending.has(k)) return this.evaluate(this.cells.get(k)!);
    return this.wb.value(this.sheets[s], row, col);
  }

  private evaluate(cell: FormulaCell): CellValue {
    this.pending.delete(cell.key);
    this.evaluating.add(cell.key);
    const outer = this.current;
    this.current = cell;
    let value: CellValue;
    try {
      const parser = this.parser();
      this.depth++;
      const res = parser.parse(cell.text, { sheet: this.sheets[cell.sheet], row: cell.row, col: cell.col });
      value = fromLib(res);
      if (isErrorValue(value) && !(ERROR_CODES as readonly string[]).includes(value.error)) {
        this.problem(`the formula gives ${value.error}`);
        value = { error: "#VALUE!" };
      }
    } catch (e) {
      const err = e as { message?: string; details?: { message?: string } };
      this.problem(err.details?.message ?? err.message ?? String(e));
      value = { error: "#VALUE!" };
    } finally {
      this.depth = Math.max(0, this.depth - 1);
      this.evaluating.delete(cell.key);
      this.current = outer;
    }
    if (value === null) value = 0; // a formula that gives a blank cell shows 0
    this.store(cell, value);
    this.report.evaluated++;
    return value;
  }

  private store(cell: FormulaCell, value: CellValue): void {
    this.computed.set(cell.key, value);
    this.wb.setValue(this.sheets[cell.sheet], cell.row, cell.col, value);
  }

  // -- the dependency graph ------------------------------------------------------------------------

  /** The boxes a formula refers to: its references (cached across runs by text and place), names resolved now. */
  private references(cell: FormulaCell): Box[] {
    const cacheKey = `${this.sheets[cell.sheet]}\u0001${cell.row}\u0001${cell.col}\u0001${cell.text}`;
    let raw = this.refCache.get(cacheKey);
    if (!raw)
      this.refCache.set(cacheKey, (raw = formulaReferences(cell.text, { sheet: this.sheets[cell.sheet], row: cell.row, col: cell.col })));
    this.usedKeys.add(cacheKey);
    const out: Box[] = [];
    for (const r of raw) {
      if ("name" in r) {
        const t = this.nameRef(r.name);
        if (!t) continue;
        const s = this.sheetOf(t.sheet, cell.sheet);
        if (s === undefined) continue;
        if ("from" in t) out.push({ sheet: s, r1: t.from.row!, c1: t.from.col!, r2: t.to.row!, c2: t.to.col! });
        else out.push({ sheet: s, r1: t.row, c1: t.col, r2: t.row, c2: t.col });
      } else {
        const s = this.sheetOf(r.sheet, cell.sheet);
        if (s !== undefined) out.push({ sheet: s, r1: r.r1, c1: r.c1, r2: r.r2, c2: r.c2 });
      }
    }
    return out;
  }

  /** The formula cells inside a box. */
  private formulasIn(b: Box): FormulaCell[] {
    const sheet = this.bySheet[b.sheet];
    const area = (b.r2 - b.r1 + 1) * (b.c2 - b.c1 + 1);
    const out: FormulaCell[] = [];
    if (area <= sheet.list.length) {
      for (let r = b.r1; r <= b.r2; r++) {
        for (let c = b.c1; c <= b.c2; c++) {
          const k = key(b.sheet, r, c);
          if (sheet.keys.has(k)) out.push(this.cells.get(k)!);
        }
      }
    } else {
      for (const cell of sheet.list) if (cell.row >= b.r1 && cell.row <= b.r2 && cell.col >= b.c1 && cell.col <= b.c2) out.push(cell);
    }
    return out;
  }

  run(changed?: CellBox[]): RecalcReport {
    const refs = new Map<number, Box[]>();
    const refsOf = (c: FormulaCell): Box[] => {
      let r = refs.get(c.key);
      if (!r) refs.set(c.key, (r = this.references(c)));
      return r;
    };
    const edges = new Map<number, number[]>();
    const edgesOf = (k: number): number[] => {
      let e = edges.get(k);
      if (!e) {
        e = [];
        for (const b of refsOf(this.cells.get(k)!)) for (const d of this.formulasIn(b)) e.push(d.key);
        edges.set(k, e);
      }
      return e;
    };

    // What to evaluate: everything, or what the changed cells reach.
    let targets: Set<number>;
    if (!changed) {
      targets = new Set(this.cells.keys());
    } else {
      const boxes: Box[] = [];
      for (const c of changed) {
        const s = this.sheetOf(c.sheet, -1);
        if (s !== undefined && s >= 0) boxes.push({ sheet: s, r1: c.r1, c1: c.c1, r2: c.r2, c2: c.c2 });
      }
      const overlaps = (a: Box, b: Box) => a.sheet === b.sheet && a.r1 <= b.r2 && b.r1 <= a.r2 && a.c1 <= b.c2 && b.c1 <= a.c2;
      const dependents = new Map<number, number[]>();
      targets = new Set<number>();
      const queue: number[] = [];
      for (const cell of this.cells.values()) {
        const inside = boxes.some((b) => overlaps(b, { sheet: cell.sheet, r1: cell.row, c1: cell.col, r2: cell.row, c2: cell.col }));
        if (inside || refsOf(cell).some((r) => boxes.some((b) => overlaps(r, b)))) {
          targets.add(cell.key);
          queue.push(cell.key);
        }
        for (const d of edgesOf(cell.key)) {
          let l = dependents.get(d);
          if (!l) dependents.set(d, (l = []));
          l.push(cell.key);
        }
      }
      while (queue.length > 0) {
        for (const u of dependents.get(queue.pop()!) ?? []) {
          if (!targets.has(u)) {
            targets.add(u);
            queue.push(u);
          }
        }
      }
    }
    for (const k of targets) this.pending.add(k);

    // Tarjan's strongly connected components, iteratively; they come out dependencies first.
    const index = new Map<number, number>();
    const low = new Map<number, number>();
    const onStack = new Set<number>();
    const stack: number[] = [];
    let next = 0;
    const components: number[][] = [];
    for (const root of targets) {
      if (index.has(root)) continue;
      const frames: { v: number; e: number[]; i: number }[] = [];
      const open = (v: number) => {
        index.set(v, next);
        low.set(v, next);
        next++;
        stack.push(v);
        onStack.add(v);
        frames.push({ v, e: edgesOf(v), i: 0 });
      };
      open(root);
      while (frames.length > 0) {
        const f = frames[frames.length - 1];
        if (f.i < f.e.length) {
          const w = f.e[f.i++];
          if (!targets.has(w)) continue;
          if (!index.has(w)) open(w);
          else if (onStack.has(w)) low.set(f.v, Math.min(low.get(f.v)!, index.get(w)!));
          continue;
        }
        frames.pop();
        if (low.get(f.v) === index.get(f.v)) {
          const comp: number[] = [];
          let w: number;
          do {
            w = stack.pop()!;
            onStack.delete(w);
            comp.push(w);
          } while (w !== f.v);
          components.push(comp);
        }
        const parent = frames[frames.length - 1];
        if (parent) low.set(parent.v, Math.min(low.get(parent.v)!, low.get(f.v)!));
      }
    }

    for (const comp of components) {
      const circular = comp.length > 1 || edgesOf(comp[0]).includes(comp[0]);
      if (circular) {
        for (const k of comp) {
          const c = this.cells.get(k)!;
          this.pending.delete(k);
          this.report.cycles.push({ sheet: this.sheets[c.sheet], row: c.row, col: c.col });
          this.store(c, { error: this.cycleError });
        }
        continue;
      }
      if (this.pending.has(comp[0])) this.evaluate(this.cells.get(comp[0])!);
    }
    for (const k of this.refCache.keys()) if (!this.usedKeys.has(k)) this.refCache.delete(k);
    return this.report;
  }
}

/**
 * Recalculates the workbook's formulas (all of them, or what `options.changed` affects) and stores
 * each formula cell's value through `wb.setValue`.
 */
export function recalculate(wb: Workbook, options: RecalcOptions = {}): RecalcReport {
  return new Engine(wb, options, new Map()).run(options.changed);
}

/**
 * The same, for a workbook recalculated again and again (the stand-in: after each write batch): the
 * references of each formula are parsed once and kept while the formula stays in its cell.
 */
export class Recalculator {
  private readonly refCache = new Map<string, RawRef[]>();

  constructor(
    private readonly wb: Workbook,
    private readonly options: Omit<RecalcOptions, "changed"> = {},
  ) {}

  recalculate(changed?: CellBox[]): RecalcReport {
    return new Engine(this.wb, this.options, this.refCache).run(changed);
  }
}
