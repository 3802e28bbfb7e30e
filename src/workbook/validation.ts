/** Data-validation rules of the Inputs sheet's cells, with the prompt and the error in words. */
import type { DataValidation } from "./plan";

export type Validation = Omit<DataValidation, "sheet" | "range">;

export const whole = (min: number, max: number, what: string): Validation => ({
  type: "whole",
  min,
  max,
  prompt: `${what}: a whole number from ${min} to ${max}.`,
  error: `${what} must be a whole number from ${min} to ${max}.`,
});

export const atLeast = (min: number, what: string, max = 1e15): Validation => ({
  type: "decimal",
  min,
  max,
  prompt: `${what}: a number >= ${min}${max < 1e15 ? ` and <= ${max}` : ""}.`,
  error: `${what} must be a number >= ${min}${max < 1e15 ? ` and <= ${max}` : ""}.`,
});

/** A decimal in (0, 1), or (0, 1] with closedAtOne; `at` is the cell the rule is written for. */
export const openUnit = (at: string, what: string, closedAtOne = false): Validation => ({
  type: "custom",
  formula: `AND(ISNUMBER(${at}),${at}>0,${at}${closedAtOne ? "<=" : "<"}1)`,
  prompt: `${what}: a decimal in (0, 1${closedAtOne ? "]" : ")"}.`,
  error: `${what} must be a decimal greater than 0 and ${closedAtOne ? "at most" : "less than"} 1.`,
});

export const switch01 = (what: string, max = 1): Validation => ({
  type: "whole",
  min: 0,
  max,
  prompt: `${what}: 1 = on, 0 = off.`,
  error: `${what} must be 1 (on) or 0 (off).`,
});
