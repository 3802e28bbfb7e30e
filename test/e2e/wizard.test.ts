/*
 * End-to-end: the built task pane (dist/taskpane.html) in headless Chromium at the task pane's
 * width, with the Excel stand-in (office-addin-mock based) served in place of office.js. The tests
 * click through the wizard, build, and check the workbook the stand-in recorded against the workbook
 * plan of the stored scenario. Screenshots of every step go to test-results/e2e/.
 *
 * Chromium is required: without it (apt-get install chromium, which .ci/run does) these tests fail.
 */
import type { Page } from "playwright-core";
import { validateScenario } from "../../src/sim/validate";
import { planWorkbook } from "../../src/workbook";
import { colLetter } from "../../src/workbook/a1";
import { emptyState, STATE_NAMESPACE, stateFromXml, stateToXml, StoredState } from "../../taskpane/excel/storedState";
import { formatFigure } from "../../taskpane/model/outcome";
import { beerGameScenario } from "../../taskpane/model/presets";
import type { StandInOptions, WorkbookSnapshot } from "../taskpane/standin/excelStandIn";
import { e2eHarness } from "./pane";
import { OFFICE_JS } from "./support";
import { FUNCTION_NAMES } from "../functions/names";

jest.setTimeout(240_000);

const { env, openPane, snapshot, shot } = e2eHarness();

const HISTORY = [22, 18, 25, 30, 19, 21, 27, 24, 16, 23, 28, 20, 26, 17, 22, 29, 21, 24, 18, 25, 23, 20, 27, 19];

function userSheet(): NonNullable<StandInOptions["sheets"]>[number] {
  const cells: Record<string, string | number> = { A1: "Week", B1: "Demand" };
  HISTORY.forEach((v, i) => {
    cells[`A${i + 2}`] = i + 1;
    cells[`B${i + 2}`] = v;
  });
  cells.C2 = "=AVERAGE(B2:B25)";
  return { name: "Sheet1", cells };
}

/** The header of a stage's card: its name, then "2 · ..." (the stage's number and summary). */
const stageHeader = (page: Page, name: string) => page.getByRole("button", { name: new RegExp(`^${name} \\d+ \u00b7`) });

/** The stage cards: open or close one by its stage name. */
async function openStage(page: Page, name: string) {
  const header = stageHeader(page, name);
  if ((await header.getAttribute("aria-expanded")) !== "true") await header.click();
  await page.getByRole("group", { name: new RegExp(`: ${name}$`) }).waitFor();
}
async function closeStage(page: Page, name: string) {
  const header = stageHeader(page, name);
  if ((await header.getAttribute("aria-expanded")) === "true") await header.click();
  await page.getByRole("group", { name: new RegExp(`: ${name}$`) }).waitFor({ state: "detached" });
}

/** The element with focus: its data-field, and whether it is entirely within the viewport. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    const r = el?.getBoundingClientRect();
    return {
      field: el?.dataset.field ?? null,
      inView: !!r && r.top >= 0 && r.bottom <= window.innerHeight && r.left >= 0 && r.right <= window.innerWidth,
    };
  });

/** `locator`'s box lies within the viewport. */
async function expectInView(page: Page, what: string, box: { x: number; y: number; width: number; height: number } | null) {
  const vh = await page.evaluate(() => window.innerHeight);
  expect({ what, box: !!box }).toEqual({ what, box: true });
  expect({ what, top: box!.y >= 0, bottom: box!.y + box!.height <= vh }).toEqual({ what, top: true, bottom: true });
}

async function next(page: Page, heading: string) {
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByRole("heading", { name: heading }).waitFor();
}

async function buildAndWait(page: Page): Promise<string> {
  await page.getByRole("button", { name: "Build" }).click();
  const done = page.getByText(/^(Built|Cancelled|Build failed)$/);
  await done.waitFor({ timeout: 180_000 });
  return (await done.textContent()) ?? "";
}

/** The rows of the SCM_Results table the build wrote on the Results sheet: scenario, stage, bullwhip, total cost. */
function resultRows(snap: WorkbookSnapshot): { scenario: string; stage: string; bullwhip: number; totalCost: number }[] {
  const cells = snap.sheets.find((s) => s.name === "Results")!.cells;
  const at = (col: number, row: number) => cells[`${colLetter(col)}${row}`]?.value;
  let head = 1;
  while (!(at(1, head) === "Scenario" && at(2, head) === "Stage")) if (++head > 500) throw new Error("no results table");
  const colOf = (h: RegExp) => {
    for (let c = 1; at(c, head) !== undefined; c++) if (h.test(String(at(c, head)))) return c;
    throw new Error(`no column ${h}`);
  };
  // the total over the measured periods ("Total cost", or "Total cost over N measured periods")
  const [bw, tc] = [colOf(/^Bullwhip ratio$/), colOf(/^Total cost( over N measured periods)?$/)];
  const rows = [];
  for (let r = head + 1; at(1, r) !== undefined; r++) {
    rows.push({ scenario: String(at(1, r)), stage: String(at(2, r)), bullwhip: Number(at(bw, r)), totalCost: Number(at(tc, r)) });
  }
  return rows;
}

