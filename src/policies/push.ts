/**
 * Push mode (serial chains, scenario.pushPullBoundary): a role, not an ordering policy. A stage
 * upstream of the boundary ships its plan, its forecast of end demand made from the customer
 * demand of t - infoLag and before, to the stage below, and the top one produces it; the stage
 * below a pushing one orders nothing and receives what is pushed. The engine's side is in
 * src/sim/engine.ts (the Pol.PushPlan and Pol.Receive cases); this file holds the workbook's.
 */
import type { PushPlan } from "../sim/types";
import { FMT } from "../workbook/styles";
import { whole } from "../workbook/validation";
import type { PolicyRow, SheetRefs } from "./definition";
import { ALPHA, INITIAL_FORECAST, smoothingFormula, WINDOW } from "./rows";

type Plan = Required<PushPlan>;

const INFO_LAG: PolicyRow<Plan> = {
  key: "InfoLag",
  label: "Push: information lag",
  help: "periods before the pushing stage learns of customer demand",
  kind: "input",
  value: (p) => p.infoLag,
  validation: () => whole(0, 1000, "Information lag"),
  numFmt: FMT.int,
};

/** A push plan's defaults, in one place (scenario.schema.json's pushPlan says the same: test/sim/policies.test.ts). */
export const PUSH_PLAN_DEFAULTS: Plan = { forecast: "moving-average", window: 4, alpha: 0.3, infoLag: 0 };

/** The plan with its defaults filled in (a copy). */
export function pushPlanOf(p: PushPlan | undefined): Plan {
  const d = PUSH_PLAN_DEFAULTS;
  return {
    forecast: p?.forecast ?? d.forecast,
    window: p?.window ?? d.window,
    alpha: p?.alpha ?? d.alpha,
    infoLag: p?.infoLag ?? d.infoLag,
  };
}

/** The Inputs rows of a pushing stage (its policy's rows are not shown: the plan replaces it). */
export function pushInputs(p: Plan): PolicyRow<Plan>[] {
  return [INFO_LAG, p.forecast === "moving-average" ? WINDOW : ALPHA, INITIAL_FORECAST];
}

/** The Inputs sheet's "Ordering policy" cell of a stage in a push-pull chain. */
export function pushRoleText(pushes: boolean, supplier: number, top: boolean): string {
  if (pushes)
    return top ? "push: produces and ships its forecast of end demand" : "push: ships its forecast of end demand (orders nothing)";
  return `push-pull boundary: receives what stage ${supplier + 1} pushes (orders nothing)`;
}

/** Stage-sheet formulas of a pushing stage; `demandRange` is the customer demand of every period. */
export const pushSheet = {
  signal: (x: SheetRefs, period: string, demandRange: string): string =>
    `IF(${period}>=${x.n("InfoLag")},INDEX(${demandRange},${period}-${x.n("InfoLag")}+1),${x.n("InitialForecast")})`,
  forecast: (p: Plan, x: SheetRefs): string => (p.forecast === "moving-average" ? `AVERAGE(${x.window})` : smoothingFormula(x, "Alpha")),
  /** The plan: the forecast, never below 0. */
  plan: (x: SheetRefs): string => `MAX(0,${x.cur("forecast")})`,
};
