/**
 * The wizard's form: what the user types (text, so that a half-typed value can be shown and
 * corrected), its conversion to a scenario document, and validation messages per field. The rules
 * are the engine's (validateScenario); this file only parses numbers and maps each engine message
 * to the field it is about.
 */
import { MAX_PERIODS, MAX_REPLICATIONS, MAX_STAGE_PERIODS, replicationsThatFit, runSizeProblem } from "../../src/sim/limits";
import type { DemandSpec, Policy, PushPlan, ScenarioInput, StageInput } from "../../src/sim/types";
import { POLICIES, POLICY_TYPES, type PolicyField } from "../../src/policies";
import { validateScenario } from "../../src/sim/validate";
import { workbookSize } from "../../src/workbook";
import { scenarioCount } from "./levers";
import { plannerMessage } from "./messages";
import { parseBoundary, PUSH_PLAN_FIELDS, pushPlanEdited, type PushPlanForm, pushPullProblem, pushRole } from "./pushPull";

export type PolicyType = Policy["type"];
export type NetworkPreset = "beer-game" | "custom-serial" | "one-n" | "push-vs-pull";
export type DemandKind = "normal" | "poisson" | "step" | "history";
export type LeverId = "informationSharing" | "vmi" | "noBatching" | "noGaming" | "noPromotions" | "removeEchelon" | "shorterLeadTimes";
export type SweepParam = "leadTime" | "window" | "caseSize";
export type CompareKind = "none" | "levers" | "sweep" | "pushPull";

export interface StageForm {
  name: string;
  leadTime: string;
  initialInventory: string;
  holdingCost: string;
  backlogCost: string;
  policy: PolicyType;
  /** The policy's parameters shown in the table (text), by field name. */
  params: Record<string, string>;
  /** Fields kept from the preset that the table does not show (order delay, initial flow, own demand...). */
  keep: Partial<StageInput>;
  /** Policy fields kept from the preset that the table does not show (initialForecast, sigma...). */
  keepPolicy: Record<string, unknown>;
  /** What the stage ships when it pushes (shown at the defaults when the scenario has none). */
  pushPlan: PushPlanForm;
  /** The scenario named a push plan: it is written back even at the defaults. */
  hasPushPlan: boolean;
}

export interface WizardForm {
  network: { preset: NetworkPreset; stageCount: string; storeCount: string };
  demand: {
    kind: DemandKind;
    mean: string;
    sd: string;
    before: string;
    after: string;
    at: string;
    /** Noise around a step (sd of normal draws); blank: exactly the step. */
    stepSd: string;
    seed: string;
    history: { address: string; values: number[] } | null;
  };
  stages: StageForm[];
  levers: {
    informationSharing: boolean;
    vmi: boolean;
    caseSize: string;
    orderEvery: string;
    gamingFactor: string;
    promotionPeriods: string;
    forwardBuy: string;
    /** Index (as text) of the stage a "remove an echelon" comparison drops. */
    removeStage: string;
    /** Index (as text) of the push-pull boundary (serial chains); blank: every stage pulls. */
    pushPullBoundary: string;
  };
  output: {
    name: string;
    periods: string;
    warmup: string;
    replications: string;
    compare: CompareKind;
    levers: LeverId[];
    sweepParam: SweepParam;
    sweepFrom: string;
    sweepTo: string;
    sweepStep: string;
  };
  /** Fields of the scenario the wizard does not edit (description, allowReturns...). */
  keep: Partial<ScenarioInput>;
}

/** A policy's parameters as the stage cards show them: field, label (words first, symbol second), integer?, choices for a select, a hint. */
export type { PolicyField };

/** Each policy's fields (from its definition, src/policies). */
export const POLICY_FIELDS = Object.fromEntries(POLICY_TYPES.map((t) => [t, POLICIES[t].fields])) as Record<PolicyType, PolicyField[]>;

export const POLICY_LABELS = Object.fromEntries(POLICY_TYPES.map((t) => [t, POLICIES[t].label])) as Record<PolicyType, string>;