function stateOf(snap: WorkbookSnapshot): StoredState {
  const parts = snap.xmlParts.filter((p) => p.namespace === STATE_NAMESPACE);
  expect(parts).toHaveLength(1);
  const parsed = stateFromXml(parts[0].xml);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.state;
}

/** The workbook the stand-in holds matches the plan of the stored scenario: sheets and a sample of formulas. */
function expectPlanWritten(snap: WorkbookSnapshot, state: StoredState) {
  const v = validateScenario(state.scenario);
  if (!v.ok) throw new Error(v.errors.join("; "));
  const { plan } = planWorkbook(v.scenario);
  const byName = new Map(snap.sheets.map((s) => [s.name, s]));
  for (const sp of plan.sheets) {
    const sheet = byName.get(sp.name);
    expect(sheet).toBeDefined();
    expect(sheet!.visibility).toBe(sp.hidden ? "Hidden" : "Visible");
    // every 37th formula, and every 37th constant
    const formulas = sp.cells.filter((c) => c.formula !== undefined).filter((_, i) => i % 37 === 0);
    for (const c of formulas) expect(sheet!.cells[c.ref]?.formula).toBe(`=${c.formula}`);
    const values = sp.cells.filter((c) => c.value !== undefined).filter((_, i) => i % 37 === 0);
    for (const c of values) expect(sheet!.cells[c.ref]?.value).toBe(c.value);
    expect(formulas.length + values.length).toBeGreaterThan(0);
  }
  const summary = byName.get("Summary")!;
  // The live Summary is replication 0; the pane's Monte Carlo means are on its Results sheet, and it says so.
  expect(String(summary.cells.A2?.value)).toMatch(/ONE replication, replication 0 of seed .* on the Results sheet/);
  expect(summary.charts.map((c) => c.name)).toEqual(plan.charts.map((c) => c.id));
  for (const c of plan.charts) {
    const written = summary.charts.find((w) => w.name === c.id)!;
    expect(written.series.map((s) => s.name)).toEqual(c.series.map((s) => s.name));
  }
  for (const n of plan.names) expect(snap.names.map((x) => x.name)).toContain(n.name);
  return plan;
}

