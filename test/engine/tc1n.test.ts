/**
 * The 1-N model (Dai, Peng & Li 2017, section 3.3; ARCHITECTURE.md section 7). The hand-computed cases
 * place each store's reorder point where the standardized shortfall k has a published G(k)
 * (ARCHITECTURE.md section 10.1), and use the published Poisson losses, so every term is checked against
 * numbers worked out by hand from the formulas, not against the engine's own output.
 */
import { Dc, Store, parseDistribution, parseShare, parseTc1nOutput, tc1n, tc1nOptimize } from "../../src/oneN/tc1n";
import { expectAbs, expectDomainError, expectRel } from "./helpers";

const G1 = 0.08331547058768629; // G(1)
const G03 = 0.26676124211721; // G(0.3)

// Store 1: mu L = 80, sigma sqrt(L) = 10, s = 90 (k = 1). Store 2: mu L = 10, sigma sqrt(L) = 3, s = 10.9 (k = 0.3).
const stores: Store[] = [
  { mean: 20, sd: 5, leadTime: 4, holding: 2, orderQty: 100, reorderPoint: 90 },
  { mean: 10, sd: 3, leadTime: 1, holding: 1.5, orderQty: 30, reorderPoint: 10.9 },
];
const dc: Dc = { holding: 0.5, baseStock: 100, leadTime: 3 };
const P = 40;

describe("TC_1N, normal lead-time demand, two stores by hand", () => {
  const r = tc1n(stores, dc, P, 0.5);
  const n1 = 10 * G1; // 0.8331547058768629
  const n2 = 3 * G03; // 0.80028372635163

  test("store holding HC_j = h_j (Q_j/2 + s_j - mu_j L_j)", () => {
    expectRel(r.stores[0].holding, 2 * (50 + 90 - 80)); // 120
    expectRel(r.stores[1].holding, 1.5 * (15 + 10.9 - 10)); // 23.85
  });

  test("store shortage LC_j = share P n_j(s_j)", () => {
    expectRel(r.stores[0].shortage, 0.5 * 40 * n1); // 16.663094117537
    expectRel(r.stores[1].shortage, 0.5 * 40 * n2); // 16.005674527033
  });

  test("DC holding HC_0 = h_0 (S_0 - L_0 sum mu_j) and shortage LC_0 = (1 - share) P sum n_j", () => {
    expectRel(r.dc.holding, 0.5 * (100 - 3 * 30)); // 5
    expectRel(r.dc.shortage, 0.5 * 40 * (n1 + n2)); // 32.668768644570
    expectRel(r.dc.total, 5 + 0.5 * 40 * (n1 + n2));
  });

  test("TC is the sum of the terms: 120 + 23.85 + 5 + 40 (n1 + n2)", () => {
    expectRel(r.total, 148.85 + 40 * (n1 + n2));
    expectRel(r.total, 214.18753728914, 1e-9);
    expectRel(r.stores[0].total, r.stores[0].holding + r.stores[0].shortage, 1e-15);
  });

  test("share moves shortage cost between stores and DC but never changes TC", () => {
    for (const share of [0, 0.3, 1, undefined]) {
      const t = tc1n(stores, dc, P, share);
      expectRel(t.total, r.total, 1e-14);
      const a = share ?? 0.5;
      expectRel(t.stores[0].shortage, a * 40 * n1, 1e-12);
      expectAbs(t.dc.shortage, (1 - a) * 40 * (n1 + n2), 1e-12);
    }
  });

  test("deterministic store (sigma = 0): shortage max(mu L - s, 0)", () => {
    const det: Store[] = [{ mean: 20, sd: 0, leadTime: 4, holding: 2, orderQty: 100, reorderPoint: 75 }];
    const t = tc1n(det, { holding: 0, baseStock: 0, leadTime: 0 }, 10, 1);
    expectRel(t.stores[0].shortage, 10 * 5);
    expectRel(t.stores[0].holding, 2 * (50 + 75 - 80));
  });
});