/** How a forecast method choice reads in the select. */
export const FORECAST_LABELS: Record<string, string> = { "moving-average": "Moving average", "exp-smoothing": "Exponential smoothing" };

/** The labels of a stage's own fields (the policy's are in POLICY_FIELDS). */
export const STAGE_FIELD_LABELS = {
  name: "Name",
  leadTime: "Lead time (periods)",
  initialInventory: "Initial stock",
  holdingCost: "Holding cost",
  backlogCost: "Backlog cost",
} as const;

/** The label of a stage field key ("stages.2.policy.window" -> "Window (p periods)"), for messages. */
export function stageFieldLabel(form: WizardForm, field: string): string {
  const [, idx, key, sub] = field.split(".");
  const st = form.stages[Number(idx)];
  if (key === "policy") return (st && POLICY_FIELDS[st.policy].find((f) => f.key === sub)?.label) ?? sub;
  if (key === "pushPlan") return `Push plan, ${PUSH_PLAN_FIELDS.find((f) => f.key === sub)?.label ?? sub}`;
  return (STAGE_FIELD_LABELS as Record<string, string>)[key] ?? key;
}

/** Field key -> wizard step (1..5), for messages and for "Next". */
export function stepOf(field: string): number {
  if (field.startsWith("network.")) return 1;
  if (field.startsWith("demand.")) return 2;
  if (field.startsWith("stages.")) return 3;
  if (field.startsWith("levers.")) return 4;
  return 5;
}

export type FieldErrors = Record<string, string>;

export interface Converted {
  /** The scenario document, when every number parsed (it may still fail validation). */
  input: ScenarioInput | null;
  /**
   * The document with the text of unparsed numbers left in place: validating it reports the other
   * fields' problems too (the unparsed ones already have their message).
   */
  draft: ScenarioInput;
  /** Messages per field key ("stages.2.leadTime", "demand.mean", ...). */
  fields: FieldErrors;
  /** Messages that belong to no single field. */
  general: string[];
}

const MIN_HISTORY = 8;