test("beer game: every step, a lever comparison, the workbook written and the scenario stored", async () => {
  const { page, errors } = await openPane({ sheets: [userSheet()] });
  await shot(page, "beer-game-1-network");
  await expect(page.getByRole("radio", { name: /Beer game/ }).isChecked()).resolves.toBe(true);
  await next(page, "2. Customer demand");
  await expect(page.getByRole("radio", { name: /A step/ }).isChecked()).resolves.toBe(true);
  await shot(page, "beer-game-2-demand");
  await next(page, "3. Stages");
  // One card per stage, closed: the name and a one-line summary.
  expect(await stageHeader(page, "Factory").textContent()).toContain(
    "4 \u00b7 top supplier \u00b7 Sterman (beer game) \u00b7 lead time 3 periods",
  );
  expect(await page.getByRole("textbox").count()).toBe(0);
  await shot(page, "beer-game-3-stages");
  await openStage(page, "Factory");
  expect(await page.getByLabel("Lead time (periods), Factory").inputValue()).toBe("3");
  // Labels in words first, the symbol second.
  for (const label of ["Weight on stock gap (alpha S)", "Supply line weight (beta)", "Forecast weight (theta)", "Desired stock (S')"]) {
    await page.getByRole("textbox", { name: `${label}, Factory`, exact: true }).waitFor();
  }
  await page.getByRole("button", { name: "Open all stages" }).click();
  expect(await page.getByRole("textbox", { name: /^Name of stage/ }).count()).toBe(4);
  await shot(page, "beer-game-3-stages-open");
  await page.getByRole("button", { name: "Close all" }).click();
  expect(await page.getByRole("textbox").count()).toBe(0);
  await next(page, "4. Bullwhip levers");
  await shot(page, "beer-game-4-levers");
  await next(page, "5. Output");
  await page.getByLabel("Replications", { exact: true }).fill("3");
  await page.getByRole("radio", { name: "The baseline with each lever changed" }).check();
  await page.getByRole("checkbox", { name: "Share demand information" }).check();
  await page.getByRole("checkbox", { name: "Halve lead times" }).check();
  await shot(page, "beer-game-5-output");
  await expect(page.getByRole("checkbox", { name: "No order batching" }).isDisabled()).resolves.toBe(true);
  expect(await buildAndWait(page)).toBe("Built");
  // The outcome sits under the Build button, both in view, with the headline figures.
  const outcome = page.getByRole("status", { name: "Built" });
  await expectInView(page, "the Build button", await page.getByRole("button", { name: "Build" }).boundingBox());
  await expectInView(page, "the build outcome", await outcome.boundingBox());
  const figures = await outcome.getByRole("definition").allTextContents();
  expect(await outcome.getByRole("term").allTextContents()).toEqual(["Bullwhip at Factory", "Total cost, 36 periods", "Best of 3"]);
  await shot(page, "beer-game-6-built");

  const snap = await snapshot(page);
  // The headline is the Results sheet's: the Factory's bullwhip and the network's total cost in the
  // baseline, and the scenario with the lowest total cost.
  const rows = resultRows(snap);
  const baseline = rows.filter((r) => r.scenario === "Baseline");
  const networks = rows.filter((r) => r.stage === "Network");
  const best = networks.reduce((a, b) => (b.totalCost < a.totalCost ? b : a));
  expect(figures[0]).toBe(formatFigure(baseline.find((r) => r.stage === "Factory")!.bullwhip));
  expect(figures[1]).toBe(formatFigure(baseline.find((r) => r.stage === "Network")!.totalCost));
  expect(figures[2]).toContain(
    best.scenario === "Baseline"
      ? "The baseline has the lowest total cost"
      : `${best.scenario}: total cost ${formatFigure(best.totalCost)}`,
  );
  const state = stateOf(snap);
  expect((state.scenario as { name: string }).name).toBe("Beer game (Sterman 1989), average player");
  expect(state.wizard).toMatchObject({ preset: "beer-game", compare: "levers", levers: ["informationSharing", "shorterLeadTimes"] });
  const plan = expectPlanWritten(snap, state);
  expect(plan.sheets.filter((p) => p.role === "simulation").every((p) => p.cells.some((c) => c.formula))).toBe(true);
  expect(snap.sheets.map((s) => s.name)).toEqual(["Sheet1", ...plan.sheets.map((s) => s.name), "Results"]);
  // the user's sheet is as it was
  expect(snap.sheets[0].cells.C2).toEqual({ formula: "=AVERAGE(B2:B25)" });
  expect(Object.keys(snap.sheets[0].cells)).toHaveLength(2 + 2 * HISTORY.length + 1);
  // results: the comparison chart and the figures with confidence intervals
  const results = snap.sheets.find((s) => s.name === "Results")!;
  expect(results.charts).toHaveLength(1);
  expect(results.charts[0]).toMatchObject({ type: "ColumnClustered" });
  expect(results.charts[0].series.map((s) => s.name)).toEqual(["Baseline", "Share demand information", "Halve lead times"]);
  expect(snap.tables.map((t) => t.name).sort()).toEqual(["SCM_Results", "SCM_Summary"]);
  expect(Object.values(results.cells).some((c) => c.value === "Bullwhip CI high")).toBe(true);
  // every write had calculation suspended
  expect(snap.ops.filter((o) => o.location.startsWith("Range.")).every((o) => o.calcSuspended)).toBe(true);
  await page.getByText(/Sheets: Inputs, Summary/).waitFor();
  expect(errors).toEqual([]);

  // A colleague opens the saved workbook on another machine: the pane shows the stored scenario,
  // and Build updates the same sheets (by id) without touching anything else.
  const reopened = await openPane(
    {
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
    },
    "dark",
  );
  await reopened.page.getByText("Scenario stored in this workbook").waitFor();
  expect(await reopened.page.evaluate(() => document.documentElement.dataset.theme)).toBe("dark");
  await shot(reopened.page, "beer-game-7-reopened");
  await reopened.page.getByRole("button", { name: /Step 5: Output/ }).click();
  await expect(reopened.page.getByRole("checkbox", { name: "Halve lead times" }).isChecked()).resolves.toBe(true);
  expect(await reopened.page.getByLabel("Replications", { exact: true }).inputValue()).toBe("3");
  expect(await buildAndWait(reopened.page)).toBe("Built");
  const again = await snapshot(reopened.page);
  expect(again.sheets.map((s) => [s.name, s.id])).toEqual(snap.sheets.map((s) => [s.name, s.id]));
  expect(again.sheets[0].cells).toEqual(snap.sheets[0].cells);
  expect(again.sheets[0].cells.C2).toEqual({ formula: "=AVERAGE(B2:B25)" });
  expect(await reopened.page.getByText(/already has a sheet named/).count()).toBe(0);
  expect(reopened.errors).toEqual([]);
  await reopened.page.close();
  await page.close();
});

