/**
 * The per-period semantics of the engine (src/sim/engine.ts header, README "Timing contract"),
 * checked on traces of single replications against values recomputed here from the definitions:
 * the five steps, ring-buffer delays, stock and pipeline balances, every policy rule and lever.
 */
import { resolveParameters, simulate, simulateOnce, StageInput, StageTrace } from "../../src/sim";
import { normInv } from "../../src/stats/normal";
import { valid } from "./helpers";

type Extra = Record<string, unknown>;

function serial(stages: StageInput[], extra: Extra = {}) {
  return valid({
    name: "semantics",
    network: "serial",
    periods: 60,
    seed: 11,
    demand: { distribution: "normal", mean: 100, sd: 25 },
    stages,
    ...extra,
  });
}

function st(name: string, policy: Extra, extra: Extra = {}): StageInput {
  return { name, leadTime: 2, initialInventory: 150, holdingCost: 1, backlogCost: 2, policy, ...extra } as unknown as StageInput;
}

const OUT = { type: "order-up-to", forecast: "moving-average", window: 4, serviceLevel: 0.9 };

/** Identities every stage satisfies in every period. */
function expectBalances(s: StageTrace): void {
  let net = NaN;
  let pipe = NaN;
  for (let t = 0; t < s.orders.length; t++) {
    expect(s.onHand[t] >= 0 && s.backlog[t] >= 0 && s.onHand[t] * s.backlog[t] === 0).toBe(true);
    if (t > 0) {
      // net stock: previous + received - demand; shipped = demand + old backlog - new backlog
      expect(s.onHand[t] - s.backlog[t]).toBeCloseTo(net + s.received[t] - s.demand[t], 9);
      expect(s.shipped[t]).toBeCloseTo(s.demand[t] + s.backlog[t - 1] - s.backlog[t], 9);
      expect(s.pipeline[t]).toBeCloseTo(pipe - s.received[t] + s.orders[t], 9);
    }
    expect(s.position[t]).toBeCloseTo(s.onHand[t] - s.backlog[t] + s.pipeline[t] - s.orders[t], 9);
    net = s.onHand[t] - s.backlog[t];
    pipe = s.pipeline[t];
  }
}

describe("timing contract and delays", () => {
  const sc = serial([st("Retailer", OUT), st("Wholesaler", OUT, { orderDelay: 2, leadTime: 3 }), st("Factory", OUT, { leadTime: 1 })]);
  const tr = simulateOnce(sc);
  const [r, w, f] = tr.stages;
  const flow = 100; // initialFlow defaults to the demand mean

  test("an order placed in t by the last stage arrives at the start of t + leadTime", () => {
    for (let t = 0; t < 60; t++) expect(f.received[t]).toBe(t >= 1 ? f.orders[t - 1] : flow);
  });

  test("a shipment sent in t arrives at the start of t + leadTime; before that, initialFlow arrives", () => {
    for (let t = 0; t < 60; t++) {
      expect(r.received[t]).toBe(t >= 2 ? w.shipped[t - 2] : flow);
      expect(w.received[t]).toBe(t >= 3 ? f.shipped[t - 3] : flow);
    }
  });

  test("a stage sees its downstream's order after its orderDelay (the same period with 0)", () => {
    for (let t = 0; t < 60; t++) {
      expect(w.demand[t]).toBe(t >= 2 ? r.orders[t - 2] : flow);
      expect(f.demand[t]).toBe(w.orders[t]);
      expect(r.demand[t]).toBe(tr.demand[0][t]);
    }
  });

  test("stock, backlog, shipment and pipeline balances hold in every period", () => {
    for (const s of tr.stages) expectBalances(s);
    // starting pipeline: leadTime shipments + the order slips the supplier has not seen yet
    expect(r.pipeline[0]).toBeCloseTo(2 * flow + 2 * flow - r.received[0] + r.orders[0], 9);
  });

  test("order-up-to: moving average of the last p signals (window pre-filled with the mean), sample sd, S = C F + z sqrt(C) sd", () => {
    const z = normInv(0.9);
    const params = resolveParameters(sc);
    expect(params.map((p) => p.coverage)).toEqual([2 + 2, 3, 1]); // leadTime + the supplier's orderDelay
    tr.stages.forEach((s, k) => {
      const C = params[k].coverage;
      const window = [100, 100, 100, 100];
      for (let t = 0; t < 60; t++) {
        window.shift();
        window.push(s.demand[t]);
        const mean = window.reduce((a, x) => a + x, 0) / 4;
        const sd = Math.sqrt(window.reduce((a, x) => a + (x - mean) ** 2, 0) / 3);
        expect(s.signal[t]).toBe(s.demand[t]);
        expect(s.forecast[t]).toBeCloseTo(mean, 9);
        const target = C * mean + z * Math.sqrt(C) * sd;
        expect(s.target[t]).toBeCloseTo(target, 8);
        expect(s.orders[t]).toBeCloseTo(Math.max(0, target - s.position[t]), 8);
      }
    });
  });
});

