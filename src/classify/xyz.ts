/**
 * XYZ classification: how steady demand per period is, by its coefficient of variation
 * CV = s / mean over the periods of the history (zeros included: a period without demand is demand 0).
 * "X" when CV < x_cv (default 0.5), "Y" when CV < y_cv (default 1.0), else "Z".
 *
 * s is the SAMPLE standard deviation (n - 1), Excel's STDEV.S (and STDEV), as R's sd(), the
 * CV^2 of DEMAND_CLASS and BULLWHIP_RATIO's variances. Some XYZ write-ups use the population standard
 * deviation (STDEV.P) instead; their CV is this one times sqrt((n - 1) / n) (0.957 for 12 periods).
 */
import { DomainError } from "../errors";
import { checkResult } from "../inventory/checks";
import { checkDemand } from "./demandClass";

export type XyzClass = "X" | "Y" | "Z";

export const X_CV_DEFAULT = 0.5;
export const Y_CV_DEFAULT = 1.0;

/** The cut-offs: finite, 0 <= x_cv <= y_cv (x_cv = y_cv leaves no "Y"). */
export function xyzCutoffsDomainError(xCv: number, yCv: number): DomainError | undefined {
  if (!(xCv >= 0 && xCv < Infinity)) return new DomainError("num", "x_cv must be a finite number >= 0");
  if (!(yCv >= 0 && yCv < Infinity)) return new DomainError("num", "y_cv must be a finite number >= 0");
  if (xCv > yCv) return new DomainError("num", "x_cv must be <= y_cv");
  return undefined;
}

/**
 * CV = s / mean of x[0..n-1]. Throws DomainError "num" for a negative or non-finite value, "na" with
 * fewer than two periods or no demand at all (mean 0: the CV is undefined).
 */
export function demandCv(x: ArrayLike<number>, n: number = x.length): number {
  let sum = 0;
  for (let t = 0; t < n; t++) {
    const v = x[t];
    checkDemand(v, t);
    sum += v;
  }
  if (n < 2) throw new DomainError("na", `history needs at least 2 periods for a coefficient of variation (has ${n})`);
  if (sum === 0) throw new DomainError("na", "history has no demand (every period is 0): its coefficient of variation is undefined");
  const mean = sum / n;
  let ss = 0;
  for (let t = 0; t < n; t++) ss += (x[t] - mean) * (x[t] - mean);
  return checkResult(Math.sqrt(ss / (n - 1)) / mean, "the coefficient of variation");
}

/** "X" below xCv, "Y" below yCv, else "Z". */
export function classifyXyz(cv: number, xCv = X_CV_DEFAULT, yCv = Y_CV_DEFAULT): XyzClass {
  if (cv < xCv) return "X";
  return cv < yCv ? "Y" : "Z";
}

/** The XYZ class of a demand history; throws like demandCv and for bad cut-offs. */
export function xyz(x: ArrayLike<number>, n: number = x.length, xCv = X_CV_DEFAULT, yCv = Y_CV_DEFAULT): XyzClass {
  const bad = xyzCutoffsDomainError(xCv, yCv);
  if (bad) throw bad;
  return classifyXyz(demandCv(x, n), xCv, yCv);
}
