/**
 * The scenarios a build compares: the baseline, and either the baseline with one lever changed (each
 * lever selected by the user), a sweep of one parameter, or push vs pull (pushPull.ts: the engine's
 * variants, the baseline among them). Each variant is a scenario document the
 * engine validates; the comparison is the engine's Monte Carlo result for each, same seed (common
 * random numbers, so that differences come from the lever, not from the draws).
 */
import type { ScenarioInput, StageInput } from "../../src/sim/types";
import { LeverId, SweepParam, sweepValues, WizardForm } from "./form";
import { pushPullComparison } from "./pushPull";

export interface Variant {
  label: string;
  scenario: ScenarioInput;
}

export interface LeverInfo {
  id: LeverId;
  /** What the comparison shows, phrased for the baseline at hand. */
  label: string;
  /** Why it cannot be compared with this baseline (the checkbox is disabled and says why). */
  unavailable?: string;
}

const isSerial = (s: ScenarioInput) => s.network === "serial";
const facesCustomers = (s: ScenarioInput, k: number) => (isSerial(s) ? k === 0 : k > 0);

/** The levers and how each reads against this baseline. */
export function leverInfo(s: ScenarioInput, removeStage: number | null): LeverInfo[] {
  const batching = s.stages.some((st) => st.caseSize !== undefined || (st.orderEvery ?? 1) > 1);
  const gaming = s.stages.some((st) => st.shortageGaming !== undefined);
  const promotions = s.stages.some((st) => st.promotion !== undefined && st.promotion.periods.length > 0);
  const vmi = s.stages.some((st) => st.vmi);
  const removable = isSerial(s) && s.stages.length > 2 && removeStage !== null && removeStage > 0 && removeStage < s.stages.length;
  return [
    { id: "informationSharing", label: s.informationSharing ? "Without shared demand information" : "Share demand information" },
    { id: "vmi", label: vmi ? "Without VMI" : "Vendor-managed inventory" },
    {
      id: "noBatching",
      label: "No order batching",
      unavailable: batching ? undefined : "the baseline does not batch orders (set a case size or an order interval on the Levers step)",
    },
    {
      id: "noGaming",
      label: "No shortage gaming",
      unavailable: gaming ? undefined : "the baseline has no shortage gaming (set a gaming factor on the Levers step)",
    },
    {
      id: "noPromotions",
      label: "No promotions",
      unavailable: promotions ? undefined : "the baseline has no promotions (set promotion periods on the Levers step)",
    },
    {
      id: "removeEchelon",
      label: removable ? `Remove ${s.stages[removeStage!].name}` : "Remove an echelon",
      unavailable: removable
        ? undefined
        : isSerial(s)
          ? "choose a stage other than the customer-facing one on the Levers step (chains of 3 stages or more)"
          : "a distribution network has no intermediate echelon",
    },
    { id: "shorterLeadTimes", label: "Halve lead times" },
  ];
}

/** The baseline with one lever changed. */
export function applyLever(s: ScenarioInput, lever: LeverId, removeStage: number | null): ScenarioInput {
  const out: ScenarioInput = structuredClone(s);
  const stages = out.stages;
  switch (lever) {
    case "informationSharing":
      out.informationSharing = !s.informationSharing;
      break;
    case "vmi": {
      const on = !s.stages.some((st) => st.vmi);
      stages.forEach((st, k) => {
        if (on && facesCustomers(s, k)) st.vmi = true;
        else delete st.vmi;
      });
      break;
    }
    case "noBatching":
      for (const st of stages) {
        delete st.caseSize;
        delete st.orderEvery;
        delete st.orderPhase;
      }
      break;
    case "noGaming":
      for (const st of stages) delete st.shortageGaming;
      break;
    case "noPromotions":
      for (const st of stages) delete st.promotion;
      break;
    case "removeEchelon": {
      if (!isSerial(s) || removeStage === null || removeStage <= 0 || removeStage >= s.stages.length || s.stages.length <= 2) {
        throw new Error("remove an echelon: choose an upstream stage of a chain of 3 stages or more");
      }
      out.stages = stages.filter((_, k) => k !== removeStage);
      // The new top stage's supplier is outside the network: it cannot game or be managed by it.
      const top: StageInput = out.stages[out.stages.length - 1];
      delete top.shortageGaming;
      delete top.vmi;
      break;
    }
    case "shorterLeadTimes":
      for (const st of stages) st.leadTime = Math.max(1, Math.ceil(st.leadTime / 2));
      break;
  }
  return out;
}

const SWEEP_LABEL: Record<SweepParam, string> = { leadTime: "Lead time", window: "Forecast window", caseSize: "Case size" };

/** The baseline with one parameter set on every stage that has it. */
export function applySweep(s: ScenarioInput, param: SweepParam, value: number): ScenarioInput {
  const out: ScenarioInput = structuredClone(s);
  for (const st of out.stages) {
    if (param === "leadTime") st.leadTime = value;
    else if (param === "caseSize") st.caseSize = value;
    else if (st.policy.type === "order-up-to") st.policy.window = value;
  }
  return out;
}

export function sweepApplies(s: ScenarioInput, param: SweepParam): string | null {
  if (param === "window" && !s.stages.some((st) => st.policy.type === "order-up-to")) {
    return "no stage uses an order-up-to policy, whose forecast window this sweep changes";
  }
  return null;
}

/** How many scenarios variantsOf gives for this form (baseline included), without building them. */
export function scenarioCount(form: WizardForm, baseline: ScenarioInput): number {
  const o = form.output;
  if (o.compare === "sweep") return 1 + (sweepValues(o)?.length ?? 0);
  if (o.compare === "pushPull") return pushPullComparison(baseline).length;
  return 1 + comparedLevers(form, baseline).length;
}

const removeStageOf = (form: WizardForm) => (form.levers.removeStage.trim() === "" ? null : Number(form.levers.removeStage));

/** The levers a "levers" comparison simulates: those chosen that apply to the baseline. */
function comparedLevers(form: WizardForm, baseline: ScenarioInput) {
  if (form.output.compare !== "levers") return [];
  const info = leverInfo(baseline, removeStageOf(form));
  return form.output.levers.flatMap((id) => info.filter((l) => l.id === id && !l.unavailable).slice(0, 1));
}

/** Every scenario to simulate for this form: baseline first (push vs pull: the engine's order, the baseline marked). */
export function variantsOf(form: WizardForm, baseline: ScenarioInput): Variant[] {
  const o = form.output;
  if (o.compare === "pushPull") return pushPullComparison(baseline);
  const out: Variant[] = [{ label: "Baseline", scenario: baseline }];
  const remove = removeStageOf(form);
  if (o.compare === "levers") {
    for (const lever of comparedLevers(form, baseline)) out.push({ label: lever.label, scenario: applyLever(baseline, lever.id, remove) });
  } else if (o.compare === "sweep") {
    for (const v of sweepValues(o) ?? []) {
      out.push({ label: `${SWEEP_LABEL[o.sweepParam]} ${v}`, scenario: applySweep(baseline, o.sweepParam, v) });
    }
  }
  return out;
}