describe("forecasts and safety terms", () => {
  test("exponential smoothing: F = alpha s + (1 - alpha) F_prev from initialForecast; known sd", () => {
    const sc = serial([
      st("Retailer", { type: "order-up-to", forecast: "exp-smoothing", alpha: 0.3, serviceLevel: 0.5, initialForecast: 90 }),
      st("Factory", { type: "order-up-to", forecast: "known", serviceLevel: 0.95, sigma: "known", mean: 100, sd: 30 }),
    ]);
    const tr = simulateOnce(sc);
    let F = 90;
    for (let t = 0; t < 60; t++) {
      F = 0.3 * tr.stages[0].demand[t] + 0.7 * F;
      expect(tr.stages[0].forecast[t]).toBeCloseTo(F, 9);
      expect(tr.stages[0].target[t]).toBeCloseTo(2 * F, 9); // z = 0 exactly at serviceLevel 0.5
      expect(tr.stages[1].forecast[t]).toBe(100);
      expect(tr.stages[1].target[t]).toBeCloseTo(200 + normInv(0.95) * Math.sqrt(2) * 30, 9);
    }
  });

  test("information sharing: every stage's forecast signal is the customer demand", () => {
    const sc = serial([st("Retailer", OUT), st("Wholesaler", OUT, { orderDelay: 1 }), st("Factory", OUT)], { informationSharing: true });
    const tr = simulateOnce(sc);
    for (const s of tr.stages) for (let t = 0; t < 60; t++) expect(s.signal[t]).toBe(tr.demand[0][t]);
  });

  test("VMI: the vendor forecasts from the retailer's sales and sees the replenishment it sets at once", () => {
    const sc = serial([st("Retailer", OUT, { vmi: true }), st("Wholesaler", OUT, { orderDelay: 2 })]);
    const tr = simulateOnce(sc);
    const [r, w] = tr.stages;
    for (let t = 0; t < 60; t++) {
      expect(w.demand[t]).toBe(r.orders[t]);
      expect(w.signal[t]).toBe(r.demand[t]);
    }
    expect(resolveParameters(sc)[0].coverage).toBe(2);
  });
});

