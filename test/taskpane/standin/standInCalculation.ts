/**
 * The recalculation engine (recalc.ts) plugged into the Excel stand-in's workbook model: the
 * `Workbook` view of its sheets and names, the computed value of each formula cell, and when to
 * recalculate, as Excel does:
 * - Application.calculate("Full" | "FullRebuild") in a batch that does not suspend calculation:
 *   every formula (`afterBatch({ full: true })`);
 * - any other batch that does not suspend calculation (automatic calculation): the formula cells
 *   written in it and every formula that depends on a cell written in it (`wrote`, then
 *   `afterBatch`); a name or sheet change recalculates everything (`invalidate`);
 * - a batch that suspends calculation (suspendApiCalculationUntilNextSync): nothing; the formula
 *   cells it wrote show 0 until a full calculation, and formulas that depend on its writes keep
 *   their old values (the stand-in's strict reading, see ExcelStandIn.needsRecalc).
 *
 * Results are kept beside the model (a WeakMap by cell object), not in it: a formula cell's model
 * stays `{ formula }`, so snapshots and tests that compare cells are unchanged. `values`,
 * `valueType` and `text` say what Range.values, Range.valueTypes and Range.text show for a cell.
 *
 * The model is read structurally (no import of excelStandIn.ts), so that excelStandIn.ts can
 * import this file.
 */
import { CellBox, CellValue, isErrorValue, NameTarget, numberText, RecalcOptions, RecalcReport, Recalculator, Workbook } from "./recalc";

/** A cell of the stand-in's model (CellModel): `error` holds an error constant's text ("#N/A"), as does `value`. */
export interface StandInCell {
  formula?: string;
  value?: string | number | boolean;
  error?: string;
}

/** The parts of ExcelStandIn that are read here. */
export interface StandInModel {
  sheets: { name: string; cells: Map<string, StandInCell> }[];
  names: { name: string; formula: string }[];
}

const A1 = /^\$?([A-Za-z]{1,3})\$?(\d+)$/;

function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

function colName(n: number): string {
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** "B7" -> row 7, column 2 (the model's keys). */
function cellOf(ref: string): { row: number; col: number } | undefined {
  const m = A1.exec(ref);
  return m ? { row: Number(m[2]), col: colNumber(m[1]) } : undefined;
}

/** A defined name's formula ("=Plan!$B$6", "='My sheet'!$A$1:$B$9") as a target; other formulas are not supported (#NAME?). */
export function nameTarget(formula: string): NameTarget | undefined {
  const m = /^=?(?:'((?:[^']|'')+)'|([^'!]+))!(\$?[A-Za-z]{1,3}\$?\d+)(?::(\$?[A-Za-z]{1,3}\$?\d+))?$/.exec(formula.trim());
  if (!m) return undefined;
  const a = cellOf(m[3])!;
  const b = m[4] ? cellOf(m[4])! : a;
  return {
    sheet: m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2],
    row: Math.min(a.row, b.row),
    col: Math.min(a.col, b.col),
    rows: Math.abs(b.row - a.row) + 1,
    cols: Math.abs(b.col - a.col) + 1,
  };
}

export class StandInCalculation {
  /** Each formula cell's computed value, by its model object. */
  private readonly results = new WeakMap<StandInCell, CellValue>();
  private readonly recalculator: Recalculator;
  /** Boxes written since the last recalculation. */
  private changed: CellBox[] = [];
  private everything = false;
  /**
   * Recalculation owed by finished batches, done when a value is next read or before the next write
   * (so it sees the cells as they were): the same results as recalculating at once, but a build that
   * nobody reads (most writer tests: a million formulas) costs nothing.
   */
  private pendingFull = false;
  private pendingChanged: CellBox[] = [];
  /** The last recalculation's report (cycles, formulas it could not evaluate). */
  lastReport?: RecalcReport;

  constructor(
    private readonly model: StandInModel,
    options: Omit<RecalcOptions, "changed"> = {},
  ) {
    this.recalculator = new Recalculator(this.workbook(), options);
  }

  private sheet(name: string) {
    const k = name.toLowerCase();
    return this.model.sheets.find((s) => s.name.toLowerCase() === k);
  }

  private cell(sheet: string, row: number, col: number): StandInCell | undefined {
    return this.sheet(sheet)?.cells.get(`${colName(col)}${row}`);
  }

