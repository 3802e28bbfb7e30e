/**
 * The Summary sheet: per stage, the engine's measures (src/sim/engine.ts finishMeasures) as native
 * formulas over the periods after the warmup, for one replication (replication 0: the customer demand
 * written on the stage sheets), with the add-in's SCM.BULLWHIP_RATIO beside its native twin as an
 * optional extra. Given the engine's Monte Carlo result of the scenario, a second table below holds
 * its means and 95% confidence intervals over all replications as values, beside the live figures.
 * Networks too large for sheets get the Monte Carlo results alone, as values.
 */
import { colLetter, onSheet } from "./a1";
import { stageName as nm, scenarioName } from "./inputs";
import type { ColumnKey, SheetLayout } from "./layout";
import type { Result, Scenario, StageResult, Stat } from "../sim";
import type { ChartPlan, SheetPlan, TablePlan } from "./plan";
import { SheetBuilder } from "./sheetBuilder";
import { seriesRef } from "./stageSheets";
import { FMT } from "./styles";

export const SUMMARY_SHEET = "Summary";
export const SUMMARY_HEADER_ROW = 4;
/** The cell holding N, the number of measured periods (periods - SCM_Warmup), live. */
export const MEASURED_PERIODS_CELL = "B3";
/** What the add-in's column shows where the add-in is not loaded. */
export const NEEDS_ADDIN = "needs the SCM add-in";

/** Summary columns, left to right (the native bullwhip ratio and its optional SCM twin side by side). */
export const SUMMARY_COLUMNS = [
  "Stage",
  "Bullwhip ratio",
  "Bullwhip by SCM.BULLWHIP_RATIO (optional: needs the SCM add-in)",
  "Fill rate",
  "Average on hand",
  "Average backlog",
  "Average in transit",
  "Holding cost per period",
  "Backlog cost per period",
  "In-transit holding cost per period",
  "Total cost per period",
  "Holding cost over N measured periods",
  "Backlog cost over N measured periods",
  "In-transit holding cost over N measured periods",
  "Total cost over N measured periods",
] as const;

export type SummaryColumn = (typeof SUMMARY_COLUMNS)[number];

/** The add-in's column. */
export const ADDIN_COLUMN: SummaryColumn = SUMMARY_COLUMNS[2];

export const summaryCol = (name: SummaryColumn): number => SUMMARY_COLUMNS.indexOf(name) + 1;

/** The figures of the engine's Result, by the Summary column that shows the same figure live. */
const STAGE_MEASURES: { column: SummaryColumn; stat: (st: StageResult) => Stat; fmt: string }[] = [
  { column: "Bullwhip ratio", stat: (st) => st.bullwhip, fmt: FMT.ratio },
  { column: "Fill rate", stat: (st) => st.fillRate, fmt: FMT.pct },
  { column: "Average on hand", stat: (st) => st.avgOnHand, fmt: FMT.qty },
  { column: "Average backlog", stat: (st) => st.avgBacklog, fmt: FMT.qty },
  { column: "Average in transit", stat: (st) => st.avgInTransit, fmt: FMT.qty },
  { column: "Holding cost per period", stat: (st) => st.costPerPeriod.holding, fmt: FMT.money },
  { column: "Backlog cost per period", stat: (st) => st.costPerPeriod.backlog, fmt: FMT.money },
  { column: "In-transit holding cost per period", stat: (st) => st.costPerPeriod.inTransit, fmt: FMT.money },
  { column: "Total cost per period", stat: (st) => st.costPerPeriod.total, fmt: FMT.money },
  { column: "Holding cost over N measured periods", stat: (st) => st.cost.holding, fmt: FMT.money },
  { column: "Backlog cost over N measured periods", stat: (st) => st.cost.backlog, fmt: FMT.money },
  { column: "In-transit holding cost over N measured periods", stat: (st) => st.cost.inTransit, fmt: FMT.money },
  { column: "Total cost over N measured periods", stat: (st) => st.cost.total, fmt: FMT.money },
];
const NETWORK_MEASURES: { column: SummaryColumn; stat: (r: Result) => Stat }[] = [
  { column: "Total cost per period", stat: (r) => r.totalCostPerPeriod },
  { column: "Total cost over N measured periods", stat: (r) => r.totalCost },
];

/** "1 replication", "200 replications". */
export const replicationsText = (n: number): string => `${n.toLocaleString("en-US")} replication${n === 1 ? "" : "s"}`;

/** Header of the Monte Carlo mean: how many replications, which seed. */
export const monteCarloMeanHeader = (r: Result): string => `Mean of ${replicationsText(r.replications)} (seed ${r.seed})`;

/** Columns of the Monte Carlo table below the live one (the mean's header names the run). */
export const monteCarloColumns = (r: Result): string[] => [
  "Stage",
  "Measure",
  "Replication 0 (live, from the table above)",
  monteCarloMeanHeader(r),
  "95% CI low",
  "95% CI high",
  "Replications",
];

