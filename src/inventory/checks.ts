/**
 * Argument checks shared by the engine's scalar functions. They allocate nothing on the success
 * path (the message, and the "(store 3)" label, are built only when a check fails), so they can run
 * once per row over 100,000-row ranges.
 */
import { DomainError } from "../errors";

/** Label of an argument, with the 1-based item index for per-store arguments. */
const label = (name: string, index: number): string => (index < 0 ? name : `${name} (store ${index + 1})`);

/** Failure path for a value that is not a finite number: missing or text -> "value", NaN/Infinity -> "num". */
function rejectNonFinite(x: unknown, name: string, index: number): never {
  if (x === undefined || x === null) throw new DomainError("value", `${label(name, index)} is required`);
  if (typeof x !== "number") throw new DomainError("value", `${label(name, index)} must be a number`);
  throw new DomainError("num", `${label(name, index)} must be a finite number`);
}

/** Any finite number. */
export function checkFinite(x: number, name: string, index = -1): void {
  if (!Number.isFinite(x)) rejectNonFinite(x, name, index);
}

/** x >= 0. */
export function checkNonNegative(x: number, name: string, index = -1): void {
  if (!(x >= 0 && x < Infinity)) {
    if (!Number.isFinite(x)) rejectNonFinite(x, name, index);
    throw new DomainError("num", `${label(name, index)} must be >= 0`);
  }
}

/** x > 0. */
export function checkPositive(x: number, name: string, index = -1): void {
  if (!(x > 0 && x < Infinity)) {
    if (!Number.isFinite(x)) rejectNonFinite(x, name, index);
    throw new DomainError("num", `${label(name, index)} must be > 0`);
  }
}

/** 0 < x < 1 (a probability such as a service level). */
export function checkOpenUnit(x: number, name: string): void {
  if (!(x > 0 && x < 1)) {
    if (!Number.isFinite(x)) rejectNonFinite(x, name, -1);
    throw new DomainError("num", `${name} must be between 0 and 1 (exclusive)`);
  }
}

/** Integer >= min. */
export function checkIntegerAtLeast(x: number, min: number, name: string): void {
  if (!(Number.isInteger(x) && x >= min)) {
    if (!Number.isFinite(x)) rejectNonFinite(x, name, -1);
    throw new DomainError("num", `${name} must be an integer >= ${min}`);
  }
}

/** A computed result must be finite: overflow from extreme inputs becomes #NUM!, never NaN/Infinity. */
export function checkResult(x: number, what: string): number {
  if (!Number.isFinite(x)) throw new DomainError("num", `${what} is not a finite number: the inputs are out of range`);
  return x;
}
