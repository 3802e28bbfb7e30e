/**
 * Starting points of the wizard (the beer game, a custom serial chain, a DC with N stores, push vs pull) and the
 * conversion of a scenario document to the form, used for presets and for a scenario stored in a
 * workbook that the pane re-opens.
 */
import beerGame from "../../scenarios/beer-game.json";
import havi from "../../scenarios/havi-1n.json";
import pushVsPull from "../../scenarios/push-vs-pull.json";
import type { DemandSpec, Policy, ScenarioInput, StageInput } from "../../src/sim/types";
import { CompareKind, LeverId, NetworkPreset, POLICY_FIELDS, StageForm, SweepParam, WizardForm } from "./form";
import { POLICIES } from "../../src/policies";
import { pushPlanToForm } from "./pushPull";

export const MIN_SERIAL = 2;
export const MAX_SERIAL = 8;
export const MIN_STORES = 1;
/** The wizard lays a 1-N network out on sheets up to this many stores (the workbook plan's limit). */
export const MAX_STORES = 50;

const SERIAL_NAMES = ["Retailer", "Wholesaler", "Distributor", "Factory"];

/** The beer game (Sterman 1989 board set-up, average player), scenarios/beer-game.json. */
export function beerGameScenario(): ScenarioInput {
  return structuredClone(beerGame) as ScenarioInput;
}

/** A 4-stage chain whose upper stages push to the wholesaler, demand stepping up in week 52 (scenarios/push-vs-pull.json). */
export function pushVsPullScenario(): ScenarioInput {
  return structuredClone(pushVsPull) as ScenarioInput;
}

/** The presets of a fixed shape: the wizard offers no stage count for them. */
export const isFixedPreset = (preset: NetworkPreset) => preset === "beer-game" || preset === "push-vs-pull";

/** A serial chain of n stages with an order-up-to policy and a moving-average forecast. */
export function customSerialScenario(n: number): ScenarioInput {
  const stages: StageInput[] = Array.from({ length: n }, (_, k) => ({
    name: n <= 4 ? SERIAL_NAMES[k] : k === 0 ? "Retailer" : k === n - 1 ? "Factory" : `Tier ${k + 1}`,
    leadTime: 2,
    initialInventory: 40,
    holdingCost: 0.5,
    backlogCost: 2,
    policy: { type: "order-up-to", forecast: "moving-average", window: 4, serviceLevel: 0.95 },
  }));
  if (n === 3) stages[2].name = "Factory";
  return {
    name: `Serial chain of ${n} stages`,
    network: "serial",
    periods: 52,
    warmup: 8,
    replications: 200,
    seed: 1,
    demand: { distribution: "normal", mean: 20, sd: 5 },
    stages,
  };
}

/** Mean demand per period of a demand spec (for scaling the DC of the 1-N preset). */
function meanOf(d: DemandSpec): number {
  switch (d.distribution) {
    case "normal":
    case "poisson":
      return d.mean;
    case "step":
      return d.after;
    case "series":
      return d.values.reduce((a, b) => a + b, 0) / Math.max(1, d.values.length);
  }
}

/**
 * A DC with N stores: the 1-N case of Dai, Peng & Li (2017) as shipped in scenarios/havi-1n.json (a
 * DC and 20 restaurants). N below 20 takes the first N stores; above, the stores repeat. The DC's
 * base stock and opening stock scale with the stores' total mean demand.
 */
