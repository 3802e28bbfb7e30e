/**
 * The plan of a table, as the worker computes it: readSkus, planSkus, then the Plan sheet's workbook
 * plan. Kept free of worker globals so that the tests (and a pane without workers) can call it.
 */
import { planSkus } from "../../src/plan/plan";
import { planReplenishmentWorkbook } from "../../src/plan/sheet";
import { readSkus } from "../../src/plan/skus";
import type { PlanComputed, PlanRequest } from "./planProtocol";

export function computePlan(req: PlanRequest, onProgress?: (done: number, total: number) => void): PlanComputed {
  const plan = planSkus(readSkus(req.rows, req.mapping, req.where.headerRow), req.policy, { onProgress });
  const workbook = planReplenishmentWorkbook(req.where, req.mapping, req.policy, plan, { builtAt: req.builtAt });
  return { summary: plan.summary, problems: plan.problems, workbook };
}
