/**
 * File writer: a WorkbookPlan (src/workbook/plan.ts) to an .xlsx file through ExcelJS.
 *
 * What a file needs that Excel.run does not: storage prefixes in formula text. Functions newer than
 * Excel 2007 are stored as `_xlfn.NAME` and an add-in's JavaScript custom functions as
 * `_xldudf_NAMESPACE_NAME` (Excel's own spelling in saved files; Excel maps it back to
 * `SCM.NAME` when the add-in is loaded). ExcelJS writes no charts: once it has written the package,
 * xlsxCharts.ts adds the plan's charts as DrawingML parts, the same native charts the task pane
 * writes.
 *
 * Conditional formats and list validations have a file-format rule of their own: their formulas
 * hold no sheet name (the grammars of [MS-OI29500] 3.2.3.1.2 and 3.2.3.1.3 allow A1 references
 * only; a sheet-qualified reference is "3-D" there, and Excel 2007 refuses it). Excel 2010 and later
 * keep a conditional format that reads another sheet in the x14 extension of the worksheet
 * ([MS-XLSX] 2.6.1 CT_ConditionalFormatting, ext {78C0D931-6437-407d-A8EE-F0AAD7539E65}), as
 * LibreOffice does too: such a format is written there (ExcelJS does not write it, so it is added
 * to the package afterwards, like the charts). A list validation's source on its own sheet is
 * written without the sheet name; one on another sheet is refused (it would need the x14
 * extension too, which no plan needs yet). What a plan could hold wrongly (src/workbook/planCheck.ts:
 * a list with both items and a source, a source that is not one row or column, a format with no
 * effect, a reference to a sheet the file will not have) is refused before anything is written.
 */
import JSZip from "jszip";
import { writeFileAtomic } from "./files";
import ExcelJS, { type ExcelJSTypes } from "./exceljs";
import type { CellPlan, CellStyle, ConditionalFormat, WorkbookPlan } from "../src/workbook/plan";
import { listSource, planExtrasProblem, sheetsNamed } from "../src/workbook/planCheck";
import { addCharts, escapeXml, sheetParts } from "./xlsxCharts";

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

/** A conditional format's look as a differential format (what Excel applies while the formula is TRUE). */
function dxfStyle(style: ConditionalFormat["style"]): Partial<ExcelJSTypes.Style> {
  const out: Partial<ExcelJSTypes.Style> = {};
  const font: Partial<ExcelJSTypes.Font> = {};
  if (style.bold) font.bold = true;
  if (style.fontColor) font.color = { argb: `FF${style.fontColor.toUpperCase()}` };
  if (Object.keys(font).length) out.font = font;
  // A differential fill is its background colour (Excel writes <patternFill><bgColor/></patternFill>).
  if (style.fill) out.fill = { type: "pattern", pattern: "solid", bgColor: { argb: `FF${style.fill.toUpperCase()}` } };
  return out;
}

/** The same look as the x14:dxf of an extension rule (CT_Dxf: font, then fill). */
function dxfXml(style: ConditionalFormat["style"]): string {
  const font =
    style.bold || style.fontColor
      ? `<font>${style.bold ? "<b/>" : ""}${style.fontColor ? `<color rgb="FF${style.fontColor.toUpperCase()}"/>` : ""}</font>`
      : "";
  const fill = style.fill ? `<fill><patternFill><bgColor rgb="FF${style.fill.toUpperCase()}"/></patternFill></fill>` : "";
  return `<x14:dxf>${font}${fill}</x14:dxf>`;
}

/** A conditional format kept in the worksheet's x14 extension (it reads another sheet), with its priority on the sheet. */
interface ExtensionFormat {
  format: ConditionalFormat;
  priority: number;
}

const EXT_CONDITIONAL_FORMATS = "{78C0D931-6437-407d-A8EE-F0AAD7539E65}";
const NS_X14 = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/main";
const NS_XM = "http://schemas.microsoft.com/office/excel/2006/main";

/** The worksheet <ext> of the conditional formats that read other sheets, as Excel 2010 writes it. */
export function conditionalFormatsExtXml(formats: ExtensionFormat[], firstId: number): string {
  const rules = formats
    .map(({ format: c, priority }, i) => {
      const id = `{00000000-0000-4000-8000-${(firstId + i).toString(16).toUpperCase().padStart(12, "0")}}`;
      return (
        `<x14:conditionalFormatting xmlns:xm="${NS_XM}">` +
        `<x14:cfRule type="expression" priority="${priority}" id="${id}"><xm:f>${escapeXml(toFileFormula(c.formula))}</xm:f>${dxfXml(c.style)}</x14:cfRule>` +
        `<xm:sqref>${c.range}</xm:sqref></x14:conditionalFormatting>`
      );
    })
    .join("");
  return `<ext uri="${EXT_CONDITIONAL_FORMATS}" xmlns:x14="${NS_X14}"><x14:conditionalFormattings>${rules}</x14:conditionalFormattings></ext>`;
}

