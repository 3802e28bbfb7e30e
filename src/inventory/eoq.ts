/**
 * Economic order quantity family (Snyder & Shen, Fundamentals of Supply Chain Theory, ch. 3):
 * plain EOQ, planned backorders, finite production rate (EPQ), and all-units quantity discounts.
 */
import { DomainError } from "../errors";
import { checkNonNegative, checkPositive, checkResult } from "./checks";

/**
 * Effective holding cost h' = h * (1 - D/P if P given) * (p/(h+p) if p given).
 * Both EOQ and its cost are the plain-EOQ formulas with h replaced by h'.
 */
function effectiveHolding(
  demand_rate: number,
  order_cost: number,
  holding_cost: number,
  backorder_cost: number | undefined,
  production_rate: number | undefined,
): number {
  checkNonNegative(demand_rate, "demand_rate");
  checkNonNegative(order_cost, "order_cost");
  checkPositive(holding_cost, "holding_cost");
  let h = holding_cost;
  if (backorder_cost !== undefined) {
    checkPositive(backorder_cost, "backorder_cost");
    h *= backorder_cost / (holding_cost + backorder_cost);
  }
  if (production_rate !== undefined) {
    checkPositive(production_rate, "production_rate");
    if (!(production_rate > demand_rate)) {
      throw new DomainError("num", "production_rate must be greater than demand_rate");
    }
    h *= 1 - demand_rate / production_rate;
  }
  return h;
}

/**
 * The domain effectiveHolding checks, as one test that does not throw: the custom functions check a
 * whole column with it, since a thrown error costs more than the formula (test/functions/errorPath
 * checks that the two agree). Arguments are finite numbers, or undefined when omitted.
 */
export function eoqInDomain(
  demand_rate: number,
  order_cost: number,
  holding_cost: number,
  backorder_cost?: number,
  production_rate?: number,
): boolean {
  return (
    demand_rate >= 0 &&
    order_cost >= 0 &&
    holding_cost > 0 &&
    (backorder_cost === undefined || backorder_cost > 0) &&
    (production_rate === undefined || production_rate > demand_rate)
  );
}

/** Q* = sqrt(2 K D / h'). */
export function eoq(
  demand_rate: number,
  order_cost: number,
  holding_cost: number,
  backorder_cost?: number,
  production_rate?: number,
): number {
  const h = effectiveHolding(demand_rate, order_cost, holding_cost, backorder_cost, production_rate);
  return checkResult(Math.sqrt((2 * order_cost * demand_rate) / h), "EOQ");
}

/** The domain of eoqCost, as eoqInDomain. */
export function eoqCostInDomain(
  demand_rate: number,
  order_cost: number,
  holding_cost: number,
  order_qty?: number,
  backorder_cost?: number,
  production_rate?: number,
): boolean {
  return eoqInDomain(demand_rate, order_cost, holding_cost, backorder_cost, production_rate) && (order_qty === undefined || order_qty > 0);
}

/**
 * Annual cost K D/Q + h' Q/2 (purchase cost excluded). With backorders the shortage level is the
 * optimal one for the given Q (fraction h/(h+p) of Q), which is what makes h' exact here.
 * Without order_qty: the cost at Q*, sqrt(2 K D h').
 */
export function eoqCost(
  demand_rate: number,
  order_cost: number,
  holding_cost: number,
  order_qty?: number,
  backorder_cost?: number,
  production_rate?: number,
): number {
  const h = effectiveHolding(demand_rate, order_cost, holding_cost, backorder_cost, production_rate);
  if (order_qty === undefined) return checkResult(Math.sqrt(2 * order_cost * demand_rate * h), "EOQ cost");
  checkPositive(order_qty, "order_qty");
  return checkResult((order_cost * demand_rate) / order_qty + (h * order_qty) / 2, "EOQ cost");
}

/**
 * Optimal stockout fraction of the EOQ with planned backorders, h/(h+p): the fraction of each
 * cycle spent in backorder, and the backorder level as a fraction of Q (Snyder & Shen, sec. 3.5).
 */
export function eoqStockoutFraction(holding_cost: number, backorder_cost: number): number {
  checkPositive(holding_cost, "holding_cost");
  checkPositive(backorder_cost, "backorder_cost");
  return holding_cost / (holding_cost + backorder_cost);
}

/**
 * All-units quantity discount: unit_costs[j] applies to every unit when Q >= breakpoints[j].
 * Annual cost including purchase: D c + K D/Q + i c Q/2. For each price, the EOQ at that price is
 * pushed up to the price's breakpoint when below it; a price whose EOQ lies beyond the next
 * breakpoint is dominated by the next (cheaper) price. Returns [orderQty, annualCost, unitCost].
 */
export function eoqDiscount(
  demand_rate: number,
  order_cost: number,
  carrying_rate: number,
  breakpoints: ArrayLike<number>,
  unit_costs: ArrayLike<number>,
): [number, number, number] {
  checkNonNegative(demand_rate, "demand_rate");
  checkNonNegative(order_cost, "order_cost");
  checkPositive(carrying_rate, "carrying_rate");
  const n = breakpoints.length;
  if (n === 0) throw new DomainError("value", "breakpoints must hold at least one quantity");
  if (unit_costs.length !== n) {
    throw new DomainError("value", "unit_costs must have as many values as breakpoints");
  }
  for (let j = 0; j < n; j++) {
    checkNonNegative(breakpoints[j], "breakpoints");
    checkPositive(unit_costs[j], "unit_costs");
    if (j > 0 && !(breakpoints[j] > breakpoints[j - 1])) {
      throw new DomainError("num", "breakpoints must be strictly ascending");
    }
    if (j > 0 && unit_costs[j] > unit_costs[j - 1]) {
      throw new DomainError("num", "unit_costs must not increase from one breakpoint to the next");
    }
  }
  if (breakpoints[0] !== 0) throw new DomainError("num", "breakpoints must start at 0");

  const kd = order_cost * demand_rate;
  let bestQ = NaN;
  let bestCost = Infinity;
  let bestPrice = NaN;
  for (let j = 0; j < n; j++) {
    const c = unit_costs[j];
    const qStar = Math.sqrt((2 * kd) / (carrying_rate * c));
    if (j + 1 < n && qStar >= breakpoints[j + 1]) continue; // the next price does better
    const q = Math.max(qStar, breakpoints[j]);
    // K D/Q is 0 when K D = 0 (then Q may be 0: order continuously at the first price).
    const cost = demand_rate * c + (kd === 0 ? 0 : kd / q) + (carrying_rate * c * q) / 2;
    if (cost < bestCost) {
      bestCost = cost;
      bestQ = q;
      bestPrice = c;
    }
  }
  checkResult(bestCost, "EOQ_DISCOUNT cost");
  return [checkResult(bestQ, "EOQ_DISCOUNT order quantity"), bestCost, bestPrice];
}
