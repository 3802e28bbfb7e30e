/**
 * Ordering rules, one pure function each, on the inventory position IP = onHand - backlog + pipeline
 * (pipeline: ordered, not yet received). The engine applies the levers (promotion, non-negativity,
 * gaming, case rounding) after these, in that order.
 */

// Relative slack when rounding to full cases, as in src/inventory/minMax.ts: 2.0000000000000004 cases stay 2.
const CASE_SLACK = 1e-9;

// Math functions bound once: a global lookup per call is slow inside vm contexts (jest runs tests
// in one) and costs a property load elsewhere.
const ceil = Math.ceil;
const floor = Math.floor;

/** x rounded up to full cases of b: b ceil(x/b - 1e-9 max(1, |x/b|)). */
export function fullCasesUp(x: number, b: number): number {
  const c = x / b;
  return ceil(c - CASE_SLACK * (c > 1 ? c : c < -1 ? -c : 1)) * b;
}

/** x rounded down to full cases of b: b floor(x/b + 1e-9 max(1, |x/b|)). */
export function fullCasesDown(x: number, b: number): number {
  const c = x / b;
  return floor(c + CASE_SLACK * (c > 1 ? c : c < -1 ? -c : 1)) * b;
}

/**
 * Order-up-to level S = C F + (z sqrt(C)) sigma: the forecast per period F over the protection
 * period C plus the safety term; zSqrtC = z sqrt(C) is a constant of the stage (exactly 0 when z = 0).
 * The order is S - IP.
 */
export function orderUpToLevel(forecast: number, coverage: number, zSqrtC: number, sigma: number): number {
  return coverage * forecast + zSqrtC * sigma;
}

/** Base stock: order level - IP (passes demand through once IP = level). */
export function baseStockOrder(level: number, position: number): number {
  return level - position;
}

/**
 * (s, Q): when IP <= s, the smallest number n of lots Q with IP + n Q > s: n = floor((s - IP)/Q) + 1,
 * with the case slack so that a quotient one ulp below an integer counts as that integer.
 */
export function sQOrder(position: number, reorderPoint: number, orderQty: number): number {
  if (position > reorderPoint) return 0;
  const lots = (reorderPoint - position) / orderQty;
  return (floor(lots + CASE_SLACK * (lots > 1 ? lots : 1)) + 1) * orderQty;
}

/**
 * The paper's upper/lower (min-max) control: when IP <= lower, order full cases of B so that the
 * stock expected when the order arrives (IP + order - mu C) does not exceed the upper limit:
 * order = B floor((upper + mu C - IP)/B). At IP = lower this is exactly orderQty.
 */
export function minMaxOrder(position: number, lower: number, upper: number, meanOverCoverage: number, caseSize: number): number {
  if (position > lower) return 0;
  return fullCasesDown(upper + meanOverCoverage - position, caseSize);
}

/**
 * Sterman (1989) anchoring and adjustment: O = max(0, Le + alphaS (S' - S - beta SL)), with S the
 * effective inventory onHand - backlog and SL the supply line (pipeline).
 */
export function stermanOrder(
  expectedDemand: number,
  alphaS: number,
  desiredInventory: number,
  effectiveInventory: number,
  beta: number,
  supplyLine: number,
): number {
  const o = expectedDemand + alphaS * (desiredInventory - effectiveInventory - beta * supplyLine);
  return o > 0 ? o : 0;
}
