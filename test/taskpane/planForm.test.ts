/*
 * The replenishment-plan wizard's model (no Office): the policy form's defaults and validation (the
 * engine's policyProblem, each message on its field), the column mapping as the planner corrects it,
 * the table checks (missing columns, rows that cannot be planned, summarised with how to fix them),
 * and the size limits checked before anything is read.
 */
import { ColumnMapping, REQUIRED_ROLES, ROLE_LABELS } from "../../src/plan/columns";
import { DEFAULT_POLICY } from "../../src/plan/policy";
import { MAX_PLAN_CELLS, MAX_PLAN_ROWS } from "../../src/plan/skus";
import { FORECAST_METHODS } from "../../src/forecast/model";
import {
  checkPolicy,
  defaultPolicyForm,
  METHOD_LABELS,
  PolicyForm,
  policyToForm,
  withHistory,
  withRole,
} from "../../taskpane/model/planForm";
import {
  checkTable,
  columnLabel,
  parseBlockAddress,
  proposeMapping,
  rowList,
  TableSnapshot,
  tableSizeProblem,
} from "../../taskpane/model/planTable";
import { sampleTable } from "./fixtures/skuTable";

describe("the policy form", () => {
  test("defaults: automatic method, season 52, review 1, A 98% / B 95% / C 90%, EOQ", () => {
    const f = defaultPolicyForm();
    expect(f).toEqual({
      method: "auto",
      seasonLength: "52",
      periodsPerYear: "52",
      reviewPeriod: "1",
      serviceA: "98",
      serviceB: "95",
      serviceC: "90",
      orderRule: "eoq",
      periodsOfSupply: "4",
    });
    const c = checkPolicy(f);
    expect(c.errors).toEqual({});
    expect(c.policy).toEqual(DEFAULT_POLICY);
  });

  test("every engine method has words, the automatic one first", () => {
    expect(Object.keys(METHOD_LABELS).sort()).toEqual([...FORECAST_METHODS].sort());
    expect(Object.keys(METHOD_LABELS)[0]).toBe("auto");
    expect(METHOD_LABELS.auto).toBe("Automatic (ETS / SBA)");
    expect(METHOD_LABELS.ses).toBe("Simple exponential smoothing");
  });

  test("round trip: policy -> form -> policy, with percentages free of float noise", () => {
    const p = { ...DEFAULT_POLICY, serviceByClass: { A: 0.9999, B: 0.975, C: 0.5 }, orderRule: { kind: "periods" as const, periods: 6 } };
    const f = policyToForm(p);
    expect([f.serviceA, f.serviceB, f.serviceC, f.periodsOfSupply]).toEqual(["99.99", "97.5", "50", "6"]);
    expect(checkPolicy(f).policy).toEqual(p);
  });

  const withField = (patch: Partial<PolicyForm>) => checkPolicy({ ...defaultPolicyForm(), ...patch });

  test.each<[Partial<PolicyForm>, string, RegExp]>([
    [{ seasonLength: "" }, "seasonLength", /^Enter a number: 52 for weekly history/],
    [{ seasonLength: "4.5" }, "seasonLength", /^Enter a whole number/],
    // the engine's rule, in its words, on the field
    [{ seasonLength: "600" }, "seasonLength", /^Season length must be a whole number of periods from 1 to 520/],
    [{ reviewPeriod: "-1" }, "reviewPeriod", /^Review period must be from 0 \(continuous review\) to 520 periods\.$/],
    [{ periodsPerYear: "400" }, "periodsPerYear", /^Periods per year must be more than 0 and at most 366\.$/],
    [{ orderRule: "periods", periodsOfSupply: "0" }, "periodsOfSupply", /^Periods of supply must be more than 0 and at most 520\.$/],
    [{ orderRule: "periods", periodsOfSupply: "x" }, "periodsOfSupply", /^Enter a number/],
    [{ serviceB: "0.95" }, "serviceB", /^Enter a service level from 50% to 99\.99%, e\.g\. 95\.$/],
    [{ serviceA: "100" }, "serviceA", /^Enter a service level from 50%/],
    [{ serviceC: "" }, "serviceC", /^Enter a percentage, e\.g\. 95\.$/],
  ])("%j: a message on %s that says how to fix it", (patch, field, message) => {
    const c = withField(patch);
    expect(c.policy).toBeNull();
    expect(Object.keys(c.errors)).toEqual([field]);
    expect(c.errors[field]).toMatch(message);
  });

  test("service levels typed with a percent sign or thousands separators are read", () => {
    expect(withField({ serviceA: "97.5%", seasonLength: "1,0" }).errors).toEqual({});
    expect(withField({ serviceA: "97.5 %" }).policy?.serviceByClass.A).toBeCloseTo(0.975, 12);
  });

  test("periods of supply matter only for that rule", () => {
    expect(withField({ orderRule: "eoq", periodsOfSupply: "x" }).errors).toEqual({});
    expect(withField({ orderRule: "eoq-cases" }).policy?.orderRule).toEqual({ kind: "eoq-cases" });
  });

  test("a method that needs more history than the table has: the engine's need, in words, with the way out", () => {
    const hw = (season: string, periods: number) =>
      checkPolicy({ ...defaultPolicyForm(), method: "holt-winters", seasonLength: season }, periods);
    expect(hw("12", 20).errors).toEqual({
      method:
        "Trend and season, additive (Holt-Winters) needs at least 24 periods of history with a season of 12; the table's history has 20: " +
        "choose Automatic, another method, or a shorter season length.",
    });
    expect(hw("12", 104).errors).toEqual({});
    // the engine estimates a season of at most 24 periods: the message goes on the season
    expect(hw("52", 104).errors).toEqual({
      seasonLength:
        "Trend and season, additive (Holt-Winters) estimates a season of at most 24 periods: enter 24 or less (12 for monthly history), or choose another method.",
    });
    expect(hw("1", 104).errors.seasonLength).toBe(
      "Trend and season, additive (Holt-Winters) needs a season of at least 2 periods: enter the season length of the history.",
    );
    expect(checkPolicy({ ...defaultPolicyForm(), method: "seasonal-naive" }, 40).errors.method).toMatch(
      /at least 52 periods of history with a season of 52/,
    );
    expect(checkPolicy({ ...defaultPolicyForm(), method: "damped", seasonLength: "1" }, 3).errors).toEqual({
      method: "Damped trend needs at least 7 periods of history; the table's history has 3: choose Automatic or another method.",
    });
    // without a table, no check of the history
    expect(hw("12", 0).errors).toEqual({});
  });

  test("the automatic method copes with any history: notes on the season, not errors", () => {
    const auto = (season: string, periods: number) => checkPolicy({ ...defaultPolicyForm(), seasonLength: season }, periods);
    expect(auto("52", 104)).toMatchObject({
      errors: {},
      notes: [
        "The automatic method considers seasonal models for seasons of 2 to 24 periods: with a season of 52 it chooses among the models without a season.",
      ],
    });
    expect(auto("12", 20).notes).toEqual([
      "With 20 periods of history the automatic method cannot estimate a season of 12 periods (it needs 26): it chooses among the models without a season.",
    ]);
    expect(auto("12", 26).notes).toEqual([]);
    expect(auto("1", 5).notes).toEqual([]);
  });
});

