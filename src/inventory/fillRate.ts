/**
 * Service measures of a continuous-review (r, Q) policy with normal lead-time demand,
 * mean mu L and sd sigma_L = sigma sqrt(L).
 */
import { normCdf, normalLossAt } from "../stats/normal";
import { checkFinite, checkNonNegative, checkPositive, checkResult } from "./checks";

/** The checks of fillRate as one test that does not throw (see eoqInDomain in eoq.ts); reorder_point is finite. */
export function fillRateInDomain(
  mean_demand: number,
  sd_demand: number,
  lead_time: number,
  _reorder_point: number,
  order_qty: number,
): boolean {
  return mean_demand >= 0 && sd_demand >= 0 && lead_time >= 0 && order_qty > 0;
}

/**
 * Type-2 service (fill rate), exact form (Silver, Pyke & Thomas 2016, eq. 6.28):
 *   1 - sigma_L (G(k) - G(k + Q/sigma_L)) / Q,  k = (r - mu L) / sigma_L,
 * i.e. 1 - (expected units short per cycle) / Q. sigma = 0 gives the deterministic shortage
 * max(mu L - r, 0) - max(mu L - r - Q, 0) (normalLossAt handles sd = 0).
 */
export function fillRate(mean_demand: number, sd_demand: number, lead_time: number, reorder_point: number, order_qty: number): number {
  checkNonNegative(mean_demand, "mean_demand");
  checkNonNegative(sd_demand, "sd_demand");
  checkNonNegative(lead_time, "lead_time");
  checkFinite(reorder_point, "reorder_point");
  checkPositive(order_qty, "order_qty");
  const mu = mean_demand * lead_time;
  const sd = sd_demand * Math.sqrt(lead_time);
  const shortPerCycle = normalLossAt(reorder_point, mu, sd) - normalLossAt(reorder_point + order_qty, mu, sd);
  return checkResult(1 - shortPerCycle / order_qty, "fill rate");
}

/**
 * Type-1 service (cycle service level): P(lead-time demand <= r) = Phi((r - mu L) / sigma_L);
 * 1 or 0 when the lead-time demand is deterministic (Chopra & Meindl, ch. 12).
 */
export function cycleServiceLevel(mean_demand: number, sd_demand: number, lead_time: number, reorder_point: number): number {
  checkNonNegative(mean_demand, "mean_demand");
  checkNonNegative(sd_demand, "sd_demand");
  checkNonNegative(lead_time, "lead_time");
  checkFinite(reorder_point, "reorder_point");
  const mu = mean_demand * lead_time;
  const sd = sd_demand * Math.sqrt(lead_time);
  if (sd === 0) return reorder_point >= mu ? 1 : 0;
  return checkResult(normCdf((reorder_point - mu) / sd), "cycle service level");
}