test("1-N case: history from the selection, an edited lead time, a lead-time sweep (dark theme)", async () => {
  const { page, errors } = await openPane(
    { sheets: [userSheet(), { name: "Inputs", cells: { A1: "my own inputs" } }], selection: { sheet: "Sheet1", address: "B2:B25" } },
    "dark",
  );
  await page.getByRole("radio", { name: /distribution center with N stores/ }).check();
  await page.getByLabel("Number of stores", { exact: true }).fill("3");
  await shot(page, "one-n-1-network");
  await next(page, "2. Customer demand");
  await page.getByRole("radio", { name: /My own history/ }).check();
  await page.getByRole("button", { name: "Use the selected cells" }).click();
  await page.getByText(`${HISTORY.length} periods from Sheet1!B2:B25`).waitFor();
  await shot(page, "one-n-2-demand");
  await next(page, "3. Stages");
  expect(await page.getByRole("button", { name: /^(DC|Store \d+) \d+ \u00b7/ }).count()).toBe(4);
  await openStage(page, "Store 02");
  expect(await page.getByRole("textbox", { name: /^Name of stage/ }).count()).toBe(1);
  await page.getByLabel("Lead time (periods), Store 02").fill("2");
  expect(await stageHeader(page, "Store 02").textContent()).toMatch(/lead time 2 periods$/);
  await shot(page, "one-n-3-stages");
  await page.getByRole("button", { name: "Open all stages" }).click();
  expect(await page.getByRole("textbox", { name: /^Name of stage/ }).count()).toBe(4);
  await shot(page, "one-n-3-stages-open");
  await next(page, "4. Bullwhip levers");
  await shot(page, "one-n-4-levers");
  await next(page, "5. Output");
  // Push vs pull compares serial chains: offered, disabled, with the reason.
  expect(await page.getByRole("radio", { name: /^Push vs pull/ }).isDisabled()).toBe(true);
  await page.getByText(/^Push vs pull is not available: .*a distribution network has no push-pull boundary\.$/).waitFor();
  expect(await page.getByLabel("Periods", { exact: true }).inputValue()).toBe(String(HISTORY.length));
  await page.getByLabel("Replications", { exact: true }).fill("20");
  await page.getByRole("radio", { name: "A sweep of one parameter" }).check();
  await page.getByLabel("From", { exact: true }).fill("1");
  await page.getByLabel("To", { exact: true }).fill("3");
  await page.getByLabel("Step", { exact: true }).fill("1");
  await shot(page, "one-n-5-output");
  expect(await buildAndWait(page)).toBe("Built");
  await page.getByText(/already has a sheet named \u201cInputs\u201d/).waitFor();
  // In 1-N the headline's bullwhip is the DC's; the best of the sweep is the lowest total cost.
  const outcome = page.getByRole("status", { name: "Built" });
  await expectInView(page, "the build outcome", await outcome.boundingBox());
  expect(await outcome.getByRole("term").allTextContents()).toEqual(["Bullwhip at DC", "Total cost, 24 periods", "Best of 4"]);
  await shot(page, "one-n-6-built");

  const snap = await snapshot(page);
  const state = stateOf(snap);
  const scenario = state.scenario as {
    network: string;
    demand: { distribution: string; values: number[] };
    stages: { name: string; leadTime: number }[];
  };
  expect(scenario.network).toBe("distribution");
  expect(scenario.demand).toEqual({ distribution: "series", values: HISTORY });
  expect(scenario.stages.map((s) => [s.name, s.leadTime])).toEqual([
    ["DC", 7],
    ["Store 01", 1],
    ["Store 02", 2],
    ["Store 03", 1],
  ]);
  // The user's "Inputs" sheet is untouched; the add-in's is "Inputs (2)" and formulas point at it.
  const inputs = snap.sheets.filter((s) => s.name.startsWith("Inputs"));
  expect(inputs.map((s) => s.name)).toEqual(["Inputs", "Inputs (2)"]);
  expect(inputs[0].cells).toEqual({ A1: { value: "my own inputs" } });
  expect(snap.names.every((n) => !n.formula.startsWith("=Inputs!"))).toBe(true);
  expect(snap.names.some((n) => n.formula.startsWith("='Inputs (2)'!"))).toBe(true);
  const results = snap.sheets.find((s) => s.name === "Results")!;
  expect(results.charts[0].series.map((s) => s.name)).toEqual(["Baseline", "Lead time 1", "Lead time 2", "Lead time 3"]);
  expect(snap.sheets.filter((s) => s.name.includes("Store")).length).toBe(3);
  expect(errors).toEqual([]);
  await page.close();
});

const PUSH_PULL = ["Pure push", "Pull", "Pull with shared demand data", "Push-pull, boundary at Wholesaler (baseline)"];

/** A block of the Results sheet: its stage rows (and Network) by scenario label, under the header `title`. */
function resultBlock(snap: WorkbookSnapshot, title: string): { scenarios: string[]; rows: Record<string, number[]> } {
  const cells = snap.sheets.find((s) => s.name === "Results")!.cells;
  const at = (col: number, row: number) => cells[`${colLetter(col)}${row}`]?.value;
  let head = 1;
  while (at(1, head) !== title) if (++head > 500) throw new Error(`no block ${title}`);
  const scenarios: string[] = [];
  for (let c = 2; at(c, head) !== undefined; c++) scenarios.push(String(at(c, head)));
  const rows: Record<string, number[]> = {};
  for (let r = head + 1; at(1, r) !== undefined; r++) rows[String(at(1, r))] = scenarios.map((_, j) => Number(at(2 + j, r)));
  return { scenarios, rows };
}

