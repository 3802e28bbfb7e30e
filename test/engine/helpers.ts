/** Shared assertions for the engine tests. */
import { DomainError, ErrorKind } from "../../src/errors";

/** |actual - expected| <= tol * |expected| (relative; absolute when expected is 0). */
export function expectRel(actual: number, expected: number, tol = 1e-6): void {
  const scale = expected === 0 ? 1 : Math.abs(expected);
  if (!(Math.abs(actual - expected) <= tol * scale)) {
    throw new Error(`expected ${expected} (rel. tol ${tol}), got ${actual}`);
  }
}

/** |actual - expected| <= tol: for published figures that are rounded (e.g. to whole units). */
export function expectAbs(actual: number, expected: number, tol: number): void {
  if (!(Math.abs(actual - expected) <= tol)) {
    throw new Error(`expected ${expected} +/- ${tol}, got ${actual}`);
  }
}

/** fn throws a DomainError of this kind whose message matches (names the argument and the rule). */
export function expectDomainError(fn: () => unknown, kind: ErrorKind, message: RegExp): void {
  let thrown: unknown;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toBeInstanceOf(DomainError);
  expect((thrown as DomainError).kind).toBe(kind);
  expect((thrown as DomainError).message).toMatch(message);
}
