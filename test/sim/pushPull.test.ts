/**
 * Push mode and the push-pull boundary (README "Timing contract"): the pushing stage's plan, its
 * shipments and production, the stage below it ordering nothing, on hand-checked traces; the
 * rules; and the directions Simchi-Levi, Kaminsky & Simchi-Levi (Designing and Managing the Supply
 * Chain, push-pull chapter) predict, on the preset scenarios/push-vs-pull.json, each with
 * non-overlapping 95% Monte Carlo confidence intervals.
 */
import preset from "../../scenarios/push-vs-pull.json";
import {
  pushPullVariants,
  simulate,
  simulateOnce,
  validateScenario,
  type Result,
  type ScenarioInput,
  type StageInput,
} from "../../src/sim";
import { valid } from "./helpers";

type Extra = Record<string, unknown>;

const stage = (name: string, leadTime: number, extra: Extra = {}): StageInput =>
  ({
    name,
    leadTime,
    initialInventory: 30,
    holdingCost: 1,
    backlogCost: 3,
    policy: { type: "order-up-to", forecast: "moving-average", window: 3, serviceLevel: 0.9 },
    ...extra,
  }) as unknown as StageInput;

function chain(boundary: number | undefined, extra: Extra = {}) {
  return valid({
    name: "push",
    network: "serial",
    periods: 60,
    seed: 9,
    demand: { distribution: "normal", mean: 20, sd: 6 },
    ...(boundary !== undefined ? { pushPullBoundary: boundary } : {}),
    stages: [
      stage("Retailer", 2),
      stage("DC", 1, { pushPlan: { forecast: "moving-average", window: 3, infoLag: 2 } }),
      stage("Plant", 3, { pushPlan: { forecast: "exp-smoothing", alpha: 0.4 } }),
    ],
    ...extra,
  });
}

describe("push mode, period by period (pure push: the DC and the plant push to the retailer)", () => {
  const tr = simulateOnce(chain(0));
  const D = tr.demand[0];
  const [ret, dc, plant] = tr.stages;
  const mean = 20;

  test("a pushing stage plans from the customer demand of t - infoLag (its initial forecast before)", () => {
    for (let t = 0; t < 60; t++) {
      expect(dc.signal[t]).toBe(t >= 2 ? D[t - 2] : mean);
      expect(plant.signal[t]).toBe(D[t]);
    }
  });

  test("its forecast: the moving average of its last window signals, or exponential smoothing", () => {
    const sig = (t: number) => (t < 0 ? mean : dc.signal[t]);
    let es = mean;
    for (let t = 0; t < 60; t++) {
      expect(dc.forecast[t]).toBeCloseTo((sig(t) + sig(t - 1) + sig(t - 2)) / 3, 9);
      es = 0.4 * plant.signal[t] + 0.6 * es;
      expect(plant.forecast[t]).toBeCloseTo(es, 9);
    }
  });

  test("it ships what it can of its plan and owes nothing; the top one produces its plan", () => {
    let dcStock = 30;
    for (let t = 0; t < 60; t++) {
      const plan = Math.max(0, dc.forecast[t]);
      expect(dc.demand[t]).toBeCloseTo(plan, 12);
      const available = dcStock + dc.received[t];
      expect(dc.shipped[t]).toBeCloseTo(Math.min(available, plan), 9);
      expect(dc.backlog[t]).toBe(0);
      dcStock = dc.onHand[t];
      expect(plant.orders[t]).toBeCloseTo(Math.max(0, plant.forecast[t]), 12);
    }
  });

  test("the stage below a pushing one orders nothing: its replenishment is what is pushed to it", () => {
    for (let t = 0; t < 60; t++) {
      expect(ret.orders[t]).toBe(dc.shipped[t]);
      expect(dc.orders[t]).toBe(plant.shipped[t]);
      expect(ret.received[t]).toBe(t >= 2 ? dc.shipped[t - 2] : mean);
      expect(dc.received[t]).toBe(t >= 1 ? plant.shipped[t - 1] : mean);
      expect(plant.received[t]).toBe(t >= 3 ? plant.orders[t - 3] : mean);
    }
  });

  test("the retailer still serves its customers, with backlog, from what it received", () => {
    let net = 30;
    for (let t = 0; t < 60; t++) {
      net += ret.received[t] - D[t];
      expect(ret.onHand[t] - ret.backlog[t]).toBeCloseTo(net, 9);
    }
  });

  test("a boundary higher up: the stages from it down pull as before", () => {
    const mixed = simulateOnce(chain(1)).stages;
    // The retailer orders by its policy; the DC (the boundary) fills its orders from what the plant pushes.
    for (let t = 0; t < 60; t++) {
      expect(mixed[0].orders[t]).toBeCloseTo(Math.max(0, mixed[0].target[t] - mixed[0].position[t]), 9);
      expect(mixed[1].demand[t]).toBe(mixed[0].orders[t]);
      expect(mixed[1].orders[t]).toBe(mixed[2].shipped[t]);
      expect(mixed[1].target[t]).toBe(0);
    }
  });

  test("the measures: a receiving stage's bullwhip is that of what is pushed to it", () => {
    const r = simulate({ ...chain(0), replications: 1 });
    const v = (a: Float64Array) => {
      const m = a.reduce((x, y) => x + y, 0) / a.length;
      return a.reduce((x, y) => x + (y - m) ** 2, 0) / (a.length - 1);
    };
    expect(r.stages[0].bullwhip.mean).toBeCloseTo(v(ret.orders) / v(D), 9);
    expect(r.stages[2].bullwhip.mean).toBeCloseTo(v(plant.orders) / v(D), 9);
  });
});

