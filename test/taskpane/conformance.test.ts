/*
 * One plan, two writers: the Excel writer (taskpane/excel/writer.ts, through the strict Excel
 * stand-in: office-addin-mock stands in for Excel, which this machine does not have) and the .xlsx
 * writer (cli/xlsxWriter.ts, read back with ExcelJS, its charts from the package's chart and drawing
 * parts: test/support/xlsxCharts.ts, its conditional formats from the sheet and style parts:
 * test/support/xlsxConditionalFormats.ts) must render every kind of plan element with the same meaning. The plan below holds one of each kind; the `satisfies Record<...>` tables make the
 * type checker refuse a new kind (a validation type, a style property, a chart type, a sheet or plan
 * field) until it is added here, and so checked in both writers.
 */
// office-addin-mock needs only the OfficeApp enum of office-addin-manifest, whose main module pulls
// ESM-only packages that jest cannot load: give it the enum's own file (wherever npm put the package).
jest.mock("office-addin-manifest", () => jest.requireActual("office-addin-manifest/lib/officeApp"), { virtual: true });
jest.mock(
  "office-addin-mock/node_modules/office-addin-manifest",
  () => jest.requireActual("office-addin-mock/node_modules/office-addin-manifest/lib/officeApp"),
  { virtual: true },
);
import ExcelJS, { type ExcelJSTypes } from "../../cli/exceljs";
import { planToXlsxBuffer } from "../../cli/xlsxWriter";
import type {
  CellPlan,
  CellStyle,
  ChartPlan,
  ColumnPlan,
  ConditionalFormat,
  DataValidation,
  SheetPlan,
  StyleName,
  WorkbookPlan,
} from "../../src/workbook/plan";
import { applyPlan, widthPoints } from "../../taskpane/excel/writer";
import { colNumber, ExcelStandIn, type CellModel } from "./standin/excelStandIn";
import { readCharts, type FileChart } from "../support/xlsxCharts";
import { readConditionalFormats, type FileConditionalFormat } from "../support/xlsxConditionalFormats";

// ---- one of every kind ----------------------------------------------------------------------------

/** Every style property, each alone in a style of its own (so a writer that drops one shows it). */
const STYLE_PROPERTIES = {
  bold: true,
  italic: true,
  fontColor: "1F4E78",
  fill: "FFF2CC",
  hAlign: "center",
  wrap: true,
  borderBottom: true,
} satisfies Required<CellStyle>;

const STYLE_OF_PROPERTY = {
  bold: "title",
  italic: "note",
  fontColor: "label",
  fill: "input",
  hAlign: "computed",
  wrap: "value",
  borderBottom: "header",
} as const satisfies Record<keyof CellStyle, StyleName>;

const styles = Object.fromEntries(
  (Object.keys(STYLE_OF_PROPERTY) as (keyof CellStyle)[]).map((p) => [STYLE_OF_PROPERTY[p], { [p]: STYLE_PROPERTIES[p] }]),
) as unknown as Record<StyleName, CellStyle>;
styles.addin = { bold: true, fill: "EDEDED", fontColor: "5C5C5C" };

/** Text that Excel would read as something else if typed: it must stay text in both writers. */
const TRICKY_TEXT = [
  "1,000",
  "50%",
  "5-Jan",
  "(5)",
  "#N/A",
  "=not a formula",
  "TRUE",
  "$5",
  " 7 ",
  "10:30",
  "1/2",
  "-x",
  "+1",
  "@home",
  "'quoted",
];

/** Every validation type, with a value in its cell that its rule allows. */
const VALIDATIONS = {
  whole: { cell: "C2", value: 3, v: { type: "whole", min: 1, max: 8, prompt: "Lead time: 1 to 8.", error: "Whole number from 1 to 8." } },
  decimal: { cell: "C3", value: 0.5, v: { type: "decimal", min: 0, max: 1e15, prompt: "Cost: >= 0.", error: "A number >= 0." } },
  list: {
    cell: "C4",
    value: "moving-average",
    v: { type: "list", list: ["moving-average", "exp-smoothing"], prompt: "Pick one.", error: "One of the list." },
  },
  custom: {
    cell: "C5",
    value: 0.95,
    v: { type: "custom", formula: "AND(ISNUMBER(C5),C5>0,C5<1)", prompt: "Service level in (0, 1).", error: "Between 0 and 1, exclusive." },
  },
} satisfies Record<DataValidation["type"], { cell: string; value: number | string; v: Omit<DataValidation, "sheet" | "range"> }>;

