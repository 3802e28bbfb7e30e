/**
 * Scenario validation: the published JSON Schema (src/sim/scenario.schema.json) through ajv, the
 * cross-field rules, defaults, and messages that name the field path and the rule.
 */
import { readdirSync } from "fs";
import { join } from "path";
import { scenarioSchema, validateScenario } from "../../src/sim";
import { preset } from "./helpers";

const minimal = () => ({
  name: "m",
  network: "serial",
  demand: { distribution: "normal", mean: 100, sd: 20 },
  stages: [{ name: "Retailer", leadTime: 2, initialInventory: 12, holdingCost: 0.5, backlogCost: 1, policy: { type: "order-up-to" } }],
});

function errorsOf(json: unknown): string[] {
  const v = validateScenario(json);
  if (v.ok) throw new Error("expected the scenario to be rejected");
  return v.errors;
}

describe("presets", () => {
  const files = readdirSync(join(__dirname, "..", "..", "scenarios")).filter((f) => f.endsWith(".json"));

  test("there are the required presets and one per lever", () => {
    for (const f of ["beer-game.json", "chen-moving-average.json", "havi-1n.json", "baseline-serial.json"]) expect(files).toContain(f);
    expect(files.filter((f) => f.startsWith("lever-")).length).toBeGreaterThanOrEqual(8);
  });

  test.each(files)("%s is valid, and validating the result again changes nothing", (f) => {
    const v = validateScenario(preset(f));
    if (!v.ok) throw new Error(v.errors.join("; "));
    const again = validateScenario(JSON.parse(JSON.stringify(v.scenario)));
    expect(again.ok && again.scenario).toEqual(v.scenario);
  });

  test("havi-1n.json is a DC and 20 stores under min-max control", () => {
    const s = preset("havi-1n.json");
    expect(s.network).toBe("distribution");
    expect(s.stages).toHaveLength(21);
    for (const st of s.stages.slice(1)) expect(st.policy.type).toBe("min-max");
  });
});

describe("defaults", () => {
  test("scalar defaults are filled in (schema defaults) and values derived from the demand stay optional", () => {
    const v = validateScenario(minimal());
    if (!v.ok) throw new Error(v.errors.join());
    const s = v.scenario;
    expect([s.periods, s.warmup, s.replications, s.seed, s.allowReturns, s.informationSharing]).toEqual([52, 0, 1, 1, false, false]);
    expect(s.demand).toEqual({ distribution: "normal", mean: 100, sd: 20, truncateAtZero: true });
    expect(s.stages[0]).toMatchObject({ orderDelay: 0, orderEvery: 1, orderPhase: 0, fixedOrderPeriods: 0, vmi: false });
    expect(s.stages[0].policy).toEqual({
      type: "order-up-to",
      forecast: "moving-average",
      window: 4,
      alpha: 0.3,
      serviceLevel: 0.95,
      sigma: "sample",
    });
    expect(s.stages[0].initialFlow).toBeUndefined();
  });

  test("the schema publishes the same defaults", () => {
    const props = (scenarioSchema as any).properties;
    expect([props.periods.default, props.warmup.default, props.replications.default, props.seed.default]).toEqual([52, 0, 1, 1]);
  });
});

