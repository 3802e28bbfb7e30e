/**
 * Reads every simulated cell of a recalculated workbook and compares it with the engine's trace.
 */
import type { ExcelJSTypes } from "../../cli/exceljs";
import { FIRST_ROW, letter, TRACE_COLUMNS, type SheetLayout } from "../../src/workbook";
import type { Trace } from "../../src/sim";
import { shownValue } from "./libreoffice";

/** |a - b| <= tol * max(1, |a|, |b|): relative, with one unit as the smallest scale. */
export function close(a: number, b: number, tol = 1e-9): boolean {
  return Math.abs(a - b) <= tol * Math.max(1, Math.abs(a), Math.abs(b));
}

export interface Mismatch {
  sheet: string;
  cell: string;
  field: string;
  period: number;
  sheetValue: unknown;
  engineValue: number;
}

export interface Comparison {
  cells: number;
  mismatches: Mismatch[];
  /** Largest |a - b| / max(1, |a|, |b|) seen. */
  worst: number;
}

/** Compares every trace field of every stage, period by period. */
export function compareWithTrace(wb: ExcelJSTypes.Workbook, layout: SheetLayout, trace: Trace, tol = 1e-9): Comparison {
  const out: Comparison = { cells: 0, mismatches: [], worst: 0 };
  layout.stages.forEach((st, k) => {
    const ws = wb.getWorksheet(st.sheet);
    if (!ws) throw new Error(`sheet ${st.sheet} missing from the recalculated workbook`);
    for (const [field, key] of Object.entries(TRACE_COLUMNS)) {
      // A series only some stages keep (the echelon position) is compared where the sheet has it.
      if (st.col[key] === undefined && field === "echelonPosition") continue;
      const series = trace.stages[k][field as keyof typeof TRACE_COLUMNS];
      const colL = letter(st, key);
      for (let t = 0; t < trace.periods; t++) {
        const ref = `${colL}${FIRST_ROW + t}`;
        const v = shownValue(ws.getCell(ref));
        const e = series[t];
        out.cells++;
        if (typeof v === "number") {
          const rel = Math.abs(v - e) / Math.max(1, Math.abs(v), Math.abs(e));
          if (rel > out.worst) out.worst = rel;
          if (close(v, e, tol)) continue;
        }
        out.mismatches.push({ sheet: st.sheet, cell: ref, field, period: t, sheetValue: v, engineValue: e });
      }
    }
  });
  return out;
}