export function oneNScenario(stores: number): ScenarioInput {
  const preset = structuredClone(havi) as ScenarioInput;
  const [dc, ...all] = preset.stages;
  const chosen = Array.from({ length: stores }, (_, j) => {
    const st = structuredClone(all[j % all.length]);
    if (j >= all.length) st.name = `Store ${j + 1}`;
    return st;
  });
  const demandOf = (st: StageInput) => meanOf(st.demand ?? preset.demand);
  const ratio = chosen.reduce((a, st) => a + demandOf(st), 0) / all.reduce((a, st) => a + demandOf(st), 0);
  const round10 = (v: number) => Math.max(10, Math.round((v * ratio) / 10) * 10);
  if (dc.policy.type === "base-stock") dc.policy.level = round10(dc.policy.level);
  dc.initialInventory = round10(dc.initialInventory);
  const name = stores === all.length ? preset.name : `${preset.name.replace(/20 restaurants/, `${stores} restaurant(s)`)}`;
  return { ...preset, name, stages: [dc, ...chosen] };
}

export function presetScenario(preset: NetworkPreset, count: number): ScenarioInput {
  if (preset === "beer-game") return beerGameScenario();
  if (preset === "push-vs-pull") return pushVsPullScenario();
  if (preset === "custom-serial") return customSerialScenario(count);
  return oneNScenario(count);
}

/** A preset as a new form; the push-vs-pull preset starts on its comparison. */
export function presetForm(preset: NetworkPreset, count: number): WizardForm {
  return scenarioToForm(presetScenario(preset, count), { preset, compare: preset === "push-vs-pull" ? "pushPull" : undefined });
}

const text = (v: unknown) => (v === undefined || v === null ? "" : String(v));

function stageToForm(st: StageInput): StageForm {
  const {
    name,
    leadTime,
    initialInventory,
    holdingCost,
    backlogCost,
    policy,
    caseSize: _c,
    orderEvery: _o,
    shortageGaming: _g,
    promotion: _p,
    vmi: _v,
    pushPlan,
    ...keep
  } = st;
  const params: Record<string, string> = {};
  const keepPolicy: Record<string, unknown> = {};
  const shown = new Set(POLICY_FIELDS[policy.type].map((f) => f.key));
  for (const [k, v] of Object.entries(policy)) {
    if (k === "type") continue;
    if (shown.has(k)) params[k] = text(v);
    else keepPolicy[k] = v;
  }
  return {
    name,
    leadTime: text(leadTime),
    initialInventory: text(initialInventory),
    holdingCost: text(holdingCost),
    backlogCost: text(backlogCost),
    policy: policy.type,
    params,
    keep,
    keepPolicy,
    pushPlan: pushPlanToForm(pushPlan),
    hasPushPlan: pushPlan !== undefined,
  };
}

/** Default parameters when the user switches a stage to another policy: each field's start value, else its schema default. */
export function defaultParams(type: Policy["type"], meanDemand: number): Record<string, string> {
  const def = POLICIES[type];
  const out: Record<string, string> = {};
  for (const f of def.fields) {
    const v = f.start ? f.start(meanDemand) : def.schema.properties[f.key]?.default;
    if (v !== undefined) out[f.key] = String(v);
  }
  return out;
}

export interface WizardExtras {
  preset?: NetworkPreset;
  compare?: CompareKind;
  levers?: LeverId[];
  sweepParam?: SweepParam;
  sweepFrom?: string;
  sweepTo?: string;
  sweepStep?: string;
  removeStage?: string;
  history?: { address: string; values: number[] } | null;
}

/** A new form's sweep: from 1 to 8 in steps of 1. */
export const SWEEP_DEFAULTS = { from: "1", to: "8", step: "1" } as const;

