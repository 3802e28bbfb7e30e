/**
 * A workbook plan: the simulation workbook described as plain data (sheets, cells, names,
 * validation, tables, charts). One plan, two writers: the .xlsx file writer (cli/xlsxWriter.ts)
 * and the task pane's Excel writer (Excel.run). Nothing here knows about Office or a file format.
 *
 * Conventions every writer relies on:
 * - References are A1 strings. A reference to another sheet quotes the sheet name when needed
 *   (`'Stage 1'!B2`, see a1.ts). Workbook-level names are plain identifiers (`SCM_LeadTime_1`).
 * - Formulas are en-US Excel formulas WITHOUT the leading "=" and exactly as a user would type them
 *   in Excel (`VAR.S(...)`, `SCM.BULLWHIP_RATIO(...)`): no `_xlfn.` or `_xldudf_` storage prefixes.
 *   A file writer adds those prefixes; Excel.run's `range.formulas` takes the text as is.
 * - A cell has either `value` or `formula`. Formula cells carry no cached result: every writer
 *   leaves the calculation to the spreadsheet.
 * - Apply a cell's number format before its value: the stored scenario's cells are text ("@"), so
 *   that Excel keeps their JSON as typed.
 * - Order for a writer: sheets, input values, names, then formulas (they read the names).
 */

/** Cell address inside its sheet, e.g. "B7". */
export type CellRef = string;

/** Named cell styles; the plan's `styles` table says what each looks like. */
export type StyleName = "title" | "header" | "label" | "input" | "computed" | "value" | "note" | "addin";

export interface CellStyle {
  bold?: boolean;
  italic?: boolean;
  /** Font colour, "RRGGBB". */
  fontColor?: string;
  /** Solid fill colour, "RRGGBB". */
  fill?: string;
  hAlign?: "left" | "center" | "right";
  wrap?: boolean;
  /** Thin border under the cell (header rows). */
  borderBottom?: boolean;
}

export interface CellPlan {
  ref: CellRef;
  /** A constant. */
  value?: number | string | boolean;
  /** An Excel formula without "=", see the conventions above. */
  formula?: string;
  /** Excel number format code, e.g. "0.00", "0.0%". */
  numFmt?: string;
  style?: StyleName;
}

export interface ColumnPlan {
  /** Column letter(s), e.g. "B". */
  col: string;
  /** Width in characters. */
  width: number;
  /** Hidden (the replenishment plan's live and snapshot columns). */
  hidden?: boolean;
}

export type SheetRole = "inputs" | "simulation" | "summary" | "scenario" | "table" | "plan";

export interface SheetPlan {
  name: string;
  role: SheetRole;
  cells: CellPlan[];
  columns?: ColumnPlan[];
  /** Rows and columns kept in view when scrolling (Excel "freeze panes"). */
  freeze?: { rows: number; cols: number };
  /** Hidden from the tab bar (the stored scenario). */
  hidden?: boolean;
}

/** A workbook-scoped defined name. */
export interface NamedRange {
  name: string;
  /** Absolute reference with sheet, e.g. "Inputs!$C$5". */
  ref: string;
  comment?: string;
}

export interface DataValidation {
  sheet: string;
  /** Cell or range inside `sheet`, e.g. "C5". */
  range: string;
  /**
   * Excel's validation types: whole number, decimal, a list of allowed values, or a custom
   * formula that must be TRUE (written for the top-left cell of `range`).
   */
  type: "whole" | "decimal" | "list" | "custom";
  /** For whole and decimal: the allowed interval (Excel's "between"; bounds inclusive). */
  min?: number;
  max?: number;
  /** For list: the allowed values; or `source`, a range holding them (absolute, with sheet: "SKUs!$A$2:$A$301"). */
  list?: string[];
  source?: string;
  /** For custom: the condition, e.g. "AND(ISNUMBER(C20),C20>0,C20<1)". */
  formula?: string;
  /** Shown when the cell is selected. */
  prompt: string;
  /** Shown when a value is rejected. */
  error: string;
}

/** An Excel table (ListObject) over a block whose first row holds unique header texts. */
export interface TablePlan {
  name: string;
  sheet: string;
  /** Whole table including the header row, e.g. "A5:N57". */
  ref: string;
  /** Header texts, left to right (they are also the header cells of the plan). */
  columns: string[];
}

export interface ChartSeries {
  name: string;
  /** Absolute reference with sheet, e.g. "'Stage 1'!$A$6:$A$57". */
  categoriesRef: string;
  valuesRef: string;
}

export interface ChartPlan {
  id: string;
  type: "line" | "columnClustered";
  title: string;
  /** Sheet the chart is placed on and the cell its top-left corner sits on. */
  sheet: string;
  anchor: CellRef;
  series: ChartSeries[];
  axes: { x: { title: string }; y: { title: string } };
}

/** A format shown while a formula is TRUE (Excel's "use a formula to determine which cells to format"). */
export interface ConditionalFormat {
  sheet: string;
  /** Cells formatted, e.g. "N15:N314". */
  range: string;
  /** The condition for the range's top-left cell, relative references moving with the cell, e.g. "$N15=\"Order now\"". */
  formula: string;
  style: { fill?: string; fontColor?: string; bold?: boolean };
}

export interface WorkbookPlan {
  /** Bumped when the layout changes, so the wizard can recognise sheets written by an older version. */
  layoutVersion: number;
  styles: Record<StyleName, CellStyle>;
  sheets: SheetPlan[];
  names: NamedRange[];
  validations: DataValidation[];
  tables: TablePlan[];
  charts: ChartPlan[];
  /** Formats that follow a formula (the replenishment plan's alerts); none in the simulation workbook. */
  conditionalFormats?: ConditionalFormat[];
}