export interface SummaryResult {
  sheet: SheetPlan;
  tables: TablePlan[];
  charts: ChartPlan[];
}

function header(b: SheetBuilder, row: number, cols: readonly string[]): void {
  cols.forEach((h, i) => {
    b.value(i + 1, row, h, "header");
    b.width(colLetter(i + 1), i === 0 ? 24 : 15);
  });
}

/** Throws when `r` is not a Monte Carlo run of `s` (a caller's mistake, not the user's). */
function checkRun(s: Scenario, r: Result): void {
  if (
    r.periods !== s.periods ||
    r.warmup !== s.warmup ||
    r.stages.length !== s.stages.length ||
    r.stages.some((st, k) => st.name !== s.stages[k].name)
  ) {
    throw new Error(`the Monte Carlo result (${r.scenario}) is not a run of the scenario ${s.name}`);
  }
}

/**
 * Rows of Monte Carlo figures from row `r` on: per stage each figure, then the network's. `live`
 * gives the live cell of the same figure (a formula for the column after Measure), or null.
 */
function monteCarloRows(
  b: SheetBuilder,
  result: Result,
  r: number,
  measure: (column: SummaryColumn) => string,
  live: ((k: number | "network", column: SummaryColumn) => string) | null,
): number {
  const c0 = live ? 4 : 3;
  const put = (stage: string, k: number | "network", column: SummaryColumn, st: Stat, fmt: string) => {
    b.value(1, r, stage, "label");
    b.value(2, r, measure(column));
    if (live) b.formula(3, r, live(k, column), "computed", fmt);
    if (Number.isFinite(st.mean)) b.value(c0, r, st.mean, "computed", fmt);
    else b.value(c0, r, "undefined", "note");
    if (st.ci95) {
      b.value(c0 + 1, r, st.ci95[0], "computed", fmt);
      b.value(c0 + 2, r, st.ci95[1], "computed", fmt);
    }
    b.value(c0 + 3, r, st.n, "computed", FMT.int);
    r++;
  };
  result.stages.forEach((st, k) => {
    for (const m of STAGE_MEASURES) put(`${k + 1} ${st.name}`, k, m.column, m.stat(st), m.fmt);
  });
  for (const m of NETWORK_MEASURES) put("Network", "network", m.column, m.stat(result), FMT.money);
  return r;
}

/**
 * Summary with live formulas over the stage sheets (replication 0). With `monteCarlo` (the engine's
 * run of the same scenario), a table of its means and 95% confidence intervals below, as values;
 * without, the note says where they are (the task pane writes them on its Results sheet).
 */
