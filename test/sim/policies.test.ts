/**
 * The policy definitions (src/policies): the published schema is built from them and is fresh,
 * validation fills their defaults, and each definition agrees with itself (its wizard fields are
 * schema fields, its Inputs rows are keyed consistently across policies, its numbers are finite).
 */
import { readFileSync } from "fs";
import { join } from "path";
import { definitionOf, normalizePolicy, POLICIES, POLICY_TYPES, policySchema, type Policy, type PolicyRow } from "../../src/policies";
import { resolveParameters, validateScenario, type Scenario } from "../../src/sim";
import { planWorkbook } from "../../src/workbook";
import { PUSH_PLAN_DEFAULTS } from "../../src/policies/push";

const schema = JSON.parse(readFileSync(join(__dirname, "../../src/sim/scenario.schema.json"), "utf8"));

/** A valid example of each policy, with only its required fields. */
const EXAMPLES: Record<string, Policy> = {
  "order-up-to": { type: "order-up-to" },
  "s-Q": { type: "s-Q", reorderPoint: 30, orderQty: 40 },
  "min-max": { type: "min-max" },
  sterman: { type: "sterman", alphaS: 0.3, beta: 0.2, theta: 0.25, desiredInventory: 50 },
  "base-stock": { type: "base-stock", level: 60 },
  "echelon-base-stock": { type: "echelon-base-stock", level: 90 },
};

function scenarioWith(policy: Policy): Scenario {
  const v = validateScenario({
    name: "p",
    network: "serial",
    periods: 20,
    demand: { distribution: "normal", mean: 10, sd: 3 },
    stages: [{ name: "A", leadTime: 2, initialInventory: 20, holdingCost: 1, backlogCost: 2, policy }],
  });
  if (!v.ok) throw new Error(v.errors.join("\n"));
  return v.scenario;
}

describe("policy definitions", () => {
  test("scenario.schema.json's policy block is the one the definitions build (run scripts/make-schema.ts after editing a policy)", () => {
    const { $comment, ...block } = schema.definitions.policy;
    expect($comment).toMatch(/scripts\/make-schema\.ts/);
    expect(block).toEqual(policySchema());
  });

  test("every policy has an example here, and each example validates", () => {
    expect(Object.keys(EXAMPLES).sort()).toEqual([...POLICY_TYPES].sort());
    for (const t of POLICY_TYPES) expect(() => scenarioWith(EXAMPLES[t])).not.toThrow();
  });

  test("validation fills exactly the schema's defaults", () => {
    for (const t of POLICY_TYPES) {
      const p = scenarioWith(EXAMPLES[t]).stages[0].policy as unknown as Record<string, unknown>;
      for (const [key, prop] of Object.entries(POLICIES[t].schema.properties)) {
        if ("default" in prop) expect(p[key]).toEqual(prop.default);
        else if (!POLICIES[t].schema.required?.includes(key)) expect(p[key]).toBeUndefined();
      }
      // normalizing twice changes nothing
      expect(normalizePolicy(p as unknown as Policy)).toEqual(p);
    }
  });

  test("a required field left out is refused with its name", () => {
    for (const t of POLICY_TYPES) {
      for (const field of POLICIES[t].schema.required ?? []) {
        const p = { ...EXAMPLES[t] } as Record<string, unknown>;
        delete p[field];
        expect(() => scenarioWith(p as unknown as Policy)).toThrow(new RegExp(field));
      }
    }
  });

  test("the wizard's fields are schema fields; a field without a schema default has a start value", () => {
    for (const t of POLICY_TYPES) {
      const d = POLICIES[t];
      expect(d.fields.length).toBeGreaterThan(0);
      for (const f of d.fields) {
        expect(d.schema.properties).toHaveProperty(f.key);
        if (!("default" in d.schema.properties[f.key])) expect(f.start).toBeDefined();
      }
    }
  });

  test("Inputs rows of one key have one label and one number format, whichever policy lists them", () => {
    const byKey = new Map<string, PolicyRow<never>>();
    for (const t of POLICY_TYPES) {
      const p = scenarioWith(EXAMPLES[t]).stages[0].policy;
      const d = definitionOf(p);
      for (const row of [...d.inputs(p), ...d.derived(p)] as PolicyRow<never>[]) {
        const seen = byKey.get(row.key);
        if (seen) expect([row.label, row.numFmt, row.kind]).toEqual([seen.label, seen.numFmt, seen.kind]);
        else byKey.set(row.key, row);
        expect(row.kind === "input" ? row.value : row.formula).toBeDefined();
      }
    }
  });

  test("the numbers a policy gives the engine are finite; only echelon base stock orders on echelon positions", () => {
    for (const t of POLICY_TYPES) {
      const r = resolveParameters(scenarioWith(EXAMPLES[t]))[0];
      for (const x of [r.z, r.knownMean, r.knownSd, r.initialForecast, r.alpha, r.window, ...r.params])
        expect(Number.isFinite(x)).toBe(true);
      expect(r.echelon).toBe(t === "echelon-base-stock");
      expect(r.window).toBeGreaterThanOrEqual(1);
    }
  });

  test("the Inputs sheet's window rule is the policy's: a window of 1 is allowed where no sample sd is used", () => {
    const ruleFor = (policy: Policy) => {
      const { plan } = planWorkbook(scenarioWith(policy));
      const name = plan.names.find((n) => n.name === "SCM_Window_1")!;
      const cell = name.ref.split("!")[1].replace(/\$/g, "");
      return plan.validations.find((v) => v.range === cell)!;
    };
    expect(ruleFor({ type: "order-up-to", window: 1, serviceLevel: 0.5 })).toMatchObject({ type: "whole", min: 1 });
    expect(ruleFor({ type: "order-up-to", window: 3, serviceLevel: 0.9 })).toMatchObject({ type: "whole", min: 2 });
    expect(ruleFor({ type: "order-up-to", window: 3, sigma: "known" })).toMatchObject({ type: "whole", min: 1 });
  });

  test("a push plan's defaults: the schema states the engine's", () => {
    const props = schema.definitions.stage.properties.pushPlan.properties;
    expect(Object.fromEntries(Object.entries(props).map(([k, v]) => [k, (v as { default: unknown }).default]))).toEqual(PUSH_PLAN_DEFAULTS);
  });
});
