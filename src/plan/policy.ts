/**
 * The replenishment policy the planner chooses in the wizard's policy step (or on the command
 * line), and its defaults (ARCHITECTURE.md section 12). One policy for the whole table; a service
 * level column in the table overrides the level by class for its SKU.
 */
import { AbcClass } from "../classify/abc";
import { DomainError } from "../errors";
import { findForecastMethod, FORECAST_METHODS, ForecastMethod } from "../forecast/model";

/** How much to order once a SKU is at or below its reorder point. */
export type OrderRule =
  | { kind: "eoq" } // the economic order quantity, in whole units
  | { kind: "eoq-cases" } // the EOQ rounded up to full cases (the table's case size)
  | { kind: "periods"; periods: number }; // a number of periods of forecast demand

export interface PlanPolicy {
  method: ForecastMethod;
  /** Season length of the history, in periods (52 for weeks in a year, 12 for months); 1 for none. */
  seasonLength: number;
  /** Periods between two planning runs (0: continuous review). The safety stock covers lead time + review period. */
  reviewPeriod: number;
  /** Cycle service level by ABC class, when the table gives none for the SKU. */
  serviceByClass: Record<AbcClass, number>;
  orderRule: OrderRule;
  /** Periods in a year: the holding rate is per year, the history per period. */
  periodsPerYear: number;
}

export const DEFAULT_POLICY: PlanPolicy = {
  method: "auto",
  seasonLength: 52,
  reviewPeriod: 1,
  serviceByClass: { A: 0.98, B: 0.95, C: 0.9 },
  orderRule: { kind: "eoq" },
  periodsPerYear: 52,
};

export const MAX_REVIEW_PERIOD = 520;
export const MAX_PERIODS_OF_SUPPLY = 520;

/** What is wrong with a policy, in words (undefined: usable). */
export function policyProblem(p: PlanPolicy): DomainError | undefined {
  if (!FORECAST_METHODS.includes(p.method)) return new DomainError("value", `method must be one of ${FORECAST_METHODS.join(", ")}`);
  if (!(Number.isInteger(p.seasonLength) && p.seasonLength >= 1 && p.seasonLength <= 520)) {
    return new DomainError(
      "num",
      "season length must be a whole number of periods from 1 to 520 (52 for weekly history, 12 for monthly, 1 for none)",
    );
  }
  if (!(p.reviewPeriod >= 0 && p.reviewPeriod <= MAX_REVIEW_PERIOD)) {
    return new DomainError("num", `review period must be from 0 (continuous review) to ${MAX_REVIEW_PERIOD} periods`);
  }
  for (const c of ["A", "B", "C"] as const) {
    const s = p.serviceByClass[c];
    if (!(s > 0 && s < 1)) return new DomainError("num", `service level for class ${c} must be between 0 and 1, e.g. 0.95 for 95%`);
  }
  if (p.orderRule.kind === "periods" && !(p.orderRule.periods > 0 && p.orderRule.periods <= MAX_PERIODS_OF_SUPPLY)) {
    return new DomainError("num", `periods of supply must be more than 0 and at most ${MAX_PERIODS_OF_SUPPLY}`);
  }
  if (!(p.periodsPerYear > 0 && p.periodsPerYear <= 366))
    return new DomainError("num", "periods per year must be more than 0 and at most 366");
  return undefined;
}

/** The method named by text, or the default. */
export function parseMethod(text: string | undefined): ForecastMethod {
  if (text === undefined || text.trim() === "") return DEFAULT_POLICY.method;
  const m = findForecastMethod(text);
  if (m === undefined) throw new DomainError("value", `method must be one of ${FORECAST_METHODS.join(", ")}; got "${text}"`);
  return m;
}
