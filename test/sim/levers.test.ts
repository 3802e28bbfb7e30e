/**
 * Every lever preset against scenarios/baseline-serial.json (same seed, same demand draws): the
 * bullwhip moves in the direction the literature predicts (Lee, Padmanabhan & Whang 1997: demand
 * signal processing, order batching, rationing and shortage gaming, price variations; Chen et al.
 * 2000: lead times, forecast windows and shared information; VMI and removed echelons as remedies),
 * with non-overlapping 95% confidence intervals.
 */
import { Result, simulate } from "../../src/sim";
import { expectClearlyBelow, preset, valid } from "./helpers";

const run = (file: string): Result => simulate(valid(preset(file)));
const baseline = run("baseline-serial.json");
const top = (r: Result) => r.stages[r.stages.length - 1].bullwhip;

describe("lever presets against the baseline", () => {
  test("the baseline itself amplifies stage by stage", () => {
    for (let k = 1; k < 4; k++) expectClearlyBelow(baseline.stages[k - 1].bullwhip, baseline.stages[k].bullwhip);
  });

  test("each lever file differs from the baseline in its own fields only (besides name and description)", () => {
    const diff = (a: unknown, b: unknown, path: string, out: string[]): string[] => {
      if (a !== null && b !== null && typeof a === "object" && typeof b === "object" && Array.isArray(a) === Array.isArray(b)) {
        const keys = new Set([...Object.keys(a as object), ...Object.keys(b as object)]);
        for (const k of keys) diff((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], path ? `${path}.${k}` : k, out);
      } else if (JSON.stringify(a) !== JSON.stringify(b)) out.push(path.replace(/\.(\d+)/g, "[$1]"));
      return out;
    };
    const b = preset("baseline-serial.json");
    const changed = (f: string) => diff(b, preset(f), "", []).filter((p) => p !== "name" && p !== "description");
    const all = (field: string, n = 4) => Array.from({ length: n }, (_, k) => `stages[${k}].${field}`);
    expect(changed("lever-forecast-window.json")).toEqual(all("policy.window"));
    expect(changed("lever-lead-time.json")).toEqual(all("leadTime"));
    expect(changed("lever-batching.json")).toEqual(all("orderEvery"));
    expect(changed("lever-shortage-gaming.json")).toEqual(all("shortageGaming", 3));
    expect(changed("lever-promotion.json")).toEqual(["stages[0].promotion"]);
    expect(changed("lever-information-sharing.json")).toEqual(["informationSharing"]);
    expect(changed("lever-vmi.json")).toEqual(["stages[0].vmi"]);
    const removed = preset("lever-remove-echelon.json");
    expect(removed.stages.map((s) => s.name)).toEqual(["Retailer", "Wholesaler", "Factory"]);
    expect(diff({ ...b, stages: b.stages.filter((s) => s.name !== "Distributor") }, removed, "", []).filter((p) => p !== "name" && p !== "description")).toEqual([]);
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