/** Adds the x14 conditional formats to the package ExcelJS wrote (the worksheet's extLst is its last element). */
async function addExtensionFormats(data: Uint8Array, bySheet: Map<string, ExtensionFormat[]>): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(data);
  const parts = await sheetParts(zip);
  let nextId = 1;
  for (const [sheet, formats] of bySheet) {
    const part = parts.get(sheet);
    if (!part) throw new Error(`conditional formats on sheet ${sheet}, which the file does not have`);
    const xml = await zip.file(part)!.async("string");
    if (xml.includes(EXT_CONDITIONAL_FORMATS)) throw new Error(`sheet ${sheet} already has extension conditional formats`);
    const ext = conditionalFormatsExtXml(formats, nextId);
    nextId += formats.length;
    const end = xml.lastIndexOf("</extLst>");
    zip.file(
      part,
      end >= 0 ? xml.slice(0, end) + ext + xml.slice(end) : xml.replace(/<\/worksheet>\s*$/, `<extLst>${ext}</extLst></worksheet>`),
    );
  }
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 6 } });
}

/** Builds the ExcelJS workbook for a plan (everything but the charts and the extension formats: see planToXlsxBuffer). */
export function planToExcelJs(plan: WorkbookPlan): ExcelJSTypes.Workbook {
  return buildWorkbook(plan).wb;
}

function buildWorkbook(plan: WorkbookPlan): { wb: ExcelJSTypes.Workbook; extension: Map<string, ExtensionFormat[]> } {
  const problem = planExtrasProblem(plan, new Set(plan.sheets.map((s) => s.name)));
  if (problem) throw new Error(`the workbook plan cannot be written: ${problem}`);
  const wb = new ExcelJS.Workbook();
  wb.creator = "SCM add-in";
  wb.calcProperties.fullCalcOnLoad = true;
  for (const sp of plan.sheets) {
    const ws = wb.addWorksheet(sp.name, { state: sp.hidden ? "hidden" : "visible" });
    for (const col of sp.columns ?? []) {
      const c = ws.getColumn(col.col);
      c.width = col.width;
      if (col.hidden) c.hidden = true;
    }
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
    let dv: ExcelJSTypes.DataValidation;
    if (v.type === "list" && v.source !== undefined) {
      const { sheet, range } = listSource(v);
      if (sheet !== v.sheet) {
        throw new Error(
          `the list validation of ${v.sheet}!${v.range} reads sheet ${sheet}: a file keeps such a list only in Excel 2010's extension, which this writer does not write`,
        );
      }
      dv = { ...common, type: "list", formulae: [range] }; // its own sheet: no sheet name in the file (see above)
    } else if (v.type === "list") {
      dv = { ...common, type: "list", formulae: [`"${(v.list ?? []).join(",")}"`] };
    } else if (v.type === "custom") {
      dv = { ...common, type: "custom", formulae: [toFileFormula(v.formula ?? "TRUE")] };
    } else {
      dv = { ...common, type: v.type, operator: "between", formulae: [v.min ?? -1e307, v.max ?? 1e307] };
    }
    ws.getCell(v.range).dataValidation = dv;
  }
  // Conditional formats: priority in plan order on each sheet (1 first); those that read another
  // sheet go to the x14 extension, the others to the sheet's <conditionalFormatting>.
  const extension = new Map<string, ExtensionFormat[]>();
  const priority = new Map<string, number>();
  for (const c of plan.conditionalFormats ?? []) {
    const p = (priority.get(c.sheet) ?? 0) + 1;
    priority.set(c.sheet, p);
    if (sheetsNamed(c.formula).length > 0) {
      extension.set(c.sheet, [...(extension.get(c.sheet) ?? []), { format: c, priority: p }]);
      continue;
    }
    wb.getWorksheet(c.sheet)!.addConditionalFormatting({
      ref: c.range,
      rules: [{ type: "expression", priority: p, formulae: [toFileFormula(c.formula)], style: dxfStyle(c.style) }],
    });
  }
  return { wb, extension };
}

/** The .xlsx bytes of a plan, charts and extension conditional formats included. */
export async function planToXlsxBuffer(plan: WorkbookPlan): Promise<Buffer> {
  const { wb, extension } = buildWorkbook(plan);
  let data = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  if (extension.size > 0) data = await addExtensionFormats(data, extension);
  return addCharts(data, plan);
}

/** Writes the plan to `file`, all or nothing (overwrites: the caller decides whether that is allowed). */
export async function writeXlsx(plan: WorkbookPlan, file: string): Promise<void> {
  writeFileAtomic(file, await planToXlsxBuffer(plan));
}