/** Parses the user's numbers, validates the history, and assembles the scenario document. */
export function formToScenario(form: WizardForm): Converted {
  const fields: FieldErrors = {};
  let bad = false;
  /** The number, or (after recording the message) the raw text, which validation will then reject. */
  const num = (key: string, text: string, opts: { integer?: boolean; optional?: boolean } = {}): number | undefined => {
    const t = text.trim();
    if (t === "") {
      if (!opts.optional) {
        fields[key] = "Enter a value.";
        bad = true;
        return t as unknown as number;
      }
      return undefined;
    }
    const v = Number(t);
    if (!Number.isFinite(v) || (opts.integer && !Number.isInteger(v))) {
      fields[key] = opts.integer ? "Enter a whole number." : "Enter a number.";
      bad = true;
      return t as unknown as number;
    }
    return v;
  };

  const d = form.demand;
  let demand: DemandSpec;
  if (d.kind === "normal") demand = { distribution: "normal", mean: num("demand.mean", d.mean)!, sd: num("demand.sd", d.sd)! };
  else if (d.kind === "poisson") demand = { distribution: "poisson", mean: num("demand.mean", d.mean)! };
  else if (d.kind === "step") {
    demand = {
      distribution: "step",
      before: num("demand.before", d.before)!,
      after: num("demand.after", d.after)!,
      at: num("demand.at", d.at, { integer: true })!,
    };
    const sd = num("demand.stepSd", d.stepSd, { optional: true });
    if (sd !== undefined) demand.sd = sd;
  } else {
    const problem = historyProblem(d.history?.values ?? null);
    if (problem) {
      fields["demand.history"] = problem;
      bad = true;
    }
    demand = { distribution: "series", values: d.history?.values.slice() ?? [] };
  }
  const seed = num("demand.seed", d.seed, { integer: true });

  const L = form.levers;
  const caseSize = num("levers.caseSize", L.caseSize, { optional: true });
  const orderEvery = num("levers.orderEvery", L.orderEvery, { integer: true, optional: true });
  const gaming = num("levers.gamingFactor", L.gamingFactor, { optional: true });
  const forwardBuy = num("levers.forwardBuy", L.forwardBuy, { optional: true });
  const promoPeriods = parsePeriods(L.promotionPeriods);
  if (promoPeriods === null) {
    fields["levers.promotionPeriods"] = "Enter period numbers separated by commas, e.g. 10, 20, 30.";
    bad = true;
  }
  if (promoPeriods && promoPeriods.length > 0 && forwardBuy === undefined && !fields["levers.forwardBuy"]) {
    fields["levers.forwardBuy"] = "Enter how many periods of demand a promotion buys ahead.";
    bad = true;
  }

  const serial = form.network.preset !== "one-n";
  const n = form.stages.length;
  const top = serial ? n - 1 : 0;
  const faces = (k: number) => (serial ? k === 0 : k > 0);
  const boundary = serial ? parseBoundary(L.pushPullBoundary) : undefined;
  if (boundary !== undefined && !(boundary >= 0 && boundary < n)) {
    fields["levers.pushPullBoundary"] = "Choose a stage of the chain, or none.";
    bad = true;
  }
  const role = (k: number) => pushRole(boundary !== undefined && boundary < n ? boundary : undefined, n, k);
  // The levers act on orders: the stages that push, and the boundary, place none (validate.ts refuses them there).
  const orders = (k: number) => role(k) === "pulls";
  if (!orders(0)) {
    const pure = `With pure push (the boundary at ${form.stages[0]?.name.trim() || "stage 1"}) no stage orders`;
    const set: [string, boolean][] = [
      ["levers.caseSize", caseSize !== undefined],
      ["levers.orderEvery", orderEvery !== undefined && orderEvery !== 1],
      ["levers.gamingFactor", gaming !== undefined && gaming !== 1],
      ["levers.promotionPeriods", !!promoPeriods && promoPeriods.length > 0],
      ["levers.vmi", L.vmi],
    ];
    for (const [key, on] of set) {
      if (on && !fields[key]) {
        fields[key] = `${pure}: ${key === "levers.vmi" ? "turn this off" : "leave this blank"}, or move the push-pull boundary.`;
        bad = true;
      }
    }
  }
  const stages: StageInput[] = form.stages.map((sf, k) => {
    const p = `stages.${k}`;
    if (sf.name.trim() === "") {
      fields[`${p}.name`] = "Enter a name.";
      bad = true;
    }
    const leadTime = num(`${p}.leadTime`, sf.leadTime, { integer: true });
    const initialInventory = num(`${p}.initialInventory`, sf.initialInventory);
    const holdingCost = num(`${p}.holdingCost`, sf.holdingCost);
    const backlogCost = num(`${p}.backlogCost`, sf.backlogCost);
    const policy: Record<string, unknown> = { ...sf.keepPolicy, type: sf.policy };
    for (const f of POLICY_FIELDS[sf.policy]) {
      const text = sf.params[f.key] ?? "";
      if (f.choices) policy[f.key] = text || f.choices[0];
      else {
        const optional = !POLICIES[sf.policy].schema.required?.includes(f.key); // a default fills it
        const v = num(`${p}.policy.${f.key}`, text, { integer: f.integer, optional });
        if (v !== undefined) policy[f.key] = v;
      }
    }
    const st: StageInput = {
      ...sf.keep,
      name: sf.name.trim(),
      leadTime: leadTime!,
      initialInventory: initialInventory!,
      holdingCost: holdingCost!,
      backlogCost: backlogCost!,
      policy: policy as unknown as Policy,
    };
    delete st.caseSize;
    delete st.orderEvery;
    delete st.shortageGaming;
    delete st.promotion;
    delete st.vmi;
    delete st.pushPlan;
    if (!orders(k)) {
      // Ordering fields the wizard does not show (the beer game's first fixed orders, its order delays) do not apply either.
      delete st.orderPhase;
      delete st.fixedOrderPeriods;
      if (role(k) === "pushes" && st.orderDelay) st.orderDelay = 0;
    } else {
      if (caseSize !== undefined) st.caseSize = caseSize;
      if (orderEvery !== undefined && orderEvery !== 1) st.orderEvery = orderEvery;
      if (gaming !== undefined && gaming !== 1 && k !== top) st.shortageGaming = { factor: gaming };
      if (faces(k) && promoPeriods && promoPeriods.length > 0 && forwardBuy !== undefined)
        st.promotion = { periods: promoPeriods, forwardBuy };
      if (L.vmi && faces(k)) st.vmi = true;
    }
    if (sf.hasPushPlan || pushPlanEdited(sf.pushPlan)) st.pushPlan = pushPlanOf(sf.pushPlan, `${p}.pushPlan`, num);
    return st;
  });

  const O = form.output;
  const periods = num("output.periods", O.periods, { integer: true });
  const warmup = num("output.warmup", O.warmup, { integer: true, optional: true });
  const replications = num("output.replications", O.replications, { integer: true });
  if (typeof replications === "number" && (replications < 1 || replications > MAX_REPLICATIONS)) {
    fields["output.replications"] = `Enter 1 to ${grouped(MAX_REPLICATIONS)} replications.`;
  }
  if (O.name.trim() === "") fields["output.name"] = "Enter a name for the scenario.";
  if (d.kind === "history" && typeof periods === "number" && d.history && periods > d.history.values.length) {
    fields["output.periods"] = `Your history has ${d.history.values.length} periods: simulate at most that many.`;
  }
  if (O.compare === "levers" && O.levers.length === 0) fields["output.levers"] = "Choose at least one lever to compare, or no comparison.";
  if (O.compare === "sweep") sweepValues(O, fields);

  const draft: ScenarioInput = {
    ...form.keep,
    name: O.name.trim(),
    network: serial ? "serial" : "distribution",
    periods: periods!,
    warmup: warmup ?? 0,
    replications: replications ?? 1,
    seed: seed!,
    informationSharing: L.informationSharing,
    demand,
    stages,
  };
  if (boundary !== undefined && !fields["levers.pushPullBoundary"]) draft.pushPullBoundary = boundary;
  if (O.compare === "pushPull") {
    const problem = pushPullProblem(draft);
    if (problem) fields["output.compare"] = `Not available: ${problem}. Choose another comparison.`;
  }
  // The run size the command line refuses, counting every compared scenario (each is simulated in full).
  if (typeof periods === "number" && typeof replications === "number" && !fields["output.replications"]) {
    const size = runSizeMessage(periods, stages.length, replications, scenarioCount(form, draft));
    if (size) fields["output.replications"] = size;
  }
  const ok = !bad && Object.keys(fields).length === 0;
  return { input: ok ? draft : null, draft, fields, general: [] };
}

