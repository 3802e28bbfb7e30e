/**
 * Every lever preset against scenarios/baseline-serial.json (same seed, same demand draws): the
 * bullwhip moves in the direction the literature predicts (Lee, Padmanabhan & Whang 1997: demand
 * signal processing, order batching, rationing and shortage gaming, price variations; Chen et al.
 * 2000: lead times, forecast windows and shared information; VMI and removed echelons as remedies),
 * with non-overlapping 95% confidence intervals. The 1-N presets (rationing at a short DC, and
 * shortage gaming at the stores it rations) are checked against scenarios/baseline-1n.json.
 */
import { Result, ScenarioInput, simulate, simulateOnce } from "../../src/sim";
import { expectClearlyBelow, preset, valid } from "./helpers";

const run = (file: string): Result => simulate(valid(preset(file)));
const baseline = run("baseline-serial.json");
const top = (r: Result) => r.stages[r.stages.length - 1].bullwhip;

/** Paths of the fields in which two scenario documents differ ("stages[2].policy.window"). */
const diff = (a: unknown, b: unknown, path: string, out: string[]): string[] => {
  if (a !== null && b !== null && typeof a === "object" && typeof b === "object" && Array.isArray(a) === Array.isArray(b)) {
    const keys = new Set([...Object.keys(a as object), ...Object.keys(b as object)]);
    for (const k of keys) diff((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], path ? `${path}.${k}` : k, out);
  } else if (JSON.stringify(a) !== JSON.stringify(b)) out.push(path.replace(/\.(\d+)/g, "[$1]"));
  return out;
};

describe("lever presets against the baseline", () => {
  test("the baseline itself amplifies stage by stage", () => {
    for (let k = 1; k < 4; k++) expectClearlyBelow(baseline.stages[k - 1].bullwhip, baseline.stages[k].bullwhip);
  });

  test("each lever file differs from the baseline in its own fields only (besides name and description)", () => {
    const b = preset("baseline-serial.json");
    const changed = (f: string) => diff(b, preset(f), "", []).filter((p) => p !== "name" && p !== "description");
    const all = (field: string, n = 4) => Array.from({ length: n }, (_, k) => `stages[${k}].${field}`);
    expect(changed("lever-forecast-window.json")).toEqual(all("policy.window"));
    expect(changed("lever-lead-time.json")).toEqual(all("leadTime"));
    expect(changed("lever-batching.json")).toEqual(all("orderEvery"));
    expect(changed("lever-forecast-method.json")).toEqual(
      Array.from({ length: 4 }, (_, k) => [`stages[${k}].policy.forecast`, `stages[${k}].policy.alpha`]).flat(),
    );
    expect(changed("lever-case-size.json")).toEqual(all("caseSize"));
    expect(changed("lever-shortage-gaming.json")).toEqual(all("shortageGaming", 3));
    expect(changed("lever-promotion.json")).toEqual(["stages[0].promotion"]);
    expect(changed("lever-information-sharing.json")).toEqual(["informationSharing"]);
    expect(changed("lever-vmi.json")).toEqual(["stages[0].vmi"]);
    const removed = preset("lever-remove-echelon.json");
    expect(removed.stages.map((s) => s.name)).toEqual(["Retailer", "Wholesaler", "Factory"]);
    expect(
      diff({ ...b, stages: b.stages.filter((s) => s.name !== "Distributor") }, removed, "", []).filter(
        (p) => p !== "name" && p !== "description",
      ),
    ).toEqual([]);
  });

  test.each([
    ["lever-forecast-window.json", "a longer forecast window"],
    ["lever-lead-time.json", "shorter lead times"],
  ])("%s (%s) lowers the bullwhip at every stage", (file) => {
    const r = run(file);
    r.stages.forEach((s, k) => expectClearlyBelow(s.bullwhip, baseline.stages[k].bullwhip));
  });

  test.each([
    ["lever-information-sharing.json", "shared demand information"],
    ["lever-vmi.json", "vendor-managed inventory at the retailer"],
  ])("%s (%s) leaves the retailer alone and lowers the bullwhip upstream", (file) => {
    const r = run(file);
    expect(r.stages[0].bullwhip.mean).toBeCloseTo(baseline.stages[0].bullwhip.mean, 9);
    for (let k = 1; k < 4; k++) expectClearlyBelow(r.stages[k].bullwhip, baseline.stages[k].bullwhip);
  });

  test.each([
    ["lever-batching.json", "order batching", 0],
    ["lever-forecast-method.json", "exponential smoothing instead of a moving average", 0],
    ["lever-case-size.json", "order batching in full cases", 0],
    ["lever-promotion.json", "price promotions with forward buying", 0],
    ["lever-shortage-gaming.json", "shortage gaming", 1],
  ])("%s (%s) raises the bullwhip from stage %i up", (file, _what, from) => {
    const r = run(file);
    for (let k = from as number; k < 4; k++) expectClearlyBelow(baseline.stages[k].bullwhip, r.stages[k].bullwhip);
  });

  test("lever-remove-echelon.json: without the distributor the factory sees what the distributor saw", () => {
    const r = run("lever-remove-echelon.json");
    expect(r.stages).toHaveLength(3);
    expectClearlyBelow(top(r), top(baseline));
    // Under order-up-to with the position counting everything on order, a stage's orders do not
    // depend on how well its supplier delivers: the new top stage orders exactly like the old third.
    expect(top(r).mean).toBeCloseTo(baseline.stages[2].bullwhip.mean, 9);
  });
});

