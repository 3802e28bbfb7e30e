/*
 * End-to-end: the replenishment-plan wizard in the built task pane (dist/taskpane.html), in headless
 * Chromium at the task pane's width, with the Excel stand-in (office-addin-mock based) in place of
 * office.js. A planner's SKU table (the first 40 SKUs of samples/skus.csv, one header renamed so that
 * it is not recognised) is selected, read, corrected by hand, planned with a policy and built; the
 * test checks the Plan sheet against the engine's plan of the same table, and that the planner's
 * sheet is untouched. Once a plan is built, the planner pastes today's On hand for two SKUs: the
 * stand-in calculates as Excel does (standInCalculation.ts), and the Plan sheet's Order now alerts and
 * suggested quantities follow. Screenshots go to test-results/e2e/ (plan-*.png).
 *
 * Chromium is required: without it (apt-get install chromium, which .ci/run does) these tests fail.
 */
import type { Page } from "playwright-core";
import { recogniseColumns } from "../../src/plan/columns";
import { planSkus } from "../../src/plan/plan";
import { DEFAULT_POLICY, PlanPolicy } from "../../src/plan/policy";
import { PLAN_COLUMNS, PLAN_FIRST_ROW, PLAN_SHEET } from "../../src/plan/sheet";
import { readSkus } from "../../src/plan/skus";
import { colLetter } from "../../src/workbook/a1";
import { PLAN_NAMESPACE, planSettingsFromXml, planSettingsToXml } from "../../taskpane/excel/planStore";
import { STATE_NAMESPACE, stateFromXml } from "../../taskpane/excel/storedState";
import { planSettings, readPlanSettings } from "../../taskpane/model/planSettings";
import { computePlan } from "../../taskpane/worker/planCompute";
import { sampleCells, sampleTable } from "../taskpane/fixtures/skuTable";
import type { StandInOptions, WorkbookSnapshot } from "../taskpane/standin/excelStandIn";
import { e2eHarness } from "./pane";

jest.setTimeout(240_000);

const { openPane, snapshot, shot } = e2eHarness();

const SKUS = 40;
/** The planner's sheet: the sample's first SKUs, "On hand" headed "Qty in stock" (which the wizard does not recognise). */
function plannerSheet() {
  const cells: Record<string, string | number> = { ...sampleCells(SKUS), C1: "Qty in stock", DL2: "=SUM(C2:C41)" };
  return { name: "SKUs", cells };
}
const TABLE = "SKUs!A1:DJ41";

/** The policy the test sets: periods of supply, a review every 2 periods, class B at 96%. */
const POLICY: PlanPolicy = {
  ...DEFAULT_POLICY,
  reviewPeriod: 2,
  serviceByClass: { A: 0.98, B: 0.96, C: 0.9 },
  orderRule: { kind: "periods", periods: 6 },
};

/** The table as the engine plans it: the sample with "On hand" chosen by hand. */
function engineTable() {
  const t = sampleTable(SKUS, { sheet: "SKUs", headerRow: 1, firstCol: 1 });
  const headers = t.headers.map((h) => (h === "On hand" ? "Qty in stock" : h));
  const proposed = recogniseColumns(headers, t.rows.slice(0, 20));
  return { table: { ...t, headers }, mapping: { ...proposed, roles: { ...proposed.roles, onHand: 2 } } };
}

async function toPlanWizard(page: Page) {
  await page.getByRole("tab", { name: "Replenishment plan" }).click();
  await page.getByRole("heading", { name: "1. SKU table" }).waitFor();
}

async function buildAndWait(page: Page): Promise<string> {
  await page.getByRole("button", { name: "Build the plan" }).click();
  const done = page.getByText(/^(Plan built|Build failed)$/);
  await done.waitFor({ timeout: 180_000 });
  return (await done.textContent()) ?? "";
}

/** The stand-in's workbook as options for a new pane: the same workbook, opened again (on another machine). */
function reopened(snap: WorkbookSnapshot): StandInOptions {
  return {
    sheets: snap.sheets.map((s) => ({
      name: s.name,
      id: s.id,
      visibility: s.visibility,
      cells: Object.fromEntries(
        Object.entries(s.cells)
          .filter(([, c]) => c.formula !== undefined || c.value !== undefined)
          .map(([a, c]) => [a, (c.formula ?? c.value) as string | number | boolean]),
      ),
    })),
    names: snap.names,
    tables: snap.tables,
    xmlParts: snap.xmlParts.map((p) => ({ namespace: p.namespace, xml: p.xml })),
  };
}

