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
 * function fails the suite until the suite covers it, instead of being skipped silently.
 */
import * as F from "../../functions/functions";

/** How the tests call a function: Excel passes 2D arrays, and null for an omitted argument. */
export type Loose = (...args: unknown[]) => unknown[][];

const exported = F as unknown as Record<string, unknown>;

/** Every SCM function name (= its id in functions.json), sorted. */
export const FUNCTION_NAMES: readonly string[] = Object.keys(exported)
  .filter((name) => typeof exported[name] === "function")
  .sort();

/** The functions by name. */
export const FUNCTIONS: Readonly<Record<string, Loose>> = Object.fromEntries(FUNCTION_NAMES.map((name) => [name, exported[name] as Loose]));

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
