/**
 * The wizard settings stored in a workbook beside its scenario, read back. A workbook is untrusted
 * (hand-edited, damaged, or written by another version of the add-in), so every field is checked:
 * what is not usable is left out (the wizard then shows its default) and named for the planner, and
 * the rest is kept.
 */
import { MAX_SERIES_VALUES } from "../../src/sim/limits";
import type { ScenarioInput } from "../../src/sim/types";
import { CompareKind, LeverId, MAX_SWEEP_POINTS, NetworkPreset, SweepParam, sweepCount } from "./form";
import { SWEEP_DEFAULTS, type WizardExtras } from "./presets";

export interface StoredExtras {
  extras: WizardExtras;
  /** The settings left out, in a planner's words, e.g. "the stage to remove in the comparison (...)". */
  ignored: string[];
}

const PRESETS: readonly NetworkPreset[] = ["beer-game", "custom-serial", "one-n", "push-vs-pull"];
const COMPARES: readonly CompareKind[] = ["none", "levers", "sweep", "pushPull"];
const LEVERS: readonly LeverId[] = [
  "informationSharing",
  "vmi",
  "noBatching",
  "noGaming",
  "noPromotions",
  "removeEchelon",
  "shorterLeadTimes",
];
const SWEEP_PARAMS: readonly SweepParam[] = ["leadTime", "window", "caseSize"];
/** Longer than any number a planner types in a sweep field. */
const MAX_SWEEP_TEXT = 40;
/** Longer than any address of a range Excel gives (a sheet name has at most 31 characters). */
const MAX_ADDRESS = 300;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const oneOf = <T extends string>(list: readonly T[], v: unknown): v is T =>
  typeof v === "string" && (list as readonly string[]).includes(v);

/** The settings of `raw` that are usable with `scenario` (the validated scenario stored beside them). */
export function readWizardExtras(raw: unknown, scenario: ScenarioInput): StoredExtras {
  const extras: WizardExtras = {};
  const ignored: string[] = [];
  if (raw === undefined) return { extras, ignored }; // a workbook written by the command line has none
  if (!isObject(raw)) return { extras, ignored: ["all of them (they are not a set of settings)"] };
  const serial = scenario.network === "serial";
  const has = (k: keyof WizardExtras) => Object.prototype.hasOwnProperty.call(raw, k) && raw[k] !== undefined;

  if (has("preset")) {
    const p = raw.preset;
    if (!oneOf(PRESETS, p)) ignored.push("the kind of supply chain (not one the wizard offers)");
    else if ((p === "one-n") === serial) {
      ignored.push(`the kind of supply chain (it does not match the stored ${serial ? "chain" : "distribution network"})`);
    } else extras.preset = p;
  }
  if (has("compare")) {
    if (!oneOf(COMPARES, raw.compare)) ignored.push("what to compare (not the baseline only, levers, a sweep or push vs pull)");
    else if (raw.compare === "pushPull" && !serial) ignored.push("what to compare (push vs pull needs a serial chain)");
    else extras.compare = raw.compare;
  }
  if (has("levers")) {
    if (!Array.isArray(raw.levers)) ignored.push("the levers to compare (not a list of levers)");
    else {
      const known = raw.levers.filter((l): l is LeverId => oneOf(LEVERS, l));
      extras.levers = [...new Set(known)];
      const unknown = raw.levers.length - known.length;
      if (unknown > 0) ignored.push(`${unknown} lever${unknown > 1 ? "s" : ""} to compare that the wizard does not know`);
    }
  }
  if (has("sweepParam")) {
    if (oneOf(SWEEP_PARAMS, raw.sweepParam)) extras.sweepParam = raw.sweepParam;
    else ignored.push("the parameter to sweep (not lead time, forecast window or case size)");
  }
  const sweepFields = [
    ["sweepFrom", "From"],
    ["sweepTo", "To"],
    ["sweepStep", "Step"],
  ] as const;
  for (const [k, label] of sweepFields) {
    if (!has(k)) continue;
    const v = raw[k];
    if (typeof v === "string" && v.length <= MAX_SWEEP_TEXT) extras[k] = v;
    else ignored.push(`the sweep's ${label} value (${typeof v === "string" ? "too long" : "not text"})`);
  }
  // A sweep is counted before the wizard makes its values: a stored range of a billion values is reset.
  const [from, to, step] = [
    extras.sweepFrom ?? SWEEP_DEFAULTS.from,
    extras.sweepTo ?? SWEEP_DEFAULTS.to,
    extras.sweepStep ?? SWEEP_DEFAULTS.step,
  ];
  const [f, t, s] = [from, to, step].map((x) => (x.trim() === "" ? NaN : Number(x)));
  if ([f, t, s].every(Number.isFinite) && s > 0 && t >= f && sweepCount(f, t, s) > MAX_SWEEP_POINTS) {
    ignored.push(`the sweep range (from ${from} to ${to} in steps of ${step}: more than ${MAX_SWEEP_POINTS} values)`);
    delete extras.sweepFrom;
    delete extras.sweepTo;
    delete extras.sweepStep;
  }
  if (has("removeStage")) {
    const v = raw.removeStage;
    const k = typeof v === "string" && /^\d{1,3}$/.test(v) ? Number(v) : NaN;
    // "" is None; else an upstream stage of a chain (stage 0 faces the customers).
    if (v === "" || (serial && k >= 1 && k < scenario.stages.length)) extras.removeStage = v as string;
    else
      ignored.push(`the stage to remove in the comparison (${typeof v === "string" ? "not a stage of this chain" : "not a stage number"})`);
  }
  if (has("history")) {
    const h = storedHistory(raw.history, scenario);
    if ("problem" in h) ignored.push(`the demand history read from the workbook (${h.problem})`);
    else extras.history = h.history;
  }
  return { extras, ignored };
}

/** A stored history (or null, none) with only the fields the wizard uses, else why it is not usable. */
function storedHistory(h: unknown, scenario: ScenarioInput): { history: WizardExtras["history"] } | { problem: string } {
  if (h === null) return { history: null };
  if (!isObject(h)) return { problem: "not a range of cells and its values" };
  const values = h.values;
  if (!Array.isArray(values)) return { problem: "its values are not a list" };
  if (values.length === 0 || values.length > MAX_SERIES_VALUES) {
    return { problem: `it must have 1 to ${MAX_SERIES_VALUES.toLocaleString("en-US")} values` };
  }
  if (!values.every((v) => typeof v === "number" && Number.isFinite(v) && v >= 0)) {
    return { problem: "it holds a value that is not a quantity of 0 or more" };
  }
  if (typeof h.address !== "string" || h.address.length > MAX_ADDRESS) return { problem: "no readable cell address" };
  // The wizard stores the history it built the scenario from: the two are the same demand.
  const d = scenario.demand;
  if (d.distribution === "series" && (d.values.length !== values.length || d.values.some((v, i) => v !== values[i]))) {
    return { problem: "it differs from the stored scenario's demand" };
  }
  return { history: { address: h.address, values: values.slice() } };
}