describe("lever-forecast-method.json and lever-case-size.json: cost and orders", () => {
  test.each([
    ["lever-forecast-method.json", "exponential smoothing instead of a moving average"],
    ["lever-case-size.json", "order batching in full cases"],
  ])("%s (%s) raises the network cost", (file) => {
    expectClearlyBelow(baseline.totalCost, run(file).totalCost);
  });

  test("lever-case-size.json: every stage orders whole cases only", () => {
    const s = valid(preset("lever-case-size.json"));
    const trace = simulateOnce(s, 3);
    s.stages.forEach((st, k) => {
      const orders = Array.from(trace.stages[k].orders);
      expect(orders.some((q) => q > 0)).toBe(true);
      for (const q of orders) expect(Math.abs(q / st.caseSize! - Math.round(q / st.caseSize!))).toBeLessThan(1e-9);
    });
  });
});

/**
 * The 1-N presets: baseline-1n.json (a DC with ample stock and 10 stores), lever-rationing.json (the
 * DC's base stock cut to its mean lead-time demand, so it rations) and lever-rationing-gaming.json
 * (lever-rationing.json with the stores gaming the shortage). Rationing by itself degrades service
 * but leaves every order unchanged; the bullwhip comes from the gaming it invites (Lee et al. 1997).
 */
describe("1-N lever presets: rationing and shortage gaming", () => {
  const base1n = run("baseline-1n.json");
  const rationed = run("lever-rationing.json");
  const gamed = run("lever-rationing-gaming.json");
  const stores = (r: Result) => r.stages.slice(1);

  test("each 1-N lever file differs from its baseline in its own fields only", () => {
    const changed = (from: string, to: string) => diff(preset(from), preset(to), "", []).filter((p) => p !== "name" && p !== "description");
    expect(changed("baseline-1n.json", "lever-rationing.json")).toEqual(["stages[0].policy.level"]);
    const n = preset("baseline-1n.json").stages.length;
    expect(n).toBeGreaterThan(2);
    expect(changed("lever-rationing.json", "lever-rationing-gaming.json")).toEqual(
      Array.from({ length: n - 1 }, (_, j) => `stages[${j + 1}].shortageGaming`),
    );
  });

  test("baseline-1n.json: the DC is never short", () => {
    expect(base1n.stages[0].avgBacklog.mean).toBe(0);
    expect(base1n.stages[0].fillRate.mean).toBe(1);
  });

  test("lever-rationing.json: the short DC rations, service at the DC and the stores falls, orders do not change", () => {
    expect(rationed.stages[0].avgBacklog.mean).toBeGreaterThan(0);
    expectClearlyBelow(rationed.stages[0].fillRate, base1n.stages[0].fillRate);
    stores(rationed).forEach((s, j) => {
      expectClearlyBelow(s.fillRate, base1n.stages[j + 1].fillRate);
      expectClearlyBelow(base1n.stages[j + 1].avgBacklog, s.avgBacklog);
    });
    // Every store's position counts what the DC owes it and the DC passes its demand through: the
    // same orders after the warm-up, so the same bullwhip at every stage.
    rationed.stages.forEach((s, k) => expect(s.bullwhip.mean).toBeCloseTo(base1n.stages[k].bullwhip.mean, 9));
  });

  test("lever-rationing-gaming.json: stores gaming the rationing raise the bullwhip at every store and at the DC", () => {
    gamed.stages.forEach((s, k) => expectClearlyBelow(rationed.stages[k].bullwhip, s.bullwhip));
    expectClearlyBelow(gamed.stages[0].fillRate, rationed.stages[0].fillRate);
  });

  test("the same gaming against the ample DC of baseline-1n.json changes nothing: rationing is what triggers it", () => {
    const input = preset("baseline-1n.json");
    const gaming = preset("lever-rationing-gaming.json").stages[1].shortageGaming;
    expect(gaming).toBeDefined();
    const withGaming: ScenarioInput = { ...input, stages: input.stages.map((s, k) => (k === 0 ? s : { ...s, shortageGaming: gaming })) };
    expect(simulate(valid(withGaming)).stages).toEqual(base1n.stages);
  });
});