/** A list validation whose items come from a range (DataValidation.source) rather than from `list`. */
const LIST_FROM_SOURCE = {
  cell: "C6",
  value: "south",
  items: ["north", "south", "east"],
  v: { type: "list", source: "Inputs!$I$1:$I$3", prompt: "Pick a region.", error: "One of the regions in I1:I3." },
} satisfies { cell: string; value: string; items: string[]; v: Omit<DataValidation, "sheet" | "range"> };

const CHART_TYPES = { line: "Line", columnClustered: "ColumnClustered" } satisfies Record<ChartPlan["type"], string>;

/**
 * Conditional formats: every style property, a formula on the format's own sheet (written in the
 * sheet's <conditionalFormatting>) and one that reads another sheet (Excel 2010's x14 extension).
 */
const CONDITIONAL_STYLE = { fill: 1, fontColor: 1, bold: 1 } satisfies Record<keyof ConditionalFormat["style"], 1>;
const CONDITIONAL_FORMATS: Omit<ConditionalFormat, "sheet">[] = [
  { range: "B2:B7", formula: "$B2>$C2", style: { fill: "F8CBAD", fontColor: "9C0006", bold: true } },
  { range: "C2:C7", formula: 'AND(ISNUMBER($C2),$C2>Inputs!$C$2*4,$A2<>"x")', style: { fill: "FFEB9C" } },
];

/** Fields of a sheet and of the plan, each used by the plan below (the test fails to compile when one is added). */
const SHEET_FIELDS = { name: 1, role: 1, cells: 1, columns: 1, freeze: 1, hidden: 1 } satisfies Record<keyof SheetPlan, 1>;
const COLUMN_FIELDS = { col: 1, width: 1, hidden: 1 } satisfies Record<keyof ColumnPlan, 1>;
const PLAN_FIELDS = {
  layoutVersion: 1,
  styles: 1,
  sheets: 1,
  names: 1,
  validations: 1,
  tables: 1,
  charts: 1,
  conditionalFormats: 1,
} satisfies Record<keyof WorkbookPlan, 1>;

