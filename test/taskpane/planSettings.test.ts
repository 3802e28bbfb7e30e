/*
 * The plan wizard's settings stored in a workbook: what a build stores comes back as it was, and what
 * a workbook holds is untrusted (hand-edited, damaged, or from another version): every field is
 * checked, what is not usable is reset to the default and named, and whatever is stored, the
 * wizard's model then works without throwing.
 */
import fc from "fast-check";
import { ColumnMapping } from "../../src/plan/columns";
import { DEFAULT_POLICY, PlanPolicy, policyProblem } from "../../src/plan/policy";
import { planSettingsFromXml, planSettingsToXml } from "../../taskpane/excel/planStore";
import { checkPolicy, policyToForm } from "../../taskpane/model/planForm";
import { mappingOnTable, planSettings, PLAN_SETTINGS_FORMAT, readPlanSettings } from "../../taskpane/model/planSettings";
import { checkTable, proposeMapping, TableSnapshot } from "../../taskpane/model/planTable";
import { sampleTable } from "./fixtures/skuTable";

const table = sampleTable(40, { sheet: "My SKUs", headerRow: 3, firstCol: 2 });
const policy: PlanPolicy = {
  method: "sba",
  seasonLength: 12,
  reviewPeriod: 0,
  serviceByClass: { A: 0.99, B: 0.96, C: 0.85 },
  orderRule: { kind: "periods", periods: 3 },
  periodsPerYear: 12,
};

/** The sample with "On hand" renamed (not recognised) and chosen by hand, as in the wizard. */
function handMapping(t: TableSnapshot): { t: TableSnapshot; m: ColumnMapping } {
  const renamed = { ...t, headers: t.headers.map((h) => (h === "On hand" ? "Qty in stock" : h)) };
  const m = proposeMapping(renamed);
  return { t: renamed, m: { ...m, roles: { ...m.roles, onHand: 2 } } };
}

test("settings stored by a build come back as they were, through the XML part, with nothing reported", () => {
  const { t, m } = handMapping(table);
  const stored = planSettings(t, m, policy);
  expect(stored.table).toBe("My SKUs!B3:DK43");
  expect(stored.roles.onHand).toEqual({ col: 2, header: "Qty in stock" });
  const xml = planSettingsToXml(stored);
  const parsed = planSettingsFromXml(xml);
  if (!parsed.ok) throw new Error(parsed.reason);
  const back = readPlanSettings(parsed.raw);
  expect(back.ignored).toEqual([]);
  expect(back.policy).toEqual(policy);
  expect(back.table).toBe(stored.table);
  const again = mappingOnTable(back, t);
  expect(again.changed).toEqual([]);
  expect(again.mapping).toEqual(m);
  expect(checkPolicy(policyToForm(back.policy)).policy).toEqual(policy);
});

test("text with markup or quotes in a header survives the XML part", () => {
  const t = { ...table, headers: table.headers.map((h) => (h === "SKU" ? `Item <"code"> & 'no' ]]>` : h)) };
  const m = proposeMapping(t);
  const s = planSettings(t, { ...m, roles: { ...m.roles, sku: 0 } }, DEFAULT_POLICY);
  const parsed = planSettingsFromXml(planSettingsToXml(s));
  expect(parsed.ok && readPlanSettings(parsed.raw).roles.sku).toEqual({ col: 0, header: `Item <"code"> & 'no' ]]>` });
});

test("a part that is not ours or not JSON: why, in words", () => {
  expect(planSettingsFromXml("<x/>")).toEqual({ ok: false, reason: "the add-in's plan settings part has no <settings> element" });
  expect(planSettingsFromXml("<settings>{nope</settings>")).toEqual({
    ok: false,
    reason: "the add-in's plan settings part does not hold valid JSON",
  });
});

const base = () => planSettings(table, proposeMapping(table), DEFAULT_POLICY) as unknown as Record<string, unknown>;