test("a SKU table: selected, a column chosen by hand, a policy, the Plan sheet built and the planner's sheet untouched", async () => {
  const { page, errors } = await openPane({ sheets: [plannerSheet()], selection: { sheet: "SKUs", address: "A:DJ" } });
  // The simulation is the pane's first wizard; the plan is the other tab.
  expect(await page.getByRole("tab", { name: "Simulation" }).getAttribute("aria-selected")).toBe("true");
  await toPlanWizard(page);
  expect(await page.getByRole("heading", { name: "1. Network" }).isVisible()).toBe(false);
  await shot(page, "plan-1-table-start");

  // Whole columns: refused by their size, with what to do.
  await page.getByRole("button", { name: "Use the selected table" }).click();
  await page
    .getByText(/^The selection has 1,048,575 rows below its header; a plan takes at most 20,000 SKUs\. Select the table only/)
    .waitFor();
  await page.evaluate(
    () => void ((window as unknown as { __standIn: { selection: unknown } }).__standIn.selection = { sheet: "SKUs", address: "A1:DJ41" }),
  );
  await page.getByRole("button", { name: "Use the selected table" }).click();
  await page.getByText(`40 SKUs and 104 periods of history from ${TABLE}.`).waitFor();
  // "Qty in stock" is not recognised: the message says how to fix it, on the On hand drop-down too.
  const missing = 'No column for On hand: name a column "On hand", or choose it in the list.';
  expect(await page.getByRole("alert").filter({ hasText: "One column needs your choice" }).getByRole("listitem").allTextContents()).toEqual(
    [missing],
  );
  const onHand = page.getByRole("combobox", { name: "On hand", exact: true });
  expect(await onHand.getAttribute("aria-invalid")).toBe("true");
  expect(await page.getByRole("combobox", { name: "Lead time (periods)", exact: true }).inputValue()).toBe("5");
  await shot(page, "plan-1-table-missing");
  // Next goes nowhere while a column is missing: it focuses the field.
  await page.getByRole("button", { name: "Next" }).click();
  await page.waitForFunction(() => (document.activeElement as HTMLElement | null)?.dataset.field === "role.onHand");
  await onHand.selectOption({ label: "Qty in stock (column C)" });
  await page.getByText(missing).first().waitFor({ state: "detached" });
  expect(await onHand.getAttribute("aria-invalid")).not.toBe("true");
  await shot(page, "plan-1-table");

  await page.getByRole("button", { name: "Next" }).click();
  await page.getByRole("heading", { name: "2. Policy" }).waitFor();
  // The defaults, in words.
  const method = page.getByRole("combobox", { name: "Forecasting method" });
  expect(await method.locator("option:checked").textContent()).toBe("Automatic (ETS / SBA)");
  const field = (label: string) => page.getByRole("textbox", { name: label, exact: true });
  expect(
    await Promise.all(
      ["Season length (periods)", "Review period (periods)", "Class A (%)", "Class B (%)", "Class C (%)"].map((l) => field(l).inputValue()),
    ),
  ).toEqual(["52", "1", "98", "95", "90"]);
  await page.getByText("A Service level column in your table would override these for the SKUs with a value in it.").waitFor();
  // A service level typed as a fraction, and a method the history is too short for: messages on the fields.
  await field("Class B (%)").fill("0.96");
  await page.getByText("Enter a service level from 50% to 99.99%, e.g. 95.").waitFor();
  await method.selectOption({ label: "Trend and season, additive (Holt-Winters)" });
  await field("Season length (periods)").fill("60");
  await page
    .getByText(
      "Trend and season, additive (Holt-Winters) estimates a season of at most 24 periods: enter 24 or less (12 for monthly history), or choose another method.",
    )
    .waitFor();
  await page.getByRole("button", { name: "Build the plan" }).click();
  await page.getByText(/^Correct the 2 value\(s\) marked in red before building\. Nothing was written\.$/).waitFor();
  await shot(page, "plan-2-policy-invalid");
  await method.selectOption({ label: "Automatic (ETS / SBA)" });
  await field("Season length (periods)").fill("52");
  await field("Class B (%)").fill("96");
  await field("Review period (periods)").fill("2");
  await page.getByRole("radio", { name: "Periods of supply" }).check();
  await field("Periods of supply (number of periods)").fill("6");
  await shot(page, "plan-2-policy");

  expect(await buildAndWait(page)).toBe("Plan built");
  const { table, mapping } = engineTable();
  const expected = computePlan({ type: "plan", rows: table.rows, mapping, policy: POLICY, where: table.where, builtAt: "" });
  const outcome = page.getByRole("status", { name: "Plan built" });
  expect(await outcome.getByRole("term").allTextContents()).toEqual(["SKUs planned", "SKUs to order now", "SKUs with a problem"]);
  expect(await outcome.getByRole("definition").allTextContents()).toEqual([
    `${expected.summary.planned} of ${SKUS}`,
    String(expected.summary.orderNow),
    String(expected.summary.problems),
  ]);
  expect(expected.summary.orderNow).toBeGreaterThan(0);
  // The outcome sits next to the button, in view.
  const vh = await page.evaluate(() => window.innerHeight);
  for (const box of [await page.getByRole("button", { name: "Build the plan" }).boundingBox(), await outcome.boundingBox()]) {
    expect(box && box.y >= 0 && box.y + box.height <= vh).toBe(true);
  }
  await shot(page, "plan-3-built");

  const snap = await snapshot(page);
  expect(snap.sheets.map((s) => s.name)).toEqual(["SKUs", PLAN_SHEET]);
  // The planner's sheet is as it was: every cell, the formula beside the table included.
  expect(snap.sheets[0].cells).toEqual(
    Object.fromEntries(
      Object.entries(plannerSheet().cells).map(([a, v]) => [a, typeof v === "string" && v.startsWith("=") ? { formula: v } : { value: v }]),
    ),
  );
  // The Plan sheet: every formula of the engine's plan of this table, and its constants (the note aside: it has the time).
  const plan = snap.sheets[1];
  const planned = expected.workbook.sheets[0];
  const formulas = planned.cells.filter((c) => c.formula !== undefined);
  expect(formulas.length).toBeGreaterThan(SKUS * 20);
  expect(formulas.filter((c) => plan.cells[c.ref]?.formula !== `=${c.formula}`).map((c) => c.ref)).toEqual([]);
  expect(plan.cells.M16.formula).toBe('=IF($S16="",SKUs!$C2+N(SKUs!$D2)-N(SKUs!$E2),"")');
  const constants = planned.cells.filter((c) => c.value !== undefined && c.ref !== "A2");
  expect(constants.filter((c) => plan.cells[c.ref]?.value !== c.value).map((c) => c.ref)).toEqual([]);
  expect(String(plan.cells.A2.value)).toMatch(/^Live formulas over SKUs: .* computed on \d{4}-\d\d-\d\d \d\d:\d\d\.$/);
  expect(plan.charts.map((c) => c.name)).toEqual(expected.workbook.charts.map((c) => c.id));
  for (const n of expected.workbook.names) expect(snap.names.map((x) => x.name)).toContain(n.name);
  // The policy as the planner set it, in the Plan sheet's named cells.
  expect([plan.cells.B6.value, plan.cells.B8.value, plan.cells.B11.value, plan.cells.B12.value]).toEqual([2, 0.96, "Periods of supply", 6]);

  // Stored: the Plan sheet by id (group "plan"), and the wizard's settings in their own part.
  const state = stateFromXml(snap.xmlParts.find((p) => p.namespace === STATE_NAMESPACE)!.xml);
  expect(state.ok && state.state.sheets).toEqual([{ id: plan.id, name: PLAN_SHEET, key: "plan:plan:1", group: "plan" }]);
  const settings = planSettingsFromXml(snap.xmlParts.find((p) => p.namespace === PLAN_NAMESPACE)!.xml);
  const stored = settings.ok ? readPlanSettings(settings.raw) : null;
  expect(stored).toMatchObject({ table: TABLE, policy: POLICY, ignored: [] });
  expect(stored?.roles.onHand).toEqual({ col: 2, header: "Qty in stock" });

  // "Go to the Plan sheet" shows it, wherever the planner is.
  await page.evaluate(
    (id) => void ((window as unknown as { __standIn: { activeSheetId: string } }).__standIn.activeSheetId = id),
    snap.sheets[0].id,
  );
  await outcome.getByRole("button", { name: "Go to the Plan sheet" }).click();
  await page.waitForFunction(
    (id) => (window as unknown as { __standIn: { activeSheetId: string } }).__standIn.activeSheetId === id,
    plan.id,
  );
  expect(errors).toEqual([]);

  // A colleague opens the workbook: the pane opens on the plan, reads the table again from its address,
  // with the column chosen by hand and the policy; a rebuild updates the same sheet.
  const again = await openPane(reopened(snap), "dark", "1. SKU table");
  expect(await again.page.getByRole("tab", { name: "Replenishment plan" }).getAttribute("aria-selected")).toBe("true");
  await again.page.getByText("Plan settings stored in this workbook").waitFor();
  await again.page.getByText(`40 SKUs and 104 periods of history from ${TABLE}.`).waitFor();
  expect(await again.page.getByRole("combobox", { name: "On hand", exact: true }).locator("option:checked").textContent()).toBe(
    "Qty in stock (column C)",
  );
  await shot(again.page, "plan-4-reopened");
  await again.page.getByRole("button", { name: "Next" }).click();
  expect(await again.page.getByRole("textbox", { name: "Periods of supply (number of periods)" }).inputValue()).toBe("6");
  expect(await buildAndWait(again.page)).toBe("Plan built");
  const rebuilt = await snapshot(again.page);
  expect(rebuilt.sheets.map((s) => [s.name, s.id])).toEqual(snap.sheets.map((s) => [s.name, s.id]));
  expect(rebuilt.sheets[0].cells).toEqual(snap.sheets[0].cells);
  expect(again.errors).toEqual([]);
  await again.page.close();
  await page.close();
});

