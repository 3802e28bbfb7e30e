/**
 * Push and pull in the wizard: the push-pull boundary and each stage's push plan as the form holds
 * them (text), the role of a stage, and the "Push vs pull" comparison. The comparison's scenarios
 * are the engine's (pushPullVariants, src/sim/pushPull.ts); this file only names the baseline among them.
 */
import { PUSH_PLAN_DEFAULTS as ENGINE_DEFAULTS } from "../../src/policies/push";
import { pushPullVariants, pushRole, type PushRole } from "../../src/sim/pushPull";
import type { PushPlan, ScenarioInput } from "../../src/sim/types";
import { validateScenario } from "../../src/sim/validate";

/** A push plan as the stage card shows it: text, so that a half-typed value can be shown. */
export interface PushPlanForm {
  forecast: string;
  window: string;
  alpha: string;
  infoLag: string;
}

/** The engine's defaults (src/policies/push.ts), as the card shows them. */
export const PUSH_PLAN_DEFAULTS: PushPlanForm = {
  forecast: ENGINE_DEFAULTS.forecast,
  window: String(ENGINE_DEFAULTS.window),
  alpha: String(ENGINE_DEFAULTS.alpha),
  infoLag: String(ENGINE_DEFAULTS.infoLag),
};

/** The push plan's fields in card order: label (words first, symbol second), integer?, hint. */
export const PUSH_PLAN_FIELDS: { key: keyof PushPlanForm; label: string; integer?: boolean; hint: string }[] = [
  { key: "forecast", label: "Forecast of customer demand", hint: "What the stage ships each period: its forecast of what customers buy." },
  { key: "window", label: "Window (p periods)", integer: true, hint: "Periods of customer demand averaged." },
  { key: "alpha", label: "Smoothing (alpha)", hint: "Weight of the newest period, above 0 and at most 1." },
  {
    key: "infoLag",
    label: "Information lag (periods)",
    integer: true,
    hint: "Periods before the stage learns what customers bought; 0: the same period.",
  },
];

export function pushPlanToForm(p: PushPlan | undefined): PushPlanForm {
  const text = (v: unknown, d: string) => (v === undefined ? d : String(v));
  return {
    forecast: text(p?.forecast, PUSH_PLAN_DEFAULTS.forecast),
    window: text(p?.window, PUSH_PLAN_DEFAULTS.window),
    alpha: text(p?.alpha, PUSH_PLAN_DEFAULTS.alpha),
    infoLag: text(p?.infoLag, PUSH_PLAN_DEFAULTS.infoLag),
  };
}

/** The plan differs from the defaults: it must be written even if the scenario had none. */
export const pushPlanEdited = (p: PushPlanForm) => PUSH_PLAN_FIELDS.some((f) => p[f.key].trim() !== PUSH_PLAN_DEFAULTS[f.key]);

/** The boundary's stage index, or undefined (nothing pushes); NaN when the text is not a stage index. */
export function parseBoundary(text: string): number | undefined {
  const t = text.trim();
  if (t === "") return undefined;
  return /^\d{1,3}$/.test(t) ? Number(t) : NaN;
}

export { pushRole, type PushRole };

/** The boundary text after the chain is resized to `stages` stages: cleared when its stage is gone or is the top one. */
export function boundaryAfterResize(text: string, stages: number): string {
  const b = parseBoundary(text);
  return b === undefined || Number.isNaN(b) || b > stages - 2 ? "" : text;
}

/** Why a "Push vs pull" comparison does not apply to this baseline, or null when it does. */
export function pushPullProblem(s: ScenarioInput): string | null {
  if (s.network !== "serial") return "push and pull are compared on a serial chain; a distribution network has no push-pull boundary";
  if (s.stages.length < 2) return "a chain of one stage has nothing to push";
  return null;
}

export interface ComparedScenario {
  label: string;
  scenario: ScenarioInput;
}

/**
 * The scenarios of a "Push vs pull" comparison: the engine's variants, in its order. The baseline
 * is one of them when it runs the same (e.g. the push-vs-pull preset is its own push-pull variant):
 * that one is labelled "(baseline)"; otherwise the baseline comes first, as in the other comparisons.
 */
export function pushPullComparison(baseline: ScenarioInput): ComparedScenario[] {
  const variants = pushPullVariants(baseline);
  const same = variants.findIndex((v) => sameRun(v.scenario, baseline));
  if (same < 0) return [{ label: "Baseline", scenario: baseline }, ...variants];
  return variants.map((v, i) => (i === same ? { label: `${v.label} (baseline)`, scenario: baseline } : v));
}

/** Both scenarios are valid and the same once their defaults are filled in. */
function sameRun(a: ScenarioInput, b: ScenarioInput): boolean {
  const va = validateScenario(a);
  const vb = validateScenario(b);
  return va.ok && vb.ok && canonical(va.scenario) === canonical(vb.scenario);
}

/** JSON with the keys of every object sorted: equal documents give equal text. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === "object" && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([p], [q]) => (p < q ? -1 : p > q ? 1 : 0)))
      : x,
  );
}