describe("policies", () => {
  test("base stock: order = level - position", () => {
    const tr = simulateOnce(serial([st("Retailer", { type: "base-stock", level: 380 })]));
    const s = tr.stages[0];
    for (let t = 0; t < 60; t++) expect(s.orders[t]).toBeCloseTo(Math.max(0, 380 - s.position[t]), 9);
  });

  test("s-Q: the least number of lots Q that lifts the position above s, when it is at or below s", () => {
    const tr = simulateOnce(serial([st("Retailer", { type: "s-Q", reorderPoint: 250, orderQty: 120 })]));
    const s = tr.stages[0];
    let ordered = 0;
    for (let t = 0; t < 60; t++) {
      const ip = s.position[t];
      if (ip > 250) expect(s.orders[t]).toBe(0);
      else {
        const n = s.orders[t] / 120;
        expect(Number.isInteger(n) && n >= 1).toBe(true);
        expect(ip + s.orders[t]).toBeGreaterThan(250);
        expect(ip + s.orders[t] - 120).toBeLessThanOrEqual(250);
        ordered++;
      }
    }
    expect(ordered).toBeGreaterThan(5);
  });

  test("min-max (upper/lower control): full cases up to upper + mean demand over the protection period, when the position is at or below lower", () => {
    const sc = serial([st("Retailer", { type: "min-max", serviceLevel: 0.9, caseSize: 24 })]);
    const [lower, orderQty, upper] = resolveParameters(sc)[0].params;
    const lim = { lower, orderQty, upper };
    // ARCHITECTURE.md section 6.4: lower = mu L + z sigma sqrt(L); orderQty = ceil(mu L / B) B; upper = orderQty + z sigma sqrt(L)
    const ss = normInv(0.9) * 25 * Math.sqrt(2);
    expect(lim.lower).toBeCloseTo(200 + ss, 9);
    expect(lim.orderQty).toBe(216);
    expect(lim.upper).toBeCloseTo(216 + ss, 9);
    const s = simulateOnce(sc).stages[0];
    let ordered = 0;
    for (let t = 0; t < 60; t++) {
      const ip = s.position[t];
      if (ip > lim.lower) expect(s.orders[t]).toBe(0);
      else {
        expect(s.orders[t]).toBe(24 * Math.floor((lim.upper + 200 - ip) / 24));
        expect(s.orders[t]).toBeGreaterThanOrEqual(lim.orderQty);
        ordered++;
      }
    }
    expect(ordered).toBeGreaterThan(5);
  });

  test("Sterman: O = max(0, Le + alphaS (S' - S - beta SL)), Le smoothed with theta", () => {
    const pol = { type: "sterman", alphaS: 0.3, beta: 0.4, theta: 0.25, desiredInventory: 300, initialForecast: 100 };
    const s = simulateOnce(serial([st("Retailer", pol)])).stages[0];
    let Le = 100;
    for (let t = 0; t < 60; t++) {
      Le = 0.25 * s.demand[t] + 0.75 * Le;
      const SL = s.pipeline[t] - s.orders[t];
      const want = Math.max(0, Le + 0.3 * (300 - (s.onHand[t] - s.backlog[t]) - 0.4 * SL));
      expect(s.forecast[t]).toBeCloseTo(Le, 9);
      expect(s.orders[t]).toBeCloseTo(want, 9);
    }
  });

  test("orders are never negative unless returns are allowed", () => {
    const pol = { type: "order-up-to", window: 2, serviceLevel: 0.5 };
    const no = simulateOnce(serial([st("Retailer", pol)])).stages[0];
    const yes = simulateOnce(serial([st("Retailer", pol)], { allowReturns: true })).stages[0];
    expect(Math.min(...no.orders)).toBeGreaterThanOrEqual(0);
    expect(Math.min(...yes.orders)).toBeLessThan(0);
  });
});

describe("levers", () => {
  test("batching: orders only in periods t mod orderEvery = orderPhase, in full cases; coverage adds orderEvery - 1", () => {
    const sc = serial([st("Retailer", OUT, { orderEvery: 3, orderPhase: 1, caseSize: 40 })]);
    expect(resolveParameters(sc)[0].coverage).toBe(2 + 3 - 1);
    const s = simulateOnce(sc).stages[0];
    for (let t = 0; t < 60; t++) {
      if (t % 3 !== 1) expect(s.orders[t]).toBe(0);
      else {
        expect(s.orders[t] % 40).toBe(0);
        const raw = Math.max(0, s.target[t] - s.position[t]);
        expect(s.orders[t]).toBeGreaterThanOrEqual(raw - 1e-9);
        expect(s.orders[t]).toBeLessThan(raw + 40);
      }
    }
  });

  test("promotion: in a promotion period the order grows by forwardBuy x forecast", () => {
    const base = simulateOnce(serial([st("Retailer", OUT)])).stages[0];
    const promo = simulateOnce(serial([st("Retailer", OUT, { promotion: { periods: [10], forwardBuy: 3 } })])).stages[0];
    for (let t = 0; t < 10; t++) expect(promo.orders[t]).toBe(base.orders[t]);
    expect(promo.orders[10]).toBeCloseTo(base.orders[10] + 3 * base.forecast[10], 9);
    // the extra stock then holds later orders back
    expect(promo.orders.slice(11, 16).reduce((a, x) => a + x, 0)).toBeLessThan(base.orders.slice(11, 16).reduce((a, x) => a + x, 0));
  });

  test("shortage gaming: orders are multiplied by the factor exactly in the periods the supplier owes the stage goods", () => {
    const lean = { type: "order-up-to", window: 4, serviceLevel: 0.6 };
    const stages = (g: boolean) => [
      st("Retailer", OUT, g ? { shortageGaming: { factor: 1.5 } } : {}),
      st("Wholesaler", lean, { initialInventory: 20 }),
    ];
    const tr = simulateOnce(serial(stages(true), { periods: 80 }));
    const [r, w] = tr.stages;
    let gamed = 0;
    for (let t = 1; t < 80; t++) {
      const raw = Math.max(0, r.target[t] - r.position[t]);
      if (w.backlog[t - 1] > 0) {
        expect(r.orders[t]).toBeCloseTo(1.5 * raw, 9);
        if (raw > 0) gamed++;
      } else {
        expect(r.orders[t]).toBeCloseTo(raw, 9);
      }
    }
    expect(gamed).toBeGreaterThan(3);
  });

  test("fixedOrderPeriods: the stage orders initialFlow in the first periods", () => {
    const s = simulateOnce(serial([st("Retailer", OUT, { fixedOrderPeriods: 5, initialFlow: 90 })])).stages[0];
    for (let t = 0; t < 5; t++) expect(s.orders[t]).toBe(90);
    expect(s.received[0]).toBe(90);
  });
});