export function buildSummary(s: Scenario, layout: SheetLayout, monteCarlo?: Result): SummaryResult {
  if (monteCarlo) checkRun(s, monteCarlo);
  const b = new SheetBuilder(SUMMARY_SHEET, "summary");
  const T = s.periods;
  b.value(1, 1, `Summary: ${s.name}`, "title");
  b.value(
    1,
    2,
    `Live formulas over the stage sheets: ONE replication, replication 0 of seed ${s.seed} (the customer demand on the stage sheets), ` +
      `over the N periods after the warmup (Inputs: SCM_Warmup); they follow every edit of the Inputs sheet. ` +
      (monteCarlo
        ? `Below the table: the means over all ${replicationsText(monteCarlo.replications)} (seed ${monteCarlo.seed}) with 95% confidence intervals, as values. `
        : `The means over all replications, with 95% confidence intervals: on the Results sheet, written by the add-in after its Monte Carlo run. `) +
      `Bullwhip ratio = VAR.S(orders) / VAR.S(customer demand the stage serves). ` +
      `The SCM.BULLWHIP_RATIO column is optional: it shows "${NEEDS_ADDIN}" where the add-in is not loaded.`,
    "note",
  );
  const W = scenarioName("Warmup");
  b.value(1, 3, "N, measured periods", "label");
  b.formula(2, 3, `${T}-${W}`, "computed", FMT.int);
  b.value(3, 3, "periods after the warmup: every figure is taken over them", "note");
  header(b, SUMMARY_HEADER_ROW, SUMMARY_COLUMNS);
  // Periods after the warmup: INDEX(series, warmup + 1):INDEX(series, T).
  const span = (k: number, key: ColumnKey) => {
    const full = seriesRef(layout, k, key);
    return `INDEX(${full},${W}+1):INDEX(${full},${T})`;
  };
  const n = `(${T}-${W})`;
  const N = "$B$3"; // MEASURED_PERIODS_CELL
  const first = SUMMARY_HEADER_ROW + 1;
  const at = (name: SummaryColumn, r: number) => `${colLetter(summaryCol(name))}${r}`;
  for (const k of layout.order) {
    const r = first + k;
    const cell = (name: SummaryColumn) => at(name, r);
    b.value(1, r, `${k + 1} ${s.stages[k].name}`, "label");
    b.formula(summaryCol("Bullwhip ratio"), r, `VAR.S(${span(k, "orders")})/VAR.S(${span(k, "customerDemand")})`, "computed", FMT.ratio);
    b.formula(
      summaryCol(ADDIN_COLUMN),
      r,
      `IFERROR(SCM.BULLWHIP_RATIO(${seriesRef(layout, k, "orders")},${seriesRef(layout, k, "customerDemand")},"variance",${W}),"${NEEDS_ADDIN}")`,
      "addin",
      FMT.ratio,
    );
    const pos = `SUMIF(${span(k, "demand")},">0")`;
    b.formula(summaryCol("Fill rate"), r, `IF(${pos}>0,SUM(${span(k, "filled")})/${pos},1)`, "computed", FMT.pct);
    b.formula(summaryCol("Average on hand"), r, `SUM(${span(k, "onHand")})/${n}`, "computed", FMT.qty);
    b.formula(summaryCol("Average backlog"), r, `SUM(${span(k, "backlog")})/${n}`, "computed", FMT.qty);
    b.formula(summaryCol("Average in transit"), r, `SUM(${span(k, "inTransit")})/${n}`, "computed", FMT.qty);
    b.formula(
      summaryCol("Holding cost over N measured periods"),
      r,
      `${nm("HoldingCost", k)}*SUM(${span(k, "onHand")})`,
      "computed",
      FMT.money,
    );
    b.formula(
      summaryCol("Backlog cost over N measured periods"),
      r,
      `${nm("BacklogCost", k)}*SUM(${span(k, "backlog")})`,
      "computed",
      FMT.money,
    );
    b.formula(
      summaryCol("In-transit holding cost over N measured periods"),
      r,
      `${nm("InTransitHoldingCost", k)}*SUM(${span(k, "inTransit")})`,
      "computed",
      FMT.money,
    );
    b.formula(
      summaryCol("Total cost over N measured periods"),
      r,
      `${cell("Holding cost over N measured periods")}+${cell("Backlog cost over N measured periods")}+${cell("In-transit holding cost over N measured periods")}`,
      "computed",
      FMT.money,
    );
    b.formula(summaryCol("Holding cost per period"), r, `${cell("Holding cost over N measured periods")}/${N}`, "computed", FMT.money);
    b.formula(summaryCol("Backlog cost per period"), r, `${cell("Backlog cost over N measured periods")}/${N}`, "computed", FMT.money);
    b.formula(
      summaryCol("In-transit holding cost per period"),
      r,
      `${cell("In-transit holding cost over N measured periods")}/${N}`,
      "computed",
      FMT.money,
    );
    b.formula(summaryCol("Total cost per period"), r, `${cell("Total cost over N measured periods")}/${N}`, "computed", FMT.money);
  }
  const lastStageRow = first + s.stages.length - 1;
  const totalRow = lastStageRow + 1;
  b.value(1, totalRow, "Network total", "label");
  for (const name of ["Total cost per period", "Total cost over N measured periods"] as const) {
    b.formula(summaryCol(name), totalRow, `SUM(${at(name, first)}:${at(name, lastStageRow)})`, "computed", FMT.money);
  }

  const tables: TablePlan[] = [
    {
      name: "SCM_Summary",
      sheet: SUMMARY_SHEET,
      ref: `A${SUMMARY_HEADER_ROW}:${colLetter(SUMMARY_COLUMNS.length)}${lastStageRow}`,
      columns: [...SUMMARY_COLUMNS],
    },
  ];

  if (monteCarlo) {
    const top = totalRow + 3;
    const m = monteCarlo;
    b.value(1, top, `Monte Carlo: ${replicationsText(m.replications)}, seed ${m.seed} (values from the simulation engine)`, "title");
    b.value(
      1,
      top + 1,
      `Mean and 95% confidence interval (Student t) of each figure over the ${replicationsText(m.replications)} of the scenario as written ` +
        `(periods ${m.periods}, warmup ${m.warmup}: N = ${m.measuredPeriods} measured periods), beside replication 0 from the table above. ` +
        `Values: they do not follow edits of the Inputs sheet (write the workbook again to update them). "Replications": those with a defined value.`,
      "note",
    );
    const cols = monteCarloColumns(m);
    const head = top + 2;
    header(b, head, cols);
    const live = (k: number | "network", column: SummaryColumn) => at(column, k === "network" ? totalRow : first + k);
    const end = monteCarloRows(b, m, head + 1, (c) => c, live);
    tables.push({ name: "SCM_MonteCarlo", sheet: SUMMARY_SHEET, ref: `A${head}:${colLetter(cols.length)}${end - 1}`, columns: cols });
  }
  return { sheet: b.build({ freeze: { rows: SUMMARY_HEADER_ROW, cols: 1 } }), tables, charts: charts(s, layout, first, lastStageRow) };
}

