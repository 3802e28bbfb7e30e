/**
 * What an ordering policy of the simulation is, described once, in one file per policy
 * (this folder; `index.ts` lists them):
 * - its scenario fields as JSON Schema, with their defaults (scenario.schema.json is built from
 *   them, and validation fills the defaults from them);
 * - the numbers the engine packs for a stage (`resolve`) and its ordering rule, a pure function
 *   the engine's step 5 calls;
 * - its rows on the workbook's Inputs sheet and its formulas on the stage sheets;
 * - its fields in the task pane's wizard.
 * The engine's dispatch on the policy is an exhaustive switch (src/sim/engine.ts, `assertNever`):
 * the type-checker names every place a new policy must be handled.
 */
import type { Validation } from "../workbook/validation";

export type ForecastMethod = "moving-average" | "exp-smoothing" | "known";

/** The stage's demand and protection period, from which a policy derives its numbers. */
export interface StageDemand {
  /** Mean and sd per period of the demand the stage faces. */
  mean: number;
  sd: number;
  /** Protection period C = leadTime + orderVisibleAfter + orderEvery - 1. */
  coverage: number;
}

/** Every number the engine uses for a stage's policy (shared with the Inputs sheet). */
export interface PolicyNumbers {
  /** Safety factor normInv(serviceLevel), exactly 0 at 0.5; 0 for policies without one. */
  z: number;
  /** Known demand mean / sd: the policy's own fields, else the stage's demand. */
  knownMean: number;
  knownSd: number;
  /** Forecast before any observation. */
  initialForecast: number;
  /** Step 4: how the stage forecasts its demand signal; `alpha` is the smoothing weight. */
  forecast: ForecastMethod;
  alpha: number;
  /** Length of the moving window the engine keeps (1 when it keeps none). */
  window: number;
  /** sigma is the sample sd of the window (else the known sd). */
  sampleSigma: boolean;
  /** The stage sheet keeps the window (a moving average, or a sample sd at any service level). */
  keepsWindow: boolean;
  /** The rule orders against the echelon inventory position (its own plus its downstream stages'). */
  echelon: boolean;
  /** The rule's parameters, in the order its engine case reads them. */
  params: [number, number, number, number];
}

/** Room the stage sheet leaves for an edited parameter (register widths). */
export interface SheetRoom {
  window: number;
}

/** A row of the Inputs sheet: an input (a yellow cell with a workbook name) or a derived formula. */
export interface PolicyRow<P> {
  /** Workbook name key: SCM_<key>_<stage>. Rows of several policies with one key are one row. */
  key: string;
  label: string;
  help: string;
  kind: "input" | "derived";
  /** Input rows: the number written (the engine's). */
  value?: (p: P, n: PolicyNumbers) => number;
  /** Derived rows: the formula, from this stage's Inputs names. */
  formula?: (name: (key: string) => string) => string;
  /** `at` is the cell the rule is written for. */
  validation?: (at: string, p: P, room: SheetRoom) => Validation;
  numFmt: string;
}

/** Columns of a stage sheet a policy's formulas read. */
export type PolicyColumn =
  "signal" | "forecast" | "sigma" | "onHand" | "backlog" | "supplyLine" | "position" | "echelonPosition" | "target";

/** References a policy's formulas are written with, for one period's row. */
export interface SheetRefs {
  /** This stage's Inputs name: n("Window") -> SCM_Window_2. */
  n(key: string): string;
  /** This period's cell of a column, and the previous period's. */
  cur(col: PolicyColumn): string;
  prev(col: PolicyColumn): string;
  /** The moving window of the demand signal in this row (when numbers.keepsWindow). */
  window: string;
}

/** The policy's columns of the stage sheets, mirroring its engine steps operation for operation. */
export interface PolicySheet<P> {
  /** Step 4: the forecast per period. */
  forecast(p: P, x: SheetRefs): string;
  /** The sigma column, for a policy whose safety term uses an sd. */
  sigma?(p: P, x: SheetRefs): string;
  /** Step 5: the policy's level, and its order before the levers. */
  target(p: P, x: SheetRefs): string;
  order(p: P, x: SheetRefs): string;
}

/** A field of the wizard's stage card: label in words, symbol second. */
export interface PolicyField {
  key: string;
  label: string;
  integer?: boolean;
  choices?: string[];
  hint?: string;
  /** Value when a stage switches to this policy, from its mean demand (default: the schema's default). */
  start?: (meanDemand: number) => number;
}

/** JSON Schema of the policy's fields besides `type`. */
export interface PolicySchema {
  required?: string[];
  properties: Record<string, Record<string, unknown>>;
}

export interface PolicyDefinition<P extends { type: string }> {
  type: P["type"];
  /** The wizard's name for it. */
  label: string;
  /** The Inputs sheet's "Ordering policy" cell. */
  describe(p: P): string;
  schema: PolicySchema;
  /** A rule beyond the schema, on the policy with its defaults: a message starting with the field name, or null. */
  check?(p: P): string | null;
  /** The policy rounds its own orders to cases (then the stage has the case-size lever only when set). */
  ordersCases?: boolean;
  resolve(p: P, d: StageDemand): PolicyNumbers;
  /** Its Inputs rows: inputs, and derived rows (written after the stage's protection period). */
  inputs(p: P): PolicyRow<P>[];
  derived(p: P): PolicyRow<P>[];
  sheet: PolicySheet<P>;
  fields: PolicyField[];
}

/** The numbers of a policy that orders on the known mean and keeps no window. */
export function knownDemand(d: StageDemand, params: number[], more: Partial<PolicyNumbers> = {}): PolicyNumbers {
  return {
    z: 0,
    knownMean: d.mean,
    knownSd: d.sd,
    initialForecast: d.mean,
    forecast: "known",
    alpha: 0,
    window: 1,
    sampleSigma: false,
    keepsWindow: false,
    echelon: false,
    params: [params[0] ?? 0, params[1] ?? 0, params[2] ?? 0, params[3] ?? 0],
    ...more,
  };
}

/** For exhaustive switches: a value the type-checker proves impossible. */
export function assertNever(x: never): never {
  throw new Error(`unhandled case ${String(x)}`);
}