test("push vs pull: the preset, its boundary and push plans, the comparison side by side on the Results sheet", async () => {
  const { page, errors } = await openPane({ sheets: [userSheet()] });
  await page.getByRole("radio", { name: /^Push vs pull/ }).check();
  await page.getByText(/The distributor and the factory push their forecast/).waitFor();
  await shot(page, "push-pull-1-network");
  await next(page, "2. Customer demand");
  await expect(page.getByRole("radio", { name: /A step/ }).isChecked()).resolves.toBe(true);
  expect(await page.getByLabel("Noise (standard deviation)", { exact: true }).inputValue()).toBe("20");
  await shot(page, "push-pull-2-demand");
  await next(page, "3. Stages");
  // Closed cards say who pushes and where the boundary is.
  expect(await stageHeader(page, "Factory").textContent()).toMatch(
    /4 \u00b7 top supplier \u00b7 pushes its forecast \u00b7 lead time 2 periods$/,
  );
  expect(await stageHeader(page, "Wholesaler").textContent()).toMatch(/2 \u00b7 push-pull boundary \u00b7 lead time 2 periods$/);
  expect(await stageHeader(page, "Retailer").textContent()).toMatch(/Order-up-to/);
  await openStage(page, "Factory");
  const plan = page.getByRole("region", { name: "Push plan, Factory" });
  await plan
    .getByText(/This stage pushes: each period it ships its forecast of customer demand to Distributor and produces as much/)
    .waitFor();
  expect(await page.getByLabel("Information lag (periods) of the push plan, Factory").inputValue()).toBe("2");
  expect(await page.getByLabel("Window (p periods) of the push plan, Factory").inputValue()).toBe("8");
  await page.getByLabel("Forecast of customer demand of the push plan, Factory").selectOption("exp-smoothing");
  await page.getByLabel("Smoothing (alpha) of the push plan, Factory").fill("0.25");
  await page.getByLabel("Information lag (periods) of the push plan, Factory").fill("1");
  await shot(page, "push-pull-3-stages");
  await page.getByRole("button", { name: "Open all stages" }).click();
  // The boundary receives and orders nothing; the retailer pulls (the comparison's pure push would push the wholesaler: its plan shows).
  await page.getByText(/^Push-pull boundary: it receives what Distributor pushes and places no orders/).waitFor();
  expect(await page.getByRole("region", { name: /^Push plan, / }).count()).toBe(3);
  await shot(page, "push-pull-3-stages-open");
  await next(page, "4. Bullwhip levers");
  const boundary = page.getByLabel("Push-pull boundary");
  expect(await boundary.inputValue()).toBe("1");
  expect(await boundary.locator("option").allTextContents()).toEqual([
    "None: every stage pulls",
    "At Retailer: pure push",
    "At Wholesaler",
    "At Distributor",
  ]);
  await shot(page, "push-pull-4-levers");
  // Moved to the distributor, then back: the cards follow.
  await boundary.selectOption("2");
  await page.getByRole("button", { name: /^Step 3:/ }).click();
  expect(await stageHeader(page, "Distributor").textContent()).toMatch(/push-pull boundary/);
  expect(await stageHeader(page, "Wholesaler").textContent()).toMatch(/Order-up-to/);
  await page.getByRole("button", { name: /^Step 4:/ }).click();
  await page.getByLabel("Push-pull boundary").selectOption("1");
  await next(page, "5. Output");
  await expect(page.getByRole("radio", { name: /^Push vs pull/ }).isChecked()).resolves.toBe(true);
  await page.getByText(`Runs 4 scenarios with the same demand draws: ${PUSH_PULL.join("; ")}.`, { exact: false }).waitFor();
  await page.getByLabel("Replications", { exact: true }).fill("20");
  await shot(page, "push-pull-5-output");
  expect(await buildAndWait(page)).toBe("Built");
  const outcome = page.getByRole("status", { name: "Built" });
  await expectInView(page, "the build outcome", await outcome.boundingBox());
  const table = outcome.getByRole("table", { name: "Push vs pull, scenarios side by side" });
  expect(await table.getByRole("rowheader").allTextContents()).toEqual(PUSH_PULL);
  expect(await table.getByRole("columnheader").allTextContents()).toEqual([
    "Scenario",
    "Stock",
    "Fill rate",
    "Bull\u00adwhip",
    "Cost per period",
  ]);
  await shot(page, "push-pull-6-built");

  const snap = await snapshot(page);
  const results = snap.sheets.find((s) => s.name === "Results")!;
  expect(results.charts[0].series.map((s) => s.name)).toEqual(PUSH_PULL);
  expect([...new Set(resultRows(snap).map((r) => r.scenario))]).toEqual(PUSH_PULL);
  // Each of the four figures by stage, the four scenarios across.
  const stages = ["Retailer", "Wholesaler", "Distributor", "Factory"];
  const blocks = ["Bullwhip ratio by stage", "Average on hand by stage", "Fill rate by stage", "Total cost per period by stage"];
  for (const title of blocks) {
    const b = resultBlock(snap, title);
    expect({ title, scenarios: b.scenarios }).toEqual({ title, scenarios: PUSH_PULL });
    expect(Object.keys(b.rows)).toEqual(title.startsWith("Total cost") ? [...stages, "Network"] : stages);
    for (const values of Object.values(b.rows)) expect(values.every(Number.isFinite)).toBe(true);
  }
  // The pane's row of each scenario is the sheet's: stock summed over the stages, the retailer's fill rate, the factory's bullwhip, the network's cost.
  const [bullwhip, onHand, fill, cost] = blocks.map((t) => resultBlock(snap, t).rows);
  const cells = await table
    .getByRole("row")
    .evaluateAll((rows) => rows.slice(1).map((r) => Array.from(r.querySelectorAll("td")).map((td) => td.textContent)));
  expect(cells).toEqual(
    PUSH_PULL.map((_, j) => [
      formatFigure(stages.reduce((a, st) => a + onHand[st][j], 0)),
      `${(fill.Retailer[j] * 100).toFixed(1)}%`,
      formatFigure(bullwhip.Factory[j]),
      formatFigure(cost.Network[j]),
    ]),
  );
  const state = stateOf(snap);
  const scenario = state.scenario as { pushPullBoundary: number; demand: unknown; stages: { pushPlan?: unknown }[] };
  expect(scenario.pushPullBoundary).toBe(1);
  expect(scenario.demand).toEqual({ distribution: "step", before: 100, after: 120, at: 52, sd: 20 });
  expect(scenario.stages[3].pushPlan).toEqual({ forecast: "exp-smoothing", window: 8, alpha: 0.25, infoLag: 1 });
  expect(state.wizard).toMatchObject({ preset: "push-vs-pull", compare: "pushPull" });
  expectPlanWritten(snap, state);
  expect(errors).toEqual([]);
  await page.close();
});