const grouped = (n: number) => n.toLocaleString("en-US");

type NumberParser = (key: string, text: string, opts?: { integer?: boolean; optional?: boolean }) => number | undefined;

/** The push plan of a stage card; blank numbers take the engine's defaults. */
function pushPlanOf(f: PushPlanForm, key: string, num: NumberParser): PushPlan {
  const plan: PushPlan = { forecast: (f.forecast || "moving-average") as PushPlan["forecast"] };
  for (const field of PUSH_PLAN_FIELDS) {
    if (field.key === "forecast") continue;
    const v = num(`${key}.${field.key}`, f[field.key], { integer: field.integer, optional: true });
    if (v !== undefined) (plan as Record<string, unknown>)[field.key] = v;
  }
  return plan;
}

/** null when the run is within the limits of src/sim/limits.ts, else what to enter instead, in a planner's words. */
function runSizeMessage(periods: number, stages: number, replications: number, scenarios: number): string | null {
  // Periods beyond their own limits have the engine's message on the periods field.
  if (periods < 2 || periods > MAX_PERIODS || periods * stages > MAX_STAGE_PERIODS) return null;
  if (runSizeProblem(periods, stages, replications, scenarios) === null) return null;
  const fit = replicationsThatFit(periods, stages, scenarios);
  const what =
    scenarios > 1
      ? `${grouped(periods)} periods, ${stages} stages and ${scenarios} scenarios compared`
      : `${grouped(periods)} periods and ${stages} stages`;
  const advice = fit >= 1 ? `enter at most ${grouped(fit)} replications, or fewer periods` : "use fewer periods or stages";
  return `Too large a run to simulate in about a minute: with ${what}, ${advice}.`;
}