describe("distribution network: a DC short of stock rations proportionally", () => {
  test("every store receives required x onHand / total required; owed backlog carries over", () => {
    const store = (name: string, level: number, mean: number): StageInput =>
      ({
        name,
        leadTime: 1,
        initialInventory: 0,
        initialFlow: 0,
        holdingCost: 1,
        backlogCost: 2,
        policy: { type: "base-stock", level },
        demand: { distribution: "poisson", mean },
      }) as StageInput;
    const sc = valid({
      name: "rationing",
      network: "distribution",
      periods: 40,
      seed: 5,
      demand: { distribution: "poisson", mean: 10 },
      stages: [
        {
          name: "DC",
          leadTime: 4,
          initialInventory: 60,
          initialFlow: 10,
          holdingCost: 1,
          backlogCost: 1,
          policy: { type: "base-stock", level: 90 },
        },
        store("A", 40, 10),
        store("B", 80, 20),
        store("C", 20, 5),
      ],
    });
    const tr = simulateOnce(sc);
    const [dc, ...stores] = tr.stages;
    const owed = [0, 0, 0];
    let rationed = 0;
    for (let t = 0; t < 39; t++) {
      const required = stores.map((s, j) => owed[j] + s.orders[t]);
      const total = required.reduce((a, x) => a + x, 0);
      const available = (t > 0 ? dc.onHand[t - 1] : 60) + dc.received[t];
      expect(dc.demand[t]).toBeCloseTo(
        stores.reduce((a, s) => a + s.orders[t], 0),
        9,
      );
      stores.forEach((s, j) => {
        const share = total <= available ? 1 : available / total;
        if (share < 1) rationed++;
        expect(s.received[t + 1]).toBeCloseTo(required[j] * share, 9);
        owed[j] = required[j] - s.received[t + 1];
      });
      if (total > available) expect(dc.onHand[t]).toBe(0);
      expect(dc.backlog[t]).toBeCloseTo(
        owed.reduce((a, x) => a + x, 0),
        9,
      );
    }
    expect(rationed).toBeGreaterThan(5);
    for (const s of tr.stages) expectBalances(s);
  });
});

describe("flat series give exactly zero spread (as STDEV.S and VAR.S do)", () => {
  // Step 4 -> 9.7 with shared information: from period 7 the window of 3 holds 9.7 three times. One-pass
  // sums leave a rounding residue there (sd about 1e-7 x 9.7); the engine must report sd 0.
  const flat = {
    name: "flat",
    network: "serial",
    periods: 30,
    informationSharing: true,
    demand: { distribution: "step", before: 4, after: 9.7, at: 5 },
    stages: [st("Retailer", OUT, { initialInventory: 20 }), st("Factory", OUT, { initialInventory: 20 })].map((s) => ({
      ...s,
      policy: { ...OUT, window: 3, serviceLevel: 0.95 },
    })),
  };

  test("the order-up-to level carries no safety term once the window is flat", () => {
    const sc = valid(flat);
    const coverage = resolveParameters(sc).map((p) => p.coverage);
    const tr = simulateOnce(sc);
    tr.stages.forEach((s, k) => {
      for (let t = 8; t < 30; t++) expect(Math.abs(s.target[t] - coverage[k] * s.forecast[t])).toBeLessThan(1e-12 * s.target[t]);
    });
  });

  test("constant measured demand leaves the bullwhip ratio undefined, not a huge number", () => {
    const r = simulate(valid({ ...flat, warmup: 10, periods: 40 }), { replications: 2 });
    for (const s of r.stages) expect(Number.isFinite(s.bullwhip.mean)).toBe(false);
  });
});
