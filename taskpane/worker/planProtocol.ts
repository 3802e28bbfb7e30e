/** Messages between the task pane and the plan worker (planWorker.ts). */
import type { ColumnMapping } from "../../src/plan/columns";
import type { PlanSummary, SkuProblem } from "../../src/plan/plan";
import type { PlanPolicy } from "../../src/plan/policy";
import type { TableLocation } from "../../src/plan/sheet";
import type { Cell } from "../../src/plan/skus";
import type { WorkbookPlan } from "../../src/workbook/plan";

export interface PlanRequest {
  type: "plan";
  /** The table's data rows (the header row is not included). */
  rows: Cell[][];
  mapping: ColumnMapping;
  policy: PlanPolicy;
  where: TableLocation;
  /** When the figures are computed, for the Plan sheet's note ("2026-11-29 14:05"). */
  builtAt: string;
}

/** What the pane needs: the figures for its summary, and the Plan sheet as a workbook plan to write. */
export interface PlanComputed {
  summary: PlanSummary;
  problems: SkuProblem[];
  workbook: WorkbookPlan;
}

export type PlanWorkerMessage =
  { type: "progress"; done: number; total: number } | { type: "done"; computed: PlanComputed } | { type: "error"; message: string };
