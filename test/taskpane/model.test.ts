/*
 * The wizard's model, without a browser: form <-> scenario, per-field messages (the engine's rules,
 * mapped to the fields), the demand history check, the levers and sweeps, and the Results plan.
 */
import { MAX_REPLICATIONS, pushPullVariants, runSizeProblem, simulate, validateScenario } from "../../src/sim";
import type { Result, ScenarioInput, StageResult, Stat } from "../../src/sim/types";
import { colLetter } from "../../src/workbook/a1";
import { buildResultsPlan, RESULT_COLUMNS } from "../../taskpane/excel/resultsPlan";
import {
  checkForm,
  fieldOfMessage,
  formToScenario,
  parsePeriods,
  POLICY_FIELDS,
  POLICY_LABELS,
  readHistory,
  sweepValues,
  WizardForm,
} from "../../taskpane/model/form";
import { kindOf, plannerMessage } from "../../taskpane/model/messages";
import { formatFigure, formatShare, headline, sideBySide } from "../../taskpane/model/outcome";
import { applyLever, leverInfo, scenarioCount, variantsOf } from "../../taskpane/model/levers";
import {
  beerGameScenario,
  customSerialScenario,
  defaultParams,
  oneNScenario,
  presetForm,
  pushVsPullScenario,
  resizeStages,
  scenarioToForm,
  wizardExtras,
} from "../../taskpane/model/presets";
import { boundaryAfterResize, pushPullProblem, pushRole } from "../../taskpane/model/pushPull";
import { runVariants } from "../../taskpane/worker/runVariants";
import { paneWorkers } from "../../taskpane/worker/webWorkerPool";
import { collector } from "../../taskpane/worker/simRunner";
import { localPool } from "../../src/sim";

const valid = (s: ScenarioInput) => {
  const v = validateScenario(s);
  if (!v.ok) throw new Error(v.errors.join("; "));
  return v.scenario;
};

describe("form <-> scenario", () => {
  test.each([
    ["beer game", beerGameScenario()],
    ["serial chain of 6", customSerialScenario(6)],
    ["DC with 4 stores", oneNScenario(4)],
    ["DC with 26 stores", oneNScenario(26)],
    ["push vs pull", pushVsPullScenario()],
  ])("%s: a preset goes through the form unchanged", (_name, preset) => {
    const s = valid(preset);
    const c = checkForm(scenarioToForm(s));
    expect(c.fields).toEqual({});
    expect(c.general).toEqual([]);
    const { $schema: _schema, ...withoutSchema } = s; // the editor's schema link is not a setting
    expect(valid(c.input!)).toEqual(withoutSchema);
  });

  test("levers typed on the Levers step land on the right stages", () => {
    const f = scenarioToForm(valid(customSerialScenario(4)));
    Object.assign(f.levers, {
      caseSize: "10",
      orderEvery: "2",
      gamingFactor: "1.5",
      promotionPeriods: "10, 20",
      forwardBuy: "2",
      vmi: true,
      informationSharing: true,
    });
    const s = valid(checkForm(f).input!);
    expect(s.informationSharing).toBe(true);
    expect(s.stages.map((st) => st.caseSize)).toEqual([10, 10, 10, 10]);
    expect(s.stages.map((st) => st.orderEvery)).toEqual([2, 2, 2, 2]);
    // not on the top stage, whose supplier is outside the network
    expect(s.stages.map((st) => st.shortageGaming?.factor)).toEqual([1.5, 1.5, 1.5, undefined]);
    expect(s.stages.map((st) => !!st.promotion)).toEqual([true, false, false, false]);
    expect(s.stages.map((st) => st.vmi)).toEqual([true, false, false, false]);
    // and back: the form shows them again
    const back = scenarioToForm(s);
    expect(back.levers).toMatchObject({
      caseSize: "10",
      orderEvery: "2",
      gamingFactor: "1.5",
      promotionPeriods: "10, 20",
      forwardBuy: "2",
      vmi: true,
    });
  });

  test("messages: our own for unreadable numbers, the engine's rules in a planner's words, each on its field", () => {
    const f = scenarioToForm(valid(customSerialScenario(3)));
    f.demand.sd = "abc";
    f.stages[0].leadTime = "0";
    f.stages[1].holdingCost = "";
    f.stages[2].params.serviceLevel = "1.5";
    f.levers.gamingFactor = "0.5";
    f.output.periods = "1";
    f.output.warmup = "0";
    const c = checkForm(f);
    expect(c.input).toBeNull();
    expect(c.fields).toEqual({
      "demand.sd": "Enter a number.",
      "stages.0.leadTime": "Use at least 1 period.",
      "stages.1.holdingCost": "Enter a value.",
      "stages.2.policy.serviceLevel": "Use a service level between 0 and 1, e.g. 0.95 for 95%.",
      "levers.gamingFactor": "Use a factor of 1 or more, e.g. 1.5 (1: orders are not inflated).",
      "output.periods": "Use at least 2 periods.",
    });
  });

  test("fieldOfMessage maps engine paths to wizard fields", () => {
    expect(fieldOfMessage("stages[3].policy.window must be at least 2 when ...")).toEqual([
      "stages.3.policy.window",
      "Must be at least 2 when ...",
    ]);
    expect(fieldOfMessage("stages[1].orderPhase must be less than orderEvery = 2 (orderPhase); got 3")[0]).toBe("levers.orderEvery");
    expect(fieldOfMessage("warmup must be at most periods - 2 = 50 (two periods left to measure a variance); got 51")[0]).toBe(
      "output.warmup",
    );
    expect(fieldOfMessage("demand.values must have at least periods = 52 values (series length); got 24")[0]).toBe("demand.history");
    expect(fieldOfMessage("periods x stages must be at most 5000000 (run size); got 6000000")).toEqual([
      "output.periods",
      "Periods x stages must be at most 5000000 (run size); got 6000000",
    ]);
    const tooBig = runSizeProblem(5000, 4, 100_000)!;
    expect(fieldOfMessage(tooBig)).toEqual(["output.replications", tooBig.charAt(0).toUpperCase() + tooBig.slice(1)]);
    const v = validateScenario({ ...customSerialScenario(4), periods: 5000, replications: 100_000 });
    expect(v.ok ? [] : v.errors.map((e) => fieldOfMessage(e)[0])).toEqual(["output.replications"]);
    expect(fieldOfMessage("allowReturns must be false in a distribution network")).toEqual([
      null,
      "allowReturns must be false in a distribution network",
    ]);
  });

  test("the 1-N preset: the first N stores of scenarios/havi-1n.json, the DC scaled to their demand", () => {
    const all = oneNScenario(20);
    expect(all.name).toBe("HAVI 1-N: a DC and 20 restaurants under min-max control");
    const three = oneNScenario(3);
    expect(three.stages.map((s) => s.name)).toEqual(["DC", "Store 01", "Store 02", "Store 03"]);
    // 20 stores: 14 x 30 + 3 x 50 + 3 x 12 = 606 a day; the first 3 stores: 90
    const level = (s: ScenarioInput) => (s.stages[0].policy as { level: number }).level;
    expect(level(three)).toBe(Math.round((level(all) * 90) / 606 / 10) * 10);
    expect(oneNScenario(22).stages.at(-1)!.name).toBe("Store 22");
    expect(oneNScenario(22).stages.at(-1)!.demand).toEqual(all.stages[2].demand);
  });

  test("resizing a chain keeps the customer end and the top supplier", () => {
    const f = scenarioToForm(valid(customSerialScenario(4)));
    f.stages[0].leadTime = "5";
    expect(resizeStages(f, 6).map((s) => s.name)).toEqual(["Retailer", "Wholesaler", "Distributor", "Tier 4", "Tier 5", "Factory"]);
    expect(resizeStages(f, 6)[0].leadTime).toBe("5");
    expect(resizeStages(f, 2).map((s) => s.name)).toEqual(["Retailer", "Factory"]);
    const g = scenarioToForm(valid(oneNScenario(2)), { preset: "one-n" });
    expect(resizeStages(g, 4).map((s) => s.name)).toEqual(["DC", "Store 01", "Store 02", "Store 03", "Store 04"]);
  });
});

