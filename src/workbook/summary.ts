/**
 * The Summary sheet: per stage, the engine's measures (src/sim/engine.ts finishMeasures) as native
 * formulas over the periods after the warmup, with SCM.BULLWHIP_RATIO beside its native twin.
 * Networks too large for sheets get the engine's Monte Carlo results as values instead.
 */
import { colLetter, onSheet } from "./a1";
import { stageName as nm, scenarioName } from "./inputs";
import type { ColumnKey, SheetLayout } from "./layout";
import type { Result, Scenario, Stat } from "../sim";
import type { ChartPlan, SheetPlan, TablePlan } from "./plan";
import { SheetBuilder } from "./sheetBuilder";
import { seriesRef } from "./stageSheets";
import { FMT } from "./styles";

export const SUMMARY_SHEET = "Summary";
export const SUMMARY_HEADER_ROW = 4;

/** Summary columns, left to right (the native bullwhip ratio and its SCM twin side by side). */
export const SUMMARY_COLUMNS = [
  "Stage",
  "Bullwhip ratio",
  "Bullwhip (SCM.BULLWHIP_RATIO)",
  "Fill rate",
  "Average on hand",
  "Average backlog",
  "Holding cost",
  "Backlog cost",
  "Total cost",
] as const;

export type SummaryColumn = (typeof SUMMARY_COLUMNS)[number];

export const summaryCol = (name: SummaryColumn): number => SUMMARY_COLUMNS.indexOf(name) + 1;

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

/** Summary with live formulas over the stage sheets. */
export function buildSummary(s: Scenario, layout: SheetLayout): SummaryResult {
  const b = new SheetBuilder(SUMMARY_SHEET, "summary");
  const T = s.periods;
  b.value(1, 1, `Summary: ${s.name}`, "title");
  b.value(
    1,
    2,
    `Periods ${T}, statistics over periods after the warmup (Inputs: SCM_Warmup). Bullwhip ratio = VAR.S(orders) / VAR.S(customer demand the stage serves). The SCM column needs the add-in (#NAME? without it).`,
    "note",
  );
  header(b, SUMMARY_HEADER_ROW, SUMMARY_COLUMNS);
  const W = scenarioName("Warmup");
  // Periods after the warmup: INDEX(series, warmup + 1):INDEX(series, T).
  const span = (k: number, key: ColumnKey) => {
    const full = seriesRef(layout, k, key);
    return `INDEX(${full},${W}+1):INDEX(${full},${T})`;
  };
  const n = `(${T}-${W})`;
  const first = SUMMARY_HEADER_ROW + 1;
  for (const k of layout.order) {
    const r = first + k;
    const cell = (name: SummaryColumn) => `${colLetter(summaryCol(name))}${r}`;
    b.value(1, r, `${k + 1} ${s.stages[k].name}`, "label");
    b.formula(summaryCol("Bullwhip ratio"), r, `VAR.S(${span(k, "orders")})/VAR.S(${span(k, "customerDemand")})`, "computed", FMT.ratio);
    b.formula(
      summaryCol("Bullwhip (SCM.BULLWHIP_RATIO)"),
      r,
      `SCM.BULLWHIP_RATIO(${seriesRef(layout, k, "orders")},${seriesRef(layout, k, "customerDemand")},"variance",${W})`,
      "addin",
      FMT.ratio,
    );
    const pos = `SUMIF(${span(k, "demand")},">0")`;
    b.formula(summaryCol("Fill rate"), r, `IF(${pos}>0,SUM(${span(k, "filled")})/${pos},1)`, "computed", FMT.pct);
    b.formula(summaryCol("Average on hand"), r, `SUM(${span(k, "onHand")})/${n}`, "computed", FMT.qty);
    b.formula(summaryCol("Average backlog"), r, `SUM(${span(k, "backlog")})/${n}`, "computed", FMT.qty);
    b.formula(summaryCol("Holding cost"), r, `${nm("HoldingCost", k)}*SUM(${span(k, "onHand")})`, "computed", FMT.money);
    b.formula(summaryCol("Backlog cost"), r, `${nm("BacklogCost", k)}*SUM(${span(k, "backlog")})`, "computed", FMT.money);
    b.formula(summaryCol("Total cost"), r, `${cell("Holding cost")}+${cell("Backlog cost")}`, "computed", FMT.money);
  }
  const lastStageRow = first + s.stages.length - 1;
  const totalRow = lastStageRow + 1;
  const tc = colLetter(summaryCol("Total cost"));
  b.value(1, totalRow, "Network total", "label");
  b.formula(summaryCol("Total cost"), totalRow, `SUM(${tc}${first}:${tc}${lastStageRow})`, "computed", FMT.money);

  const tables: TablePlan[] = [
    {
      name: "SCM_Summary",
      sheet: SUMMARY_SHEET,
      ref: `A${SUMMARY_HEADER_ROW}:${colLetter(SUMMARY_COLUMNS.length)}${lastStageRow}`,
      columns: [...SUMMARY_COLUMNS],
    },
  ];
  return { sheet: b.build({ freeze: { rows: SUMMARY_HEADER_ROW, cols: 1 } }), tables, charts: charts(s, layout, first, lastStageRow) };
}

