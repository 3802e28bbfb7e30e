/**
 * The Plan sheet (ARCHITECTURE.md section 12): the replenishment plan as live formulas over the
 * planner's table, for both writers (the wizard's Excel.run writer and `npm run plan`'s .xlsx).
 * Every figure of plan.ts is a formula here, one row per row of the planner's table:
 * - native Excel formulas for what needs no model (value, ABC, XYZ, service level, lead-time demand,
 *   reorder point, order quantity, position, order now, suggested quantity, cover, run-out): they
 *   follow the planner's edits at once, with or without the add-in;
 * - the SCM functions for the four figures that need a model (demand class, method, forecast, safety
 *   stock), each in a hidden "live" column, beside a hidden snapshot of the value the engine computed
 *   when the plan was built. The visible column shows the live value, or the snapshot where the
 *   SCM functions cannot run (#NAME?: a colleague without the add-in, LibreOffice), so the plan stays
 *   readable everywhere and says so in its note.
 * A SKU the plan could not compute at build time has its problem in the Problem column and blank
 * figures (rebuild after fixing it). The policy sits in named cells at the top (SCM_Plan_*).
 */
import { ABC_CLASSES } from "../classify/abc";
import { absCell, cell, colLetter, quoteSheet } from "../workbook/a1";
import type { ChartPlan, ConditionalFormat, DataValidation, NamedRange, SheetPlan, WorkbookPlan } from "../workbook/plan";
import { SheetBuilder } from "../workbook/sheetBuilder";
import { FMT, STYLES } from "../workbook/styles";
import { ColumnMapping, ColumnRole } from "./columns";
import { Plan, SkuPlan } from "./plan";
import { PlanPolicy } from "./policy";
import { Cell } from "./skus";

export const PLAN_SHEET = "Plan";
export const PLAN_LAYOUT_VERSION = 1;
/** The first row of SKUs on the Plan sheet (the header is the row above). */
export const PLAN_FIRST_ROW = 16;
const HEADER_ROW = PLAN_FIRST_ROW - 1;

/** Where the planner's table is: its sheet, the row of its headers, its first column (1-based), its data rows. */
export interface TableLocation {
  sheet: string;
  headerRow: number;
  firstCol: number;
  rows: number;
}

/** The Plan sheet's columns, left to right (1-based), and their headers. */
export const PLAN_COLUMNS = {
  sku: { col: 1, header: "SKU" },
  value: { col: 2, header: "Value of past demand" },
  abc: { col: 3, header: "ABC" },
  xyz: { col: 4, header: "XYZ" },
  demandClass: { col: 5, header: "Demand class" },
  method: { col: 6, header: "Forecast method" },
  forecast: { col: 7, header: "Forecast per period" },
  serviceLevel: { col: 8, header: "Service level" },
  safetyStock: { col: 9, header: "Safety stock" },
  leadTimeDemand: { col: 10, header: "Lead-time demand" },
  reorderPoint: { col: 11, header: "Reorder point" },
  orderQty: { col: 12, header: "Order quantity" },
  position: { col: 13, header: "Inventory position" },
  orderNow: { col: 14, header: "Order now" },
  suggestedQty: { col: 15, header: "Suggested quantity" },
  periodsOfCover: { col: 16, header: "Periods of cover" },
  runOutPeriod: { col: 17, header: "Runs out in period" },
  stockValue: { col: 18, header: "Stock value" },
  problem: { col: 19, header: "Problem" },
  safetyStockValue: { col: 20, header: "Safety-stock value" },
} as const;

/** The SCM figures: live formula column, snapshot column (both hidden), shown column. */
const MODEL_FIGURES = ["demandClass", "method", "forecast", "safetyStock"] as const;
type ModelFigure = (typeof MODEL_FIGURES)[number];
const LIVE_COL: Record<ModelFigure, number> = { demandClass: 21, method: 22, forecast: 23, safetyStock: 24 };
const SNAP_COL: Record<ModelFigure, number> = { demandClass: 25, method: 26, forecast: 27, safetyStock: 28 };
/** The SKU's lead time, copied from the table (hidden): the run-out alert compares with it on this sheet. */
const LEAD_COL = 29;

export const ORDER_NOW = "Order now";
export const ORDER_RULE_TEXT = { eoq: "EOQ", "eoq-cases": "EOQ in full cases", periods: "Periods of supply" } as const;

