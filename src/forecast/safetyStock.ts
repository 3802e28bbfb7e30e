/**
 * FORECAST_SAFETY_STOCK (ARCHITECTURE.md section 6.6): z times the sd of the error of the forecast
 * of demand summed over the lead time, under the fitted model (`FittedModel.leadTimeSd`, fit.ts).
 * The lead time is in periods of the history; a fractional one interpolates the variance between
 * the whole periods around it.
 */
import { DomainError } from "../errors";
import { normInv } from "../stats/normal";
import { FittedModel } from "./model";

/** The lead times a model accepts: more would read the lead-time error from too few origins. */
export const MAX_LEAD_TIME = 1000;

/** The argument rules, without throwing (undefined when the arguments are usable). */
export function forecastSafetyStockDomainError(leadTime: number, serviceLevel: number): DomainError | undefined {
  if (!(leadTime > 0 && leadTime <= MAX_LEAD_TIME)) {
    return new DomainError("num", `lead_time must be more than 0 and at most ${MAX_LEAD_TIME} periods (of the history)`);
  }
  if (!(serviceLevel > 0 && serviceLevel < 1)) {
    return new DomainError("num", "service_level must be between 0 and 1, e.g. 0.95 for 95%");
  }
  return undefined;
}

/** z(serviceLevel) times the lead-time error sd; 0 when the model fits the history exactly. */
export function forecastSafetyStock(model: FittedModel, leadTime: number, serviceLevel: number): number {
  const problem = forecastSafetyStockDomainError(leadTime, serviceLevel);
  if (problem) throw problem;
  const ss = normInv(serviceLevel) * model.leadTimeSd(leadTime);
  if (!Number.isFinite(ss)) throw new DomainError("num", "the safety stock is not a finite number (the history is out of range)");
  return ss;
}