function everyKind(): WorkbookPlan {
  const inputs: CellPlan[] = [
    { ref: "A1", value: "Inputs of 'every kind'", style: "title" },
    { ref: "A2", value: "Lead time", style: "label" },
    { ref: "B1", value: true },
    { ref: "B2", value: 12.5, numFmt: "0.00" },
  ];
  for (const [kind, x] of Object.entries(VALIDATIONS)) {
    inputs.push({ ref: `B${Number(x.cell.slice(1))}`, value: kind, style: "label" });
    inputs.push({ ref: x.cell, value: x.value, style: "input", numFmt: typeof x.value === "number" ? "0.00" : undefined });
  }
  inputs.push({ ref: "B6", value: "list from source", style: "label" });
  inputs.push({ ref: LIST_FROM_SOURCE.cell, value: LIST_FROM_SOURCE.value, style: "input" });
  LIST_FROM_SOURCE.items.forEach((t, i) => inputs.push({ ref: `I${i + 1}`, value: t }));
  TRICKY_TEXT.forEach((t, i) => inputs.push({ ref: `E${i + 1}`, value: t, style: i % 2 ? "note" : "value" }));
  (Object.keys(STYLE_OF_PROPERTY) as (keyof CellStyle)[]).forEach((p, i) =>
    inputs.push({ ref: `G${i + 1}`, value: `styled ${p}`, style: STYLE_OF_PROPERTY[p] }),
  );
  const data: CellPlan[] = [
    { ref: "A1", value: "Period", style: "header" },
    { ref: "B1", value: "Orders", style: "header" },
    { ref: "C1", value: "Demand", style: "header" },
  ];
  for (let t = 0; t < 6; t++) {
    data.push({ ref: `A${t + 2}`, value: t, numFmt: "0" });
    data.push({ ref: `B${t + 2}`, formula: `Inputs!$C$2*${t + 1}+SCM_LeadTime`, numFmt: "0.0" });
    data.push({ ref: `C${t + 2}`, value: 10 + t });
  }
  data.push({ ref: "E2", formula: "VAR.S(B2:B7)/VAR.S(C2:C7)", style: "addin" });
  data.push({ ref: "E3", formula: 'IF(E2>1,"amplified","damped")' });
  const stored: CellPlan[] = [{ ref: "A1", value: '{"name":"x","values":[1,000,2]}', numFmt: "@" }];
  const sheets: SheetPlan[] = [
    {
      name: "Inputs",
      role: "inputs",
      cells: inputs,
      columns: [
        { col: "A", width: 18 },
        { col: "E", width: 12 },
        { col: "F", width: 9, hidden: true },
      ],
      freeze: { rows: 1, cols: 0 },
    },
    { name: "1 Retailer's", role: "summary", cells: data, columns: [{ col: "B", width: 11 }], freeze: { rows: 1, cols: 1 } },
    { name: "Scenario", role: "scenario", cells: stored, hidden: true },
  ];
  const series = (col: string, name: string) => ({
    name,
    categoriesRef: "'1 Retailer''s'!$A$2:$A$7",
    valuesRef: `'1 Retailer''s'!$${col}$2:$${col}$7`,
  });
  return {
    layoutVersion: 1,
    styles,
    sheets,
    names: [{ name: "SCM_LeadTime", ref: "Inputs!$C$2", comment: "lead time" }],
    validations: [...Object.values(VALIDATIONS), LIST_FROM_SOURCE].map(
      (x) => ({ sheet: "Inputs", range: x.cell, ...x.v }) as DataValidation,
    ),
    conditionalFormats: CONDITIONAL_FORMATS.map((c) => ({ sheet: "1 Retailer's", ...c })),
    tables: [{ name: "SCM_Orders", sheet: "1 Retailer's", ref: "A1:C7", columns: ["Period", "Orders", "Demand"] }],
    charts: [
      {
        id: "orders",
        type: "line",
        title: "Orders",
        sheet: "1 Retailer's",
        anchor: "G2",
        series: [series("B", "Orders"), series("C", "Demand")],
        axes: { x: { title: "Period" }, y: { title: "Units" } },
      },
      {
        id: "demand",
        type: "columnClustered",
        title: "Demand",
        sheet: "1 Retailer's",
        anchor: "G22",
        series: [series("C", "Demand")],
        axes: { x: { title: "Period" }, y: { title: "Units" } },
      },
    ],
  };
}

// ---- what each writer rendered, in one neutral form -----------------------------------------------

interface Rendered {
  sheets: {
    name: string;
    hidden: boolean;
    freeze: { rows: number; cols: number } | null;
    widths: Record<string, number>;
    hiddenColumns: string[];
  }[];
  /** sheet!ref -> content and look. */
  cells: Record<string, { content: unknown; numFmt?: string; look: CellStyle }>;
  names: { name: string; ref: string }[];
  validations: {
    at: string;
    kind: string;
    min?: number;
    max?: number;
    list?: string[];
    /** A list's source range, with its sheet and without $ ("Inputs!I1:I3"). */
    source?: string;
    formula?: string;
    prompt: string;
    error: string;
  }[];
  /** In the sheet's order of priority (the first applies first). */
  conditionalFormats: { at: string; formula: string; fill?: string; fontColor?: string; bold?: boolean }[];
  tables: { name: string; sheet: string; ref: string }[];
  charts: {
    name: string;
    title: string;
    type: string;
    axes: [string, string];
    /** First and last cell covered. */
    at: [string, string];
    series: { name: string; values: string; categories: string }[];
  }[];
}

const formulaText = (f: string) =>
  f
    .replace(/^=/, "")
    .replace(/_xlfn\./g, "")
    .replace(/_xldudf_SCM_/g, "SCM.");
const bare = (ref: string) => ref.replace(/\$/g, "").replace(/^=/, "");
const noEmpty = (look: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(look).filter(([, v]) => v !== undefined && v !== false)) as CellStyle;