/** The policy's named cells (column B of the top block). */
const POLICY_ROWS = {
  method: { row: 4, name: "SCM_Plan_Method", label: "Forecast method" },
  season: { row: 5, name: "SCM_Plan_SeasonLength", label: "Season length (periods)" },
  review: { row: 6, name: "SCM_Plan_ReviewPeriod", label: "Review period (periods)" },
  slA: { row: 7, name: "SCM_Plan_ServiceA", label: "Service level, class A" },
  slB: { row: 8, name: "SCM_Plan_ServiceB", label: "Service level, class B" },
  slC: { row: 9, name: "SCM_Plan_ServiceC", label: "Service level, class C" },
  perYear: { row: 10, name: "SCM_Plan_PeriodsPerYear", label: "Periods per year" },
  rule: { row: 11, name: "SCM_Plan_OrderRule", label: "Order quantity rule" },
  supply: { row: 12, name: "SCM_Plan_PeriodsOfSupply", label: "Periods of supply (that rule)" },
} as const;

export interface PlanSheetOptions {
  /** When the figures were computed ("2026-11-29 14:05"), for the note. */
  builtAt: string;
  /** The planner's table as values, when the plan writes it too (the command line's SKUs sheet). */
  table?: { headers: readonly Cell[]; rows: readonly (readonly Cell[])[] };
}