describe("the table and its mapping", () => {
  const t = sampleTable();

  test("the sample's columns are recognised and the table can be planned", () => {
    const m = proposeMapping(t);
    expect(m.history).toEqual({ first: 10, last: 113 });
    const c = checkTable(t, m);
    expect(c.mapping).toEqual([]);
    expect(c.periods).toBe(104);
    expect(c.skus).toBe(40);
    expect(c.badRows).toBe(0);
    expect(columnLabel(t, 2)).toBe("On hand (column C)");
    expect(columnLabel({ ...t, where: { ...t.where, firstCol: 3 } }, 2)).toBe("On hand (column E)");
  });

  test("a header that is not recognised: the role is missing with how to fix it, then chosen by hand", () => {
    const renamed = { ...t, headers: t.headers.map((h) => (h === "On hand" ? "Qty in stock" : h)) };
    const m = proposeMapping(renamed);
    expect(m.roles.onHand).toBeUndefined();
    const c = checkTable(renamed, m);
    expect(c.mapping).toEqual([
      { field: "role.onHand", message: 'No column for On hand: name a column "On hand", or choose it in the list.' },
    ]);
    const fixed = withRole(m, "onHand", 2);
    expect(checkTable(renamed, fixed).mapping).toEqual([]);
    expect(columnLabel(renamed, 2)).toBe("Qty in stock (column C)");
  });

  test("a column holds one role: choosing it for another role takes it from the first", () => {
    const m = proposeMapping(t);
    const moved = withRole(m, "onOrder", 2);
    expect(moved.roles.onOrder).toBe(2);
    expect(moved.roles.onHand).toBeUndefined();
    expect(checkTable(t, moved).mapping.map((p) => p.field)).toEqual(["role.onHand"]);
    expect(withRole(moved, "onOrder", null).roles.onOrder).toBeUndefined();
  });

  test("the history's ends: moving one past the other moves both; a role inside the history is named", () => {
    const m = proposeMapping(t);
    expect(withHistory(m, "first", 20, 114).history).toEqual({ first: 20, last: 113 });
    expect(withHistory(m, "last", 5, 114).history).toEqual({ first: 5, last: 5 });
    expect(withHistory(m, "first", 120, 114).history).toEqual({ first: 113, last: 113 });
    const inside = withHistory(m, "first", 9, 114);
    expect(checkTable(t, inside).mapping).toEqual([
      { field: "role.caseSize", message: "Case size is inside the demand history (column 10): move it, or narrow the history." },
    ]);
    expect(withHistory(m, "first", null, 114).history).toBeUndefined();
    expect(checkTable(t, withHistory(m, "first", null, 114)).mapping.map((p) => p.field)).toEqual(["history.first"]);
  });

  test("a table without the required columns lists each of them", () => {
    const bare: TableSnapshot = { ...t, headers: t.headers.map((h, i) => (i < 10 ? `col ${i}` : h)) };
    const c = checkTable(bare, proposeMapping(bare));
    expect(c.mapping.map((p) => p.field)).toEqual(REQUIRED_ROLES.map((r) => `role.${r}`));
    expect(c.mapping[4].message).toBe(`No column for ${ROLE_LABELS.orderCost}: name a column "Order cost", or choose it in the list.`);
  });

  test("rows that cannot be planned are summarised by reason, with their sheet rows and how to fix them", () => {
    const rows = t.rows.map((r) => r.slice());
    const at = (header: string) => t.headers.indexOf(header);
    rows[3][at("Lead time")] = 0; // sheet row 5
    rows[7][at("Lead time")] = 0; // sheet row 9
    rows[4][at("W7")] = "n/a"; // sheet row 6
    rows[5][at("W9")] = "?"; // sheet row 7
    rows[6][at("Unit cost")] = null; // sheet row 8
    const bad = { ...t, rows, where: { ...t.where, headerRow: 1 } };
    const c = checkTable(bad, proposeMapping(bad));
    expect(c.mapping).toEqual([]);
    expect(c.badRows).toBe(5);
    expect(c.groups).toEqual([
      {
        reason: "Lead time (periods) must be more than 0 periods (at most 1,000): a lead time of 0 has nothing to protect",
        fix: "enter each SKU's lead time in periods, more than 0",
        rows: [5, 9],
      },
      {
        reason: "the history has text",
        fix: "replace the text with numbers (0 for no demand), or narrow the history to the periods that hold numbers",
        rows: [6, 7],
      },
      { reason: "Unit cost is blank", fix: "fill in those cells (the plan needs a number for each SKU)", rows: [8] },
    ]);
  });

  test("the mapping's rows are counted before reading: the history's cell limit", () => {
    const m: ColumnMapping = { ...proposeMapping(t), history: { first: 10, last: 113 } };
    const big = { ...t, rows: new Array(Math.ceil(MAX_PLAN_CELLS / 104) + 1).fill(t.rows[0]) };
    expect(checkTable(big, m).mapping).toEqual([
      expect.objectContaining({
        field: "history.first",
        message: expect.stringMatching(/^The history has 1,000,\d+ cells .*start the history at a later period\.$/),
      }),
    ]);
  });

  test("a table on a sheet named Plan, the plan's own sheet name: how to fix it", () => {
    const onPlan = sampleTable(5, { sheet: "plan", headerRow: 1, firstCol: 1 });
    expect(checkTable(onPlan, proposeMapping(onPlan)).table).toBe(
      "Your table is on a sheet named \u201cplan\u201d, the name of the plan's own sheet: rename your sheet (e.g. SKUs), then select the table again.",
    );
    expect(checkTable(t, proposeMapping(t)).table).toBeNull();
  });

  test("rowList", () => {
    expect(rowList([4])).toBe("row 4");
    expect(rowList([4, 7, 9])).toBe("rows 4, 7 and 9");
    expect(rowList([1, 2, 3, 4, 5, 6, 7])).toBe("rows 1, 2, 3, 4, 5 and 2 more");
  });
});

