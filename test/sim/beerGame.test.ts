/**
 * The beer game (Sterman 1989, Management Science 35(3)) as laid out in scenarios/.
 *  - Edali & Yasarcan (2014), JASSS 17(4):2, an exact replica of the board, with the benchmark rule
 *    theta = 0, alphaS = 1, beta = 1, S' = 28/28/28/20: stage costs 46, 50, 54, 54, total 204 over
 *    36 weeks (ARCHITECTURE.md section 10.1). Deterministic, so the match must be exact.
 *  - Sterman's mean estimates over 44 players (alphaS 0.26, beta 0.34, theta 0.36): orders and
 *    costs amplify upstream (the qualitative outcome of the game).
 */
import { simulate, simulateOnce } from "../../src/sim";
import { preset, valid } from "./helpers";

const variance = (xs: ArrayLike<number>) => {
  const a = Array.from(xs);
  const m = a.reduce((s, x) => s + x, 0) / a.length;
  return a.reduce((s, x) => s + (x - m) ** 2, 0) / (a.length - 1);
};

describe("Edali & Yasarcan (2014) benchmark", () => {
  const scenario = valid(preset("beer-game-benchmark.json"));

  test("stage costs 46, 50, 54, 54 and total 204 over 36 weeks", () => {
    const r = simulate(scenario);
    expect(r.stages.map((s) => s.cost.total.mean)).toEqual([46, 50, 54, 54]);
    expect(r.totalCost.mean).toBe(204);
  });

  test("the board's set-up: 12 on hand, 4 in every delay and slip, equilibrium until the demand step in week 5", () => {
    const tr = simulateOnce(scenario);
    expect(scenario.periods).toBe(36);
    expect(Array.from(tr.demand[0].slice(0, 6))).toEqual([4, 4, 4, 4, 8, 8]);
    for (const s of tr.stages) {
      // weeks 1-4: 4 in, 4 out, 12 on hand
      for (let t = 0; t < 4; t++) {
        expect(s.received[t]).toBe(4);
        expect(s.onHand[t]).toBe(12);
        expect(s.orders[t]).toBe(4);
      }
    }
    // the retailer sees week 5's demand of 8 at once, the wholesaler sees the retailer's week-5 order two weeks later
    expect(tr.stages[0].demand[4]).toBe(8);
    expect(tr.stages[1].demand[6]).toBe(tr.stages[0].orders[4]);
    // costs: 0.5 per case on hand, 1 per case backlogged, every week
    const c = tr.stages.map((s) => s.onHand.reduce((a, x) => a + 0.5 * x, 0) + s.backlog.reduce((a, x) => a + x, 0));
    expect(c).toEqual([46, 50, 54, 54]);
  });
});

describe("Sterman (1989) estimated decision rule", () => {
  const scenario = valid(preset("beer-game.json"));

  test("the preset uses the published estimates alphaS 0.26, beta 0.34, theta 0.36", () => {
    for (const s of scenario.stages) {
      expect(s.policy).toMatchObject({ type: "sterman", alphaS: 0.26, beta: 0.34, theta: 0.36 });
    }
  });

  test("orders amplify upstream: variance and peak order grow stage by stage", () => {
    const tr = simulateOnce(scenario);
    const v = tr.stages.map((s) => variance(s.orders));
    const peak = tr.stages.map((s) => Math.max(...s.orders));
    for (let k = 1; k < 4; k++) {
      expect(v[k]).toBeGreaterThan(v[k - 1]);
      expect(peak[k]).toBeGreaterThan(peak[k - 1]);
    }
    expect(v[3] / variance(tr.demand[0])).toBeGreaterThan(10);
  });

  test("costs amplify upstream: every upstream stage costs more than the retailer, and the team far more than the benchmark", () => {
    const r = simulate(scenario);
    const cost = r.stages.map((s) => s.cost.total.mean);
    for (let k = 1; k < 4; k++) expect(cost[k]).toBeGreaterThan(cost[0]);
    expect(cost[2]).toBeGreaterThan(cost[1]);
    // Sterman reports average team costs about ten times the benchmark's 204
    expect(r.totalCost.mean).toBeGreaterThan(5 * 204);
  });
});