/** The workbook plan: the Plan sheet (and the SKUs sheet when `options.table` is given). */
export function planReplenishmentWorkbook(
  where: TableLocation,
  mapping: ColumnMapping,
  policy: PlanPolicy,
  plan: Plan,
  options: PlanSheetOptions,
): WorkbookPlan {
  const sheets: SheetPlan[] = [];
  if (options.table) sheets.push(tableSheet(where, options.table));
  const b = new SheetBuilder(PLAN_SHEET, "plan");
  const names: NamedRange[] = [];
  const validations: DataValidation[] = [];
  const conditionalFormats: ConditionalFormat[] = [];
  const q = quoteSheet(where.sheet);
  const tableCol = (role: ColumnRole): string | undefined => {
    const c = mapping.roles[role];
    return c === undefined ? undefined : colLetter(where.firstCol + c);
  };
  const hist = mapping.history;
  if (!hist) throw new Error("planReplenishmentWorkbook: the mapping has no history");
  const histFirst = colLetter(where.firstCol + hist.first);
  const histLast = colLetter(where.firstCol + hist.last);
  const n = where.rows;
  const lastRow = PLAN_FIRST_ROW + Math.max(n, 1) - 1;
  const P = (k: keyof typeof PLAN_COLUMNS, r: number): string => cell(PLAN_COLUMNS[k].col, r);

  // Title, note, policy.
  b.value(1, 1, "Replenishment plan", "title");
  b.value(
    1,
    2,
    `Live formulas over ${where.sheet}: paste today's on hand, on order or backorders there and the alerts follow. ` +
      "Demand class, forecast method, forecast and safety stock come from the SCM add-in's functions; where they cannot run " +
      `(no add-in) those columns show the values computed on ${options.builtAt}.`,
    "note",
  );
  const policyValue = (key: keyof typeof POLICY_ROWS, value: string | number, numFmt?: string): void => {
    const p = POLICY_ROWS[key];
    b.value(1, p.row, p.label, "label");
    b.value(2, p.row, value, "input", numFmt);
    names.push({ name: p.name, ref: `${PLAN_SHEET}!${absCell(2, p.row)}` });
  };
  policyValue("method", policy.method);
  policyValue("season", policy.seasonLength, FMT.int);
  policyValue("review", policy.reviewPeriod, FMT.asTyped);
  policyValue("slA", policy.serviceByClass.A, FMT.pct);
  policyValue("slB", policy.serviceByClass.B, FMT.pct);
  policyValue("slC", policy.serviceByClass.C, FMT.pct);
  policyValue("perYear", policy.periodsPerYear, FMT.asTyped);
  policyValue("rule", ORDER_RULE_TEXT[policy.orderRule.kind]);
  policyValue("supply", policy.orderRule.kind === "periods" ? policy.orderRule.periods : 4, FMT.asTyped);
  validations.push(
    {
      sheet: PLAN_SHEET,
      range: cell(2, POLICY_ROWS.rule.row),
      type: "list",
      list: Object.values(ORDER_RULE_TEXT),
      prompt: "How much to order: EOQ, EOQ in full cases, or periods of supply.",
      error: "Choose EOQ, EOQ in full cases or Periods of supply.",
    },
    ...(["slA", "slB", "slC"] as const).map((k): DataValidation => ({
      sheet: PLAN_SHEET,
      range: cell(2, POLICY_ROWS[k].row),
      type: "decimal",
      min: 0.5,
      max: 0.9999,
      prompt: "Cycle service level: the chance of no stockout in a replenishment cycle, e.g. 95%.",
      error: "Enter a service level from 50% to 99.99%.",
    })),
  );

  // Summary by class, and the SKU the chart shows.
  const col = (k: keyof typeof PLAN_COLUMNS): string => colLetter(PLAN_COLUMNS[k].col);
  const range = (k: keyof typeof PLAN_COLUMNS): string => `$${col(k)}$${PLAN_FIRST_ROW}:$${col(k)}$${lastRow}`;
  const sumHeaders = ["Class", "SKUs", "Value of past demand", "Stock value", "Safety-stock value"];
  sumHeaders.forEach((h, i) => b.value(4 + i, 4, h, "header"));
  const classRows = [...ABC_CLASSES, "All"] as const;
  classRows.forEach((c, i) => {
    const r = 5 + i;
    b.value(4, r, c, "label");
    const cond = c === "All" ? undefined : `"${c}"`;
    const sumBy = (k: keyof typeof PLAN_COLUMNS): string =>
      cond === undefined ? `SUM(${range(k)})` : `SUMIF(${range("abc")},${cond},${range(k)})`;
    b.formula(5, r, cond === undefined ? `COUNTIF(${range("abc")},"?")` : `COUNTIF(${range("abc")},${cond})`, "computed", FMT.int);
    b.formula(6, r, sumBy("value"), "computed", FMT.money);
    b.formula(7, r, sumBy("stockValue"), "computed", FMT.money);
    b.formula(8, r, sumBy("safetyStockValue"), "computed", FMT.money);
  });
  b.value(4, 10, "SKUs to order now", "label");
  b.formula(5, 10, `COUNTIF(${range("orderNow")},"${ORDER_NOW}")`, "computed", FMT.int);
  b.value(4, 12, "SKU in the chart", "label");
  const firstSku = plan.skus[0]?.sku ?? "";
  b.value(5, 12, firstSku, "input");
  validations.push({
    sheet: PLAN_SHEET,
    range: cell(5, 12),
    type: "list",
    source: `${PLAN_SHEET}!${range("sku")}`,
    prompt: "Pick a SKU: the chart shows its history and forecast.",
    error: "Pick a SKU from the list.",
  });

  // The SKU rows.
  Object.values(PLAN_COLUMNS).forEach((c) => b.value(c.col, HEADER_ROW, c.header, "header"));
  b.value(LEAD_COL, HEADER_ROW, "Lead time", "header");
  MODEL_FIGURES.forEach((f) => {
    b.value(LIVE_COL[f], HEADER_ROW, `${PLAN_COLUMNS[f].header} (live)`, "header");
    b.value(SNAP_COL[f], HEADER_ROW, `${PLAN_COLUMNS[f].header} (as built)`, "header");
  });
  const byRow = new Map<number, SkuPlan>(plan.skus.map((s) => [s.row, s]));
  const problemOf = new Map<number, string>(plan.problems.map((p) => [p.row, p.problem]));
  const tcell = (role: ColumnRole, tr: number): string => {
    const c = tableCol(role);
    return c === undefined ? "0" : `${q}!$${c}${tr}`;
  };
  for (let i = 0; i < n; i++) {
    const r = PLAN_FIRST_ROW + i;
    const tr = where.headerRow + 1 + i;
    const h = `${q}!$${histFirst}${tr}:$${histLast}${tr}`;
    const s = byRow.get(i);
    const problem = problemOf.get(i);
    const ok = `$${col("problem")}${r}=""`;
    const guard = (f: string): string => `IF(${ok},${f},"")`;
    const skuCell = tcell("sku", tr);
    b.formula(1, r, tableCol("sku") === undefined ? `"row ${tr}"` : `${skuCell}&""`);
    if (problem !== undefined) b.value(PLAN_COLUMNS.problem.col, r, problem, "note");
    if (s === undefined && problem === undefined) continue; // a blank row of the table
    const L = tcell("leadTime", tr);
    const protection = `(${L}+SCM_Plan_ReviewPeriod)`;
    b.formula(2, r, guard(`SUM(${h})*${tcell("unitCost", tr)}`), "computed", FMT.money);
    // ABC: the start share of the SKU = (values larger + equal values above it) / total.
    const v = P("value", r);
    const vals = range("value");
    const above = `$${col("value")}$${HEADER_ROW}:${col("value")}${r - 1}`;
    const start = `(SUMIF(${vals},">"&${v})+${v}*COUNTIF(${above},${v}))`;
    const tol = `1E-12*SUM(${vals})`;
    b.formula(3, r, guard(`IF(${v}<=0,"C",IF(${start}<0.8*SUM(${vals})-${tol},"A",IF(${start}<0.95*SUM(${vals})-${tol},"B","C")))`));
    b.formula(
      4,
      r,
      guard(`IF(OR(COUNT(${h})<2,SUM(${h})=0),"",IF(STDEV(${h})/AVERAGE(${h})<0.5,"X",IF(STDEV(${h})/AVERAGE(${h})<1,"Y","Z")))`),
    );
    // The model figures: live, snapshot, shown.
    const sl = P("serviceLevel", r);
    const fnArgs = "SCM_Plan_Method,SCM_Plan_SeasonLength";
    const live: Record<ModelFigure, string> = {
      demandClass: `INDEX(SCM.DEMAND_CLASS(${h}),1,3)`,
      method: `INDEX(SCM.FORECAST_FIT(${h},${fnArgs}),1,1)`,
      forecast: `MAX(0,AVERAGE(SCM.FORECAST(${h},MAX(1,ROUNDUP(${protection},0)),${fnArgs})))`,
      safetyStock: `MAX(0,SCM.FORECAST_SAFETY_STOCK(${h},${protection},${sl},${fnArgs}))`,
    };
    const snapshot: Record<ModelFigure, string | number> = {
      demandClass: s?.demandClass ?? "",
      method: s?.method ?? "",
      forecast: s?.forecast ?? "",
      safetyStock: s?.safetyStock ?? "",
    };
    for (const f of MODEL_FIGURES) {
      const liveRef = cell(LIVE_COL[f], r);
      const numeric = f === "forecast" || f === "safetyStock";
      const numFmt = numeric ? FMT.qty : undefined;
      b.formula(LIVE_COL[f], r, guard(live[f]), "addin", numFmt);
      if (snapshot[f] !== "") b.value(SNAP_COL[f], r, snapshot[f], "computed", numFmt);
      // Text figures: a blank snapshot (written as no cell) stays text with ""&, not 0; and #N/A from
      // the add-in (no demand class for a history without two demands) is the engine's "".
      const snap = numeric ? cell(SNAP_COL[f], r) : `""&${cell(SNAP_COL[f], r)}`;
      const other = numeric ? liveRef : `IF(ERROR.TYPE(${liveRef})=7,"",${liveRef})`;
      b.formula(
        PLAN_COLUMNS[f].col,
        r,
        `IF(ISERROR(${liveRef}),IF(ERROR.TYPE(${liveRef})=5,${snap},${other}),${liveRef})`,
        "computed",
        numFmt,
      );
    }
    const tableSl = tableCol("serviceLevel") === undefined ? undefined : tcell("serviceLevel", tr);
    const byClass = `IF(${P("abc", r)}="A",SCM_Plan_ServiceA,IF(${P("abc", r)}="B",SCM_Plan_ServiceB,SCM_Plan_ServiceC))`;
    b.formula(8, r, guard(tableSl === undefined ? byClass : `IF(ISNUMBER(${tableSl}),${tableSl},${byClass})`), "computed", FMT.pct);
    const fc = P("forecast", r);
    b.formula(10, r, guard(`${fc}*${protection}`), "computed", FMT.qty);
    b.formula(11, r, guard(`${P("leadTimeDemand", r)}+${P("safetyStock", r)}`), "computed", FMT.qty);
    const eoq = `SQRT(2*${fc}*SCM_Plan_PeriodsPerYear*${tcell("orderCost", tr)}/(${tcell("holdingRate", tr)}*${tcell("unitCost", tr)}))`;
    const cases = tableCol("caseSize") === undefined ? undefined : tcell("caseSize", tr);
    const byCases =
      cases === undefined ? `ROUNDUP(${eoq},0)` : `IF(ISNUMBER(${cases}),ROUNDUP(${eoq}/${cases},0)*${cases},ROUNDUP(${eoq},0))`;
    b.formula(
      12,
      r,
      guard(
        `IF(SCM_Plan_OrderRule="${ORDER_RULE_TEXT.periods}",ROUNDUP(SCM_Plan_PeriodsOfSupply*${fc},0),` +
          `IF(SCM_Plan_OrderRule="${ORDER_RULE_TEXT["eoq-cases"]}",${byCases},ROUNDUP(${eoq},0)))`,
      ),
      "computed",
      FMT.int,
    );
    const pos = P("position", r);
    b.formula(13, r, guard(`${tcell("onHand", tr)}+N(${tcell("onOrder", tr)})-N(${tcell("backorders", tr)})`), "computed", FMT.qty);
    b.formula(14, r, guard(`IF(AND(${pos}<=${P("reorderPoint", r)},${P("orderQty", r)}>0),"${ORDER_NOW}","")`), "computed");
    const Q = P("orderQty", r);
    b.formula(
      15,
      r,
      guard(`IF(AND(${P("orderNow", r)}="${ORDER_NOW}",${Q}>0),(INT((${P("reorderPoint", r)}-${pos})/${Q})+1)*${Q},0)`),
      "computed",
      FMT.int,
    );
    b.formula(16, r, guard(`IF(${fc}>0,${pos}/${fc},"")`), "computed", FMT.qty);
    b.formula(17, r, guard(`IF(${fc}>0,IF(${pos}<=0,0,INT(${pos}/${fc})+1),"")`), "computed", FMT.int);
    b.formula(18, r, guard(`${tcell("onHand", tr)}*${tcell("unitCost", tr)}`), "computed", FMT.money);
    b.formula(20, r, guard(`${P("safetyStock", r)}*${tcell("unitCost", tr)}`), "computed", FMT.money);
    b.formula(LEAD_COL, r, guard(L), "computed", FMT.asTyped);
  }
  conditionalFormats.push(
    {
      sheet: PLAN_SHEET,
      range: `${col("orderNow")}${PLAN_FIRST_ROW}:${col("orderNow")}${lastRow}`,
      formula: `$${col("orderNow")}${PLAN_FIRST_ROW}="${ORDER_NOW}"`,
      style: { fill: "F8CBAD", fontColor: "9C0006", bold: true },
    },
    {
      sheet: PLAN_SHEET,
      range: `${col("runOutPeriod")}${PLAN_FIRST_ROW}:${col("runOutPeriod")}${lastRow}`,
      // Runs out within its lead time: an order placed now comes too late.
      formula: `AND(ISNUMBER($${col("runOutPeriod")}${PLAN_FIRST_ROW}),$${col("runOutPeriod")}${PLAN_FIRST_ROW}<=$${colLetter(LEAD_COL)}${PLAN_FIRST_ROW})`,
      style: { fill: "FFEB9C", fontColor: "9C5700" },
    },
  );

  // Chart data: the ABC curve (cumulative share of value by rank), and the chosen SKU's history and forecast.
  const charts: ChartPlan[] = [];
  const chartCol = 31; // AE: right of the hidden columns
  b.value(chartCol, HEADER_ROW, "Rank", "header");
  b.value(chartCol + 1, HEADER_ROW, "Value at rank", "header");
  b.value(chartCol + 2, HEADER_ROW, "Cumulative share of value", "header");
  const ranks = Math.max(plan.skus.length, 1);
  for (let k = 1; k <= ranks; k++) {
    const r = PLAN_FIRST_ROW + k - 1;
    b.value(chartCol, r, k, "computed", FMT.int);
    b.formula(chartCol + 1, r, `IFERROR(LARGE(${range("value")},${k}),0)`, "computed", FMT.money);
    const prev = k === 1 ? "0" : cell(chartCol + 2, r - 1);
    b.formula(chartCol + 2, r, `IFERROR(${prev}+${cell(chartCol + 1, r)}/SUM(${range("value")}),0)`, "computed", FMT.pct);
  }
  charts.push({
    id: "abc-curve",
    type: "line",
    title: "ABC curve: share of the value of past demand",
    sheet: PLAN_SHEET,
    anchor: cell(21, 1),
    series: [
      {
        name: "Cumulative share of value",
        categoriesRef: `${PLAN_SHEET}!${absCell(chartCol, PLAN_FIRST_ROW)}:${absCell(chartCol, PLAN_FIRST_ROW + ranks - 1)}`,
        valuesRef: `${PLAN_SHEET}!${absCell(chartCol + 2, PLAN_FIRST_ROW)}:${absCell(chartCol + 2, PLAN_FIRST_ROW + ranks - 1)}`,
      },
    ],
    axes: { x: { title: "SKUs, by value (rank)" }, y: { title: "Share of total value" } },
  });
  charts.push({
    id: "stock-by-class",
    type: "columnClustered",
    title: "Stock value by ABC class",
    sheet: PLAN_SHEET,
    anchor: cell(27, 1),
    series: [
      {
        name: "Stock value",
        categoriesRef: `${PLAN_SHEET}!${absCell(4, 5)}:${absCell(4, 7)}`,
        valuesRef: `${PLAN_SHEET}!${absCell(7, 5)}:${absCell(7, 7)}`,
      },
    ],
    axes: { x: { title: "ABC class" }, y: { title: "Stock value" } },
  });
  // The chosen SKU: its table row by MATCH, history across, then the forecast for the next periods.
  const periods = hist.last - hist.first + 1;
  const ahead = 13;
  const selRow = `MATCH($E$12,${range("sku")},0)`;
  const hc = chartCol + 4;
  b.value(hc, HEADER_ROW, "Period", "header");
  b.value(hc + 1, HEADER_ROW, "History", "header");
  b.value(hc + 2, HEADER_ROW, "Forecast", "header");
  const histBlock = `${q}!$${histFirst}$${where.headerRow + 1}:$${histLast}$${where.headerRow + Math.max(n, 1)}`;
  for (let k = 1; k <= periods + ahead; k++) {
    const r = PLAN_FIRST_ROW + k - 1;
    b.value(hc, r, k, "computed", FMT.int);
    // #N/A leaves a gap in a line chart: the history ends where the forecast starts.
    b.formula(
      hc + 1,
      r,
      k <= periods ? `IFERROR(IF(INDEX(${histBlock},${selRow},${k})="",NA(),INDEX(${histBlock},${selRow},${k})),NA())` : "NA()",
      "computed",
      FMT.qty,
    );
    b.formula(hc + 2, r, k <= periods ? "NA()" : `IFERROR(INDEX(${range("forecast")},${selRow}),NA())`, "computed", FMT.qty);
  }
  const span = (c: number): string => `${PLAN_SHEET}!${absCell(c, PLAN_FIRST_ROW)}:${absCell(c, PLAN_FIRST_ROW + periods + ahead - 1)}`;
  charts.push({
    id: "sku-history",
    type: "line",
    title: "History and forecast of the SKU in E12",
    sheet: PLAN_SHEET,
    anchor: cell(33, 1),
    series: [
      { name: "History", categoriesRef: span(hc), valuesRef: span(hc + 1) },
      { name: "Forecast", categoriesRef: span(hc), valuesRef: span(hc + 2) },
    ],
    axes: { x: { title: "Period" }, y: { title: "Demand per period" } },
  });

  b.width("A", 14);
  b.width("B", 16);
  for (const c of "CDEFGHIJKLMNOPQRT") b.width(c, 12);
  b.width("S", 40);
  for (const f of MODEL_FIGURES) {
    b.columns.push({ col: colLetter(LIVE_COL[f]), width: 12, hidden: true }, { col: colLetter(SNAP_COL[f]), width: 12, hidden: true });
  }
  b.columns.push({ col: colLetter(LEAD_COL), width: 12, hidden: true });
  sheets.push(b.build({ freeze: { rows: HEADER_ROW, cols: 1 } }));
  return {
    layoutVersion: PLAN_LAYOUT_VERSION,
    styles: STYLES,
    sheets,
    names,
    validations,
    tables: [],
    charts,
    conditionalFormats,
  };
}

/** The command line's SKUs sheet: the CSV as the planner's table, values only. */
function tableSheet(where: TableLocation, table: NonNullable<PlanSheetOptions["table"]>): SheetPlan {
  const b = new SheetBuilder(where.sheet, "table");
  table.headers.forEach((h, c) => {
    if (h !== null && h !== undefined && h !== "")
      b.value(where.firstCol + c, where.headerRow, typeof h === "boolean" ? String(h) : h, "header");
  });
  table.rows.forEach((row, i) => {
    row.forEach((v, c) => {
      if (v === null || v === undefined || v === "") return;
      b.value(where.firstCol + c, where.headerRow + 1 + i, v, "value");
    });
  });
  return b.build({ freeze: { rows: where.headerRow, cols: 1 } });
}