/** Native charts bound to the sheet ranges, right of the tables (both writers write them). */
function charts(s: Scenario, layout: SheetLayout, first: number, last: number): ChartPlan[] {
  const periods = seriesRef(layout, 0, "period");
  // Distribution networks: the DC and at most 10 stores, or the chart is unreadable.
  const shown = layout.order.slice(0, 11);
  const summaryRange = (name: SummaryColumn) => {
    const l = colLetter(summaryCol(name));
    return onSheet(SUMMARY_SHEET, `$${l}$${first}:$${l}$${last}`);
  };
  const stageNames = onSheet(SUMMARY_SHEET, `$A$${first}:$A$${last}`);
  const label = (k: number) => `${k + 1} ${s.stages[k].name}`;
  // Two columns of charts (each 9 columns by 18 rows), one column right of the live table.
  const left = SUMMARY_COLUMNS.length + 2;
  const at = (i: number) => `${colLetter(left + (i % 2) * 9)}${2 + Math.floor(i / 2) * 18}`;
  return [
    {
      id: "orders",
      type: "line",
      title: "Orders by stage",
      sheet: SUMMARY_SHEET,
      anchor: at(0),
      series: [
        { name: "Customer demand", categoriesRef: periods, valuesRef: seriesRef(layout, 0, "customerDemand") },
        ...shown.map((k) => ({ name: label(k), categoriesRef: periods, valuesRef: seriesRef(layout, k, "orders") })),
      ],
      axes: { x: { title: "Period" }, y: { title: "Units per period" } },
    },
    {
      id: "inventory",
      type: "line",
      title: "On hand and backlog",
      sheet: SUMMARY_SHEET,
      anchor: at(1),
      series: shown.flatMap((k) => [
        { name: `${label(k)} on hand`, categoriesRef: periods, valuesRef: seriesRef(layout, k, "onHand") },
        { name: `${label(k)} backlog`, categoriesRef: periods, valuesRef: seriesRef(layout, k, "backlog") },
      ]),
      axes: { x: { title: "Period" }, y: { title: "Units" } },
    },
    {
      id: "bullwhip",
      type: "columnClustered",
      title: "Bullwhip ratio by stage (replication 0)",
      sheet: SUMMARY_SHEET,
      anchor: at(2),
      series: [{ name: "Bullwhip ratio", categoriesRef: stageNames, valuesRef: summaryRange("Bullwhip ratio") }],
      axes: { x: { title: "Stage" }, y: { title: "Var(orders) / Var(demand)" } },
    },
    {
      id: "cost",
      type: "columnClustered",
      title: "Cost per period by stage (replication 0)",
      sheet: SUMMARY_SHEET,
      anchor: at(3),
      series: [
        { name: "Holding cost per period", categoriesRef: stageNames, valuesRef: summaryRange("Holding cost per period") },
        { name: "Backlog cost per period", categoriesRef: stageNames, valuesRef: summaryRange("Backlog cost per period") },
      ],
      axes: { x: { title: "Stage" }, y: { title: "Cost per period" } },
    },
  ];
}

/** Summary of a network too large for sheets: the engine's Monte Carlo results, as values. */
export function buildMonteCarloSummary(s: Scenario, result: Result, why: string): SummaryResult {
  checkRun(s, result);
  const b = new SheetBuilder(SUMMARY_SHEET, "summary");
  b.value(1, 1, `Summary: ${s.name}`, "title");
  b.value(
    1,
    2,
    `${why} These figures are the simulation engine's Monte Carlo results over ${replicationsText(result.replications)} (seed ${result.seed}, warmup ${result.warmup}: ` +
      `N = ${result.measuredPeriods} measured periods), written as values: they are not live formulas and do not follow the Inputs sheet. ` +
      `Write the workbook again (npm run workbook, or the wizard) to update them.`,
    "note",
  );
  const cols = monteCarloColumns(result).filter((_, i) => i !== 2);
  header(b, SUMMARY_HEADER_ROW, cols);
  const end = monteCarloRows(b, result, SUMMARY_HEADER_ROW + 1, (c) => c.replace(" N ", ` ${result.measuredPeriods} `), null);
  return {
    sheet: b.build({ freeze: { rows: SUMMARY_HEADER_ROW, cols: 1 } }),
    tables: [
      { name: "SCM_Summary", sheet: SUMMARY_SHEET, ref: `A${SUMMARY_HEADER_ROW}:${colLetter(cols.length)}${end - 1}`, columns: cols },
    ],
    charts: [],
  };
}
