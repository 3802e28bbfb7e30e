/**
 * Defaults of a scenario, in one place (they mirror the "default" entries of scenario.schema.json;
 * a policy's come from its definition's schema, src/policies).
 * The result still conforms to the schema, so normalizing twice changes nothing.
 */
import { normalizePolicy } from "../policies";
import { pushPlanOf } from "../policies/push";
import { DemandSpec, Scenario, ScenarioInput, Stage, StageInput } from "./types";

function normalizeDemand(d: DemandSpec): DemandSpec {
  switch (d.distribution) {
    case "normal":
      return { distribution: "normal", mean: d.mean, sd: d.sd, truncateAtZero: d.truncateAtZero ?? true };
    case "poisson":
      return { distribution: "poisson", mean: d.mean };
    case "step":
      return { distribution: "step", before: d.before, after: d.after, at: d.at, ...(d.sd !== undefined ? { sd: d.sd } : {}) };
    case "series":
      return { distribution: "series", values: d.values.slice() };
  }
}

function normalizeStage(s: StageInput): Stage {
  const out: Stage = {
    ...s,
    orderDelay: s.orderDelay ?? 0,
    policy: normalizePolicy(s.policy),
    orderEvery: s.orderEvery ?? 1,
    orderPhase: s.orderPhase ?? 0,
    fixedOrderPeriods: s.fixedOrderPeriods ?? 0,
    vmi: s.vmi ?? false,
  };
  if (s.shortageGaming) out.shortageGaming = { factor: s.shortageGaming.factor };
  if (s.promotion) out.promotion = { periods: s.promotion.periods.slice(), forwardBuy: s.promotion.forwardBuy };
  if (s.demand) out.demand = normalizeDemand(s.demand);
  if (s.pushPlan) out.pushPlan = pushPlanOf(s.pushPlan);
  return out;
}

export function normalizeScenario(s: ScenarioInput): Scenario {
  const out: Scenario = {
    ...s,
    periods: s.periods ?? 52,
    warmup: s.warmup ?? 0,
    replications: s.replications ?? 1,
    seed: s.seed ?? 1,
    allowReturns: s.allowReturns ?? false,
    informationSharing: s.informationSharing ?? false,
    demand: normalizeDemand(s.demand),
    stages: s.stages.map(normalizeStage),
  };
  return out;
}