/** null when the history is usable; else what is wrong with it. */
export function historyProblem(values: number[] | null): string | null {
  if (values === null) return "Select the cells that hold your demand history in the workbook, then press Use selection.";
  if (values.length < MIN_HISTORY) return `The history needs at least ${MIN_HISTORY} periods; the selection has ${values.length}.`;
  return null;
}

/**
 * Reads a selected range as a demand history: one column or one row of numbers (blanks at the end
 * ignored). Returns the values or the problem, naming the first bad cell.
 */
export function readHistory(values: unknown[][], address: string): { values: number[] } | { problem: string } {
  const rows = values.length;
  const cols = rows > 0 ? values[0].length : 0;
  if (rows > 1 && cols > 1) return { problem: `Select one column or one row of demand; ${address} has ${rows} rows and ${cols} columns.` };
  const flat = rows > 1 || cols === 1 ? values.map((r) => r[0]) : (values[0] ?? []);
  while (flat.length > 0 && (flat[flat.length - 1] === "" || flat[flat.length - 1] === null)) flat.pop();
  const out: number[] = [];
  for (let i = 0; i < flat.length; i++) {
    const v = flat[i];
    if (typeof v !== "number" || !Number.isFinite(v)) {
      return {
        problem: `Demand history must hold numbers only: value ${i + 1} of ${address} is ${v === "" ? "blank" : JSON.stringify(v)}.`,
      };
    }
    if (v < 0) return { problem: `Demand cannot be negative: value ${i + 1} of ${address} is ${v}.` };
    out.push(v);
  }
  const problem = historyProblem(out);
  return problem ? { problem } : { values: out };
}

/** "10, 20,30" -> [10, 20, 30]; "" -> []; null when not a list of whole numbers. */
export function parsePeriods(text: string): number[] | null {
  const t = text.trim();
  if (t === "") return [];
  const parts = t.split(/[,;\s]+/).filter(Boolean);
  const out = parts.map(Number);
  return out.every((v) => Number.isInteger(v) && v >= 0) ? [...new Set(out)] : null;
}

export const MAX_SWEEP_POINTS = 12;

/** How many values a sweep has (step > 0, to >= from), counted without making them: Infinity when too many to count. */
export function sweepCount(from: number, to: number, step: number): number {
  return Math.floor((to - from + 1e-9) / step) + 1;
}

/** The values of a sweep, or null (with messages in `fields`). */
export function sweepValues(o: WizardForm["output"], fields: FieldErrors = {}): number[] | null {
  const integer = o.sweepParam !== "caseSize";
  const parse = (key: string, text: string) => {
    const v = Number(text.trim());
    if (text.trim() === "" || !Number.isFinite(v) || (integer && !Number.isInteger(v))) {
      fields[key] = integer ? "Enter a whole number." : "Enter a number.";
      return undefined;
    }
    return v;
  };
  const from = parse("output.sweepFrom", o.sweepFrom);
  const to = parse("output.sweepTo", o.sweepTo);
  const step = parse("output.sweepStep", o.sweepStep);
  if (from === undefined || to === undefined || step === undefined) return null;
  if (step <= 0) {
    fields["output.sweepStep"] = "The step must be greater than 0.";
    return null;
  }
  if (to < from) {
    fields["output.sweepTo"] = "The last value must not be below the first.";
    return null;
  }
  // Counted before any value is made: a typed "To" of 1e9 must not build a billion values first.
  const n = sweepCount(from, to, step);
  if (!(n <= MAX_SWEEP_POINTS)) {
    fields["output.sweepTo"] = `At most ${MAX_SWEEP_POINTS} values in a sweep; this one has ${n < 1e15 ? grouped(n) : "far more"}.`;
    return null;
  }
  const values: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = from + i * step;
    const rounded = Math.round(v * 1e9) / 1e9; // 0.1 + 2 x 0.1 is 0.3, not 0.30000000000000004
    values.push(Number.isFinite(rounded) ? rounded : v);
  }
  return values;
}

