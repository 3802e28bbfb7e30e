/**
 * Safety stock and reorder point for normally distributed demand, with optional lead-time
 * variability and a periodic review period (Chopra & Meindl, Supply Chain Management, ch. 12):
 *   ss = z sqrt((L + R) sigma^2 + mu^2 sigma_L^2),  z = Phi^-1(service_level)
 *   reorder point (order-up-to level when R > 0) = mu (L + R) + ss.
 */
import { DomainError, OUT_OF_DOMAIN } from "../errors";
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

const MEAN_DEMAND_REQUIRED = new DomainError("value", "mean_demand is required when sd_lead_time > 0");

/**
 * The checks of safetyStock as one test that does not throw (see eoqInDomain): undefined inside the
 * domain, else the error safetyStock throws (every #NUM! check comes before its one #VALUE!).
 */
export function safetyStockDomainError(
  sd_demand: number,
  lead_time: number,
  service_level: number,
  mean_demand?: number,
  sd_lead_time?: number,
  review_period?: number,
): DomainError | undefined {
  const inDomain =
    sd_demand >= 0 &&
    lead_time >= 0 &&
    service_level > 0 &&
    service_level < 1 &&
    (review_period === undefined || review_period >= 0) &&
    (mean_demand === undefined || mean_demand >= 0) &&
    (sd_lead_time === undefined || sd_lead_time >= 0);
  if (!inDomain) return OUT_OF_DOMAIN;
  return sd_lead_time !== undefined && sd_lead_time > 0 && mean_demand === undefined ? MEAN_DEMAND_REQUIRED : undefined;
}

/** The checks of reorderPoint, as safetyStockDomainError. */
export function reorderPointDomainError(
  mean_demand: number,
  sd_demand: number,
  lead_time: number,
  service_level: number,
  sd_lead_time?: number,
  review_period?: number,
): DomainError | undefined {
  return mean_demand >= 0
    ? safetyStockDomainError(sd_demand, lead_time, service_level, mean_demand, sd_lead_time, review_period)
    : OUT_OF_DOMAIN;
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
      if (mean_demand === undefined) throw MEAN_DEMAND_REQUIRED;
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