/** A scenario document (a preset, or one stored in a workbook) as the wizard's form. */
export function scenarioToForm(s: ScenarioInput, extras: WizardExtras = {}): WizardForm {
  const serial = s.network === "serial";
  const preset: NetworkPreset = extras.preset ?? (serial ? "custom-serial" : "one-n");
  const first = s.stages[serial ? 0 : Math.min(1, s.stages.length - 1)];
  const d = s.demand;
  const history =
    d.distribution === "series" ? (extras.history ?? { address: "(stored with the scenario)", values: d.values.slice() }) : null;
  const promo = first?.promotion;
  const gaming = s.stages.find((st) => st.shortageGaming)?.shortageGaming;
  const {
    name,
    network: _n,
    periods,
    warmup,
    replications,
    seed,
    informationSharing: _i,
    pushPullBoundary,
    demand: _d,
    stages: _s,
    $schema: _sc,
    ...keep
  } = s;
  return {
    network: {
      preset,
      stageCount: String(serial ? s.stages.length : 4),
      storeCount: String(serial ? 20 : s.stages.length - 1),
    },
    demand: {
      kind: d.distribution === "series" ? "history" : d.distribution,
      mean: d.distribution === "normal" || d.distribution === "poisson" ? text(d.mean) : "20",
      sd: d.distribution === "normal" ? text(d.sd) : "5",
      before: d.distribution === "step" ? text(d.before) : "4",
      after: d.distribution === "step" ? text(d.after) : "8",
      at: d.distribution === "step" ? text(d.at) : "4",
      stepSd: d.distribution === "step" ? text(d.sd) : "",
      seed: text(seed ?? 1),
      history,
    },
    stages: s.stages.map(stageToForm),
    levers: {
      informationSharing: s.informationSharing ?? false,
      vmi: s.stages.some((st) => st.vmi),
      caseSize: text(first?.caseSize),
      orderEvery: text(first?.orderEvery ?? ""),
      gamingFactor: text(gaming?.factor),
      promotionPeriods: promo ? promo.periods.join(", ") : "",
      forwardBuy: text(promo?.forwardBuy),
      removeStage: extras.removeStage ?? (serial && s.stages.length > 2 ? "1" : ""),
      pushPullBoundary: serial ? text(pushPullBoundary) : "",
    },
    output: {
      name,
      periods: text(periods ?? 52),
      warmup: text(warmup ?? 0),
      replications: text(replications ?? 1),
      compare: extras.compare ?? "none",
      levers: extras.levers ?? [],
      sweepParam: extras.sweepParam ?? "leadTime",
      sweepFrom: extras.sweepFrom ?? SWEEP_DEFAULTS.from,
      sweepTo: extras.sweepTo ?? SWEEP_DEFAULTS.to,
      sweepStep: extras.sweepStep ?? SWEEP_DEFAULTS.step,
    },
    keep,
  };
}

/** The wizard settings stored beside the scenario, so that a re-opened workbook shows them. */
export function wizardExtras(form: WizardForm): WizardExtras {
  return {
    preset: form.network.preset,
    compare: form.output.compare,
    levers: form.output.levers,
    sweepParam: form.output.sweepParam,
    sweepFrom: form.output.sweepFrom,
    sweepTo: form.output.sweepTo,
    sweepStep: form.output.sweepStep,
    removeStage: form.levers.removeStage,
    history: form.demand.history,
  };
}

/** Resizes the stage list when the user changes the number of stages or stores. */
export function resizeStages(form: WizardForm, count: number): StageForm[] {
  const serial = form.network.preset !== "one-n";
  const wanted = serial ? count : count + 1;
  const current = form.stages;
  if (current.length === wanted) return current;
  if (current.length > wanted) {
    // Serial chains keep the customer end and the top supplier; 1-N keeps the DC and the first stores.
    return serial && wanted >= 2 ? [...current.slice(0, wanted - 1), current[current.length - 1]] : current.slice(0, wanted);
  }
  const template = serial ? (current[Math.max(0, current.length - 2)] ?? current[0]) : current[current.length - 1];
  const added: StageForm[] = [];
  for (let i = current.length; i < wanted; i++) {
    const copy = structuredClone(template);
    // Named by position: a chain's new tiers go in before the top supplier.
    copy.name = serial ? `Tier ${i}` : `Store ${String(i).padStart(2, "0")}`;
    added.push(copy);
  }
  return serial ? [...current.slice(0, current.length - 1), ...added, current[current.length - 1]] : [...current, ...added];
}
