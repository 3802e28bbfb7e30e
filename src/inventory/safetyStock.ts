/**
 * Safety stock and reorder point for normally distributed demand, with optional lead-time
 * variability and a periodic review period (Chopra & Meindl, Supply Chain Management, ch. 12):
 *   ss = z sqrt((L + R) sigma^2 + mu^2 sigma_L^2),  z = Phi^-1(service_level)
 *   reorder point (order-up-to level when R > 0) = mu (L + R) + ss.
 */
import { DomainError } from "../errors";
import { normInv } from "../stats/normal";
import { checkNonNegative, checkOpenUnit, checkResult } from "./checks";

// Excel fills one service level down a whole column: remember the last z instead of inverting
// Phi 100,000 times. Two module-level numbers, no allocation.
let lastServiceLevel = NaN;
let lastZ = NaN;

/** z = Phi^-1(service_level), service_level in (0, 1). */
export function safetyFactor(service_level: number): number {
  if (service_level !== lastServiceLevel) {
    checkOpenUnit(service_level, "service_level");
    lastZ = normInv(service_level);
    lastServiceLevel = service_level;
  }
  return lastZ;
}

export function safetyStock(
  sd_demand: number,
  lead_time: number,
  service_level: number,
  mean_demand?: number,
  sd_lead_time?: number,
  review_period?: number,
): number {
  checkNonNegative(sd_demand, "sd_demand");
  checkNonNegative(lead_time, "lead_time");
  const z = safetyFactor(service_level);
  let exposure = lead_time;
  if (review_period !== undefined) {
    checkNonNegative(review_period, "review_period");
    exposure += review_period;
  }
  let variance = exposure * sd_demand * sd_demand;
  if (mean_demand !== undefined) checkNonNegative(mean_demand, "mean_demand");
  if (sd_lead_time !== undefined) {
    checkNonNegative(sd_lead_time, "sd_lead_time");
    if (sd_lead_time > 0) {
      if (mean_demand === undefined) {
        throw new DomainError("value", "mean_demand is required when sd_lead_time > 0");
      }
      variance += mean_demand * mean_demand * sd_lead_time * sd_lead_time;
    }
  }
  return checkResult(z * Math.sqrt(variance), "safety stock");
}

export function reorderPoint(
  mean_demand: number,
  sd_demand: number,
  lead_time: number,
  service_level: number,
  sd_lead_time?: number,
  review_period?: number,
): number {
  checkNonNegative(mean_demand, "mean_demand");
  const ss = safetyStock(sd_demand, lead_time, service_level, mean_demand, sd_lead_time, review_period);
  const exposure = review_period === undefined ? lead_time : lead_time + review_period;
  return checkResult(mean_demand * exposure + ss, "reorder point");
}
