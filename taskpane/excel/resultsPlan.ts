/**
 * The Results sheet written after the Monte Carlo run: blocks of one figure by stage, one column per
 * compared scenario (bullwhip, the source of a clustered column chart; average on hand; fill rate;
 * cost per period), so that scenarios read side by side, then a table of every figure with its 95%
 * confidence interval. It is a WorkbookPlan like the model's, applied by the same writer as the
 * "results" group, so rebuilds update it in place and clean-up covers it.
 *
 * The figures come from the engine (simulate); nothing is computed here but the layout.
 */
import { colLetter, onSheet } from "../../src/workbook/a1";
import type { Result, StageResult, Stat } from "../../src/sim/types";
import type { CellPlan, WorkbookPlan } from "../../src/workbook/plan";

export const RESULTS_SHEET = "Results";
export const RESULTS_TABLE = "SCM_Results";

export interface VariantResult {
  /** "Baseline", "Information sharing", "Lead time 3", ... */
  label: string;
  result: Result;
}

/** A figure of the engine's Result: its mean, then its 95% confidence interval (low, high). */
const STAT_FIGURES = [
  ["Bullwhip ratio", "Bullwhip CI low", "Bullwhip CI high"],
  ["Fill rate", "Fill rate CI low", "Fill rate CI high"],
  ["Average on hand", "On hand CI low", "On hand CI high"],
  ["Average backlog", "Backlog CI low", "Backlog CI high"],
  ["Average in transit", "In transit CI low", "In transit CI high"],
  ["Holding cost per period", "Holding per period CI low", "Holding per period CI high"],
  ["Backlog cost per period", "Backlog per period CI low", "Backlog per period CI high"],
  ["In-transit holding cost per period", "In-transit per period CI low", "In-transit per period CI high"],
  ["Total cost per period", "Total per period CI low", "Total per period CI high"],
  ["Holding cost over N measured periods", "Holding over N CI low", "Holding over N CI high"],
  ["Backlog cost over N measured periods", "Backlog over N CI low", "Backlog over N CI high"],
  ["In-transit holding cost over N measured periods", "In-transit over N CI low", "In-transit over N CI high"],
  ["Total cost over N measured periods", "Total over N CI low", "Total over N CI high"],
] as const;

export const RESULT_COLUMNS = ["Scenario", "Stage", ...STAT_FIGURES.flat()] as const;

export type ResultFigure = (typeof STAT_FIGURES)[number][0];

/** 1-based column of a figure's mean in the SCM_Results table; its CI low and high follow it. */
export const resultCol = (figure: ResultFigure): number => RESULT_COLUMNS.indexOf(figure) + 1;

const FMT = { ratio: "0.00", pct: "0.0%", qty: "#,##0.0", money: "#,##0.00" };

/** The blocks of one figure by stage and scenario (means); the first is the chart's source. */
const BLOCKS: { title: string; fmt: string; stage: (st: StageResult) => Stat; network?: (r: Result) => Stat }[] = [
  { title: "Bullwhip ratio by stage", fmt: FMT.ratio, stage: (st) => st.bullwhip },
  { title: "Average on hand by stage", fmt: FMT.qty, stage: (st) => st.avgOnHand },
  { title: "Fill rate by stage", fmt: FMT.pct, stage: (st) => st.fillRate },
  {
    title: "Total cost per period by stage",
    fmt: FMT.money,
    stage: (st) => st.costPerPeriod.total,
    network: (r) => r.totalCostPerPeriod,
  },
];