describe("TC_1N, Poisson lead-time demand", () => {
  test("published Poisson losses: n(5) for Poisson(7) and n(220) for Poisson(200)", () => {
    const ps: Store[] = [
      { mean: 3.5, sd: 0, leadTime: 2, holding: 1, orderQty: 10, reorderPoint: 5 },
      { mean: 100, sd: 0, leadTime: 2, holding: 0.2, orderQty: 50, reorderPoint: 220 },
    ];
    const t = tc1n(ps, { holding: 0.1, baseStock: 400, leadTime: 3 }, 8, 0.25, "Poisson");
    const n1 = 2.292600125697305;
    const n2 = 0.536005857158494;
    expectRel(t.stores[0].holding, 1 * (5 + 5 - 7));
    expectRel(t.stores[1].holding, 0.2 * (25 + 220 - 200));
    expectRel(t.stores[0].shortage, 0.25 * 8 * n1);
    expectRel(t.stores[1].shortage, 0.25 * 8 * n2);
    expectRel(t.dc.holding, 0.1 * (400 - 3 * 103.5));
    expectRel(t.dc.shortage, 0.75 * 8 * (n1 + n2));
    expectRel(t.total, 3 + 9 + 0.1 * 89.5 + 8 * (n1 + n2));
  });
});

describe("TC_1N_OPTIMIZE", () => {
  const base = stores.map(({ reorderPoint, ...rest }) => rest);
  const dcBase = { holding: dc.holding, leadTime: dc.leadTime };

  test("normal: s_j = mu L + sigma sqrt(L) Phi^-1(1 - h_j/P); S_0 = L_0 sum mu_j", () => {
    const o = tc1nOptimize(base, dcBase, P);
    // 1 - 2/40 = 0.95 and 1 - 1.5/40 = 0.9625 (published quantiles 1.6448536269514722, 1.780464342941768).
    expectRel(o.reorderPoints[0], 80 + 10 * 1.6448536269514722, 1e-9);
    expectRel(o.reorderPoints[1], 10 + 3 * 1.780464342941768, 1e-9);
    expectRel(o.baseStock, 3 * 30);
    expect(o.nodes).toHaveLength(3);
    expect(o.nodes[2].holding).toBe(0);
    const check = tc1n(
      stores.map((s, j) => ({ ...s, reorderPoint: o.reorderPoints[j] })),
      { ...dc, baseStock: o.baseStock },
      P,
    );
    expectRel(o.total, check.total, 1e-14);
  });

  test("no reorder point on a fine grid, nor a larger base stock, gives a lower TC", () => {
    const o = tc1nOptimize(base, dcBase, P, 0.3);
    const tc = (s1: number, s2: number, S0: number) =>
      tc1n(
        [
          { ...stores[0], reorderPoint: s1 },
          { ...stores[1], reorderPoint: s2 },
        ],
        { ...dc, baseStock: S0 },
        P,
        0.3,
      ).total;
    const [o1, o2] = o.reorderPoints;
    let gridMin = Infinity;
    let arg: [number, number] = [NaN, NaN];
    for (let i = -60; i <= 60; i++) {
      for (let k = -60; k <= 60; k++) {
        const v = tc(o1 + i * 0.25, o2 + k * 0.1, o.baseStock);
        if (v < gridMin) [gridMin, arg] = [v, [o1 + i * 0.25, o2 + k * 0.1]];
      }
    }
    expect(o.total).toBeLessThanOrEqual(gridMin + 1e-12);
    expect(arg).toEqual([o1, o2]); // the grid's best point is the optimum itself
    for (const dS of [1e-3, 1, 50]) expect(tc(o1, o2, o.baseStock + dS)).toBeGreaterThan(o.total);
    // Below the pipeline stock the DC would run short: outside the model.
    expectDomainError(() => tc(o1, o2, o.baseStock - 1), "num", /dc_base_stock must be at least/);
  });

  test("Poisson: the smallest integer s with F(s) >= 1 - h/P; neighbours cost more (Snyder & Shen Ex. 4.7 fractile)", () => {
    // mu L = 6, 1 - h/P = 1 - 1/5 = 0.8: Example 4.7's Poisson(6) base stock S* = 8.
    const ps = [{ mean: 3, sd: 0, leadTime: 2, holding: 1, orderQty: 10 }];
    const o = tc1nOptimize(ps, { holding: 0.2, leadTime: 1 }, 5, 0.5, "poisson");
    expect(o.reorderPoints[0]).toBe(8);
    expectRel(o.baseStock, 3);
    const tc = (s: number) => tc1n([{ ...ps[0], reorderPoint: s }], { holding: 0.2, baseStock: 3, leadTime: 1 }, 5, 0.5, "poisson").total;
    expectRel(o.total, tc(8), 1e-14);
    for (const s of [3, 5, 7, 7.5, 8.5, 9, 12]) expect(tc(s)).toBeGreaterThan(o.total);
  });

  test("an optimum with negative expected on-hand is raised to mu L - Q/2", () => {
    // 1 - h/P = 0.01: unconstrained s = 80 - 23.3 < 80 - 5.
    const o = tc1nOptimize([{ mean: 20, sd: 5, leadTime: 4, holding: 99, orderQty: 10 }], { holding: 1, leadTime: 0 }, 100);
    expectRel(o.reorderPoints[0], 75);
    expect(o.nodes[0].holding).toBe(0);
  });
});

