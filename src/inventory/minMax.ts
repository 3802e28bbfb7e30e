/**
 * Min-max (upper/lower control) levels of ARCHITECTURE.md section 6.4:
 *   lower    = mu L + z sigma sqrt(L)
 *   orderQty = ceil(mu L / B) B          (full cases of B units, B = 1 by default)
 *   upper    = orderQty + z sigma sqrt(L)
 */
import { checkNonNegative, checkPositive, checkResult } from "./checks";
import { safetyFactor } from "./safetyStock";

// Relative slack so that mu L / B = 3.0000000000000004 (binary rounding of an exact 3) stays 3 cases.
const CASE_ROUNDING_SLACK = 1e-9;

/** The checks of minMaxInto as one test that does not throw (see eoqInDomain in eoq.ts). */
export function minMaxInDomain(
  mean_demand: number,
  sd_demand: number,
  lead_time: number,
  service_level: number,
  case_size?: number,
): boolean {
  return (
    mean_demand >= 0 &&
    sd_demand >= 0 &&
    lead_time >= 0 &&
    service_level > 0 &&
    service_level < 1 &&
    (case_size === undefined || case_size > 0)
  );
}

/** Zero-allocation variant: writes [lower, orderQty, upper] into out[0..2] and returns out. */
export function minMaxInto(
  out: number[],
  mean_demand: number,
  sd_demand: number,
  lead_time: number,
  service_level: number,
  case_size?: number,
): number[] {
  checkNonNegative(mean_demand, "mean_demand");
  checkNonNegative(sd_demand, "sd_demand");
  checkNonNegative(lead_time, "lead_time");
  const z = safetyFactor(service_level);
  let b = 1;
  if (case_size !== undefined) {
    checkPositive(case_size, "case_size");
    b = case_size;
  }
  const leadDemand = mean_demand * lead_time;
  const safety = z * sd_demand * Math.sqrt(lead_time);
  const cases = leadDemand / b;
  const orderQty = Math.ceil(cases - CASE_ROUNDING_SLACK * Math.max(1, cases)) * b;
  out[0] = checkResult(leadDemand + safety, "MIN_MAX lower level");
  out[1] = checkResult(orderQty, "MIN_MAX order quantity");
  out[2] = checkResult(orderQty + safety, "MIN_MAX upper level");
  return out;
}

/** [lower, orderQty, upper]. */
export function minMax(
  mean_demand: number,
  sd_demand: number,
  lead_time: number,
  service_level: number,
  case_size?: number,
): [number, number, number] {
  const out: [number, number, number] = [0, 0, 0];
  minMaxInto(out, mean_demand, sd_demand, lead_time, service_level, case_size);
  return out;
}