export function buildResultsPlan(variants: VariantResult[], styles: WorkbookPlan["styles"]): WorkbookPlan {
  if (variants.length === 0) throw new Error("no results to write");
  const cells: CellPlan[] = [];
  const put = (col: number, row: number, v: number | string | undefined, style?: CellPlan["style"], numFmt?: string) => {
    if (v === undefined || (typeof v === "number" && !Number.isFinite(v))) return;
    cells.push({ ref: `${colLetter(col)}${row}`, value: v, style, numFmt });
  };
  const base = variants[0].result;
  put(1, 1, "Monte Carlo results", "title");
  put(
    1,
    2,
    `${base.replications} replication(s) per scenario, seed ${base.seed}, ${base.periods} periods, warmup ${base.warmup}: N = ${base.measuredPeriods} measured periods. ` +
      `Means over replications with 95% confidence intervals (Student t); costs per period and over the N measured periods. ` +
      `Values from the simulation engine: rebuild from the wizard to update them.`,
    "note",
  );
  if (variants.some((v) => v.result.cancelled)) put(1, 3, "Cancelled: fewer replications than asked for.", "note");

  // One block per figure: stages down, scenarios across; a blank row between blocks.
  const stageNames: string[] = [];
  for (const v of variants) for (const st of v.result.stages) if (!stageNames.includes(st.name)) stageNames.push(st.name);
  const top = 5;
  let row = top;
  for (const block of BLOCKS) {
    put(1, row, block.title, "header");
    variants.forEach((v, j) => put(2 + j, row, v.label, "header"));
    stageNames.forEach((name, i) => {
      put(1, row + 1 + i, name, "label");
      variants.forEach((v, j) => {
        const st = v.result.stages.find((s) => s.name === name);
        put(2 + j, row + 1 + i, st && block.stage(st).mean, "computed", block.fmt);
      });
    });
    row += 1 + stageNames.length;
    if (block.network) {
      const network = block.network;
      put(1, row, "Network", "label");
      variants.forEach((v, j) => put(2 + j, row, network(v.result).mean, "computed", block.fmt));
      row++;
    }
    row++;
  }
  const blockLast = top + stageNames.length;

  // Then every figure with its confidence interval, one row per scenario and stage.
  const head = row + 1;
  put(1, head - 1, "All figures (mean and 95% confidence interval over replications)", "title");
  RESULT_COLUMNS.forEach((h, i) => put(1 + i, head, h, "header"));
  let r = head + 1;
  const stat = (col: number, s: Stat, fmt: string) => {
    put(col, r, s.mean, "computed", fmt);
    put(col + 1, r, s.ci95?.[0], "computed", fmt);
    put(col + 2, r, s.ci95?.[1], "computed", fmt);
  };
  for (const v of variants) {
    for (const st of v.result.stages) {
      put(1, r, v.label);
      put(2, r, st.name);
      stat(resultCol("Bullwhip ratio"), st.bullwhip, FMT.ratio);
      stat(resultCol("Fill rate"), st.fillRate, FMT.pct);
      stat(resultCol("Average on hand"), st.avgOnHand, FMT.qty);
      stat(resultCol("Average backlog"), st.avgBacklog, FMT.qty);
      stat(resultCol("Average in transit"), st.avgInTransit, FMT.qty);
      stat(resultCol("Holding cost per period"), st.costPerPeriod.holding, FMT.money);
      stat(resultCol("Backlog cost per period"), st.costPerPeriod.backlog, FMT.money);
      stat(resultCol("In-transit holding cost per period"), st.costPerPeriod.inTransit, FMT.money);
      stat(resultCol("Total cost per period"), st.costPerPeriod.total, FMT.money);
      stat(resultCol("Holding cost over N measured periods"), st.cost.holding, FMT.money);
      stat(resultCol("Backlog cost over N measured periods"), st.cost.backlog, FMT.money);
      stat(resultCol("In-transit holding cost over N measured periods"), st.cost.inTransit, FMT.money);
      stat(resultCol("Total cost over N measured periods"), st.cost.total, FMT.money);
      r++;
    }
    put(1, r, v.label);
    put(2, r, "Network");
    stat(resultCol("Total cost per period"), v.result.totalCostPerPeriod, FMT.money);
    stat(resultCol("Total cost over N measured periods"), v.result.totalCost, FMT.money);
    r++;
  }
  const last = r - 1;
  const sheet = RESULTS_SHEET;
  return {
    layoutVersion: 1,
    styles,
    sheets: [
      {
        name: sheet,
        role: "summary",
        cells,
        columns: RESULT_COLUMNS.map((_, i) => ({ col: colLetter(i + 1), width: i < 2 ? 22 : 13 })),
        freeze: { rows: 0, cols: 1 },
      },
    ],
    names: [],
    validations: [],
    tables: [{ name: RESULTS_TABLE, sheet, ref: `A${head}:${colLetter(RESULT_COLUMNS.length)}${last}`, columns: [...RESULT_COLUMNS] }],
    charts: [
      {
        id: "comparison",
        type: "columnClustered",
        title: variants.length > 1 ? "Bullwhip ratio by stage: scenarios compared" : "Bullwhip ratio by stage (Monte Carlo mean)",
        sheet,
        anchor: `${colLetter(RESULT_COLUMNS.length + 2)}2`,
        series: variants.map((v, j) => ({
          name: v.label,
          categoriesRef: onSheet(sheet, `$A$${top + 1}:$A$${blockLast}`),
          valuesRef: onSheet(sheet, `$${colLetter(2 + j)}$${top + 1}:$${colLetter(2 + j)}$${blockLast}`),
        })),
        axes: { x: { title: "Stage" }, y: { title: "Var(orders) / Var(demand)" } },
      },
    ],
  };
}