test("invalid values: messages on the fields, and nothing written", async () => {
  const { page, errors } = await openPane({
    sheets: [{ name: "Sheet1", cells: { A1: 5, A2: 6, A3: "n/a", A4: 7, A5: 5, A6: 6, A7: 8, A8: 4, A9: 6 } }],
    selection: { sheet: "Sheet1", address: "A1:A9" },
  });
  await page.getByRole("radio", { name: /Serial chain/ }).check();
  await page.getByLabel("Number of stages", { exact: true }).fill("12");
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByText("Enter a whole number from 2 to 8.").waitFor();
  await shot(page, "invalid-1-network");
  await page.getByLabel("Number of stages", { exact: true }).fill("3");
  await next(page, "2. Customer demand");
  await page.getByLabel("Standard deviation", { exact: true }).fill("abc");
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByText("Enter a number.").waitFor();
  await page.getByRole("radio", { name: /My own history/ }).check();
  await page.getByRole("button", { name: "Use the selected cells" }).click();
  await page.getByText('Demand history must hold numbers only: value 3 of Sheet1!A1:A9 is "n/a".').waitFor();
  await shot(page, "invalid-2-demand");
  await page.getByRole("radio", { name: "Normal distribution" }).check();
  await page.getByLabel("Standard deviation", { exact: true }).fill("-2");
  await page.getByRole("button", { name: "Next" }).click();
  // In a planner's words, not the validator's ("Must be >= 0 (minimum); got -2").
  await page.getByText("Use 0 or more: this cannot be negative.", { exact: true }).waitFor();
  expect(await focused(page)).toEqual({ field: "demand.sd", inView: true });
  await page.getByLabel("Standard deviation", { exact: true }).fill("4");
  await next(page, "3. Stages");
  // Two values wrong in two cards, both cards closed again: Next opens them and focuses the first.
  await openStage(page, "Wholesaler");
  await page.getByLabel("Holding cost, Wholesaler").fill("cheap");
  await closeStage(page, "Wholesaler");
  await openStage(page, "Retailer");
  await page.getByLabel("Lead time (periods), Retailer").fill("0");
  await closeStage(page, "Retailer");
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByText("Use at least 1 period.", { exact: true }).waitFor();
  await page.getByText("Enter a number.", { exact: true }).waitFor();
  await page.waitForFunction(() => (document.activeElement as HTMLElement | null)?.dataset.field === "stages.0.leadTime");
  expect(await focused(page)).toEqual({ field: "stages.0.leadTime", inView: true });
  expect(await stageHeader(page, "Retailer").getAttribute("aria-expanded")).toBe("true");
  expect(await stageHeader(page, "Wholesaler").getAttribute("aria-expanded")).toBe("true");
  expect(await stageHeader(page, "Factory").getAttribute("aria-expanded")).toBe("false");
  expect(await stageHeader(page, "Wholesaler").textContent()).toMatch(/1 to fix$/);
  // The list above the cards, in the cards' order; each entry takes you to its field.
  const summary = page.getByRole("alert").filter({ hasText: "values need correcting" });
  expect(await summary.getByRole("listitem").allTextContents()).toEqual([
    "Retailer, Lead time (periods): Use at least 1 period.",
    "Wholesaler, Holding cost: Enter a number.",
  ]);
  expect(await page.getByLabel("Lead time (periods), Retailer").getAttribute("aria-invalid")).toBe("true");
  await shot(page, "invalid-3-stages");
  await closeStage(page, "Wholesaler");
  await summary.getByRole("button", { name: "Wholesaler, Holding cost" }).click();
  await page.waitForFunction(() => (document.activeElement as HTMLElement | null)?.dataset.field === "stages.1.holdingCost");
  expect(await focused(page)).toEqual({ field: "stages.1.holdingCost", inView: true });
  await page.getByRole("button", { name: "Open all stages" }).click();
  await shot(page, "invalid-3-stages-open");
  await page.getByLabel("Lead time (periods), Retailer").fill("2");
  await page.getByLabel("Holding cost, Wholesaler").fill("0.5");
  await next(page, "4. Bullwhip levers");
  await page.getByLabel("Order inflation while the supplier is short").fill("0.5");
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByText("Use a factor of 1 or more, e.g. 1.5 (1: orders are not inflated).").waitFor();
  await shot(page, "invalid-4-levers");
  await page.getByLabel("Order inflation while the supplier is short").fill("");
  // A promotion in period 40, then a run of 30 periods: Build goes back to the Levers step and focuses it.
  await page.getByLabel("Promotion periods").fill("40");
  await page.getByLabel("Forward buy (periods of demand)").fill("1");
  await next(page, "5. Output");
  await page.getByLabel("Periods", { exact: true }).fill("30");
  await page.getByRole("button", { name: "Build" }).click();
  await page.getByRole("heading", { name: "4. Bullwhip levers" }).waitFor();
  await page.getByText("Promotion period 40 is after the end of the run: use periods 0 to 29.").waitFor();
  await page.waitForFunction(() => (document.activeElement as HTMLElement | null)?.dataset.field === "levers.promotionPeriods");
  expect(await focused(page)).toEqual({ field: "levers.promotionPeriods", inView: true });
  await page.getByLabel("Promotion periods").fill("");
  await page.getByLabel("Forward buy (periods of demand)").fill("");
  await next(page, "5. Output");
  await page.getByLabel("Periods", { exact: true }).fill("1");
  await page.getByLabel("Replications", { exact: true }).fill("0");
  await page.getByRole("button", { name: "Build" }).click();
  await page.getByText(/before building\. Nothing was written\./).waitFor();
  await page.getByText("Enter 1 to 100,000 replications.").waitFor();
  await page.getByText("Use at least 2 periods.", { exact: true }).waitFor();
  expect(await focused(page)).toEqual({ field: "output.periods", inView: true });
  await shot(page, "invalid-5-output");

  const snap = await snapshot(page);
  expect(snap.ops).toEqual([]);
  expect(snap.sheets.map((s) => s.name)).toEqual(["Sheet1"]);
  expect(snap.xmlParts).toEqual([]);
  expect(snap.names).toEqual([]);
  expect(errors).toEqual([]);
  await page.close();
});