describe("messages name the field and the rule", () => {
  test("schema errors", () => {
    const bad: any = minimal();
    bad.network = "tree";
    bad.periods = 1.5;
    bad.demand = { distribution: "normal", mean: -1 };
    bad.stages[0].leadTime = 0;
    bad.stages[0].leadtime = 3;
    bad.stages.push({
      name: "W",
      leadTime: 2,
      initialInventory: 0,
      holdingCost: 1,
      backlogCost: 1,
      policy: { type: "s-Q", reorderPoint: 5 },
    });
    bad.stages.push({ name: "F", leadTime: 2, initialInventory: 0, holdingCost: 1, backlogCost: 1, policy: { type: "magic" } });
    const e = errorsOf(bad);
    expect(e).toContain('network must be one of "serial", "distribution" (enum); got "tree"');
    expect(e).toContain("periods must be an integer (type); got 1.5");
    expect(e).toContain("demand.sd is required (required)");
    expect(e).toContain("demand.mean must be >= 0 (minimum); got -1");
    expect(e).toContain("stages[0].leadTime must be >= 1 (minimum); got 0");
    expect(e).toContain("stages[0].leadtime is not a known field (additionalProperties)");
    expect(e).toContain("stages[1].policy.orderQty is required (required)");
    expect(e.some((m) => m.startsWith("stages[2].policy.type must be one of") && m.includes("(enum)"))).toBe(true);
    // the if/then plumbing of the schema is not reported
    expect(e.every((m) => !m.includes('"then"'))).toBe(true);
  });

  test("policy fields are checked against their own policy type", () => {
    const bad: any = minimal();
    bad.stages[0].policy = { type: "sterman", alphaS: 1.5, beta: 0.3, theta: 0.2, desiredInventory: 20, window: 4 };
    const e = errorsOf(bad);
    expect(e).toContain("stages[0].policy.alphaS must be <= 1 (maximum); got 1.5");
    expect(e).toContain("stages[0].policy.window is not a known field (additionalProperties)");
  });

  test("not an object at all", () => {
    expect(errorsOf(42)).toEqual(["scenario must be an object (type); got 42"]);
    expect(errorsOf({})).toEqual(expect.arrayContaining(["name is required (required)", "stages is required (required)"]));
  });

  test("rules across fields", () => {
    const cases: [any, string][] = [
      [{ periods: 10, warmup: 9 }, "warmup must be at most periods - 2 = 8"],
      [{ stages: Array(9).fill(minimal().stages[0]) }, "stages must have at most 8 stages in a serial network (stage count); got 9"],
      [{ network: "distribution" }, "stages must hold the DC and 1 to 200 stores in a distribution network (stage count); got 0 store(s)"],
      [{ network: "distribution", stages: Array(202).fill(minimal().stages[0]) }, "stages must have at most 201 item(s) (maxItems)"],
      [
        { network: "distribution", allowReturns: true, stages: Array(3).fill(minimal().stages[0]) },
        "allowReturns must be false in a distribution network",
      ],
      [
        { periods: 5, demand: { distribution: "series", values: [1, 2, 3] } },
        "demand.values must have at least periods = 5 values (series length); got 3",
      ],
    ];
    for (const [patch, message] of cases) {
      const e = errorsOf({ ...minimal(), ...patch });
      if (!e.some((m) => m.includes(message))) throw new Error(`no message "${message}" in ${JSON.stringify(e)}`);
    }
  });

  test("stage rules across fields", () => {
    const stage = minimal().stages[0];
    const two = (a: any, b: any = {}) => ({
      ...minimal(),
      stages: [
        { ...stage, ...a },
        { ...stage, ...b },
      ],
    });
    const expectOne = (json: any, message: string) => expect(errorsOf(json).some((m) => m.includes(message))).toBe(true);
    expectOne(two({}, { vmi: true }), "stages[1].vmi must be false on the last stage");
    expectOne(two({}, { shortageGaming: { factor: 2 } }), "stages[1].shortageGaming is not allowed on the last stage");
    expectOne(two({ orderEvery: 2, orderPhase: 2 }), "stages[0].orderPhase must be less than orderEvery = 2 (orderPhase); got 2");
    expectOne(
      two({ promotion: { periods: [3, 60], forwardBuy: 1 } }),
      "stages[0].promotion.periods[1] must be less than periods = 52 (promotion period); got 60",
    );
    expectOne(
      two({ demand: { distribution: "poisson", mean: 3 } }),
      "stages[0].demand is allowed on the stores of a distribution network only",
    );
    expectOne(two({ policy: { type: "order-up-to", window: 1 } }), 'stages[0].policy.window must be at least 2 when sigma is "sample"');
    // ... but a one-period window is fine with z = 0
    expect(validateScenario(two({ policy: { type: "order-up-to", window: 1, serviceLevel: 0.5 } })).ok).toBe(true);
    const dist = {
      ...minimal(),
      network: "distribution",
      stages: [
        { ...stage, vmi: true },
        { ...stage, demand: { distribution: "poisson", mean: 3 } },
      ],
    };
    expectOne(dist, "stages[0].vmi must be false on the DC");
    expect(errorsOf(dist)).toHaveLength(1);
  });
});