test("stored settings that are not usable: the pane says what it reset and starts from the defaults", async () => {
  const { table, mapping } = engineTable();
  const good = planSettings(table, mapping, POLICY);
  const damaged = { ...good, policy: { ...POLICY, seasonLength: 9999, method: "magic" } } as unknown as typeof good;
  const { page, errors } = await openPane(
    { sheets: [plannerSheet()], xmlParts: [{ namespace: PLAN_NAMESPACE, xml: planSettingsToXml(damaged) }] },
    "light",
    "1. SKU table",
  );
  await page
    .getByText(
      /Some were not usable and were reset: the forecasting method \(not one the wizard offers\); the season length \(out of range\)\./,
    )
    .waitFor();
  await page.getByText(`40 SKUs and 104 periods of history from ${TABLE}.`).waitFor();
  await page.getByRole("button", { name: "Next" }).click();
  expect(await page.getByRole("textbox", { name: "Season length (periods)" }).inputValue()).toBe("52");
  expect(await page.getByRole("textbox", { name: "Periods of supply (number of periods)" }).inputValue()).toBe("6");
  await shot(page, "plan-5-stored-reset");
  expect(errors).toEqual([]);
  await page.close();
});

/** Writes one value to a cell through the stand-in, as Excel does when the planner types or pastes it (calculation automatic). */
async function writeCell(page: Page, sheet: string, address: string, value: number): Promise<void> {
  await page.evaluate(
    async ([s, a, v]) => {
      const xl = (window as unknown as { __standIn: { run(batch: (ctx: Excel.RequestContext) => Promise<void>): Promise<void> } })
        .__standIn;
      await xl.run(async (ctx) => {
        ctx.workbook.worksheets.getItem(s).getRange(a).values = [[v]];
        await ctx.sync();
      });
    },
    [sheet, address, value] as const,
  );
}

