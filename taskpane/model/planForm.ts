/**
 * The replenishment-plan wizard's form (ARCHITECTURE.md section 12): the column mapping of the
 * planner's table and the policy as typed (text, so that a half-typed value can be shown and
 * corrected). The rules are the engine's (`policyProblem`, `mappingProblems`); this file parses the
 * fields, maps each engine message to its field, and adds the wizard's own checks (service levels as
 * percentages within the Plan sheet's validation, a history long enough for the chosen method).
 */
import { ColumnMapping, ColumnRole, COLUMN_ROLES } from "../../src/plan/columns";
import { DEFAULT_POLICY, OrderRule, PlanPolicy, policyProblem } from "../../src/plan/policy";
import { MAX_ETS_SEASON } from "../../src/forecast/ets";
import { estimationNeeds } from "../../src/forecast/estimate";
import { SEASONAL_METHODS } from "../../src/forecast/given";
import type { ForecastMethod } from "../../src/forecast/model";
import type { FieldErrors } from "./form";

export type OrderRuleKind = OrderRule["kind"];

/** The policy as typed: numbers as text, service levels in percent. */
export interface PolicyForm {
  method: ForecastMethod;
  seasonLength: string;
  periodsPerYear: string;
  reviewPeriod: string;
  serviceA: string;
  serviceB: string;
  serviceC: string;
  orderRule: OrderRuleKind;
  periodsOfSupply: string;
}

/** The methods in words, the engine's name second where a planner knows it; the order of the list in the wizard. */
export const METHOD_LABELS: Record<ForecastMethod, string> = {
  auto: "Automatic (ETS / SBA)",
  ses: "Simple exponential smoothing",
  holt: "Linear trend (Holt)",
  damped: "Damped trend",
  "holt-winters": "Trend and season, additive (Holt-Winters)",
  "holt-winters-mul": "Trend and season, multiplicative (Holt-Winters)",
  "moving-average": "Moving average",
  naive: "Last period's demand (naive)",
  "seasonal-naive": "Same period last season (seasonal naive)",
  croston: "Intermittent demand (Croston)",
  sba: "Intermittent demand, bias-corrected (SBA)",
  tsb: "Intermittent demand, obsolescence (TSB)",
};

export const ORDER_RULE_LABELS: Record<OrderRuleKind, string> = {
  eoq: "Economic order quantity (EOQ)",
  "eoq-cases": "EOQ rounded up to full cases",
  periods: "Periods of supply",
};

/** The policy fields, in page order, with their labels (for messages and focus). */
export const POLICY_FIELD_LABELS: Record<Exclude<keyof PolicyForm, "orderRule">, string> = {
  method: "Forecasting method",
  seasonLength: "Season length (periods)",
  periodsPerYear: "Periods in a year",
  reviewPeriod: "Review period (periods)",
  serviceA: "Class A (%)",
  serviceB: "Class B (%)",
  serviceC: "Class C (%)",
  periodsOfSupply: "Periods of supply (number of periods)",
};

/** The lowest and highest service level the Plan sheet's cells accept (its data validation). */
export const MIN_SERVICE = 0.5;
export const MAX_SERVICE = 0.9999;

/** "98" for 0.98: percentages without float noise (0.9999 -> "99.99"). */
export const percentText = (x: number): string => String(Math.round(x * 1e6) / 1e4);

export function policyToForm(p: PlanPolicy): PolicyForm {
  return {
    method: p.method,
    seasonLength: String(p.seasonLength),
    periodsPerYear: String(p.periodsPerYear),
    reviewPeriod: String(p.reviewPeriod),
    serviceA: percentText(p.serviceByClass.A),
    serviceB: percentText(p.serviceByClass.B),
    serviceC: percentText(p.serviceByClass.C),
    orderRule: p.orderRule.kind,
    periodsOfSupply: String(p.orderRule.kind === "periods" ? p.orderRule.periods : 4),
  };
}

export const defaultPolicyForm = (): PolicyForm => policyToForm(DEFAULT_POLICY);

/** A number typed by a planner ("1,000" and spaces allowed), or null. */
function parseNumber(text: string): number | null {
  const t = text.trim().replace(/,/g, "");
  if (t === "") return null;
  const x = Number(t);
  return Number.isFinite(x) ? x : null;
}

/** Which field an engine message of policyProblem is about. */
function policyFieldOf(message: string): keyof PolicyForm {
  const m = message.toLowerCase();
  if (m.startsWith("season length")) return "seasonLength";
  if (m.startsWith("review period")) return "reviewPeriod";
  if (m.startsWith("periods of supply")) return "periodsOfSupply";
  if (m.startsWith("periods per year")) return "periodsPerYear";
  const cls = /^service level for class ([abc])/.exec(m);
  if (cls) return `service${cls[1].toUpperCase()}` as keyof PolicyForm;
  return "method";
}

const sentence = (s: string): string => {
  const t = s.charAt(0).toUpperCase() + s.slice(1);
  return /[.!?]$/.test(t) ? t : `${t}.`;
};

export interface CheckedPolicy {
  /** The policy, when every field is usable. */
  policy: PlanPolicy | null;
  errors: FieldErrors;
  /** Advice that does not block building (e.g. a season longer than the history). */
  notes: string[];
}

/**
 * The policy of the form, or a message per field. `historyPeriods` (the columns of the mapped
 * history) checks that the method can forecast from a history that long.
 */
