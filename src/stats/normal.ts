/** Standard normal distribution and its loss function, through jStat. */
import { jStat } from "jstat";

/** Standard normal density phi(x). */
export const normPdf = (x: number): number => jStat.normal.pdf(x, 0, 1);

/** Standard normal distribution function Phi(x). */
export const normCdf = (x: number): number => jStat.normal.cdf(x, 0, 1);

/** Phi^-1(p) for p in (0, 1): the safety factor z of a cycle service level. */
// jStat gives -7.7e-17 at 0.5; the median must give z = 0 exactly (as Excel's NORM.S.INV), so a 50%
// service level carries no safety stock rather than a rounding residue.
export const normInv = (p: number): number => (p === 0.5 ? 0 : jStat.normal.inv(p, 0, 1));

/** Standard normal loss G(z) = E[(Z - z)^+] = phi(z) - z (1 - Phi(z)). */
// 1 - Phi(z) is taken as Phi(-z): no cancellation in the right tail.
export const normalLoss = (z: number): number => normPdf(z) - z * normCdf(-z);

/** Loss of N(mean, sd) at x: E[(X - x)^+] = sd G((x - mean) / sd); max(mean - x, 0) when sd = 0. */
export const normalLossAt = (x: number, mean: number, sd: number): number =>
  sd > 0 ? sd * normalLoss((x - mean) / sd) : Math.max(mean - x, 0);
