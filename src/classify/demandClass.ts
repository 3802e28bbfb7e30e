/**
 * Demand classification of Syntetos, Boylan & Croston (2005, "On the categorization of demand
 * patterns", JORS 56: 495-503): the average inter-demand interval ADI and the squared coefficient of
 * variation CV^2 of the non-zero demand sizes, cut at ADI 1.32 and CV^2 0.49 into smooth, erratic,
 * intermittent and lumpy demand.
 *
 * Definitions, as R's tsintermittent::idclass (Kourentzes) computes them, and Nixtla statsforecast's
 * `_intervals` (its Croston family) counts the intervals:
 * - the intervals are the periods from one non-zero demand to the next, the first counted from the
 *   start of the series (a demand in period 1 has interval 1); ADI is their mean, which is
 *   (position of the last non-zero demand) / (number of non-zero demands). Zeros after the last demand
 *   close no interval and do not count (the common shortcut periods / non-zero periods counts them);
 * - CV^2 = (s / mean)^2 of the non-zero demand sizes, s the SAMPLE standard deviation (n - 1, R's sd());
 *   it needs at least two non-zero demands;
 * - the boundaries belong to the less intermittent side, as in idclass (SBA when p > 1.32 or CV^2 > 0.49):
 *   ADI exactly 1.32 is smooth or erratic, CV^2 exactly 0.49 smooth or intermittent.
 */
import { DomainError } from "../errors";
import { checkResult } from "../inventory/checks";

export const ADI_CUTOFF = 1.32;
export const CV2_CUTOFF = 0.49;

export type DemandClassName = "smooth" | "erratic" | "intermittent" | "lumpy";

export interface DemandProfile {
  /** Average inter-demand interval (periods). */
  adi: number;
  /** Squared coefficient of variation of the non-zero demands; undefined with fewer than two of them. */
  cv2: number | undefined;
  /** Number of non-zero demands. */
  nonZero: number;
}

/** Why a series has no CV^2 (exactly one non-zero demand): the message of its #N/A. */
export const ONE_DEMAND_MESSAGE = "history has one non-zero demand: CV^2 of the demand sizes needs at least two (the class is undefined)";

/** Demand of period t (0-based) must be a finite number >= 0; DomainError "num" naming the period otherwise. */
export function checkDemand(v: number, t: number): void {
  if (!(v >= 0 && v < Infinity)) {
    if (Number.isFinite(v)) throw new DomainError("num", `history has a negative value at period ${t + 1}: demand must be >= 0`);
    throw new DomainError("num", `history must contain only finite numbers (period ${t + 1})`);
  }
}

/**
 * ADI, CV^2 and the count of non-zero demands of x[0..n-1] (demand per period, oldest first).
 * Throws DomainError "num" for a negative or non-finite value, "na" when no period has demand.
 */
export function demandProfile(x: ArrayLike<number>, n: number = x.length): DemandProfile {
  let k = 0;
  let last = -1;
  let sum = 0;
  for (let t = 0; t < n; t++) {
    const v = x[t];
    checkDemand(v, t);
    if (v !== 0) {
      k++;
      last = t;
      sum += v;
    }
  }
  if (k === 0) throw new DomainError("na", "history has no demand (every period is 0): ADI and the class are undefined");
  const adi = (last + 1) / k;
  if (k < 2) return { adi, cv2: undefined, nonZero: k };
  const mean = sum / k;
  let ss = 0;
  for (let t = 0; t <= last; t++) {
    const v = x[t];
    if (v !== 0) ss += (v - mean) * (v - mean);
  }
  const cv2 = checkResult(ss / (k - 1) / (mean * mean), "CV^2");
  return { adi, cv2, nonZero: k };
}

/** The class of an (ADI, CV^2) pair; the cut-offs default to Syntetos, Boylan & Croston's. */
export function classifyDemand(adi: number, cv2: number, adiCutoff = ADI_CUTOFF, cv2Cutoff = CV2_CUTOFF): DemandClassName {
  const intermittent = adi > adiCutoff;
  const variable = cv2 > cv2Cutoff;
  if (intermittent) return variable ? "lumpy" : "intermittent";
  return variable ? "erratic" : "smooth";
}

/** ADI, CV^2 and the class; throws "na" also when there is a single non-zero demand (no CV^2). */
export function demandClass(x: ArrayLike<number>, n: number = x.length): { adi: number; cv2: number; demandClass: DemandClassName } {
  const p = demandProfile(x, n);
  if (p.cv2 === undefined) throw new DomainError("na", ONE_DEMAND_MESSAGE);
  return { adi: p.adi, cv2: p.cv2, demandClass: classifyDemand(p.adi, p.cv2) };
}