describe("limits and addresses", () => {
  test("a table is sized before any value is read", () => {
    expect(tableSizeProblem(0, 10)).toBe("Select the header row and at least one row of SKUs below it.");
    expect(tableSizeProblem(MAX_PLAN_ROWS, 60)).toBeNull(); // 50 periods and 10 columns of the SKUs' own
    expect(tableSizeProblem(MAX_PLAN_ROWS, 100)).toMatch(/^The selection has 2,000,000 cells/);
    expect(tableSizeProblem(MAX_PLAN_ROWS + 1, 10)).toMatch(
      /^The selection has 20,001 rows below its header; a plan takes at most 20,000 SKUs\. Select the table only/,
    );
    expect(tableSizeProblem(1_048_575, 114)).toMatch(/20,000 SKUs/);
    expect(tableSizeProblem(5000, 1000)).toBe(
      "The selection has 5,000,000 cells (5,000 rows x 1,000 columns); a plan takes at most 1,000,000 cells of history. " +
        "Select fewer periods (the most recent ones) or fewer SKUs.",
    );
    expect(tableSizeProblem(5000, 114)).toBeNull();
  });

  test.each<[string, ReturnType<typeof parseBlockAddress>]>([
    ["Sheet1!A1:DJ41", { sheet: "Sheet1", r1: 1, c1: 1, r2: 41, c2: 114 }],
    ["'My SKUs'!$B$3:$F$9", { sheet: "My SKUs", r1: 3, c1: 2, r2: 9, c2: 6 }],
    ["'It''s'!C5", { sheet: "It's", r1: 5, c1: 3, r2: 5, c2: 3 }],
    ["Sheet1!A1:B2,D1:E2", null],
    ["Sheet1!A:C", null],
    ["A1:B2", null],
    ["Sheet1!B2:A1", null],
    ["Sheet1!A1:XFE3", null],
  ])("parseBlockAddress(%s)", (address, expected) => {
    expect(parseBlockAddress(address)).toEqual(expected);
  });
});
