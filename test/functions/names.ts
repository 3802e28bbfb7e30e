/**
 * The SCM custom functions, from one source for every test that covers them (bundle, readme,
 * properties, functions, errorPath, and the manifest checks): the functions that
 * functions/functions.ts exports. Each exported function is a custom function (its JSDoc
 * @customfunction tag is what the build turns into dist/functions.json; the other exports, the
 * NAME_SPEC objects, are not functions).
 *
 * Why the exports and not dist/functions.json: they are there without a build and cannot be stale,
 * so a suite that calls the adapters directly (readme, properties, functions) sees a new function the
 * moment it is written; and bundle.test.ts checks that the built functions.json lists exactly these
 * names, which catches a function exported without its @customfunction tag (or an old build).
 *
 * A suite with a table per function checks it against this list with missingFrom(), so that a new
 * function fails the suite until the suite covers it, instead of being skipped silently. A suite that
 * calls every function calls it with callFunction (the cancelable ones return a Promise).
 */
import * as F from "../../functions/functions";

/** How the tests call a function: Excel passes 2D arrays, and null for an omitted argument. */
export type Loose = (...args: unknown[]) => unknown[][];
/** A cancelable function: the same arguments, then Excel's CancelableInvocation; a Promise of the cells. */
export type LooseAsync = (...args: unknown[]) => Promise<unknown[][]>;

const exported = F as unknown as Record<string, unknown>;

/** Every SCM function name (= its id in functions.json), sorted. */
export const FUNCTION_NAMES: readonly string[] = Object.keys(exported)
  .filter((name) => typeof exported[name] === "function")
  .sort();

/**
 * The asynchronous, cancelable functions (JSDoc @cancelable; functions.json "options": {"cancelable":
 * true}, which bundle.test.ts checks against this list): they return a Promise and take Excel's
 * invocation after their arguments.
 */
export const CANCELABLE_NAMES: readonly string[] = ["FORECAST", "FORECAST_FIT", "FORECAST_SAFETY_STOCK"];

/** The synchronous functions by name. */
export const FUNCTIONS: Readonly<Record<string, Loose>> = Object.fromEntries(
  FUNCTION_NAMES.filter((name) => !CANCELABLE_NAMES.includes(name)).map((name) => [name, exported[name] as Loose]),
);

/** The cancelable functions by name. */
export const CANCELABLE: Readonly<Record<string, LooseAsync>> = Object.fromEntries(
  CANCELABLE_NAMES.map((name) => [name, exported[name] as LooseAsync]),
);

/** Number of Excel arguments of a function (a cancelable function's invocation is not one). */
export function parameterCount(name: string): number {
  const fn = exported[name] as (...args: unknown[]) => unknown;
  return CANCELABLE_NAMES.includes(name) ? fn.length - 1 : fn.length;
}

/** A stand-in for Excel's CancelableInvocation: cancel() fires what the function set as onCanceled. */
export interface TestInvocation {
  onCanceled?: () => void;
  cancel(): void;
}
export function testInvocation(): TestInvocation {
  const inv: TestInvocation = {
    cancel: () => inv.onCanceled?.(),
  };
  return inv;
}

/**
 * Calls any function the way Excel does, awaited: the arguments (omitted ones null), then for a
 * cancelable function its invocation after every declared argument.
 */
export async function callFunction(name: string, args: readonly unknown[], invocation: object = testInvocation()): Promise<unknown[][]> {
  const fn = exported[name] as (...args: unknown[]) => unknown;
  if (!CANCELABLE_NAMES.includes(name)) return fn(...args) as unknown[][];
  const n = parameterCount(name);
  const padded = args.length >= n ? args.slice(0, n) : [...args, ...new Array(n - args.length).fill(null)];
  return (await fn(...padded, invocation)) as unknown[][];
}

/**
 * The element-wise functions, which broadcast over ranges (README, "Ranges"): those built on a
 * LiftedSpec, exported as NAME_SPEC next to the function.
 */
export const ELEMENTWISE_NAMES: readonly string[] = FUNCTION_NAMES.filter((name) => `${name}_SPEC` in exported);

/** The names of `all` that `covered` leaves out: [] when a suite's table covers every function. */
export function missingFrom(covered: Iterable<string>, all: readonly string[] = FUNCTION_NAMES): string[] {
  const have = new Set(covered);
  return all.filter((name) => !have.has(name));
}