describe("demand history from the selection", () => {
  test("a column of at least 8 numbers", () => {
    const col = [[5], [6], [7], [8], [9], [10], [11], [12], [""], [""]];
    expect(readHistory(col, "Sheet1!A1:A10")).toEqual({ values: [5, 6, 7, 8, 9, 10, 11, 12] });
    expect(readHistory([[1, 2, 3, 4, 5, 6, 7, 8]], "Sheet1!A1:H1")).toEqual({ values: [1, 2, 3, 4, 5, 6, 7, 8] });
  });

  test("says what is wrong", () => {
    expect(readHistory([[1], [2], ["n/a"], [4]], "S!A1:A4")).toEqual({
      problem: 'Demand history must hold numbers only: value 3 of S!A1:A4 is "n/a".',
    });
    expect(readHistory([[1], [2], [""], [4]], "S!A1:A4")).toEqual({
      problem: "Demand history must hold numbers only: value 3 of S!A1:A4 is blank.",
    });
    expect(readHistory([[1], [2], [3]], "S!A1:A3")).toEqual({ problem: "The history needs at least 8 periods; the selection has 3." });
    expect(
      readHistory(
        [
          [1, 2],
          [3, 4],
        ],
        "S!A1:B2",
      ),
    ).toEqual({ problem: "Select one column or one row of demand; S!A1:B2 has 2 rows and 2 columns." });
    expect(readHistory([[1], [-2], [3], [4], [5], [6], [7], [8]], "S!A1:A8")).toEqual({
      problem: "Demand cannot be negative: value 2 of S!A1:A8 is -2.",
    });
  });

  test("a workbook over the cell limit is flagged on the periods field before Build, with the periods that fit", () => {
    const f = scenarioToForm(valid({ ...oneNScenario(50), periods: 365 }));
    expect(checkForm(f).fields).toEqual({}); // the largest network the wizard lays out, over a year: fits
    f.output.periods = "2000";
    const c = checkForm(f);
    expect(c.input).toBeNull();
    expect(c.fields["output.periods"]).toMatch(
      /^The workbook would have [\d,]+ cells on its stage sheets, more than 1,000,000 \(workbook size\): use at most about 3[\d,]+ periods/,
    );
  });

  test("a history shorter than the periods is flagged on the periods field", () => {
    const f = scenarioToForm(valid(customSerialScenario(2)));
    f.demand.kind = "history";
    f.demand.history = { address: "S!A1:A10", values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] };
    f.output.periods = "52";
    expect(checkForm(f).fields["output.periods"]).toBe("Your history has 10 periods: simulate at most that many.");
    f.output.periods = "10";
    f.output.warmup = "2";
    expect(checkForm(f).fields).toEqual({});
  });

  test("parsePeriods", () => {
    expect(parsePeriods("10, 20;30 20")).toEqual([10, 20, 30]);
    expect(parsePeriods("")).toEqual([]);
    expect(parsePeriods("10, x")).toBeNull();
  });
});

describe("levers and sweeps", () => {
  const chain = (): ScenarioInput => {
    const s = customSerialScenario(4);
    s.stages.forEach((st, k) => {
      st.caseSize = 10;
      if (k < 3) st.shortageGaming = { factor: 1.5 };
    });
    s.stages[0].promotion = { periods: [10], forwardBuy: 2 };
    return s;
  };

  test("each lever changes what it says and leaves a valid scenario", () => {
    const s = chain();
    const info = leverInfo(s, 1);
    expect(info.filter((l) => l.unavailable)).toEqual([]);
    expect(info.find((l) => l.id === "removeEchelon")!.label).toBe("Remove Wholesaler");
    const by = (id: Parameters<typeof applyLever>[1]) => valid(applyLever(s, id, 1));
    expect(by("informationSharing").informationSharing).toBe(true);
    expect(by("vmi").stages.map((st) => st.vmi)).toEqual([true, false, false, false]);
    expect(by("noBatching").stages.every((st) => st.caseSize === undefined && st.orderEvery === 1)).toBe(true);
    expect(by("noGaming").stages.every((st) => !st.shortageGaming)).toBe(true);
    expect(by("noPromotions").stages.every((st) => !st.promotion)).toBe(true);
    expect(by("removeEchelon").stages.map((st) => st.name)).toEqual(["Retailer", "Distributor", "Factory"]);
    expect(by("shorterLeadTimes").stages.map((st) => st.leadTime)).toEqual([1, 1, 1, 1]);
    // the baseline is untouched
    expect(s.stages).toHaveLength(4);
    expect(valid(applyLever(s, "removeEchelon", 3)).stages.at(-1)!.shortageGaming).toBeUndefined();
  });

  test("levers the baseline does not have are unavailable, with the reason", () => {
    const info = leverInfo(beerGameScenario(), null);
    expect(info.find((l) => l.id === "noBatching")!.unavailable).toMatch(/does not batch/);
    expect(info.find((l) => l.id === "removeEchelon")!.unavailable).toMatch(/choose a stage/);
    expect(leverInfo(oneNScenario(3), 1).find((l) => l.id === "removeEchelon")!.unavailable).toMatch(/distribution network/);
  });

  test("variants: baseline first, then the chosen levers or the sweep", () => {
    const f: WizardForm = scenarioToForm(valid(chain()));
    f.levers.removeStage = "2";
    f.output.compare = "levers";
    f.output.levers = ["informationSharing", "removeEchelon"];
    expect(variantsOf(f, chain()).map((v) => v.label)).toEqual(["Baseline", "Share demand information", "Remove Distributor"]);
    f.output.compare = "sweep";
    Object.assign(f.output, { sweepParam: "leadTime", sweepFrom: "1", sweepTo: "8", sweepStep: "1" });
    const sweep = variantsOf(f, chain());
    expect(sweep.map((v) => v.label)).toEqual(["Baseline", ...[1, 2, 3, 4, 5, 6, 7, 8].map((l) => `Lead time ${l}`)]);
    expect(sweep[3].scenario.stages.every((st) => st.leadTime === 3)).toBe(true);
    sweep.forEach((v) => valid(v.scenario));
  });

  test("sweep bounds are checked", () => {
    const o = scenarioToForm(valid(chain())).output;
    const fields: Record<string, string> = {};
    expect(sweepValues({ ...o, sweepFrom: "1", sweepTo: "40", sweepStep: "1" }, fields)).toBeNull();
    expect(fields["output.sweepTo"]).toMatch(/At most 12 values/);
    expect(sweepValues({ ...o, sweepParam: "caseSize", sweepFrom: "5", sweepTo: "6", sweepStep: "0.5" })).toEqual([5, 5.5, 6]);
    expect(sweepValues({ ...o, sweepParam: "caseSize", sweepFrom: "0.1", sweepTo: "0.3", sweepStep: "0.1" })).toEqual([0.1, 0.2, 0.3]);
    expect(sweepValues({ ...o, sweepParam: "caseSize", sweepFrom: "1e300", sweepTo: "1e300", sweepStep: "1" })).toEqual([1e300]);
  });

  test("a sweep far too long is refused from its bounds, before any value is made", () => {
    const o = scenarioToForm(valid(chain())).output;
    const fields: Record<string, string> = {};
    expect(sweepValues({ ...o, sweepFrom: "1", sweepTo: "1000000000", sweepStep: "1" }, fields)).toBeNull();
    expect(fields["output.sweepTo"]).toBe("At most 12 values in a sweep; this one has 1,000,000,000.");
    // 1 + 1e-300 is 1: stepping value by value would never get there
    expect(sweepValues({ ...o, sweepParam: "caseSize", sweepFrom: "1", sweepTo: "1e300", sweepStep: "1e-300" }, fields)).toBeNull();
    expect(fields["output.sweepTo"]).toBe("At most 12 values in a sweep; this one has far more.");
    expect(sweepValues({ ...o, sweepParam: "caseSize", sweepFrom: "0", sweepTo: "1e300", sweepStep: "1" })).toBeNull();
    expect(
      variantsOf(
        { ...scenarioToForm(valid(chain())), output: { ...o, compare: "sweep", sweepFrom: "1", sweepTo: "1e9", sweepStep: "1" } },
        chain(),
      ),
    ).toHaveLength(1);
  });

  test("the wizard's own settings are stored and restored", () => {
    const f = scenarioToForm(valid(chain()));
    f.output.compare = "levers";
    f.output.levers = ["noGaming"];
    const back = scenarioToForm(valid(checkForm(f).input!), wizardExtras(f));
    expect(back.output).toMatchObject({ compare: "levers", levers: ["noGaming"] });
  });
});

