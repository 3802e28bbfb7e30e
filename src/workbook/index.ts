/**
 * The workbook plan of a scenario: Inputs, Summary, one sheet per stage, and the stored scenario.
 * Pure: the same scenario gives the same plan; the writers (file, task pane) only apply it.
 */
import { DomainError } from "../errors";
import { demandSeries, MAX_WORKBOOK_CELLS, resolveParameters, simulate, validateScenario, type Result, type Scenario } from "../sim";
import { buildInputs } from "./inputs";
import { buildLayout, fitsOnSheets, MAX_SHEET_SERIAL_STAGES, MAX_SHEET_STORES, stageSheetCells, type SheetLayout } from "./layout";
import type { ColumnKey } from "./layout";
import type { WorkbookPlan } from "./plan";
import { buildScenarioSheet } from "./scenarioSheet";
import { buildStageSheet } from "./stageSheets";
import { STYLES } from "./styles";
import { buildMonteCarloSummary, buildSummary } from "./summary";

export * from "./plan";
export { readStoredScenario, SCENARIO_SHEET } from "./scenarioSheet";
export { INPUTS_SHEET, stageName, scenarioName } from "./inputs";
export {
  ADDIN_COLUMN,
  MEASURED_PERIODS_CELL,
  monteCarloColumns,
  monteCarloMeanHeader,
  NEEDS_ADDIN,
  replicationsText,
  SUMMARY_SHEET,
  SUMMARY_COLUMNS,
  SUMMARY_HEADER_ROW,
  summaryCol,
} from "./summary";
export type { SummaryColumn } from "./summary";
export { FIRST_ROW, START_ROW, HEADER_ROW, MAX_SHEET_SERIAL_STAGES, MAX_SHEET_STORES, letter } from "./layout";
export type { ColumnKey, SheetLayout, StageLayout } from "./layout";

export const LAYOUT_VERSION = 1;

export interface PlannedWorkbook {
  plan: WorkbookPlan;
  /** Where each stage's series live; null when the network is summarised from Monte Carlo results. */
  layout: SheetLayout | null;
}

/** Engine trace fields and the stage-sheet columns holding them, one to one. */
export const TRACE_COLUMNS = {
  received: "received",
  demand: "demand",
  shipped: "shipped",
  onHand: "onHand",
  backlog: "backlog",
  signal: "signal",
  forecast: "forecast",
  position: "position",
  echelonPosition: "echelonPosition",
  target: "target",
  orders: "orders",
  pipeline: "pipeline",
  inTransit: "inTransit",
} as const satisfies Record<string, ColumnKey>;

export interface PlanOptions {
  /**
   * The engine's Monte Carlo run of the scenario (simulate(scenario)): the Summary shows its means
   * and 95% confidence intervals, as values, beside the live figures of replication 0. Without it the
   * Summary says they are on the Results sheet (the task pane writes them there after its run);
   * a network too large for sheets is then simulated here.
   */
  monteCarlo?: Result;
}

/**
 * Plans the workbook of a scenario (validated again here: the plan is only as good as its input).
 * Throws DomainError("value") with the validation messages when the scenario is invalid.
 */
export function planWorkbook(scenario: Scenario, options: PlanOptions = {}): PlannedWorkbook {
  const v = validateScenario(scenario);
  if (!v.ok) throw new DomainError("value", `invalid scenario: ${v.errors.join("; ")}`);
  const s = v.scenario;
  const res = resolveParameters(s);
  const stored = buildScenarioSheet(s, LAYOUT_VERSION);
  if (!fitsOnSheets(s)) {
    const why =
      s.network === "serial"
        ? `This chain has ${s.stages.length} stages, more than the ${MAX_SHEET_SERIAL_STAGES} laid out on sheets.`
        : `This network has ${s.stages.length - 1} stores, more than the ${MAX_SHEET_STORES} laid out on sheets.`;
    const inputs = buildInputs(s, res, null);
    const summary = buildMonteCarloSummary(s, options.monteCarlo ?? simulate(s), why);
    return {
      layout: null,
      plan: {
        layoutVersion: LAYOUT_VERSION,
        styles: STYLES,
        sheets: [inputs.sheet, summary.sheet, stored.sheet],
        names: [...inputs.names, ...stored.names],
        validations: inputs.validations,
        tables: summary.tables,
        charts: summary.charts,
      },
    };
  }
  const layout = buildLayout(s, res); // throws DomainError when a stage is wider than a sheet
  const tooBig = workbookSizeProblem(layout);
  if (tooBig) throw new DomainError("value", tooBig);
  const inputs = buildInputs(s, res, layout);
  const demand = demandSeries(s, 0);
  const stageSheets = s.stages.map((_, k) => buildStageSheet({ s, res, layout, demand }, k));
  const summary = buildSummary(s, layout, options.monteCarlo);
  return {
    layout,
    plan: {
      layoutVersion: LAYOUT_VERSION,
      styles: STYLES,
      sheets: [inputs.sheet, summary.sheet, ...stageSheets, stored.sheet],
      names: [...inputs.names, ...stored.names],
      validations: inputs.validations,
      tables: summary.tables,
      charts: summary.charts,
    },
  };
}

/**
 * Null when the workbook of a validated scenario fits a sheet's width and MAX_WORKBOOK_CELLS, else
 * why not: what planWorkbook would refuse, known without planning a cell (for the wizard's checks).
 */
export function workbookSize(s: Scenario): string | null {
  if (!fitsOnSheets(s)) return null;
  try {
    return workbookSizeProblem(buildLayout(s, resolveParameters(s)));
  } catch (e) {
    if (e instanceof DomainError) return e.message;
    throw e;
  }
}

/** Null when the stage sheets fit MAX_WORKBOOK_CELLS, else a message with the periods that would fit. */
export function workbookSizeProblem(layout: SheetLayout): string | null {
  const cells = stageSheetCells(layout);
  if (cells <= MAX_WORKBOOK_CELLS) return null;
  const perPeriod = cells / (layout.periods + 1);
  const fit = Math.max(2, Math.floor(MAX_WORKBOOK_CELLS / perPeriod) - 1);
  const n = (x: number) => Math.round(x).toLocaleString("en-US");
  return `the workbook would have ${n(cells)} cells on its stage sheets, more than ${n(MAX_WORKBOOK_CELLS)} (workbook size): use at most about ${n(fit)} periods, or shorter lead times and forecast windows`;
}

/** The plan alone. */
export function buildWorkbookPlan(scenario: Scenario, options: PlanOptions = {}): WorkbookPlan {
  return planWorkbook(scenario, options).plan;
}