describe("1-N domain errors", () => {
  const bad = (j: number, patch: Partial<Store>): Store[] => stores.map((s, i) => (i === j ? { ...s, ...patch } : s));

  test("store arguments name the argument and the store", () => {
    expectDomainError(() => tc1n(bad(1, { mean: -1 }), dc, P), "num", /store_mean \(store 2\) must be >= 0/);
    expectDomainError(() => tc1n(bad(0, { sd: -1 }), dc, P), "num", /store_sd \(store 1\) must be >= 0/);
    expectDomainError(() => tc1n(bad(0, { leadTime: -1 }), dc, P), "num", /store_lead_time \(store 1\)/);
    expectDomainError(() => tc1n(bad(0, { holding: -1 }), dc, P), "num", /store_holding \(store 1\)/);
    expectDomainError(() => tc1n(bad(1, { orderQty: 0 }), dc, P), "num", /store_order_qty \(store 2\) must be > 0/);
    expectDomainError(() => tc1n(bad(1, { reorderPoint: NaN }), dc, P), "num", /store_reorder_point \(store 2\) must be a finite/);
    expectDomainError(() => tc1n(bad(0, { reorderPoint: 20 }), dc, P), "num", /store_reorder_point \(store 1\) must be at least/);
    expectDomainError(() => tc1n([], dc, P), "na", /at least one store/);
  });

  test("DC, cost and option arguments", () => {
    expectDomainError(() => tc1n(stores, { ...dc, holding: -1 }, P), "num", /dc_holding must be >= 0/);
    expectDomainError(() => tc1n(stores, { ...dc, leadTime: -1 }, P), "num", /dc_lead_time must be >= 0/);
    expectDomainError(
      () => tc1n(stores, { ...dc, baseStock: 80 }, P),
      "num",
      /dc_base_stock must be at least dc_lead_time \* sum of store_mean = 90/,
    );
    expectDomainError(() => tc1n(stores, dc, -1), "num", /shortage_cost must be >= 0/);
    expectDomainError(() => tc1n(stores, dc, P, 1.5), "num", /share must be between 0 and 1/);
    expectDomainError(() => tc1n(stores, dc, P, 0.5, "gamma"), "value", /distribution must be "normal" or "poisson"/);
    expectDomainError(() => parseTc1nOutput("rows"), "value", /output must be "total" or "detail"/);
    expect(parseTc1nOutput(undefined)).toBe("total");
    expect(parseTc1nOutput("DETAIL")).toBe("detail");
    expect(parseDistribution(undefined)).toBe("normal");
    expect(parseShare(undefined)).toBe(0.5);
  });

  test("optimisation needs P > h_j > 0", () => {
    const base = stores.map(({ reorderPoint, ...rest }) => rest);
    expectDomainError(
      () => tc1nOptimize(base, { holding: 1, leadTime: 1 }, 2),
      "num",
      /shortage_cost must exceed store_holding \(store 1\)/,
    );
    const cheap = base.map((s, i) => (i === 0 ? { ...s, holding: 0.5 } : s)); // store 2: h = 1.5
    expectDomainError(
      () => tc1nOptimize(cheap, { holding: 1, leadTime: 1 }, 1.5),
      "num",
      /shortage_cost must exceed store_holding \(store 2\)/,
    );
    const free = base.map((s, i) => (i === 0 ? { ...s, holding: 0 } : s));
    expectDomainError(() => tc1nOptimize(free, { holding: 1, leadTime: 1 }, 40), "num", /store_holding \(store 1\) must be > 0/);
  });
});