describe("the worker's body and the Results plan", () => {
  test("runVariants posts progress, one result per variant in order, then done; the collector gathers them", async () => {
    const s = valid({ ...customSerialScenario(2), replications: 1 });
    const progress: number[] = [];
    const c = collector((p) => progress.push(p.fraction));
    runVariants(
      {
        type: "run",
        variants: [
          { label: "A", scenario: s },
          { label: "B", scenario: applyLever(s, "informationSharing", null) },
        ],
        replications: 4,
        seed: 7,
      },
      c.handle,
    );
    const results = await c.promise;
    expect(results.map((r) => r.label)).toEqual(["A", "B"]);
    expect(results[0].result).toEqual(simulate(s, { replications: 4, seed: 7 }));
    expect(progress.at(-1)).toBe(1);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
  });

  test("runVariants on a pool of 1, 2 or 3 workers: the same results, digit for digit; the pane keeps one core for Excel", async () => {
    const s = valid({ ...customSerialScenario(3), replications: 1 });
    const req = {
      type: "run" as const,
      variants: [
        { label: "A", scenario: s },
        { label: "B", scenario: applyLever(s, "informationSharing", null) },
      ],
      replications: 30,
      seed: 11,
    };
    const runs: string[] = [];
    for (const workers of [1, 2, 3]) {
      const c = collector(() => undefined);
      void runVariants(req, c.handle, localPool(workers));
      runs.push(JSON.stringify(await c.promise));
    }
    expect(runs[1]).toBe(runs[0]);
    expect(runs[2]).toBe(runs[0]);
    expect(JSON.parse(runs[0])[0].result).toEqual(JSON.parse(JSON.stringify(simulate(s, { replications: 30, seed: 11 }))));
    expect([paneWorkers(8), paneWorkers(2), paneWorkers(1), paneWorkers(undefined), paneWorkers(64)]).toEqual([7, 1, 1, 1, 16]);
  });

  test("an invalid variant is reported, not simulated", async () => {
    const c = collector(() => undefined);
    runVariants(
      { type: "run", variants: [{ label: "Bad", scenario: { ...customSerialScenario(2), periods: 1 } }], replications: 1, seed: 1 },
      c.handle,
    );
    await expect(c.promise).rejects.toThrow(/^Bad: periods must be >= 2/);
  });

  test("the Results plan: bullwhip block per scenario, the figures with confidence intervals, a clustered column chart", () => {
    const s = valid(customSerialScenario(3));
    const a = simulate(s, { replications: 5, seed: 3 });
    const b = simulate(valid(applyLever(s, "removeEchelon", 1)), { replications: 5, seed: 3 });
    const plan = buildResultsPlan(
      [
        { label: "Baseline", result: a },
        { label: "Remove Wholesaler", result: b },
      ],
      { title: {}, header: {}, label: {}, input: {}, computed: {}, value: {}, note: {}, addin: {} },
    );
    const cells = new Map(plan.sheets[0].cells.map((c) => [c.ref, c.value]));
    expect(cells.get("A2")).toMatch(
      new RegExp(`N = ${a.measuredPeriods} measured periods.*costs per period and over the N measured periods`),
    );
    expect([cells.get("A6"), cells.get("A7"), cells.get("A8")]).toEqual(["Retailer", "Wholesaler", "Factory"]);
    expect(cells.get("B6")).toBe(a.stages[0].bullwhip.mean);
    expect(cells.get("C7")).toBeUndefined(); // no Wholesaler once it is removed
    expect(cells.get("C8")).toBe(b.stages[1].bullwhip.mean);
    const table = plan.tables[0];
    expect(table.columns).toEqual([...RESULT_COLUMNS]);
    const head = Number(/A(\d+):/.exec(table.ref)![1]);
    expect(cells.get(`D${head + 1}`)).toBe(a.stages[0].bullwhip.ci95![0]);
    expect(cells.get(`E${head + 1}`)).toBe(a.stages[0].bullwhip.ci95![1]);
    expect(cells.get(`B${head + 4}`)).toBe("Network");
    // every figure of the engine's StageResult has its mean and both CI bounds, under its header
    const header = (name: string) => {
      const i = RESULT_COLUMNS.indexOf(name as (typeof RESULT_COLUMNS)[number]);
      expect(i).toBeGreaterThanOrEqual(0);
      expect(cells.get(`${colLetter(i + 1)}${head}`)).toBe(name);
      return colLetter(i + 1);
    };
    const figures: [string, string, string, (st: StageResult) => Stat][] = [
      ["Bullwhip ratio", "Bullwhip CI low", "Bullwhip CI high", (st) => st.bullwhip],
      ["Fill rate", "Fill rate CI low", "Fill rate CI high", (st) => st.fillRate],
      ["Average on hand", "On hand CI low", "On hand CI high", (st) => st.avgOnHand],
      ["Average backlog", "Backlog CI low", "Backlog CI high", (st) => st.avgBacklog],
      ["Average in transit", "In transit CI low", "In transit CI high", (st) => st.avgInTransit],
      ["Holding cost per period", "Holding per period CI low", "Holding per period CI high", (st) => st.costPerPeriod.holding],
      ["Backlog cost per period", "Backlog per period CI low", "Backlog per period CI high", (st) => st.costPerPeriod.backlog],
      [
        "In-transit holding cost per period",
        "In-transit per period CI low",
        "In-transit per period CI high",
        (st) => st.costPerPeriod.inTransit,
      ],
      ["Total cost per period", "Total per period CI low", "Total per period CI high", (st) => st.costPerPeriod.total],
      ["Holding cost over N measured periods", "Holding over N CI low", "Holding over N CI high", (st) => st.cost.holding],
      ["Backlog cost over N measured periods", "Backlog over N CI low", "Backlog over N CI high", (st) => st.cost.backlog],
      [
        "In-transit holding cost over N measured periods",
        "In-transit over N CI low",
        "In-transit over N CI high",
        (st) => st.cost.inTransit,
      ],
      ["Total cost over N measured periods", "Total over N CI low", "Total over N CI high", (st) => st.cost.total],
    ];
    expect(RESULT_COLUMNS).toHaveLength(2 + 3 * figures.length);
    const rowsOf: [Result, number][] = [
      [a, head + 1],
      [b, head + 1 + a.stages.length + 1],
    ];
    let checked = 0;
    for (const [res, first] of rowsOf) {
      res.stages.forEach((st, k) => {
        const row = first + k;
        expect(cells.get(`B${row}`)).toBe(st.name);
        for (const [mean, lo, hi, pick] of figures) {
          const s = pick(st);
          expect(s.ci95).not.toBeNull(); // 5 replications: every interval exists
          expect(cells.get(`${header(mean)}${row}`)).toBe(s.mean);
          expect(cells.get(`${header(lo)}${row}`)).toBe(s.ci95![0]);
          expect(cells.get(`${header(hi)}${row}`)).toBe(s.ci95![1]);
          checked++;
        }
      });
      const network = first + res.stages.length;
      expect(cells.get(`B${network}`)).toBe("Network");
      expect(cells.get(`${header("Total cost over N measured periods")}${network}`)).toBe(res.totalCost.mean);
      expect(cells.get(`${header("Total over N CI low")}${network}`)).toBe(res.totalCost.ci95![0]);
      expect(cells.get(`${header("Total over N CI high")}${network}`)).toBe(res.totalCost.ci95![1]);
      expect(cells.get(`${header("Total cost per period")}${network}`)).toBe(res.totalCostPerPeriod.mean);
      expect(cells.get(`${header("Total per period CI low")}${network}`)).toBe(res.totalCostPerPeriod.ci95![0]);
      expect(cells.get(`${header("Total per period CI high")}${network}`)).toBe(res.totalCostPerPeriod.ci95![1]);
      // per period: the sums over the N measured periods / N, N stated in the note
      expect(res.totalCostPerPeriod.mean).toBeCloseTo(res.totalCost.mean / res.measuredPeriods, 9);
      expect(cells.get(`${header("Average on hand")}${network}`)).toBeUndefined();
    }
    expect(checked).toBe((a.stages.length + b.stages.length) * figures.length);
    // the table spans every column and every row written; the chart sits to the right of it
    const lastRow = head + a.stages.length + 1 + b.stages.length + 1;
    expect(table.ref).toBe(`A${head}:${colLetter(RESULT_COLUMNS.length)}${lastRow}`);
    expect(plan.sheets[0].columns).toHaveLength(RESULT_COLUMNS.length);
    const anchorCol = [.../^[A-Z]+/.exec(plan.charts[0].anchor)![0]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
    expect(anchorCol).toBeGreaterThan(RESULT_COLUMNS.length);
    expect(plan.charts[0]).toMatchObject({
      type: "columnClustered",
      series: [
        { name: "Baseline", valuesRef: "Results!$B$6:$B$8" },
        { name: "Remove Wholesaler", valuesRef: "Results!$C$6:$C$8" },
      ],
    });
  });
});

describe("replications and the size of a run", () => {
  const form = (periods: number, replications: number) => {
    const f = scenarioToForm(valid(customSerialScenario(4)));
    f.output.periods = String(periods);
    f.output.replications = String(replications);
    return f;
  };

  test("replications within 1 to MAX_REPLICATIONS", () => {
    expect(checkForm(form(52, MAX_REPLICATIONS)).fields).toEqual({});
    expect(checkForm(form(52, MAX_REPLICATIONS + 1)).fields).toEqual({ "output.replications": "Enter 1 to 100,000 replications." });
    expect(checkForm(form(52, 0)).fields).toEqual({ "output.replications": "Enter 1 to 100,000 replications." });
  });

  test("a run the command line refuses is refused on the replications field, counting every compared scenario", () => {
    // 4,000 periods x 4 stages x 62,500 replications: the limit, within the workbook's cells
    expect(checkForm(form(4000, 62_500)).fields).toEqual({});
    expect(checkForm(form(4000, 62_501)).fields).toEqual({
      "output.replications":
        "Too large a run to simulate in about a minute: with 4,000 periods and 4 stages, enter at most 62,500 replications, or fewer periods.",
    });
    const f = form(4000, 25_000);
    f.output.compare = "levers";
    f.output.levers = ["informationSharing", "shorterLeadTimes", "noBatching"]; // the chain does not batch orders: 2 of the 3 are compared
    expect(variantsOf(f, valid(checkForm(form(4000, 25_000)).input!))).toHaveLength(3);
    expect(checkForm(f).fields).toEqual({
      "output.replications":
        "Too large a run to simulate in about a minute: with 4,000 periods, 4 stages and 3 scenarios compared, enter at most 20,833 replications, or fewer periods.",
    });
    f.output.replications = "20833";
    expect(checkForm(f).fields).toEqual({});
    f.output.compare = "sweep";
    Object.assign(f.output, { sweepParam: "leadTime", sweepFrom: "1", sweepTo: "8", sweepStep: "1" });
    expect(checkForm(f).fields["output.replications"]).toMatch(/9 scenarios compared, enter at most 6,944 replications/);
  });
});

test("formToScenario keeps unreadable numbers in the draft so that the other fields are still checked", () => {
  const f = scenarioToForm(valid(customSerialScenario(2)));
  f.stages[0].holdingCost = "cheap";
  f.stages[1].leadTime = "0";
  const c = formToScenario(f);
  expect(c.input).toBeNull();
  expect(c.draft.stages[0].holdingCost).toBe("cheap");
  expect(checkForm(f).fields["stages.1.leadTime"]).toBe("Use at least 1 period.");
});

describe("the wizard's words", () => {
  /** The validator's vocabulary, which a planner should never see under a field. */
  const JARGON =
    /\((minimum|maximum|exclusiveMinimum|exclusiveMaximum|type|enum|const|required|minLength|maxLength|minItems|maxItems|uniqueItems|run size|stage count|series length|orderPhase|promotion period|vmi|shortageGaming|push mode|push-pull boundary)\)|pushPullBoundary|; got |>=|<=|\bmust be\b|\bis required\b/i;

  const serial = () => scenarioToForm(valid(customSerialScenario(3)));
  const withPolicy = (policy: ScenarioInput["stages"][number]["policy"]) => {
    const s = customSerialScenario(3);
    s.stages[1].policy = policy;
    return scenarioToForm(valid(s));
  };
  const long = (n: number) => "x".repeat(n);

  // [what, the form, the field, the planner's message]: every kind of rule the engine checks on a wizard field.
  const cases: [string, () => WizardForm, string, string][] = [
    ["periods below the minimum", () => mutate(serial(), (f) => (f.output.periods = "1")), "output.periods", "Use at least 2 periods."],
    [
      "periods above the maximum",
      () => mutate(serial(), (f) => (f.output.periods = "100001")),
      "output.periods",
      "Use at most 100,000 periods.",
    ],
    ["a negative warm-up", () => mutate(serial(), (f) => (f.output.warmup = "-1")), "output.warmup", "Use 0 or more periods."],
    [
      "a warm-up leaving no periods to measure",
      () => mutate(serial(), (f) => (f.output.warmup = "51")),
      "output.warmup",
      "Leave at least 2 periods to measure after the warm-up: use at most 50 periods of warm-up.",
    ],
    ["a scenario name too long", () => mutate(serial(), (f) => (f.output.name = long(201))), "output.name", "Use at most 200 characters."],
    [
      "a negative seed",
      () => mutate(serial(), (f) => (f.demand.seed = "-1")),
      "demand.seed",
      "Use a whole number from 0 to 4,294,967,295.",
    ],
    [
      "a seed too large",
      () => mutate(serial(), (f) => (f.demand.seed = "5000000000")),
      "demand.seed",
      "Use a whole number from 0 to 4,294,967,295.",
    ],
    ["a negative mean", () => mutate(serial(), (f) => (f.demand.mean = "-1")), "demand.mean", "Use 0 or more: this cannot be negative."],
    ["a negative sd", () => mutate(serial(), (f) => (f.demand.sd = "-2")), "demand.sd", "Use 0 or more: this cannot be negative."],
    [
      "a Poisson mean of 0",
      () => mutate(serial(), (f) => Object.assign(f.demand, { kind: "poisson", mean: "0" })),
      "demand.mean",
      "Use more than 0.",
    ],
    [
      "a Poisson mean too large",
      () => mutate(serial(), (f) => Object.assign(f.demand, { kind: "poisson", mean: "2000000" })),
      "demand.mean",
      "Use at most 1,000,000.",
    ],
    [
      "a step before period 0",
      () => mutate(serial(), (f) => Object.assign(f.demand, { kind: "step", at: "-1" })),
      "demand.at",
      "Use period 0 or later.",
    ],
    [
      "a negative level before the step",
      () => mutate(serial(), (f) => Object.assign(f.demand, { kind: "step", before: "-1" })),
      "demand.before",
      "Use 0 or more: this cannot be negative.",
    ],
    ["a lead time of 0", () => mutate(serial(), (f) => (f.stages[0].leadTime = "0")), "stages.0.leadTime", "Use at least 1 period."],
    [
      "a lead time too long",
      () => mutate(serial(), (f) => (f.stages[0].leadTime = "1001")),
      "stages.0.leadTime",
      "Use at most 1,000 periods.",
    ],
    [
      "a negative initial stock",
      () => mutate(serial(), (f) => (f.stages[1].initialInventory = "-5")),
      "stages.1.initialInventory",
      "Use 0 or more: this cannot be negative.",
    ],
    [
      "a negative holding cost",
      () => mutate(serial(), (f) => (f.stages[1].holdingCost = "-1")),
      "stages.1.holdingCost",
      "A cost cannot be negative: use 0 or more.",
    ],
    [
      "a negative backlog cost",
      () => mutate(serial(), (f) => (f.stages[2].backlogCost = "-1")),
      "stages.2.backlogCost",
      "A cost cannot be negative: use 0 or more.",
    ],
    [
      "a stage name too long",
      () => mutate(serial(), (f) => (f.stages[2].name = long(101))),
      "stages.2.name",
      "Use at most 100 characters.",
    ],
    [
      "a forecast window of 0",
      () => mutate(serial(), (f) => (f.stages[0].params.window = "0")),
      "stages.0.policy.window",
      "Use at least 1 period.",
    ],
    [
      "a forecast window of 1 with a sample sd",
      () => mutate(serial(), (f) => (f.stages[0].params.window = "1")),
      "stages.0.policy.window",
      "Use a window of at least 2 periods: the spread of demand needs two values (or a service level of 0.5).",
    ],
    [
      "a smoothing weight of 0",
      () => mutate(serial(), (f) => Object.assign(f.stages[0].params, { forecast: "exp-smoothing", alpha: "0" })),
      "stages.0.policy.alpha",
      "Use a weight above 0 and at most 1, e.g. 0.3.",
    ],
    [
      "a smoothing weight above 1",
      () => mutate(serial(), (f) => Object.assign(f.stages[0].params, { forecast: "exp-smoothing", alpha: "1.5" })),
      "stages.0.policy.alpha",
      "Use a weight above 0 and at most 1, e.g. 0.3.",
    ],
    [
      "a service level of 1",
      () => mutate(serial(), (f) => (f.stages[0].params.serviceLevel = "1")),
      "stages.0.policy.serviceLevel",
      "Use a service level between 0 and 1, e.g. 0.95 for 95%.",
    ],
    [
      "a service level of 0",
      () => mutate(serial(), (f) => (f.stages[0].params.serviceLevel = "0")),
      "stages.0.policy.serviceLevel",
      "Use a service level between 0 and 1, e.g. 0.95 for 95%.",
    ],
    [
      "an order quantity of 0",
      () => mutate(withPolicy({ type: "s-Q", reorderPoint: 20, orderQty: 40 }), (f) => (f.stages[1].params.orderQty = "0")),
      "stages.1.policy.orderQty",
      "Use more than 0.",
    ],
    [
      "a min-max case size of 0",
      () => mutate(withPolicy({ type: "min-max" }), (f) => (f.stages[1].params.caseSize = "0")),
      "stages.1.policy.caseSize",
      "Use more than 0.",
    ],
    [
      "a stock-gap weight above 1",
      () =>
        mutate(
          withPolicy({ type: "sterman", alphaS: 0.3, beta: 0.15, theta: 0.25, desiredInventory: 28 }),
          (f) => (f.stages[1].params.alphaS = "1.2"),
        ),
      "stages.1.policy.alphaS",
      "Use a weight from 0 to 1, e.g. 0.3.",
    ],
    [
      "a negative supply line weight",
      () =>
        mutate(
          withPolicy({ type: "sterman", alphaS: 0.3, beta: 0.15, theta: 0.25, desiredInventory: 28 }),
          (f) => (f.stages[1].params.beta = "-0.1"),
        ),
      "stages.1.policy.beta",
      "Use a weight from 0 to 1, e.g. 0.3.",
    ],
    [
      "a forecast weight above 1",
      () =>
        mutate(
          withPolicy({ type: "sterman", alphaS: 0.3, beta: 0.15, theta: 0.25, desiredInventory: 28 }),
          (f) => (f.stages[1].params.theta = "2"),
        ),
      "stages.1.policy.theta",
      "Use a weight from 0 to 1, e.g. 0.3.",
    ],
    ["a case size of 0", () => mutate(serial(), (f) => (f.levers.caseSize = "0")), "levers.caseSize", "Use more than 0."],
    ["an order interval of 0", () => mutate(serial(), (f) => (f.levers.orderEvery = "0")), "levers.orderEvery", "Use at least 1 period."],
    [
      "an order interval too long",
      () => mutate(serial(), (f) => (f.levers.orderEvery = "1001")),
      "levers.orderEvery",
      "Use at most 1,000 periods.",
    ],
    [
      "a gaming factor below 1",
      () => mutate(serial(), (f) => (f.levers.gamingFactor = "0.5")),
      "levers.gamingFactor",
      "Use a factor of 1 or more, e.g. 1.5 (1: orders are not inflated).",
    ],
    [
      "a gaming factor above 100",
      () => mutate(serial(), (f) => (f.levers.gamingFactor = "101")),
      "levers.gamingFactor",
      "Use a factor of at most 100.",
    ],
    [
      "a negative forward buy",
      () => mutate(serial(), (f) => Object.assign(f.levers, { promotionPeriods: "10", forwardBuy: "-1" })),
      "levers.forwardBuy",
      "Use 0 or more: this cannot be negative.",
    ],
    [
      "a promotion after the run",
      () => mutate(serial(), (f) => Object.assign(f.levers, { promotionPeriods: "60", forwardBuy: "1" })),
      "levers.promotionPeriods",
      "Promotion period 60 is after the end of the run: use periods 0 to 51.",
    ],
    [
      "a push plan's window of 0",
      () => mutate(serial(), (f) => Object.assign(f.stages[1].pushPlan, { window: "0" }) && (f.levers.pushPullBoundary = "0")),
      "stages.1.pushPlan.window",
      "Use at least 1 period.",
    ],
    [
      "a push plan's smoothing of 0",
      () => mutate(serial(), (f) => Object.assign(f.stages[2].pushPlan, { forecast: "exp-smoothing", alpha: "0" })),
      "stages.2.pushPlan.alpha",
      "Use a weight above 0 and at most 1, e.g. 0.3.",
    ],
    [
      "a negative information lag",
      () => mutate(serial(), (f) => Object.assign(f.stages[2].pushPlan, { infoLag: "-1" })),
      "stages.2.pushPlan.infoLag",
      "Use 0 or more periods.",
    ],
    [
      "negative noise around a step",
      () => mutate(serial(), (f) => Object.assign(f.demand, { kind: "step", stepSd: "-1" })),
      "demand.stepSd",
      "Use 0 or more: this cannot be negative.",
    ],
    [
      "a case size under pure push",
      () => mutate(serial(), (f) => Object.assign(f.levers, { pushPullBoundary: "0", caseSize: "10" })),
      "levers.caseSize",
      "With pure push (the boundary at Retailer) no stage orders: leave this blank, or move the push-pull boundary.",
    ],
    [
      "push vs pull on a distribution network",
      () => mutate(scenarioToForm(valid(oneNScenario(3)), { preset: "one-n" }), (f) => (f.output.compare = "pushPull")),
      "output.compare",
      "Not available: push and pull are compared on a serial chain; a distribution network has no push-pull boundary. Choose another comparison.",
    ],
  ];

  function mutate(f: WizardForm, change: (f: WizardForm) => unknown): WizardForm {
    change(f);
    return f;
  }

  test.each(cases)("%s: the message says what to enter", (_what, make, field, message) => {
    const c = checkForm(make());
    expect(c.fields[field]).toBe(message);
    for (const m of [...Object.values(c.fields), ...c.general]) expect(m).not.toMatch(JARGON);
  });

  test("plannerMessage: each rule of the engine by the field's kind; anything else without the rule's name", () => {
    expect(plannerMessage("output.periods", "Must be >= 2 (minimum); got 1")).toBe("Use at least 2 periods.");
    expect(plannerMessage("stages.0.leadTime", "Must be >= 1 (minimum); got 0")).toBe("Use at least 1 period.");
    expect(plannerMessage("output.replications", "Must be <= 100000 (maximum); got 200000")).toBe("Use at most 100,000 replications.");
    expect(plannerMessage("demand.mean", 'Must be a number (type); got "x"')).toBe("Enter a number.");
    expect(plannerMessage("stages.0.leadTime", "Must be an integer (type); got 1.5")).toBe("Enter a whole number.");
    expect(plannerMessage("stages.0.name", "Must be a string (type); got 3")).toBe("Enter a name.");
    expect(plannerMessage("stages.0.policy.forecast", 'Must be one of "moving-average", "exp-smoothing", "known" (enum); got "x"')).toBe(
      "Choose one of the options in the list.",
    );
    expect(plannerMessage("stages.0.policy.alphaS", "Is required (required)")).toBe("Enter a value.");
    expect(plannerMessage("output.name", "Must not be shorter than 1 character(s) (minLength)")).toBe("Enter a name.");
    expect(plannerMessage("demand.history", "Must have at least periods = 52 values (series length); got 24")).toBe(
      "Your history has 24 periods; the run simulates 52 periods. Select a longer history or simulate fewer periods.",
    );
    expect(plannerMessage("network.stageCount", "Must have at most 8 stages in a serial network (stage count); got 9")).toBe(
      "Use at most 8 stages.",
    );
    expect(plannerMessage("output.periods", "Periods x stages must be at most 5000000 (run size); got 6000000")).toBe(
      "Too long a run: 6,000,000 stage-periods, more than the 5,000,000 a run can have. Use fewer periods.",
    );
    const tooBig = fieldOfMessage(runSizeProblem(5000, 4, 100_000)!);
    expect(plannerMessage(tooBig[0]!, tooBig[1])).toMatch(
      /^Too large a run to simulate in about a minute: use at most [\d,]+ replications, or fewer periods\.$/,
    );
    expect(plannerMessage("levers.orderEvery", "Must be less than orderEvery = 2 (orderPhase); got 3")).toBe(
      "A stage orders in period 3 of each cycle: order at least every 4 periods.",
    );
    expect(plannerMessage("levers.vmi", "Must be false on the last stage: its supplier is outside the network (vmi)")).toBe(
      "Must be false on the last stage: its supplier is outside the network",
    );
    // the wizard's own messages pass unchanged
    expect(plannerMessage("demand.sd", "Enter a number.")).toBe("Enter a number.");
  });

  test("every field the wizard maps an engine message to has a kind", () => {
    const fields = [
      "output.periods",
      "output.warmup",
      "output.replications",
      "output.name",
      "demand.seed",
      "demand.mean",
      "demand.sd",
      "demand.before",
      "demand.after",
      "demand.at",
      "demand.history",
      "demand.stepSd",
    ];
    fields.push("levers.pushPullBoundary", "stages.0.pushPlan.window", "stages.0.pushPlan.alpha", "stages.0.pushPlan.infoLag");
    fields.push(
      "network.stageCount",
      "network.storeCount",
      "levers.caseSize",
      "levers.orderEvery",
      "levers.gamingFactor",
      "levers.forwardBuy",
      "levers.promotionPeriods",
    );
    fields.push(...["name", "leadTime", "initialInventory", "holdingCost", "backlogCost"].map((k) => `stages.0.${k}`));
    for (const list of Object.values(POLICY_FIELDS)) for (const f of list) if (!f.choices) fields.push(`stages.0.policy.${f.key}`);
    expect(fields.filter((f) => kindOf(f) === "other")).toEqual([]);
  });

  test("labels: words first, the symbol second", () => {
    const labels = Object.fromEntries(Object.entries(POLICY_FIELDS).map(([t, list]) => [t, list.map((f) => f.label)]));
    expect(labels).toEqual({
      "order-up-to": ["Forecast method", "Window (p periods)", "Smoothing (alpha)", "Service level"],
      "s-Q": ["Reorder point (s)", "Order quantity (Q)"],
      "min-max": ["Service level", "Case size"],
      sterman: ["Weight on stock gap (alpha S)", "Supply line weight (beta)", "Forecast weight (theta)", "Desired stock (S')"],
      "base-stock": ["Base-stock level"],
      "echelon-base-stock": ["Echelon base-stock level"],
    });
    for (const label of [...Object.values(labels).flat(), ...Object.values(POLICY_LABELS)])
      expect(label).toMatch(/^[A-Z][a-z-]+( [a-z-]+)*( \([^)]+\))?$/);
  });
});

