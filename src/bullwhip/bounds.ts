/**
 * Closed-form bullwhip ratios Var(orders) / Var(demand) of an order-up-to policy whose target is
 * the forecast over L periods (z = 0, negative orders allowed).
 */
import { DomainError, OUT_OF_DOMAIN } from "../errors";
import { checkFinite, checkIntegerAtLeast, checkNonNegative, checkResult } from "../inventory/checks";

export type BoundMethod = "moving-average" | "exp-smoothing";

/** Method text, case-insensitive: "moving-average" (default; "ma") or "exp-smoothing" ("es"). */
export function parseBoundMethod(text: string | undefined): BoundMethod {
  if (text === undefined) return "moving-average";
  const t = String(text)
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, "-");
  if (t === "" || t === "moving-average" || t === "ma") return "moving-average";
  if (t === "exp-smoothing" || t === "exponential-smoothing" || t === "es") return "exp-smoothing";
  throw new DomainError("value", 'method must be "moving-average" ("ma") or "exp-smoothing" ("es")');
}

/**
 * moving-average over p = forecast_param periods, AR(1) demand with correlation rho (default 0):
 *   1 + (2L/p + 2L^2/p^2)(1 - rho^p)   (Chen, Drezner, Ryan & Simchi-Levi 2000, Theorem 2.2);
 * exp-smoothing with alpha = forecast_param in (0, 1], iid demand only:
 *   1 + 2 alpha L + 2 alpha^2 L^2 / (2 - alpha)   (Chen, Ryan & Simchi-Levi 2000).
 */
export function bullwhipBound(lead_time: number, forecast_param: number, method?: string, rho?: number): number {
  checkNonNegative(lead_time, "lead_time");
  const m = parseBoundMethod(method);
  const L = lead_time;
  if (m === "moving-average") {
    checkIntegerAtLeast(forecast_param, 1, "forecast_param");
    const p = forecast_param;
    let r = 0;
    if (rho !== undefined) {
      checkFinite(rho, "rho");
      if (!(Math.abs(rho) < 1)) throw new DomainError("num", "rho must be between -1 and 1 (exclusive)");
      r = rho;
    }
    const a = L / p;
    return checkResult(1 + (2 * a + 2 * a * a) * (1 - Math.pow(r, p)), "bullwhip bound");
  }
  checkFinite(forecast_param, "forecast_param");
  const alpha = forecast_param;
  if (!(alpha > 0 && alpha <= 1)) {
    throw new DomainError("num", "forecast_param (alpha) must be in (0, 1] with method exp-smoothing");
  }
  if (rho !== undefined && rho !== 0) {
    throw new DomainError("num", "rho must be 0 or omitted with method exp-smoothing (iid demand only)");
  }
  return checkResult(1 + 2 * alpha * L + (2 * alpha * alpha * L * L) / (2 - alpha), "bullwhip bound");
}

/**
 * The checks of bullwhipBound as one test that does not throw (see eoqInDomain in inventory/eoq.ts),
 * given parseBoundMethod's outcome: undefined inside the domain, else the error bullwhipBound throws
 * (lead_time first, then the method).
 */
export function bullwhipBoundDomainError(
  lead_time: number,
  forecast_param: number,
  method: BoundMethod | DomainError,
  rho?: number,
): DomainError | undefined {
  if (!(lead_time >= 0)) return OUT_OF_DOMAIN;
  if (method instanceof DomainError) return method;
  const p = forecast_param;
  const ok =
    method === "moving-average"
      ? Number.isInteger(p) && p >= 1 && (rho === undefined || Math.abs(rho) < 1)
      : p > 0 && p <= 1 && (rho === undefined || rho === 0);
  return ok ? undefined : OUT_OF_DOMAIN;
}

/**
 * AR(1) demand, correlation rho, with the MMSE order-up-to policy covering v + 1 periods
 * (Lee, Padmanabhan & Whang 1997): 1 + 2 rho (1 - rho^(v+1)) (1 - rho^(v+2)) / (1 - rho).
 */
export function mmseAr1Ratio(rho: number, v: number): number {
  checkFinite(rho, "rho");
  if (!(Math.abs(rho) < 1)) throw new DomainError("num", "rho must be between -1 and 1 (exclusive)");
  checkIntegerAtLeast(v, 0, "v");
  return checkResult(1 + (2 * rho * (1 - Math.pow(rho, v + 1)) * (1 - Math.pow(rho, v + 2))) / (1 - rho), "MMSE bullwhip ratio");
}
