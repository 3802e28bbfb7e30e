/**
 * Our automatic forecasts against R's ets() on every case of test/fixtures/forecast/ets.json: a
 * markdown table (series, m, n, R's model and MASE, ours) and the mean MASE, all, real and simulated
 * series, with our mean over R's. The test test/forecast/ets.test.ts asserts the ratio.
 *
 *   npx tsx scripts/forecast/compare-ets.ts
 */
import { compareCase, isSimulated, meanOf, readEtsFixture } from "../../test/forecast/mase";

const fixture = readEtsFixture();
const started = Date.now();
const rows = fixture.cases.map(compareCase);
const seconds = (Date.now() - started) / 1000;

const f3 = (x: number): string => x.toFixed(3);
const lines = ["| series | m | n | R model | R MASE | our model | our MASE |", "|---|---:|---:|---|---:|---|---:|"];
for (const r of rows) {
  lines.push(`| ${r.c.name} | ${r.c.frequency} | ${r.c.train.length} | ${r.c.model} | ${f3(r.c.mase)} | ${r.model} | ${f3(r.mase)} |`);
}
console.log(lines.join("\n"));

const summary = (label: string, pick: (simulated: boolean) => boolean): string => {
  const sel = rows.filter((r) => pick(isSimulated(r.c)));
  const ours = meanOf(sel.map((r) => r.mase));
  const theirs = meanOf(sel.map((r) => r.c.mase));
  return `| ${label} | ${sel.length} | ${f3(theirs)} | ${f3(ours)} | ${(ours / theirs).toFixed(4)} |`;
};
console.log("\n| series | cases | R mean MASE | our mean MASE | ours / R |\n|---|---:|---:|---:|---:|");
console.log(summary("all", () => true));
console.log(summary("real", (s) => !s));
console.log(summary("simulated", (s) => s));
const same = rows.filter((r) => r.model === r.c.model).length;
console.log(
  `\nsame model as R: ${same} of ${rows.length}; ${seconds.toFixed(2)} s for our fits (R ${fixture.r}, forecast ${fixture.forecast})`,
);
