/**
 * The simulation's ordering policies, one file each (definition.ts says what a file describes).
 * Adding one: ARCHITECTURE.md section 11.2.
 */
import { baseStock, echelonBaseStock, type BaseStockPolicy, type EchelonBaseStockPolicy } from "./baseStock";
import type { PolicyDefinition } from "./definition";
import { minMax, type MinMaxNormalized, type MinMaxPolicy } from "./minMax";
import { orderUpTo, type OrderUpToNormalized, type OrderUpToPolicy } from "./orderUpTo";
import { sQ, type SQPolicy } from "./sQ";
import { sterman, type StermanPolicy } from "./sterman";

export type { BaseStockPolicy, EchelonBaseStockPolicy, MinMaxPolicy, OrderUpToPolicy, SQPolicy, StermanPolicy };
export type { ForecastMethod, PolicyDefinition, PolicyField, PolicyNumbers, PolicyRow, SheetRefs, StageDemand } from "./definition";
export { assertNever } from "./definition";

/** A policy as a scenario states it (optional fields may be left out). */
export type Policy = OrderUpToPolicy | SQPolicy | MinMaxPolicy | StermanPolicy | BaseStockPolicy | EchelonBaseStockPolicy;
/** A policy after validation: its schema defaults filled in. */
export type NormalizedPolicy = OrderUpToNormalized | SQPolicy | MinMaxNormalized | StermanPolicy | BaseStockPolicy | EchelonBaseStockPolicy;
export type PolicyType = Policy["type"];

type Definitions = { [T in PolicyType]: PolicyDefinition<Extract<NormalizedPolicy, { type: T }>> };

/** Every policy, in the order the wizard and the Inputs sheet list them. */
export const POLICIES: Definitions = {
  "order-up-to": orderUpTo,
  "s-Q": sQ,
  "min-max": minMax,
  sterman,
  "base-stock": baseStock,
  "echelon-base-stock": echelonBaseStock,
};

export const POLICY_TYPES = Object.keys(POLICIES) as PolicyType[];

/** The definition of a policy, typed for that policy's values. */
export function definitionOf<P extends NormalizedPolicy>(p: P): PolicyDefinition<P> {
  return POLICIES[p.type] as unknown as PolicyDefinition<P>;
}

/** The policy with its schema defaults filled in (a copy; it still conforms to the schema). */
export function normalizePolicy(p: Policy): NormalizedPolicy {
  const out: Record<string, unknown> = { ...p };
  for (const [key, prop] of Object.entries(POLICIES[p.type].schema.properties)) {
    if (out[key] === undefined && "default" in prop) out[key] = prop.default;
  }
  return out as unknown as NormalizedPolicy;
}

/** The "policy" definition of scenario.schema.json: the type enum and one if/then block per policy. */
export function policySchema(): Record<string, unknown> {
  return {
    type: "object",
    required: ["type"],
    properties: { type: { enum: POLICY_TYPES } },
    allOf: POLICY_TYPES.map((type) => {
      const s = POLICIES[type].schema;
      return {
        if: { properties: { type: { const: type } }, required: ["type"] },
        then: {
          ...(s.required ? { required: s.required } : {}),
          additionalProperties: false,
          properties: { type: { const: type }, ...s.properties },
        },
      };
    }),
  };
}