const byColumn = (a: string, b: string) => colNumber(a) - colNumber(b);

function fromStandIn(xl: ExcelStandIn, plan: WorkbookPlan): Rendered {
  const out: Rendered = { sheets: [], cells: {}, names: [], validations: [], conditionalFormats: [], tables: [], charts: [] };
  for (const sp of plan.sheets) {
    const s = xl.sheet(sp.name)!;
    out.sheets.push({
      name: s.name,
      hidden: s.visibility !== "Visible",
      freeze: s.freeze && (s.freeze.rows > 0 || s.freeze.cols > 0) ? s.freeze : null,
      widths: Object.fromEntries([...s.columnWidths].map(([c, w]) => [c, w])),
      hiddenColumns: [...s.hiddenColumns].sort(byColumn),
    });
    for (const c of sp.cells) {
      const m: CellModel = s.cells.get(c.ref) ?? {};
      out.cells[`${sp.name}!${c.ref}`] = {
        content: m.formula !== undefined ? { formula: formulaText(m.formula) } : m.value,
        numFmt: m.numberFormat && m.numberFormat !== "General" ? m.numberFormat : undefined,
        look: noEmpty({
          bold: m.bold,
          italic: m.italic,
          fontColor: m.fontColor?.replace(/^#/, ""),
          fill: m.fill?.replace(/^#/, ""),
          hAlign: m.hAlign?.toLowerCase() as CellStyle["hAlign"],
          wrap: m.wrap,
          borderBottom: m.borderBottom === "Continuous" ? true : undefined,
        }),
      };
    }
    for (const [at, v] of s.validations) {
      const rule = v.rule as Record<string, { formula1?: number; formula2?: number; source?: string; formula?: string }>;
      const [kind, r] = Object.entries(rule)[0];
      const name = { wholeNumber: "whole", decimal: "decimal", list: "list", custom: "custom" }[kind] ?? kind;
      out.validations.push({
        at: `${s.name}!${at}`,
        kind: name,
        ...(kind === "wholeNumber" || kind === "decimal" ? { min: r.formula1, max: r.formula2 } : {}),
        ...(kind === "list" ? (r.source!.startsWith("=") ? { source: bare(r.source!) } : { list: r.source!.split(",") }) : {}),
        ...(kind === "custom" ? { formula: formulaText(r.formula!) } : {}),
        prompt: (v.prompt as { message: string }).message,
        error: (v.errorAlert as { message: string }).message,
      });
    }
    for (const f of s.conditionalFormats) {
      expect(f.type).toBe("Custom");
      out.conditionalFormats.push({
        at: `${s.name}!${f.address}`,
        formula: formulaText(f.formula ?? ""),
        ...noEmpty({ fill: f.fill?.replace(/^#/, ""), fontColor: f.fontColor?.replace(/^#/, ""), bold: f.bold }),
      });
    }
    for (const ch of s.charts) {
      out.charts.push({
        name: ch.name,
        title: ch.title ?? "",
        type: ch.type,
        axes: [ch.xTitle ?? "", ch.yTitle ?? ""],
        at: ch.position ?? ["", ""],
        series: ch.series.map((x) => ({ name: x.name, values: bare(x.values ?? ""), categories: bare(x.xValues ?? "") })),
      });
    }
  }
  out.names = xl.names.map((n) => ({ name: n.name, ref: bare(n.formula) }));
  out.tables = xl.snapshot().tables.map((t) => ({ name: t.name, sheet: t.sheet, ref: t.address }));
  return out;
}

function fromXlsx(wb: ExcelJSTypes.Workbook, plan: WorkbookPlan, charts: FileChart[], formats: FileConditionalFormat[]): Rendered {
  const out: Rendered = { sheets: [], cells: {}, names: [], validations: [], conditionalFormats: [], tables: [], charts: [] };
  const argb = (c?: Partial<ExcelJSTypes.Color>) => (c?.argb ? c.argb.replace(/^FF/, "") : undefined);
  for (const sp of plan.sheets) {
    const ws = wb.getWorksheet(sp.name)!;
    const view = ws.views?.[0] as { state?: string; xSplit?: number; ySplit?: number } | undefined;
    const widths: Record<string, number> = {};
    for (const col of sp.columns ?? []) widths[col.col] = widthPoints(ws.getColumn(col.col).width ?? 0);
    out.sheets.push({
      name: ws.name,
      hidden: ws.state !== "visible",
      freeze: view?.state === "frozen" ? { rows: view.ySplit ?? 0, cols: view.xSplit ?? 0 } : null,
      widths,
      hiddenColumns: (ws.columns ?? []).flatMap((c) => (c.hidden && c.letter ? [c.letter] : [])).sort(byColumn),
    });
    for (const c of sp.cells) {
      const x = ws.getCell(c.ref);
      const v = x.value as ExcelJSTypes.CellValue;
      const fill = x.fill as ExcelJSTypes.FillPattern | undefined;
      out.cells[`${sp.name}!${c.ref}`] = {
        content: v !== null && typeof v === "object" && "formula" in v ? { formula: formulaText(String(v.formula)) } : v,
        numFmt: x.numFmt || undefined,
        look: noEmpty({
          bold: x.font?.bold,
          italic: x.font?.italic,
          fontColor: argb(x.font?.color),
          fill: argb(fill?.fgColor),
          hAlign: x.alignment?.horizontal as CellStyle["hAlign"],
          wrap: x.alignment?.wrapText,
          borderBottom: x.border?.bottom?.style === "thin" ? true : undefined,
        }),
      };
    }
    for (const v of plan.validations.filter((v) => v.sheet === sp.name)) {
      const dv = ws.getCell(v.range).dataValidation;
      out.validations.push({
        at: `${sp.name}!${v.range}`,
        kind: dv.type,
        ...(dv.type === "whole" || dv.type === "decimal" ? { min: Number(dv.formulae[0]), max: Number(dv.formulae[1]) } : {}),
        // A list's items are a quoted literal; a source range on the validation's own sheet has no sheet name in the file.
        ...(dv.type === "list"
          ? String(dv.formulae[0]).startsWith('"')
            ? { list: String(dv.formulae[0]).replace(/^"|"$/g, "").split(",") }
            : { source: `${sp.name}!${bare(String(dv.formulae[0]))}` }
          : {}),
        ...(dv.type === "custom" ? { formula: formulaText(String(dv.formulae[0])) } : {}),
        prompt: dv.prompt ?? "",
        error: dv.error ?? "",
      });
    }
    for (const t of (ws as unknown as { getTables(): { table: { name: string; tableRef: string } }[] }).getTables()) {
      out.tables.push({ name: t.table.name, sheet: sp.name, ref: t.table.tableRef });
    }
  }
  for (const f of formats) {
    expect(f.type).toBe("expression");
    out.conditionalFormats.push({
      at: `${f.sheet}!${f.range}`,
      formula: formulaText(f.formula),
      ...noEmpty({ fill: f.fill, fontColor: f.fontColor, bold: f.bold }),
    });
  }
  out.names = (wb.definedNames as unknown as { model: { name: string; ranges: string[] }[] }).model.map((n) => ({
    name: n.name,
    ref: bare(n.ranges[0]),
  }));
  // ExcelJS reads no charts: they are read from the package's chart parts (drawing anchors, c:chartSpace).
  for (const sp of plan.sheets) {
    for (const ch of charts.filter((c) => c.sheet === sp.name)) {
      out.charts.push({
        name: ch.name,
        title: ch.title,
        type: ch.type,
        axes: [ch.xTitle, ch.yTitle],
        at: [ch.from, ch.to],
        series: ch.series.map((x) => ({ name: x.name, values: bare(x.values), categories: bare(x.categories) })),
      });
    }
  }
  return out;
}

// ---- the test -------------------------------------------------------------------------------------

describe("the Excel writer and the .xlsx writer render every kind of plan element alike", () => {
  const plan = everyKind();
  let excel: Rendered;
  let file: Rendered;
  let xl: ExcelStandIn;

  beforeAll(async () => {
    xl = new ExcelStandIn({ sheets: [{ name: "My data" }] });
    await applyPlan(xl.run, plan, { group: "model" });
    excel = fromStandIn(xl, plan);
    const data = await planToXlsxBuffer(plan);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(data);
    file = fromXlsx(wb, plan, await readCharts(data), await readConditionalFormats(data));
  });

  test("the plan holds every kind (the tables above are exhaustive by type)", () => {
    const used = new Set(plan.validations.map((v) => v.type));
    expect([...used].sort()).toEqual(Object.keys(VALIDATIONS).sort());
    expect(new Set(plan.charts.map((c) => c.type))).toEqual(new Set(Object.keys(CHART_TYPES)));
    for (const f of Object.keys(SHEET_FIELDS))
      expect(plan.sheets.some((s) => (s as unknown as Record<string, unknown>)[f] !== undefined)).toBe(true);
    for (const f of Object.keys(PLAN_FIELDS)) expect((plan as unknown as Record<string, unknown>)[f]).toBeDefined();
    const columns = plan.sheets.flatMap((s) => s.columns ?? []);
    for (const f of Object.keys(COLUMN_FIELDS))
      expect(columns.some((c) => (c as unknown as Record<string, unknown>)[f] !== undefined)).toBe(true);
    expect(plan.validations.some((v) => v.source !== undefined)).toBe(true);
    for (const p of Object.keys(CONDITIONAL_STYLE))
      expect(plan.conditionalFormats!.some((c) => (c.style as Record<string, unknown>)[p] !== undefined)).toBe(true);
    const looks = plan.sheets.flatMap((s) => s.cells.filter((c) => c.style).map((c) => plan.styles[c.style!]));
    for (const p of Object.keys(STYLE_PROPERTIES)) expect(looks.some((l) => (l as Record<string, unknown>)[p] !== undefined)).toBe(true);
  });

  test("sheets: names, hidden, frozen panes, column widths, hidden columns", () => {
    expect(excel.sheets).toEqual(file.sheets);
    expect(excel.sheets.map((s) => s.hidden)).toEqual([false, false, true]);
    expect(excel.sheets.map((s) => s.hiddenColumns)).toEqual([["F"], [], []]);
  });

  test("cells: values (text stays text, however it looks), formulas, number formats, every style property", () => {
    expect(excel.cells).toEqual(file.cells);
    for (const [i, t] of TRICKY_TEXT.entries()) expect(excel.cells[`Inputs!E${i + 1}`].content).toBe(t);
    expect(excel.cells["Scenario!A1"].content).toBe('{"name":"x","values":[1,000,2]}');
  });

  test("names, validations of each type, tables and charts", () => {
    expect(excel.names).toEqual(file.names);
    expect(excel.validations).toEqual(file.validations);
    expect(excel.validations.find((v) => v.at === "Inputs!C6")).toMatchObject({ kind: "list", source: "Inputs!I1:I3" });
    expect(excel.tables).toEqual(file.tables);
    expect(excel.tables).toEqual([{ name: "SCM_Orders", sheet: "1 Retailer's", ref: "A1:C7" }]);
    expect(excel.charts).toEqual(file.charts);
    expect(file.charts.map((c) => [c.type, c.title, c.at])).toEqual([
      ["Line", "Orders", ["G2", "O19"]],
      ["ColumnClustered", "Demand", ["G22", "O39"]],
    ]);
    expect(file.charts[0].series[0]).toEqual({ name: "Orders", values: "'1 Retailer''s'!B2:B7", categories: "'1 Retailer''s'!A2:A7" });
  });

  test("conditional formats: range, formula (relative to the top-left cell), fill, font colour, bold, priority", async () => {
    expect(excel.conditionalFormats).toEqual(file.conditionalFormats);
    expect(file.conditionalFormats).toEqual(
      CONDITIONAL_FORMATS.map((c) => ({ at: `1 Retailer's!${c.range}`, formula: c.formula, ...c.style })),
    );
    // The format that reads another sheet is in the x14 extension (the file format's rule), the other is not.
    expect((await readConditionalFormats(await planToXlsxBuffer(plan))).map((f) => [f.range, f.extension, f.priority])).toEqual([
      ["B2:B7", false, 1],
      ["C2:C7", true, 2],
    ]);
  });

  test("every planned input value passes its own validation rule in the stand-in", () => {
    expect(xl.validationViolations()).toEqual([]);
  });
});