describe("the headline of a build", () => {
  const serialResults = () => {
    const s = valid(customSerialScenario(3));
    return [
      { label: "Baseline", result: simulate(s, { replications: 4, seed: 2 }) },
      { label: "Halve lead times", result: simulate(valid(applyLever(s, "shorterLeadTimes", null)), { replications: 4, seed: 2 }) },
      {
        label: "Share demand information",
        result: simulate(valid(applyLever(s, "informationSharing", null)), { replications: 4, seed: 2 }),
      },
    ];
  };

  test("a serial chain: the top stage is the most upstream one; the best scenario has the lowest total cost", () => {
    const results = serialResults();
    const h = headline(results, "serial")!;
    expect(h.baseline).toEqual({
      label: "Baseline",
      topStage: "Factory",
      bullwhip: results[0].result.stages[2].bullwhip.mean,
      totalCost: results[0].result.totalCost.mean,
      measuredPeriods: 52 - 8,
    });
    expect(h.scenarios.map((x) => x.label)).toEqual(["Baseline", "Halve lead times", "Share demand information"]);
    const lowest = results.reduce((a, b) => (b.result.totalCost.mean < a.result.totalCost.mean ? b : a));
    expect(h.best!.label).toBe(lowest.label);
    expect(h.best!.saving).toBeCloseTo(results[0].result.totalCost.mean - lowest.result.totalCost.mean, 9);
  });

  test("1-N: the top stage is the DC; the baseline alone has no best", () => {
    const s = valid(oneNScenario(3));
    const h = headline(
      [{ label: "Baseline", result: simulate({ ...s, periods: 60, warmup: 10 }, { replications: 2, seed: 1 }) }],
      "distribution",
    )!;
    expect(h.baseline.topStage).toBe("DC");
    expect(h.baseline.measuredPeriods).toBe(50);
    expect(h.best).toBeNull();
    expect(headline([], "serial")).toBeNull();
  });

  test("figures: two decimals below 100, whole numbers grouped above", () => {
    expect(formatFigure(3.14159)).toBe("3.14");
    expect(formatFigure(99.999)).toBe("100.00");
    expect(formatFigure(12345.6)).toBe("12,346");
    expect(formatFigure(NaN)).toBe("n/a");
  });
});