/** Charts bound to the sheet ranges (written by the task pane; listed in a file). */
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
  return [
    {
      id: "orders",
      type: "line",
      title: "Orders by stage",
      sheet: SUMMARY_SHEET,
      anchor: "K2",
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
      anchor: "K20",
      series: shown.flatMap((k) => [
        { name: `${label(k)} on hand`, categoriesRef: periods, valuesRef: seriesRef(layout, k, "onHand") },
        { name: `${label(k)} backlog`, categoriesRef: periods, valuesRef: seriesRef(layout, k, "backlog") },
      ]),
      axes: { x: { title: "Period" }, y: { title: "Units" } },
    },
    {
      id: "bullwhip",
      type: "columnClustered",
      title: "Bullwhip ratio by stage",
      sheet: SUMMARY_SHEET,
      anchor: "A20",
      series: [{ name: "Bullwhip ratio", categoriesRef: stageNames, valuesRef: summaryRange("Bullwhip ratio") }],
      axes: { x: { title: "Stage" }, y: { title: "Var(orders) / Var(demand)" } },
    },
    {
      id: "cost",
      type: "columnClustered",
      title: "Cost by stage",
      sheet: SUMMARY_SHEET,
      anchor: "A38",
      series: [
        { name: "Holding cost", categoriesRef: stageNames, valuesRef: summaryRange("Holding cost") },
        { name: "Backlog cost", categoriesRef: stageNames, valuesRef: summaryRange("Backlog cost") },
      ],
      axes: { x: { title: "Stage" }, y: { title: "Cost" } },
    },
  ];
}

/** Columns of the Monte Carlo summary of a network too large for sheets. */
export const MC_COLUMNS = ["Stage", "Measure", "Mean", "95% CI low", "95% CI high", "Replications"] as const;

/** Summary of a network too large for sheets: the engine's Monte Carlo results, as values. */
export function buildMonteCarloSummary(s: Scenario, result: Result, why: string): SummaryResult {
  const b = new SheetBuilder(SUMMARY_SHEET, "summary");
  b.value(1, 1, `Summary: ${s.name}`, "title");
  b.value(
    1,
    2,
    `${why} These figures are the simulation engine's Monte Carlo results over ${result.replications} replication(s) (seed ${result.seed}, warmup ${result.warmup}), written as values: they are not live formulas and do not follow the Inputs sheet. Re-run the wizard to update them.`,
    "note",
  );
  header(b, SUMMARY_HEADER_ROW, MC_COLUMNS);
  let r = SUMMARY_HEADER_ROW + 1;
  const put = (stage: string, measure: string, st: Stat, fmt: string) => {
    b.value(1, r, stage, "label");
    b.value(2, r, measure);
    if (Number.isFinite(st.mean)) b.value(3, r, st.mean, "computed", fmt);
    else b.value(3, r, "undefined", "note");
    if (st.ci95) {
      b.value(4, r, st.ci95[0], "computed", fmt);
      b.value(5, r, st.ci95[1], "computed", fmt);
    }
    b.value(6, r, st.n, "computed", FMT.int);
    r++;
  };
  result.stages.forEach((st, k) => {
    const name = `${k + 1} ${st.name}`;
    put(name, "Bullwhip ratio", st.bullwhip, FMT.ratio);
    put(name, "Fill rate", st.fillRate, FMT.pct);
    put(name, "Average on hand", st.avgOnHand, FMT.qty);
    put(name, "Average backlog", st.avgBacklog, FMT.qty);
    put(name, "Holding cost", st.cost.holding, FMT.money);
    put(name, "Backlog cost", st.cost.backlog, FMT.money);
    put(name, "Total cost", st.cost.total, FMT.money);
  });
  put("Network", "Total cost", result.totalCost, FMT.money);
  return {
    sheet: b.build({ freeze: { rows: SUMMARY_HEADER_ROW, cols: 1 } }),
    tables: [{ name: "SCM_Summary", sheet: SUMMARY_SHEET, ref: `A${SUMMARY_HEADER_ROW}:F${r - 1}`, columns: [...MC_COLUMNS] }],
    charts: [],
  };
}
