/**
 * File writer: a WorkbookPlan (src/workbook/plan.ts) to an .xlsx file through ExcelJS.
 *
 * What a file needs that Excel.run does not: storage prefixes in formula text. Functions newer than
 * Excel 2007 are stored as `_xlfn.NAME` and an add-in's JavaScript custom functions as
 * `_xldudf_NAMESPACE_NAME` (Excel's own spelling in saved files; Excel maps it back to
 * `SCM.NAME` when the add-in is loaded). ExcelJS writes no charts: once it has written the package,
 * xlsxCharts.ts adds the plan's charts as DrawingML parts, the same native charts the task pane
 * writes.
 */
import { writeFileAtomic } from "./files";
import ExcelJS, { type ExcelJSTypes } from "./exceljs";
import type { CellPlan, CellStyle, WorkbookPlan } from "../src/workbook/plan";
import { addCharts } from "./xlsxCharts";

/** Functions added after Excel 2007 that the plans may use; the file format stores them as _xlfn.NAME. */
const XLFN_FUNCTIONS = [
  "VAR.S",
  "VAR.P",
  "STDEV.S",
  "STDEV.P",
  "NORM.S.INV",
  "NORM.S.DIST",
  "NORM.INV",
  "NORM.DIST",
  "CEILING.MATH",
  "FLOOR.MATH",
  "IFNA",
  "IFS",
  "MAXIFS",
  "MINIFS",
  "CONCAT",
  "TEXTJOIN",
  "XLOOKUP",
];

const XLFN_PATTERN = new RegExp(`(?<![A-Za-z0-9_.])(${XLFN_FUNCTIONS.map((f) => f.replace(/\./g, "\\.")).join("|")})\\(`, "gi");
const UDF_PATTERN = /(?<![A-Za-z0-9_.])SCM\.([A-Za-z0-9_]+)\(/g;

/** Formula text as stored in a file: storage prefixes added, string literals left untouched. */
export function toFileFormula(formula: string): string {
  // Split on string literals ("..." with "" escapes): odd parts are literals.
  const parts = formula.split(/("(?:[^"]|"")*")/);
  return parts
    .map((p, i) =>
      i % 2 === 1
        ? p
        : p
            .replace(XLFN_PATTERN, (_m, name: string) => `_xlfn.${name.toUpperCase()}(`)
            .replace(UDF_PATTERN, (_m, name: string) => `_xldudf_SCM_${name.toUpperCase()}(`),
    )
    .join("");
}

function applyStyle(c: ExcelJSTypes.Cell, s: CellStyle | undefined): void {
  if (!s) return;
  const font: Partial<ExcelJSTypes.Font> = {};
  if (s.bold) font.bold = true;
  if (s.italic) font.italic = true;
  if (s.fontColor) font.color = { argb: `FF${s.fontColor}` };
  if (Object.keys(font).length) c.font = font;
  if (s.fill) c.fill = { type: "pattern", pattern: "solid", fgColor: { argb: `FF${s.fill}` } };
  if (s.hAlign || s.wrap) c.alignment = { horizontal: s.hAlign, wrapText: s.wrap || undefined };
  if (s.borderBottom) c.border = { bottom: { style: "thin" } };
}

function cellValue(p: CellPlan): ExcelJSTypes.CellValue {
  if (p.formula !== undefined) return { formula: toFileFormula(p.formula) } as ExcelJSTypes.CellFormulaValue;
  return p.value === undefined ? null : p.value;
}

/** Parses "A5:N57" into corner coordinates. */
function parseRange(ref: string): { c1: number; r1: number; c2: number; r2: number } {
  const m = /^\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)$/.exec(ref);
  if (!m) throw new Error(`not a range: ${ref}`);
  const col = (s: string) => [...s].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return { c1: col(m[1]), r1: Number(m[2]), c2: col(m[3]), r2: Number(m[4]) };
}

/** Builds the ExcelJS workbook for a plan (everything but the charts, which addCharts adds to its package). */
export function planToExcelJs(plan: WorkbookPlan): ExcelJSTypes.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = "SCM add-in";
  wb.calcProperties.fullCalcOnLoad = true;
  for (const sp of plan.sheets) {
    const ws = wb.addWorksheet(sp.name, { state: sp.hidden ? "hidden" : "visible" });
    for (const col of sp.columns ?? []) ws.getColumn(col.col).width = col.width;
    if (sp.freeze) ws.views = [{ state: "frozen", xSplit: sp.freeze.cols, ySplit: sp.freeze.rows }];
    const tables = plan.tables.filter((t) => t.sheet === sp.name).map((t) => ({ t, box: parseRange(t.ref) }));
    const inTable = (c: ExcelJSTypes.Cell) => {
      const { row, col } = c.fullAddress;
      return tables.some(({ box }) => row >= box.r1 && row <= box.r2 && col >= box.c1 && col <= box.c2);
    };
    const tableCells = new Map<string, ExcelJSTypes.CellValue>();
    for (const p of sp.cells) {
      const c = ws.getCell(p.ref);
      if (inTable(c)) tableCells.set(p.ref, cellValue(p));
      else c.value = cellValue(p);
      if (p.numFmt) c.numFmt = p.numFmt;
      applyStyle(c, p.style ? plan.styles[p.style] : undefined);
    }
    // ExcelJS writes a table's cells itself, from the rows it is given.
    for (const { t, box } of tables) {
      const rows: ExcelJSTypes.CellValue[][] = [];
      for (let r = box.r1 + 1; r <= box.r2; r++) {
        const row: ExcelJSTypes.CellValue[] = [];
        for (let cc = box.c1; cc <= box.c2; cc++) row.push(tableCells.get(ws.getCell(r, cc).address) ?? null);
        rows.push(row);
      }
      ws.addTable({
        name: t.name,
        ref: ws.getCell(box.r1, box.c1).address,
        headerRow: true,
        style: { theme: "TableStyleLight1", showRowStripes: true },
        columns: t.columns.map((name) => ({ name, filterButton: false })),
        rows,
      });
    }
  }
  for (const n of plan.names) wb.definedNames.add(n.ref, n.name);
  for (const v of plan.validations) {
    const ws = wb.getWorksheet(v.sheet);
    if (!ws) throw new Error(`validation on unknown sheet ${v.sheet}`);
    const common = {
      allowBlank: false,
      showInputMessage: true,
      prompt: v.prompt.slice(0, 255), // Excel's limits, as the task pane's writer applies them
      showErrorMessage: true,
      errorStyle: "stop" as const,
      errorTitle: "Not allowed",
      error: v.error.slice(0, 224),
    };
    const dv: ExcelJSTypes.DataValidation =
      v.type === "list"
        ? { ...common, type: "list", formulae: [`"${(v.list ?? []).join(",")}"`] }
        : v.type === "custom"
          ? { ...common, type: "custom", formulae: [toFileFormula(v.formula ?? "TRUE")] }
          : { ...common, type: v.type, operator: "between", formulae: [v.min ?? -1e307, v.max ?? 1e307] };
    ws.getCell(v.range).dataValidation = dv;
  }
  return wb;
}

/** The .xlsx bytes of a plan, charts included. */
export async function planToXlsxBuffer(plan: WorkbookPlan): Promise<Buffer> {
  const data = new Uint8Array((await planToExcelJs(plan).xlsx.writeBuffer()) as ArrayBuffer);
  return addCharts(data, plan);
}

/** Writes the plan to `file`, all or nothing (overwrites: the caller decides whether that is allowed). */
export async function writeXlsx(plan: WorkbookPlan, file: string): Promise<void> {
  writeFileAtomic(file, await planToXlsxBuffer(plan));
}
