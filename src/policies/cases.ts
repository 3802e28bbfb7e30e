/**
 * Rounding to full cases, shared by the min-max rule and the engine's case-size lever: a relative
 * slack of 1e-9 (as src/inventory/minMax.ts) so that 2.0000000000000004 cases stay 2.
 */
export const CASE_SLACK = 1e-9;
/** The same slack as a formula literal on the stage sheets. */
export const CASE_SLACK_TEXT = "0.000000001";

// Math functions bound once: a global lookup per call is slow inside vm contexts (jest runs tests
// in one) and costs a property load elsewhere.
const ceil = Math.ceil;
const floor = Math.floor;

/** x rounded up to full cases of b: b ceil(x/b - 1e-9 max(1, |x/b|)). */
export function fullCasesUp(x: number, b: number): number {
  const c = x / b;
  return ceil(c - CASE_SLACK * (c > 1 ? c : c < -1 ? -c : 1)) * b;
}

/** x rounded down to full cases of b: b floor(x/b + 1e-9 max(1, |x/b|)). */
export function fullCasesDown(x: number, b: number): number {
  const c = x / b;
  return floor(c + CASE_SLACK * (c > 1 ? c : c < -1 ? -c : 1)) * b;
}