describe("push and pull", () => {
  const preset = () => valid(pushVsPullScenario());

  test("the boundary, the push plans and a step's noise go through the form and back", () => {
    const s = preset();
    const f = presetForm("push-vs-pull", 4);
    expect(f.network.preset).toBe("push-vs-pull");
    expect(f.output.compare).toBe("pushPull");
    expect(f.levers.pushPullBoundary).toBe("1");
    expect(f.demand).toMatchObject({ kind: "step", before: "100", after: "120", at: "52", stepSd: "20" });
    expect(f.stages.map((st) => st.hasPushPlan)).toEqual([false, true, true, true]);
    expect(f.stages[3].pushPlan).toEqual({ forecast: "moving-average", window: "8", alpha: "0.3", infoLag: "2" });
    // the retailer has none: shown at the engine's defaults, and not written back
    expect(f.stages[0].pushPlan).toEqual({ forecast: "moving-average", window: "4", alpha: "0.3", infoLag: "0" });
    expect(valid(checkForm(f).input!).stages[0].pushPlan).toBeUndefined();
    // edited: the factory smooths exponentially, learns a period late; the noise goes
    Object.assign(f.stages[3].pushPlan, { forecast: "exp-smoothing", alpha: "0.2", infoLag: "1" });
    f.demand.stepSd = "";
    const back = valid(checkForm(f).input!);
    expect(back.pushPullBoundary).toBe(1);
    expect(back.stages[3].pushPlan).toEqual({ forecast: "exp-smoothing", window: 8, alpha: 0.2, infoLag: 1 });
    expect(back.demand).toEqual({ distribution: "step", before: 100, after: 120, at: 52 });
    // and the form shows them again
    const again = scenarioToForm(back);
    expect(again.stages[3].pushPlan).toEqual({ forecast: "exp-smoothing", window: "8", alpha: "0.2", infoLag: "1" });
    expect(again.levers.pushPullBoundary).toBe("1");
    expect(s.demand).toEqual({ distribution: "step", before: 100, after: 120, at: 52, sd: 20 });
  });

  test("a boundary set in the wizard: the stages above it push with their plans, only the stages below take the ordering levers", () => {
    const f = scenarioToForm(valid(customSerialScenario(4)));
    Object.assign(f.levers, { pushPullBoundary: "2", caseSize: "10", gamingFactor: "1.5", promotionPeriods: "10", forwardBuy: "1" });
    f.stages[3].pushPlan.window = "6"; // edited: written; the distributor's defaults are not
    const s = valid(checkForm(f).input!);
    expect(s.pushPullBoundary).toBe(2);
    expect(s.stages.map((st) => [pushRole(2, 4, s.stages.indexOf(st)), st.caseSize, st.shortageGaming?.factor])).toEqual([
      ["pulls", 10, 1.5],
      ["pulls", 10, 1.5],
      ["boundary", undefined, undefined],
      ["pushes", undefined, undefined],
    ]);
    expect(s.stages[0].promotion).toEqual({ periods: [10], forwardBuy: 1 });
    expect(s.stages[3].pushPlan).toEqual({ forecast: "moving-average", window: 6, alpha: 0.3, infoLag: 0 });
    expect(s.stages[2].pushPlan).toBeUndefined();
    // none: every stage pulls again, and takes the levers
    f.levers.pushPullBoundary = "";
    const pull = valid(checkForm(f).input!);
    expect(pull.pushPullBoundary).toBeUndefined();
    expect(pull.stages.map((st) => st.caseSize)).toEqual([10, 10, 10, 10]);
  });

  test("the beer game with a boundary: its fixed first orders and order delays leave the stages that place no orders", () => {
    const f = presetForm("beer-game", 4);
    f.levers.pushPullBoundary = "1";
    const c = checkForm(f);
    expect(c.fields).toEqual({});
    const s = valid(c.input!);
    expect(s.stages.map((st) => [st.fixedOrderPeriods, st.orderDelay])).toEqual([
      [4, 0],
      [0, 2], // the boundary keeps the delay before it sees its customer's orders
      [0, 0],
      [0, 0],
    ]);
  });

  test("the boundary follows a resized chain; 1-N networks have none", () => {
    expect(boundaryAfterResize("1", 3)).toBe("1");
    expect(boundaryAfterResize("2", 3)).toBe(""); // now the top stage: nothing would push
    expect(boundaryAfterResize("", 5)).toBe("");
    expect(pushRole(3, 4, 3)).toBe("pulls");
    expect(scenarioToForm(valid(oneNScenario(2))).levers.pushPullBoundary).toBe("");
    expect(pushPullProblem(oneNScenario(2))).toMatch(/distribution network/);
    expect(pushPullProblem(customSerialScenario(2))).toBeNull();
  });

  test("engine messages about push mode land on their fields, in a planner's words", () => {
    const path = (m: string) => {
      const [field, text] = fieldOfMessage(m);
      return [field, plannerMessage(field!, text)];
    };
    expect(path("stages[2].pushPlan.window must be >= 1 (minimum); got 0")).toEqual(["stages.2.pushPlan.window", "Use at least 1 period."]);
    expect(path("pushPullBoundary must be a stage index from 0 to 3 (push-pull boundary); got 5")).toEqual([
      "levers.pushPullBoundary",
      "Choose a stage of the chain, or none.",
    ]);
    expect(path("pushPullBoundary must be <= 7 (maximum); got 9")).toEqual([
      "levers.pushPullBoundary",
      "Choose a stage of the chain, or none.",
    ]);
    expect(
      path(
        "stages[1].caseSize does not apply: the stage receives what is pushed (it is the push-pull boundary) and places no orders (push mode); remove it",
      ),
    ).toEqual([
      "levers.caseSize",
      "The stages at and above the push-pull boundary place no orders: leave this blank, or move the boundary.",
    ]);
    expect(path("pushPullBoundary is for serial chains only (push-pull boundary); remove it from a distribution network")[1]).toBe(
      "Only a serial chain has a push-pull boundary: choose none.",
    );
    // a step's noise is its own field: the message about demand.sd goes there when the demand is a step
    const f = scenarioToForm(valid(customSerialScenario(2)));
    Object.assign(f.demand, { kind: "step", stepSd: "-3" });
    expect(checkForm(f).fields).toEqual({ "demand.stepSd": "Use 0 or more: this cannot be negative." });
  });

  test("the comparison: the engine's push-vs-pull variants, the baseline marked among them or first", () => {
    const s = preset();
    const f = presetForm("push-vs-pull", 4);
    const baseline = valid(checkForm(f).input!);
    const engine = pushPullVariants(baseline);
    const compared = variantsOf(f, baseline);
    // the preset is its own push-pull variant (boundary at the wholesaler, the middle of four stages)
    expect(compared.map((v) => v.label)).toEqual([
      "Pure push",
      "Pull",
      "Pull with shared demand data",
      "Push-pull, boundary at Wholesaler (baseline)",
    ]);
    expect(compared.slice(0, 3).map((v) => v.scenario)).toEqual(engine.slice(0, 3).map((v) => v.scenario));
    expect(compared[3].scenario).toBe(baseline);
    expect(scenarioCount(f, baseline)).toBe(4);
    expect(s.pushPullBoundary).toBe(1);
    // a boundary that is none of the variants': the baseline first, then the engine's four
    f.levers.pushPullBoundary = "2";
    const other = valid(checkForm(f).input!);
    expect(variantsOf(f, other).map((v) => v.label)).toEqual(["Baseline", ...pushPullVariants(other).map((v) => v.label)]);
    expect(scenarioCount(f, other)).toBe(5);
    // the beer game pulls: it is the pull variant
    const beer = presetForm("beer-game", 4);
    beer.output.compare = "pushPull";
    const b = valid(checkForm(beer).input!);
    expect(variantsOf(beer, b).map((v) => v.label)).toEqual([
      "Pure push",
      "Pull (baseline)",
      "Pull with shared demand data",
      "Push-pull, boundary at Wholesaler",
    ]);
    for (const v of [...variantsOf(beer, b), ...variantsOf(f, other)]) valid(v.scenario);
  });

  test("the run-size check counts the comparison's scenarios", () => {
    const f = presetForm("push-vs-pull", 4);
    f.output.periods = "4000";
    f.output.replications = "62500";
    expect(checkForm(f).fields["output.replications"]).toMatch(
      /4,000 periods, 4 stages and 4 scenarios compared, enter at most 15,625 replications/,
    );
  });

  test("Results: the scenarios side by side by stage (on hand, fill rate, cost per period), and the pane's figures", () => {
    const f = presetForm("push-vs-pull", 4);
    f.output.replications = "3";
    const runs = variantsOf(f, valid(checkForm(f).input!)).map((v) => ({
      label: v.label,
      result: simulate(valid({ ...v.scenario, periods: 60, warmup: 10 }), { replications: 3, seed: 1 }),
    }));
    const plan = buildResultsPlan(runs, { title: {}, header: {}, label: {}, input: {}, computed: {}, value: {}, note: {}, addin: {} });
    const cells = new Map(plan.sheets[0].cells.map((c) => [c.ref, c.value]));
    const rowOf = (title: string) => [...cells].find(([ref, v]) => v === title && ref.startsWith("A"))![0].slice(1);
    for (const [title, pick] of [
      ["Bullwhip ratio by stage", (st: StageResult) => st.bullwhip.mean],
      ["Average on hand by stage", (st: StageResult) => st.avgOnHand.mean],
      ["Fill rate by stage", (st: StageResult) => st.fillRate.mean],
      ["Total cost per period by stage", (st: StageResult) => st.costPerPeriod.total.mean],
    ] as const) {
      const head = Number(rowOf(title));
      runs.forEach((r, j) => {
        const col = colLetter(2 + j);
        expect(cells.get(`${col}${head}`)).toBe(r.label);
        r.result.stages.forEach((st, i) => {
          expect(cells.get(`A${head + 1 + i}`)).toBe(st.name);
          expect(cells.get(`${col}${head + 1 + i}`)).toBe(pick(st));
        });
      });
    }
    const costHead = Number(rowOf("Total cost per period by stage"));
    expect(cells.get(`A${costHead + 5}`)).toBe("Network");
    expect(cells.get(`E${costHead + 5}`)).toBe(runs[3].result.totalCostPerPeriod.mean);
    // the table of every figure follows the blocks, after a blank row and its title
    const head = Number(/A(\d+):/.exec(plan.tables[0].ref)![1]);
    expect(head).toBe(costHead + 5 + 3);
    expect(cells.get(`A${head - 1}`)).toMatch(/^All figures/);
    // the pane: the network's figures of each scenario
    const rows = sideBySide(runs);
    expect(rows.map((r) => r.label)).toEqual(runs.map((r) => r.label));
    const pure = runs[0].result;
    expect(rows[0]).toEqual({
      label: "Pure push",
      onHand: pure.stages.reduce((a, st) => a + st.avgOnHand.mean, 0),
      fillRate: pure.stages[0].fillRate.mean,
      bullwhip: pure.stages[3].bullwhip.mean,
      costPerPeriod: pure.totalCostPerPeriod.mean,
    });
    expect(formatShare(0.90512)).toBe("90.5%");
    expect(formatShare(NaN)).toBe("n/a");
  });

  test("echelon base stock in a stage card: its level starts from the demand and goes through the form", () => {
    expect(defaultParams("echelon-base-stock", 20)).toEqual({ level: "80" });
    const f = scenarioToForm(valid(customSerialScenario(3)));
    f.stages[2] = { ...f.stages[2], policy: "echelon-base-stock", params: { level: "150" }, keepPolicy: {} };
    const s = valid(checkForm(f).input!);
    expect(s.stages[2].policy).toEqual({ type: "echelon-base-stock", level: 150 });
    expect(scenarioToForm(s).stages[2]).toMatchObject({ policy: "echelon-base-stock", params: { level: "150" } });
  });
});
