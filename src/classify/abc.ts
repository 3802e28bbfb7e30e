/**
 * ABC classification (Pareto analysis) of items by value, e.g. annual usage value = annual demand x
 * unit cost. Items are taken from the largest value down; an item's START share is the value of the
 * items before it over the total. An item that starts below a_share is "A", below b_share "B", else
 * "C": the item that crosses a boundary belongs to the class where it starts, so the A items make up
 * at least a_share of the total value.
 *
 * - Ties: equal values are taken in their order in the input (the earlier first), so that the result
 *   never depends on the sort algorithm; equal values on either side of a boundary can get different
 *   classes.
 * - A start share equal to a boundary (to 12 significant digits: sums of decimal values are not exact
 *   in binary) is past it: [80, 20] with a_share 0.8 gives A, B.
 * - Zero values add nothing and start at 100% of the total: they are always "C".
 * - Values must be finite and >= 0 (the callers check; abcClasses throws otherwise).
 */
import { DomainError } from "../errors";

export type AbcClass = "A" | "B" | "C";
export const ABC_CLASSES: readonly AbcClass[] = ["A", "B", "C"];

export const A_SHARE_DEFAULT = 0.8;
export const B_SHARE_DEFAULT = 0.95;

/** Relative tolerance of the boundary comparisons (see the file comment). */
const BOUNDARY_TOLERANCE = 1e-12;

/** 0 <= a_share <= b_share <= 1. */
export function abcSharesDomainError(aShare: number, bShare: number): DomainError | undefined {
  if (!(aShare >= 0 && aShare <= 1)) return new DomainError("num", "a_share must be between 0 and 1");
  if (!(bShare >= 0 && bShare <= 1)) return new DomainError("num", "b_share must be between 0 and 1");
  if (aShare > bShare) return new DomainError("num", "a_share must be <= b_share");
  return undefined;
}

/**
 * The class of each of values[0..n-1] as 0 (A), 1 (B) or 2 (C), written into out (which may be
 * longer). Throws DomainError "num" for a negative or non-finite value or bad shares.
 */
export function abcClassesInto(
  values: ArrayLike<number>,
  n: number,
  out: Uint8Array,
  aShare = A_SHARE_DEFAULT,
  bShare = B_SHARE_DEFAULT,
): Uint8Array {
  const bad = abcSharesDomainError(aShare, bShare);
  if (bad) throw bad;
  // Neumaier's compensated sum: the total of a million values to the last bit or so.
  let total = 0;
  let comp = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (!(v >= 0 && v < Infinity)) throw new DomainError("num", `value ${i + 1} must be a finite number >= 0`);
    const t = total + v;
    comp += Math.abs(total) >= v ? total - t + v : v - t + total;
    total = t;
  }
  total += comp;
  if (!Number.isFinite(total)) throw new DomainError("num", "the total value is too large to represent");

  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((i, j) => values[j] - values[i] || i - j);

  const tol = BOUNDARY_TOLERANCE * total;
  const aLimit = aShare * total - tol;
  const bLimit = bShare * total - tol;
  let before = 0;
  let beforeComp = 0;
  for (let r = 0; r < n; r++) {
    const i = order[r];
    const start = before + beforeComp;
    out[i] = start < aLimit ? 0 : start < bLimit ? 1 : 2;
    const v = values[i];
    if (v === 0) out[i] = 2;
    const t = before + v;
    beforeComp += Math.abs(before) >= v ? before - t + v : v - t + before;
    before = t;
  }
  return out;
}

/** The classes of values, largest value first as described in the file comment. */
export function abcClasses(values: ArrayLike<number>, aShare = A_SHARE_DEFAULT, bShare = B_SHARE_DEFAULT): AbcClass[] {
  const codes = abcClassesInto(values, values.length, new Uint8Array(values.length), aShare, bShare);
  return Array.from(codes, (c) => ABC_CLASSES[c]);
}