  private workbook(): Workbook {
    return {
      sheetNames: () => this.model.sheets.map((s) => s.name),
      formula: (sheet, row, col) => this.cell(sheet, row, col)?.formula,
      value: (sheet, row, col) => this.valueOf(this.cell(sheet, row, col)),
      setValue: (sheet, row, col, v) => {
        const c = this.cell(sheet, row, col);
        if (c) this.results.set(c, v);
      },
      name: (name) => {
        const k = name.toLowerCase();
        const n = this.model.names.find((x) => x.name.toLowerCase() === k);
        return n ? nameTarget(n.formula) : undefined;
      },
      usedBounds: (sheet) => {
        let rows = 0;
        let cols = 0;
        for (const ref of this.sheet(sheet)?.cells.keys() ?? []) {
          const p = cellOf(ref);
          if (!p) continue;
          if (p.row > rows) rows = p.row;
          if (p.col > cols) cols = p.col;
        }
        return { rows, cols };
      },
      formulaCells: (sheet) => {
        const out: { row: number; col: number }[] = [];
        for (const [ref, c] of this.sheet(sheet)?.cells ?? []) {
          const p = c.formula !== undefined ? cellOf(ref) : undefined;
          if (p) out.push(p);
        }
        return out;
      },
    };
  }

  /** A cell's value for formulas: a constant, an error constant, or a formula's last result (null before any). */
  valueOf(c: StandInCell | undefined): CellValue {
    if (!c) return null;
    if (c.formula !== undefined) return this.results.get(c) ?? null;
    if (c.error !== undefined) return { error: c.error };
    return c.value ?? null;
  }

  /** Every formula (Application.calculate "Full"/"FullRebuild"; the workbook as opened). */
  full(): RecalcReport {
    this.changed = [];
    this.everything = false;
    this.pendingFull = false;
    this.pendingChanged = [];
    return (this.lastReport = this.recalculator.recalculate());
  }

  /** A full recalculation, done when first needed (the workbook as opened). */
  requestFull(): void {
    this.pendingFull = true;
  }

  /** Does the recalculation the finished batches owe. */
  settle(): RecalcReport | undefined {
    if (this.pendingFull) return this.full();
    if (this.pendingChanged.length === 0) return undefined;
    const changed = this.pendingChanged;
    this.pendingChanged = [];
    return (this.lastReport = this.recalculator.recalculate(changed));
  }

  /** A content write (Range.values / formulas / clear) to `box` of `sheet`, as applied. */
  wrote(sheet: string, box: { r1: number; c1: number; r2: number; c2: number }): void {
    this.settle(); // what earlier batches owe is computed against the cells they saw
    this.changed.push({ sheet, ...box });
    // A formula written now has no result until it is calculated.
    const s = this.sheet(sheet);
    if (!s) return;
    const area = (box.r2 - box.r1 + 1) * (box.c2 - box.c1 + 1);
    if (area <= s.cells.size) {
      for (let r = box.r1; r <= box.r2; r++) {
        for (let c = box.c1; c <= box.c2; c++) {
          const cell = s.cells.get(`${colName(c)}${r}`);
          if (cell) this.results.delete(cell);
        }
      }
    } else {
      for (const [ref, cell] of s.cells) {
        const p = cellOf(ref);
        if (p && p.row >= box.r1 && p.row <= box.r2 && p.col >= box.c1 && p.col <= box.c2) this.results.delete(cell);
      }
    }
  }

  /** Names or sheets changed (added, deleted, renamed): the next automatic recalculation is a full one. */
  invalidate(): void {
    this.everything = true;
  }

  /**
   * At the end of a batch (its operations applied, before its loads are answered): recalculates as
   * Excel would. `suspended`: the batch suspended calculation; `full`: it asked for a full one.
   */
  afterBatch(batch: { suspended: boolean; full?: boolean }): void {
    if (batch.suspended) {
      this.changed = [];
      return;
    }
    if (batch.full || this.everything) {
      this.changed = [];
      this.everything = false;
      this.pendingFull = true;
      return;
    }
    this.pendingChanged.push(...this.changed);
    this.changed = [];
  }

  /** What Range.values shows: a formula's result (0 before it is calculated), an error as its text, "" for blank. */
  values(c: StandInCell | undefined): string | number | boolean {
    this.settle();
    if (!c) return "";
    if (c.formula === undefined) return c.value ?? "";
    const v = this.results.get(c);
    if (v === undefined) return 0;
    return v === null ? "" : isErrorValue(v) ? v.error : v;
  }

  /** What Range.valueTypes shows. */
  valueType(c: StandInCell | undefined): "Empty" | "Double" | "String" | "Boolean" | "Error" {
    this.settle();
    const v = c?.formula !== undefined ? (this.results.get(c) ?? 0) : this.valueOf(c);
    if (v === null || v === "") return v === "" && c?.formula !== undefined ? "String" : "Empty";
    if (isErrorValue(v)) return "Error";
    return typeof v === "number" ? "Double" : typeof v === "boolean" ? "Boolean" : "String";
  }

  /** What Range.text shows for the General number format (other formats are not modelled). */
  text(c: StandInCell | undefined): string {
    const v = this.values(c);
    return typeof v === "boolean" ? (v ? "TRUE" : "FALSE") : typeof v === "number" ? numberText(v) : v;
  }
}