export function checkPolicy(f: PolicyForm, historyPeriods?: number): CheckedPolicy {
  const errors: FieldErrors = {};
  const notes: string[] = [];
  const num = (key: keyof PolicyForm, text: string, integer: boolean, hint: string): number => {
    const x = parseNumber(text);
    if (x === null) errors[key] = `Enter a number: ${hint}`;
    else if (integer && !Number.isInteger(x)) errors[key] = `Enter a whole number: ${hint}`;
    return x ?? NaN;
  };
  const season = num("seasonLength", f.seasonLength, true, "52 for weekly history, 12 for monthly, 1 for none.");
  const perYear = num("periodsPerYear", f.periodsPerYear, false, "52 for weekly history, 12 for monthly.");
  const review = num("reviewPeriod", f.reviewPeriod, false, "1 to plan every period, 0 for continuous review.");
  const service = (key: "serviceA" | "serviceB" | "serviceC", text: string): number => {
    const x = parseNumber(text.replace(/%\s*$/, ""));
    if (x === null) {
      errors[key] = "Enter a percentage, e.g. 95.";
      return NaN;
    }
    // Rounded to the percentage's own digits: 99.99 / 100 is 0.9998999999999999 in binary.
    const s = Math.round(x * 1e8) / 1e10;
    if (!(s >= MIN_SERVICE && s <= MAX_SERVICE)) {
      errors[key] = `Enter a service level from ${percentText(MIN_SERVICE)}% to ${percentText(MAX_SERVICE)}%, e.g. 95.`;
    }
    return s;
  };
  const serviceByClass = { A: service("serviceA", f.serviceA), B: service("serviceB", f.serviceB), C: service("serviceC", f.serviceC) };
  let orderRule: OrderRule = { kind: f.orderRule === "eoq-cases" ? "eoq-cases" : "eoq" };
  if (f.orderRule === "periods") {
    orderRule = {
      kind: "periods",
      periods: num("periodsOfSupply", f.periodsOfSupply, false, "how many periods of demand one order covers, e.g. 4."),
    };
  }
  const policy: PlanPolicy = {
    method: f.method,
    seasonLength: season,
    reviewPeriod: review,
    serviceByClass,
    orderRule,
    periodsPerYear: perYear,
  };
  if (Object.keys(errors).length === 0) {
    // The engine's rules, each message on its field.
    const bad = policyProblem(policy);
    if (bad) errors[policyFieldOf(bad.message)] = sentence(bad.message);
  }
  if (historyPeriods !== undefined && historyPeriods > 0 && !errors.method && !errors.seasonLength && season >= 1) {
    const bad = methodProblem(f.method, season, historyPeriods);
    if (bad) errors[bad.field] = bad.message;
    else if (f.method === "auto" && season > MAX_ETS_SEASON) {
      notes.push(
        `The automatic method considers seasonal models for seasons of 2 to ${MAX_ETS_SEASON} periods: ` +
          `with a season of ${season} it chooses among the models without a season.`,
      );
    } else if (f.method === "auto" && season >= 2 && historyPeriods < 2 * season + 2) {
      notes.push(
        `With ${historyPeriods} periods of history the automatic method cannot estimate a season of ${season} periods ` +
          `(it needs ${2 * season + 2}): it chooses among the models without a season.`,
      );
    }
  }
  return { policy: Object.keys(errors).length === 0 ? policy : null, errors, notes };
}

/**
 * Whether `method` can forecast from a history of `periods` periods with this season, by the
 * engine's own rules (estimationNeeds), said in the wizard's words: what the method needs, and the way out.
 */
export function methodProblem(
  method: ForecastMethod,
  season: number,
  periods: number,
): { field: keyof PolicyForm; message: string } | null {
  if (method === "auto") return null; // chooses a model that fits any history
  const need = estimationNeeds(method, season);
  const name = METHOD_LABELS[method];
  if (need.seasonMin !== undefined && season < need.seasonMin) {
    return {
      field: "seasonLength",
      message: `${name} needs a season of at least ${need.seasonMin} periods: enter the season length of the history.`,
    };
  }
  if (need.seasonMax !== undefined && season > need.seasonMax) {
    return {
      field: "seasonLength",
      message: `${name} estimates a season of at most ${need.seasonMax} periods: enter ${need.seasonMax} or less (12 for monthly history), or choose another method.`,
    };
  }
  if (periods >= need.minPeriods) return null;
  const seasonal = (SEASONAL_METHODS as readonly string[]).includes(method);
  return {
    field: "method",
    message:
      `${name} needs at least ${need.minPeriods} periods of history${seasonal ? ` with a season of ${season}` : ""}; ` +
      `the table's history has ${periods}: ${seasonal ? "choose Automatic, another method, or a shorter season length" : "choose Automatic or another method"}.`,
  };
}

// ---- the column mapping ---------------------------------------------------------------------------

/** A role's column chosen by hand (null: none), or the history's first or last column. */
export function withRole(m: ColumnMapping, role: ColumnRole, col: number | null): ColumnMapping {
  const roles = { ...m.roles };
  if (col === null) delete roles[role];
  else {
    // A column holds one thing: the role that had it lets it go.
    for (const r of COLUMN_ROLES) if (roles[r] === col) delete roles[r];
    roles[role] = col;
  }
  return { ...m, roles };
}

export function withHistory(m: ColumnMapping, end: "first" | "last", col: number | null, width: number): ColumnMapping {
  if (col === null) return { roles: { ...m.roles } };
  const at = Math.max(0, Math.min(width - 1, col));
  const h = m.history ?? { first: at, last: at };
  let first = end === "first" ? at : h.first;
  let last = end === "last" ? at : h.last;
  // Keep the block in order: moving one end past the other moves both.
  if (first > last) [first, last] = end === "first" ? [first, first] : [last, last];
  return { roles: { ...m.roles }, history: { first, last } };
}