/**
 * The engine's message for a field, mapped to the wizard's field key: "stages[2].policy.window must
 * be ..." -> ["stages.2.policy.window", "Must be ..."]. The batching, gaming, promotion and VMI
 * fields of a stage are edited on the levers step.
 */
export function fieldOfMessage(message: string): [string | null, string] {
  // The run-size messages start "periods x stages": about the whole run, not the periods alone.
  const whole = message.charAt(0).toUpperCase() + message.slice(1);
  if (/^periods x stages x replications\b/.test(message)) return ["output.replications", whole];
  if (/^periods x stages\b/.test(message)) return ["output.periods", whole];
  const m = /^([A-Za-z$][\w$]*(?:\[\d+\]|\.[A-Za-z$][\w$]*)*)\s+(.*)$/s.exec(message);
  if (!m) return [null, message];
  const path = m[1].replace(/\[(\d+)\]/g, ".$1");
  const text = m[2].charAt(0).toUpperCase() + m[2].slice(1);
  const stage = /^stages\.(\d+)\.(.+)$/.exec(path);
  if (stage) {
    const [, k, rest] = stage;
    if (rest.startsWith("caseSize")) return ["levers.caseSize", text];
    if (rest.startsWith("orderEvery") || rest.startsWith("orderPhase")) return ["levers.orderEvery", text];
    if (rest.startsWith("shortageGaming")) return ["levers.gamingFactor", text];
    if (rest.startsWith("promotion.forwardBuy")) return ["levers.forwardBuy", text];
    if (rest.startsWith("promotion")) return ["levers.promotionPeriods", text];
    if (rest.startsWith("vmi")) return ["levers.vmi", text];
    if (rest.startsWith("pushPlan.")) return [`stages.${k}.${rest.split(".").slice(0, 2).join(".")}`, text];
    const known = ["name", "leadTime", "initialInventory", "holdingCost", "backlogCost"];
    const top = rest.split(".")[0];
    if (known.includes(top)) return [`stages.${k}.${top}`, text];
    if (rest.startsWith("policy.")) return [`stages.${k}.${rest.split(".").slice(0, 2).join(".")}`, text];
    return [`stages.${k}.name`, `${rest}: ${text}`];
  }
  if (path === "stages") return ["network.stageCount", text];
  if (path.startsWith("demand")) {
    const f = path.split(".")[1];
    if (f === "values") return ["demand.history", text];
    return [f ? `demand.${f}` : "demand.mean", text];
  }
  if (path === "seed") return ["demand.seed", text];
  if (path === "pushPullBoundary") return ["levers.pushPullBoundary", text];
  if (path === "name") return ["output.name", text];
  if (["periods", "warmup", "replications"].includes(path)) return [`output.${path}`, text];
  return [null, message];
}

/** Full check: numbers, then the engine's validation, every message on its field in a planner's words. */
export function checkForm(form: WizardForm): Converted {
  const c = formToScenario(form);
  const v = validateScenario(c.draft);
  if (v.ok) {
    // The workbook's size is known from its layout: say so here rather than when Build is pressed.
    const size = c.input ? workbookSize(v.scenario) : null;
    if (size === null) return c;
    return {
      input: null,
      draft: c.draft,
      fields: { ...c.fields, "output.periods": size.charAt(0).toUpperCase() + size.slice(1) },
      general: [],
    };
  }
  const fields: FieldErrors = { ...c.fields };
  const general: string[] = [];
  for (const msg of v.errors) {
    const [mapped, text] = fieldOfMessage(msg);
    // A step's noise is its own field: the normal distribution's sd keeps its value when the kind changes.
    const field = mapped === "demand.sd" && form.demand.kind === "step" ? "demand.stepSd" : mapped;
    if (field === null) general.push(msg);
    else if (!fields[field]) fields[field] = plannerMessage(field, text);
  }
  return { input: null, draft: c.draft, fields, general };
}
