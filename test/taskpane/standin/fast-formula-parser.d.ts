/**
 * Types for the parts of fast-formula-parser (MIT, no bundled types) that recalc.ts uses. The library
 * is CommonJS: the module's export is the FormulaParser class with FormulaError and DepParser attached.
 */
declare module "fast-formula-parser" {
  /** A 1-based cell reference as the library passes it (`sheet` as written, unquoted). */
  export interface FfpCellRef {
    sheet?: string;
    row: number;
    col: number;
  }
  /** A 1-based range reference; `row`/`col` null for whole columns/rows. */
  export interface FfpRangeRef {
    sheet?: string;
    from: { row: number | null; col: number | null };
    to: { row: number | null; col: number | null };
  }
  export interface FfpPosition {
    sheet: string;
    row: number;
    col: number;
  }

  class FormulaError extends Error {
    constructor(error: string, msg?: string, details?: unknown);
    readonly error: string;
    readonly details?: unknown;
    static readonly DIV0: FormulaError;
    static readonly NA: FormulaError;
    static readonly NAME: FormulaError;
    static readonly NULL: FormulaError;
    static readonly NUM: FormulaError;
    static readonly REF: FormulaError;
    static readonly VALUE: FormulaError;
  }

  interface ParserConfig {
    functions?: Record<string, (...args: any[]) => unknown>;
    functionsNeedContext?: Record<string, (context: FormulaParser, ...args: any[]) => unknown>;
    onVariable?: (name: string, sheet: string, position?: FfpPosition) => FfpCellRef | FfpRangeRef | null | undefined;
    onCell?: (ref: FfpCellRef) => unknown;
    onRange?: (ref: FfpRangeRef) => unknown[][];
  }

  class DepParser {
    constructor(config?: { onVariable?: ParserConfig["onVariable"] });
    parse(formula: string, position: FfpPosition, ignoreError?: boolean): (FfpCellRef | FfpRangeRef)[];
    getCell(ref: FfpCellRef): unknown;
    getRange(ref: FfpRangeRef): unknown;
    data: unknown[];
    position?: FfpPosition;
  }

  class FormulaParser {
    constructor(config?: ParserConfig, isTest?: boolean);
    parse(formula: string, position: FfpPosition, allowReturnArray?: boolean): unknown;
    functions: Record<string, (...args: any[]) => unknown>;
    utils: { extractRefValue(arg: unknown): { val: unknown; isArray: boolean } };
    retrieveRef(arg: unknown): unknown;
    position?: FfpPosition;
    static readonly FormulaError: typeof FormulaError;
    static readonly DepParser: typeof DepParser;
    static readonly MAX_ROW: number;
    static readonly MAX_COLUMN: number;
  }

  export default FormulaParser;
}

declare module "fast-formula-parser/formulas/operators" {
  type Op = (value1: unknown, infix: string, value2: unknown, isArray1: boolean, isArray2: boolean) => unknown;
  export const Infix: { compareOp: Op; concatOp: Op; mathOp: Op };
}