/** A range's values as Excel.run loads them through the stand-in (formulas as their computed values). */
async function readValues(page: Page, sheet: string, address: string): Promise<unknown[][]> {
  return page.evaluate(
    async ([s, a]) => {
      const xl = (window as unknown as { __standIn: { run<T>(batch: (ctx: Excel.RequestContext) => Promise<T>): Promise<T> } }).__standIn;
      return xl.run(async (ctx) => {
        const range = ctx.workbook.worksheets.getItem(s).getRange(a);
        range.load("values");
        await ctx.sync();
        return range.values as unknown[][];
      });
    },
    [sheet, address] as const,
  );
}

test("after an on-hand edit in the planner's table, the Plan sheet's Order now alert and suggested quantity recalculate", async () => {
  const { table, mapping } = engineTable();
  const { page, errors } = await openPane(
    { sheets: [plannerSheet()], xmlParts: [{ namespace: PLAN_NAMESPACE, xml: planSettingsToXml(planSettings(table, mapping, POLICY)) }] },
    "light",
    "1. SKU table",
  );
  await page.getByText("Plan settings stored in this workbook").waitFor();
  await page.getByText(`40 SKUs and 104 periods of history from ${TABLE}.`).waitFor();
  await page.getByRole("button", { name: "Next" }).click();
  expect(await buildAndWait(page)).toBe("Plan built");

  // The engine's plan of the table, with some SKUs' On hand replaced (table rows are 0-based).
  const onHandCol = mapping.roles.onHand!;
  const planWith = (onHand: Map<number, number>) =>
    planSkus(
      readSkus(
        table.rows.map((cells, i) => (onHand.has(i) ? cells.map((v, c) => (c === onHandCol ? onHand.get(i)! : v)) : cells)),
        mapping,
        1,
      ),
      POLICY,
    );
  const base = planWith(new Map());
  const last = PLAN_FIRST_ROW + SKUS - 1;
  const letter = (k: keyof typeof PLAN_COLUMNS) => colLetter(PLAN_COLUMNS[k].col);
  // Position, Order now, Suggested quantity of every SKU row, and the count of SKUs to order now (E10).
  const shown = async () => {
    const rows = await readValues(page, PLAN_SHEET, `${letter("position")}${PLAN_FIRST_ROW}:${letter("suggestedQty")}${last}`);
    const [[orderNowCount]] = await readValues(page, PLAN_SHEET, "E10");
    const [[onHandTotal]] = await readValues(page, "SKUs", "DL2");
    return { rows, orderNowCount, onHandTotal };
  };
  const expectPlan = async (plan: ReturnType<typeof planWith>, onHandTotal: number) => {
    const now = await shown();
    expect(now.orderNowCount).toBe(plan.summary.orderNow);
    expect(now.onHandTotal).toBe(onHandTotal); // the planner's own formula beside the table recalculates too
    for (const p of plan.skus) {
      const [position, orderNow, suggested] = now.rows[p.row];
      expect({ sku: p.sku, orderNow, suggested }).toEqual({
        sku: p.sku,
        orderNow: p.orderNow ? "Order now" : "",
        suggested: p.suggestedQty,
      });
      expect(position as number).toBeCloseTo(p.position, 9);
    }
    return now;
  };

  // As built: the Plan sheet's live formulas, calculated, show the engine's plan.
  const onHandOf = (i: number) => Number(table.rows[i][onHandCol]);
  const total = table.rows.reduce((t, _r, i) => t + onHandOf(i), 0);
  const before = await expectPlan(base, total);
  expect(base.summary.orderNow).toBeGreaterThan(0);

  // A SKU that is not ordering, whose stock runs out: today's On hand pasted as 0 turns Order now on.
  const runsOut = base.skus.find((p) => !p.orderNow && planWith(new Map([[p.row, 0]])).skus.find((q) => q.row === p.row)!.orderNow)!;
  expect(runsOut).toBeDefined();
  const onHand = new Map([[runsOut.row, 0]]);
  await writeCell(page, "SKUs", `C${2 + runsOut.row}`, 0);
  const afterFirst = planWith(onHand);
  const first = await expectPlan(afterFirst, total - onHandOf(runsOut.row));
  expect(first.rows[runsOut.row][1]).toBe("Order now");
  expect(first.rows[runsOut.row][2] as number).toBeGreaterThan(0);
  expect(first.orderNowCount).toBe(Number(before.orderNowCount) + 1);

  // A SKU that is ordering: a very large On hand turns Order now off, and its suggested quantity to 0.
  const ordering = base.skus.find((p) => p.orderNow && p.row !== runsOut.row)!;
  expect(ordering).toBeDefined();
  const HIGH = 1_000_000;
  onHand.set(ordering.row, HIGH);
  await writeCell(page, "SKUs", `C${2 + ordering.row}`, HIGH);
  const second = await expectPlan(planWith(onHand), total - onHandOf(runsOut.row) - onHandOf(ordering.row) + HIGH);
  expect(second.rows[ordering.row].slice(1)).toEqual(["", 0]);
  expect(second.orderNowCount).toBe(Number(before.orderNowCount));
  // The other SKUs' rows are as they were.
  const others = (rows: unknown[][]) => rows.filter((_r, i) => i !== runsOut.row && i !== ordering.row);
  expect(others(second.rows)).toEqual(others(before.rows));
  expect(errors).toEqual([]);
  await page.close();
});