/** A workbook the pane built earlier: a valid scenario (the beer game on a demand history) beside the wizard settings `wizard`. */
function storedWorkbook(wizard: unknown): StandInOptions {
  const scenario = { ...beerGameScenario(), periods: HISTORY.length, replications: 3, demand: { distribution: "series", values: HISTORY } };
  expect(validateScenario(scenario).ok).toBe(true);
  return { sheets: [userSheet()], xmlParts: [{ namespace: STATE_NAMESPACE, xml: stateToXml({ ...emptyState(), scenario, wizard }) }] };
}

const STEP_HEADINGS = ["1. Network", "2. Customer demand", "3. Stages", "4. Bullwhip levers", "5. Output"];

// Wizard settings as a damaged or hand-edited workbook can hold them; each used to blank the pane or crash the page.
test.each<[string, unknown, RegExp]>([
  ["a stage number stored as a number", { removeStage: 5 }, /the stage to remove/],
  ["a sweep start that is not text", { compare: "sweep", sweepFrom: {} }, /the sweep's From value/],
  ["a demand history whose values are not a list", { history: { values: "x" } }, /the demand history/],
  ["a sweep up to a billion", { sweepTo: "1000000000" }, /the sweep range/],
  ["a sweep up to a billion, compared", { compare: "sweep", sweepTo: "1000000000" }, /the sweep range/],
])("stored wizard settings with %s: the pane opens, says what it reset, and every step shows", async (what, wizard, reset) => {
  const { page, errors } = await openPane(storedWorkbook(wizard));
  await page.getByText("Scenario stored in this workbook").waitFor();
  await page.getByText(/Some wizard settings stored in this workbook were not usable and were reset/).waitFor();
  await page.getByText(reset).waitFor();
  for (const [i, heading] of STEP_HEADINGS.entries()) {
    await page.getByRole("button", { name: new RegExp(`^Step ${i + 1}:`) }).click();
    await page.getByRole("heading", { name: heading }).waitFor();
  }
  await shot(page, `stored-wizard-${what.replace(/\W+/g, "-")}`);
  expect(errors).toEqual([]);
  await page.close();
});

test("stored levers that are not a list: reset, and a lever comparison still builds", async () => {
  const { page, errors } = await openPane(storedWorkbook({ compare: "levers", levers: "abc" }));
  await page.getByText(/were not usable and were reset: the levers to compare/).waitFor();
  await page.getByRole("button", { name: /Step 5: Output/ }).click();
  await page.getByRole("checkbox", { name: "Share demand information" }).check();
  expect(await buildAndWait(page)).toBe("Built");
  const results = (await snapshot(page)).sheets.find((s) => s.name === "Results")!;
  expect(results.charts[0].series.map((s) => s.name)).toEqual(["Baseline", "Share demand information"]);
  expect(errors).toEqual([]);
  await page.close();
});

test("a render error: the pane says what went wrong, and starts again from the beer game", async () => {
  const { page, errors } = await openPane({ sheets: [userSheet()] });
  const logged: string[] = [];
  page.on("console", (m) => void (m.type() === "error" && logged.push(m.text())));
  await page.getByRole("radio", { name: /Serial chain/ }).check();
  await next(page, "2. Customer demand");
  // Every edit of the form copies it with structuredClone while rendering: make that copy fail.
  await page.evaluate(() => {
    const w = window as unknown as { __failClone: boolean; structuredClone: (v: unknown) => unknown };
    const real = w.structuredClone;
    w.__failClone = true;
    w.structuredClone = (v: unknown) => {
      if (w.__failClone) throw new Error("Injected failure\nsecond line");
      return real(v);
    };
  });
  await page.getByLabel("Random seed", { exact: true }).fill("7");
  const alert = page.getByRole("alert").filter({ hasText: "The wizard stopped" });
  await alert.waitFor();
  // the message in one line: the first line of the error's
  expect(await alert.textContent()).toContain("Injected failure");
  expect(await alert.textContent()).not.toContain("second line");
  expect(await page.getByRole("heading", { name: "2. Customer demand" }).count()).toBe(0);
  await shot(page, "render-error");
  await page.evaluate(() => void ((window as unknown as { __failClone: boolean }).__failClone = false));
  await page.getByRole("button", { name: "Start again from the beer game" }).click();
  await page.getByRole("heading", { name: "1. Network" }).waitFor();
  await expect(page.getByRole("radio", { name: /Beer game/ }).isChecked()).resolves.toBe(true);
  await next(page, "2. Customer demand");
  expect(await page.getByLabel("Random seed", { exact: true }).inputValue()).toBe("1");
  expect(logged.some((l) => l.includes("Injected failure"))).toBe(true);
  expect(errors).toEqual([]);
  await page.close();
});

test("outside Excel: the page still shows the wizard (Build disabled, saying why) and the function help filters", async () => {
  const page = await env.browser.context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  // No office.js at all (a plain browser); functions.js still needs Excel's CustomFunctions global.
  await page.route(OFFICE_JS, (route) => route.abort());
  await page.addInitScript(() => {
    (window as unknown as { CustomFunctions: unknown }).CustomFunctions = { associate: () => undefined };
  });
  await page.goto(`${env.server.url}/taskpane.html`);
  await page.getByRole("heading", { name: "1. Network" }).waitFor();
  await page.getByText(/Office\.js is not loaded/).waitFor();
  expect(await page.evaluate(() => document.documentElement.dataset.office)).toBe("unavailable");
  await page.getByRole("button", { name: /Step 5: Output/ }).click();
  expect(await page.getByRole("button", { name: "Build" }).isDisabled()).toBe(true);
  await page.getByText("Open this pane in Excel to build the workbook.").waitFor();
  // The help lists every function the add-in registers, one item each.
  const listed = await page.locator("#function-list li").evaluateAll((items) => items.map((li) => li.getAttribute("data-function")));
  expect([...listed].sort()).toEqual([...FUNCTION_NAMES].sort());
  await page.getByLabel("Filter functions").fill("bullwhip");
  await page.getByText(`2 of ${FUNCTION_NAMES.length} functions.`).waitFor();
  const shown = await page.locator("#function-list li:not([hidden]) > code").allTextContents(); // the names, not the examples
  expect(shown.sort()).toEqual(["SCM.BULLWHIP_BOUND", "SCM.BULLWHIP_RATIO"]);
  await shot(page, "outside-excel", true);
  // The forecasting functions' help shows an example formula each.
  await page.getByLabel("Filter functions").fill("safety stock from");
  await page.getByText(`1 of ${FUNCTION_NAMES.length} functions.`).waitFor();
  expect(await page.locator("#function-list li:not([hidden]) > code").allTextContents()).toEqual(["SCM.FORECAST_SAFETY_STOCK"]);
  expect(await page.getByText("=SCM.FORECAST_SAFETY_STOCK(C2:DB501, 2, 0.95)").isVisible()).toBe(true);
  expect(errors).toEqual([]);
  await page.close();
});