test("a receiving stage's bullwhip keeps its precision when demand varies little against its mean", () => {
  const sc = valid({
    name: "big",
    network: "serial",
    periods: 60,
    seed: 4,
    pushPullBoundary: 0,
    demand: { distribution: "normal", mean: 1e6, sd: 10 },
    stages: [stage("Retailer", 2, { initialInventory: 3e6 }), stage("Plant", 1, { initialInventory: 3e6 })],
  });
  const tr = simulateOnce(sc);
  const v = (a: Float64Array) => {
    const m = a.reduce((x, y) => x + y, 0) / a.length;
    return a.reduce((x, y) => x + (y - m) ** 2, 0) / (a.length - 1);
  };
  const want = v(tr.stages[0].orders) / v(tr.demand[0]);
  expect(want).toBeGreaterThan(0.1);
  expect(simulate({ ...sc, replications: 1 }).stages[0].bullwhip.mean).toBeCloseTo(want, 6);
});

describe("push-pull rules", () => {
  const input = (extra: Extra, stages?: Extra[]) => ({
    name: "x",
    network: "serial",
    demand: { distribution: "normal", mean: 20, sd: 6 },
    stages: (stages ?? [{}, {}, {}]).map((e, k) => stage(`S${k}`, 2, e)),
    ...extra,
  });
  const errors = (x: unknown) => {
    const v = validateScenario(x);
    return v.ok ? [] : v.errors;
  };

  test("serial chains only, a stage index", () => {
    expect(errors({ ...input({ pushPullBoundary: 0 }), network: "distribution" }).join()).toMatch(
      /pushPullBoundary is for serial chains only/,
    );
    expect(errors(input({ pushPullBoundary: 3 })).join()).toMatch(/pushPullBoundary must be a stage index from 0 to 2/);
    expect(errors(input({ pushPullBoundary: 2 }))).toEqual([]); // the top stage: nothing pushes
  });

  test("stages that push or receive what is pushed take no ordering levers", () => {
    const e = errors(input({ pushPullBoundary: 0 }, [{}, { caseSize: 10 }, { orderDelay: 1, orderEvery: 2 }]));
    expect(e).toContain(
      "stages[1].caseSize does not apply: the stage pushes (it is upstream of pushPullBoundary) and places no orders (push mode); remove it",
    );
    expect(e.join("\n")).toMatch(/stages\[2\]\.orderEvery does not apply/);
    expect(e.join("\n")).toMatch(/stages\[2\]\.orderDelay does not apply/);
    expect(errors(input({ pushPullBoundary: 1 }, [{}, { vmi: true }, {}])).join()).toMatch(
      /stages\[1\]\.vmi does not apply: the stage receives what is pushed/,
    );
    // A pulling stage keeps its levers.
    expect(errors(input({ pushPullBoundary: 1 }, [{ caseSize: 10 }, {}, {}]))).toEqual([]);
  });

  test("pushPlan's fields and defaults", () => {
    expect(errors(input({}, [{}, { pushPlan: { window: 0 } }, {}])).join()).toMatch(/stages\[1\]\.pushPlan\.window must be >= 1/);
    const s = chain(0);
    expect(s.stages[2].pushPlan).toEqual({ forecast: "exp-smoothing", window: 4, alpha: 0.4, infoLag: 0 });
  });
});

describe("push vs pull: the textbook's directions (scenarios/push-vs-pull.json, 200 replications each)", () => {
  const variants = pushPullVariants(preset as unknown as ScenarioInput);
  const results = new Map<string, Result>();
  for (const v of variants) results.set(v.label, simulate(valid(v.scenario as unknown as Record<string, unknown>)));
  const push = results.get("Pure push")!;
  const pull = results.get("Pull")!;
  const shared = results.get("Pull with shared demand data")!;
  const mixed = results.get("Push-pull, boundary at Wholesaler")!;
  const below = (a: { ci95: [number, number] | null }, b: { ci95: [number, number] | null }) => expect(a.ci95![1]).toBeLessThan(b.ci95![0]);

  test("four variants: pure push, pull, pull with shared demand data, a boundary in the middle", () => {
    expect(variants.map((v) => v.label)).toEqual([
      "Pure push",
      "Pull",
      "Pull with shared demand data",
      "Push-pull, boundary at Wholesaler",
    ]);
    expect(variants.map((v) => v.scenario.pushPullBoundary)).toEqual([0, undefined, undefined, 1]);
  });

  test("push plans production from a smoothed forecast: the factory's variability stays below the demand's (bullwhip < 1), far below pull's", () => {
    for (const k of [1, 2, 3]) expect(push.stages[k].bullwhip.ci95![1]).toBeLessThan(1);
    below(push.stages[3].bullwhip, shared.stages[3].bullwhip);
  });

  test("pull amplifies variability upstream (the bullwhip effect); shared demand data reduces it, and the stock it needs", () => {
    below(shared.stages[3].bullwhip, pull.stages[3].bullwhip);
    below(shared.stages[2].bullwhip, pull.stages[2].bullwhip);
    below(shared.stages[3].avgOnHand, pull.stages[3].avgOnHand);
  });

  test("push reacts slowly to a change in demand: after the step, pure push serves customers worse than pull", () => {
    below(push.stages[0].fillRate, pull.stages[0].fillRate);
    below(pull.stages[0].avgBacklog, push.stages[0].avgBacklog);
  });

  test("push-pull: the pushing part keeps push's smooth production, the pulling part serves customers better than pure push", () => {
    for (const k of [2, 3]) expect(mixed.stages[k].bullwhip.ci95![1]).toBeLessThan(1);
    below(mixed.stages[3].bullwhip, pull.stages[3].bullwhip);
    below(push.stages[0].fillRate, mixed.stages[0].fillRate);
  });
});