test.each<[string, (s: Record<string, unknown>) => unknown, RegExp]>([
  ["not an object", () => "settings", /^all of them \(they are not a set of settings\)$/],
  ["another format", (s) => ({ ...s, format: "x" }), /^all of them \(not in the format of this add-in\)$/],
  ["a newer version", (s) => ({ ...s, version: 9 }), /newer version of the add-in, settings version 9/],
  ["an address of several areas", (s) => ({ ...s, table: "Sheet1!A1:B2,C3:D4" }), /^the table's address/],
  ["an address that is a number", (s) => ({ ...s, table: 5 }), /^the table's address/],
  [
    "a role the plan does not use",
    (s) => ({ ...s, roles: { ...(s.roles as object), colour: { col: 1, header: "x" } } }),
    /“colour”, which the plan does not use/,
  ],
  [
    "a column that is negative",
    (s) => ({ ...s, roles: { ...(s.roles as object), onHand: { col: -1, header: "On hand" } } }),
    /^the column for On hand/,
  ],
  ["a column without its header", (s) => ({ ...s, roles: { ...(s.roles as object), onHand: { col: 2 } } }), /^the column for On hand/],
  [
    "a history backwards",
    (s) => ({ ...s, history: { first: { col: 50, header: "W41" }, last: { col: 10, header: "W1" } } }),
    /^the demand history's columns/,
  ],
  ["an unknown method", (s) => ({ ...s, policy: { ...DEFAULT_POLICY, method: "magic" } }), /^the forecasting method/],
  ["a season of 1,000", (s) => ({ ...s, policy: { ...DEFAULT_POLICY, seasonLength: 1000 } }), /^the season length \(out of range\)$/],
  ["a review period as text", (s) => ({ ...s, policy: { ...DEFAULT_POLICY, reviewPeriod: "1" } }), /^the review period \(not a number\)$/],
  [
    "a service level of 100%",
    (s) => ({ ...s, policy: { ...DEFAULT_POLICY, serviceByClass: { A: 1, B: 0.95, C: 0.9 } } }),
    /^the service level of class A/,
  ],
  [
    "an order rule of -4 periods",
    (s) => ({ ...s, policy: { ...DEFAULT_POLICY, orderRule: { kind: "periods", periods: -4 } } }),
    /^the order quantity rule/,
  ],
  ["a policy that is a list", (s) => ({ ...s, policy: [] }), /^the policy \(not a set of values\)$/],
])("stored settings with %s: reset and named, the rest kept", (_what, damage, named) => {
  const back = readPlanSettings(damage(base()));
  expect(back.ignored).toEqual([expect.stringMatching(named)]);
  expect(policyProblem(back.policy)).toBeUndefined();
});

test("a policy field reset keeps the other fields", () => {
  const back = readPlanSettings({ ...base(), policy: { ...policy, seasonLength: -3 } });
  expect(back.policy).toEqual({ ...policy, seasonLength: DEFAULT_POLICY.seasonLength });
});

test("the table's columns moved since the build: the moved ones are recognised again, and said", () => {
  const { t, m } = handMapping(table);
  const stored = readPlanSettings(planSettings(t, m, DEFAULT_POLICY));
  // A column inserted before "Lead time": every later column moves one to the right.
  const at = t.headers.indexOf("Lead time");
  const moved: TableSnapshot = {
    ...t,
    headers: [...t.headers.slice(0, at), "Supplier", ...t.headers.slice(at)],
    rows: t.rows.map((r) => [...r.slice(0, at), "ACME", ...r.slice(at)]),
  };
  const again = mappingOnTable(stored, moved);
  expect(again.mapping.roles).toMatchObject({ sku: 0, onHand: 2, leadTime: at + 1, unitCost: at + 2 });
  expect(again.mapping.history).toEqual({ first: 11, last: 114 });
  expect(again.changed).toContain("Lead time (periods) (“Lead time” is no longer in that column)");
  expect(again.changed).toContain("the demand history (its first or last period is no longer in the same column)");
  expect(checkTable(moved, again.mapping).mapping).toEqual([]);
});

test("a role the planner left empty stays empty", () => {
  const m = proposeMapping(table);
  const { caseSize: _none, ...roles } = m.roles;
  const back = mappingOnTable(readPlanSettings(planSettings(table, { ...m, roles }, DEFAULT_POLICY)), table);
  expect(back.mapping.roles.caseSize).toBeUndefined();
  expect(back.changed).toEqual([]);
});

test("fuzz: whatever a workbook holds, reading it never throws, and the wizard's model then works", () => {
  const anything = fc.anything({ maxDepth: 3 });
  const settingsLike = fc.record(
    {
      format: fc.oneof(fc.constant(PLAN_SETTINGS_FORMAT), anything),
      version: fc.oneof(fc.constant(1), fc.integer({ min: -2, max: 3 }), anything),
      table: fc.oneof(fc.constant("Sheet1!A1:DJ41"), fc.string(), anything),
      roles: fc.oneof(
        fc.dictionary(
          fc.oneof(fc.constantFrom("sku", "onHand", "leadTime", "caseSize"), fc.string()),
          fc.oneof(
            fc.record({ col: fc.oneof(fc.integer({ min: -5, max: 200 }), anything), header: fc.oneof(fc.string(), anything) }),
            anything,
          ),
        ),
        anything,
      ),
      history: fc.oneof(
        fc.record({
          first: fc.record({ col: fc.integer({ min: -1, max: 200 }), header: fc.string() }),
          last: fc.record({ col: fc.integer({ min: -1, max: 200 }), header: fc.string() }),
        }),
        anything,
      ),
      policy: fc.oneof(
        fc.record({
          method: fc.oneof(fc.constantFrom("auto", "ses", "croston"), anything),
          seasonLength: fc.oneof(fc.integer({ min: -5, max: 600 }), fc.double(), anything),
          reviewPeriod: fc.oneof(fc.double(), anything),
          periodsPerYear: fc.oneof(fc.double(), anything),
          serviceByClass: fc.oneof(fc.record({ A: fc.double(), B: fc.double(), C: anything }), anything),
          orderRule: fc.oneof(fc.record({ kind: fc.constantFrom("eoq", "eoq-cases", "periods", "x"), periods: fc.double() }), anything),
        }),
        anything,
      ),
    },
    { requiredKeys: [] },
  );
  fc.assert(
    fc.property(fc.oneof(settingsLike, anything), (raw) => {
      const back = readPlanSettings(raw);
      expect(policyProblem(back.policy)).toBeUndefined();
      expect(checkPolicy(policyToForm(back.policy)).policy).not.toBeNull();
      const again = mappingOnTable(back, table);
      const check = checkTable(table, again.mapping);
      expect(Array.isArray(check.mapping)).toBe(true);
      for (const c of Object.values(again.mapping.roles)) expect(c! >= 0 && c! < table.headers.length).toBe(true);
    }),
    { numRuns: 300 },
  );
});
