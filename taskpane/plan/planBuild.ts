/**
 * Build of the replenishment plan: the table read again (its values as they are now), the plan
 * computed in the worker (readSkus, planSkus and the Plan sheet's workbook plan), written by the Excel writer as group "plan" (its own sheets, tracked by id;
 * the planner's sheets are only read by its formulas), then the wizard's settings saved beside it. A
 * write that fails removes what it created (the writer's BuildError says so); a cancel writes nothing.
 */
import type { ColumnMapping } from "../../src/plan/columns";
import type { PlanSummary, SkuProblem } from "../../src/plan/plan";
import type { PlanPolicy } from "../../src/plan/policy";
import { PLAN_SHEET } from "../../src/plan/sheet";
import { planSettings } from "../model/planSettings";
import type { TableSnapshot } from "../model/planTable";
import { savePlanSettings } from "../excel/planStore";
import { readTableAt } from "../excel/tableReader";
import { applyPlan, Clash, ExcelRun } from "../excel/writer";
import { PlanCancelled, PlanRunner } from "../worker/planRunner";

export type PlanPhase = "reading" | "computing" | "writing";

export interface PlanBuildRequest {
  table: TableSnapshot;
  mapping: ColumnMapping;
  policy: PlanPolicy;
  /** When the figures are computed ("2026-11-29 14:05"). */
  builtAt: string;
}

export interface PlanBuildHooks {
  onPhase(phase: PlanPhase): void;
  /** Lets the caller cancel the computation (null once it cannot be cancelled). */
  onCancellable(cancel: (() => void) | null): void;
  /** SKUs planned so far, of `total`, while computing. */
  onProgress?(done: number, total: number): void;
}

export type PlanOutcome =
  | {
      status: "built";
      /** The table as read for this build. */
      table: TableSnapshot;
      summary: PlanSummary;
      problems: SkuProblem[];
      /** The Plan sheet as written (renamed if the planner has a sheet of that name). */
      planSheet: { id: string; name: string };
      clashes: Clash[];
      /** Why the settings could not be saved (the plan is written all the same). */
      settingsProblem?: string;
    }
  | { status: "cancelled" };

/** "2026-11-29 14:05", local time: when the Plan sheet's snapshot values were computed. */
export function builtAtText(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** Headers equal cell for cell (as text): the mapping still means the same columns. */
const sameHeaders = (a: readonly unknown[], b: readonly unknown[]): boolean =>
  a.length === b.length && a.every((h, i) => String(h ?? "").trim() === String(b[i] ?? "").trim());

export async function buildPlan(run: ExcelRun, compute: PlanRunner, req: PlanBuildRequest, hooks: PlanBuildHooks): Promise<PlanOutcome> {
  // The table as it is now: the planner may have pasted today's stock since the wizard read it.
  hooks.onPhase("reading");
  const fresh = await readTableAt(run, req.table.address);
  if (!fresh.ok) throw new Error(`${fresh.problem} Nothing was written.`);
  if (!sameHeaders(fresh.table.headers, req.table.headers)) {
    throw new Error(
      `The headers of ${req.table.address} changed since the wizard read the table: press Use the selected table again and check the columns. Nothing was written.`,
    );
  }
  const table = fresh.table;
  hooks.onPhase("computing");
  const running = compute(
    {
      type: "plan",
      rows: table.rows,
      mapping: req.mapping,
      policy: req.policy,
      where: table.where,
      builtAt: req.builtAt,
    },
    hooks.onProgress,
  );
  hooks.onCancellable(running.cancel);
  let computed;
  try {
    computed = await running.result;
  } catch (e) {
    if (e instanceof PlanCancelled) return { status: "cancelled" };
    throw e;
  } finally {
    hooks.onCancellable(null);
  }

  hooks.onPhase("writing");
  const report = await applyPlan(run, computed.workbook, { group: "plan" });
  const sheet = report.sheets.find((s) => s.role === "plan") ?? report.sheets[0];
  let settingsProblem: string | undefined;
  try {
    await savePlanSettings(run, planSettings(table, req.mapping, req.policy));
  } catch (e) {
    settingsProblem = e instanceof Error ? e.message : String(e);
  }
  return {
    status: "built",
    table,
    summary: computed.summary,
    problems: computed.problems,
    planSheet: { id: sheet?.id ?? "", name: sheet?.name ?? PLAN_SHEET },
    clashes: report.clashes,
    ...(settingsProblem !== undefined && { settingsProblem }),
  };
}

/** Shows the Plan sheet (by id: the planner may have renamed it). */
export async function goToSheet(run: ExcelRun, id: string): Promise<void> {
  await run(async (context) => {
    context.workbook.worksheets.getItem(id).activate();
    await context.sync();
  });
}
