/*
 * What the size limits of src/sim/limits.ts cost at their edge, so that the README's "about a
 * minute" and "about 20 s and 1.5 GB" are measured, not guessed:
 * - the largest workbook `npm run workbook` accepts (just under MAX_WORKBOOK_CELLS), planned and
 *   written by the real command in a child process: wall time and peak memory (maxRSS), against the
 *   same command on the beer game (36 periods) measured in the same run;
 * - the run-size limit (MAX_RUN_WORK stage-periods x replications): the engine's speed on a shorter
 *   run of the same networks, and the time a run at the limit would take at that speed.
 * Writes its section of BENCHMARKS.md. Run: npm run bench -- limits
 */
import { spawnSync } from "child_process";
import { readFileSync, writeFileSync } from "fs";
import { cpus } from "os";
import { join } from "path";
import { recordBenchmark } from "./record";
import { MAX_RUN_WORK, MAX_WORKBOOK_CELLS, simulate, validateScenario, type ScenarioInput } from "../src/sim";
import { scratchDir } from "../test/support/libreoffice";

const COMMAND = "npm run bench -- limits";
const root = join(__dirname, "..");

/** The workbook command in a child process; its own wall time and peak memory (reported by the child). */
function workbookRun(scenarioFile: string, out: string): { seconds: number; maxRssMb: number } {
  // The child runs the command's main() and then prints process.resourceUsage().maxRSS (kB).
  const script = `
    const { main } = require(${JSON.stringify(join(root, "cli", "workbook.ts"))});
    const t0 = Date.now();
    main(["--scenario", ${JSON.stringify(scenarioFile)}, "--out", ${JSON.stringify(out)}, "--force"], { ...require(${JSON.stringify(
      join(root, "cli", "workbook.ts"),
    )}).nodeIo, stdout: () => undefined }).then((code) => {
      if (code !== 0) process.exit(code);
      console.log(JSON.stringify({ seconds: (Date.now() - t0) / 1000, maxRssKb: process.resourceUsage().maxRSS }));
    });`;
  const r = spawnSync(process.execPath, ["--import", "tsx", "-e", script], { cwd: root, encoding: "utf8", maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`workbook child failed: ${r.stderr}`);
  const j = JSON.parse(r.stdout.trim().split("\n").pop()!);
  return { seconds: j.seconds, maxRssMb: j.maxRssKb / 1024 };
}

function beerGame(): ScenarioInput {
  return JSON.parse(readFileSync(join(root, "scenarios", "beer-game.json"), "utf8"));
}

export async function run(): Promise<void> {
  const scratch = scratchDir("scm-limits-bench-");
  try {
    // The largest beer-game workbook under the cell limit: the workbook command's own message says how many periods fit.
    const probe = join(scratch.dir, "probe.json");
    writeFileSync(probe, JSON.stringify({ ...beerGame(), periods: 100_000 }));
    const refused = spawnSync(
      process.execPath,
      ["--import", "tsx", join(root, "cli", "workbook.ts"), "--scenario", probe, "--out", join(scratch.dir, "x.xlsx")],
      {
        cwd: root,
        encoding: "utf8",
      },
    );
    const periods = Number(/use at most about ([\d,]+) periods/.exec(refused.stderr)?.[1].replace(/,/g, ""));
    if (!Number.isFinite(periods)) throw new Error(`unexpected answer from the workbook command: ${refused.stderr}`);
    const edge = join(scratch.dir, "edge.json");
    writeFileSync(edge, JSON.stringify({ ...beerGame(), periods }));
    const small = workbookRun(join(root, "scenarios", "beer-game.json"), join(scratch.dir, "small.xlsx"));
    const big = workbookRun(edge, join(scratch.dir, "edge.xlsx"));

    // Engine speed on the networks whose runs the limit bounds, and a run at the limit at that speed.
    const speeds = [
      ["beer game, 4 stages x 520 periods", { ...beerGame(), periods: 520 }, 2000],
      ["1-N, DC and 20 stores x 365 periods", JSON.parse(readFileSync(join(root, "scenarios", "havi-1n.json"), "utf8")), 200],
    ] as const;
    const engineRows = speeds.map(([label, input, reps]) => {
      const v = validateScenario(input);
      if (!v.ok) throw new Error(v.errors.join("; "));
      const work = v.scenario.periods * v.scenario.stages.length * reps;
      simulate(v.scenario, { replications: Math.max(1, reps / 10) }); // warm-up
      const t0 = performance.now();
      simulate(v.scenario, { replications: reps });
      const perSecond = work / ((performance.now() - t0) / 1000);
      return `| ${label} | ${(perSecond / 1e6).toFixed(1)} M | ${(MAX_RUN_WORK / perSecond).toFixed(0)} s |`;
    });

    const lines = [
      `Command: \`${COMMAND}\`. Measured ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus().length} x ${cpus()[0]?.model ?? "unknown CPU"}.`,
      "",
      `The largest workbook the command accepts (MAX_WORKBOOK_CELLS = ${MAX_WORKBOOK_CELLS.toLocaleString("en-US")} cells on the stage sheets):`,
      "the beer game at the most periods the command's own refusal message names, planned and written by",
      "`cli/workbook.ts` in a child process; baseline: the same command on the beer game's 36 periods.",
      "",
      "| workbook | wall time | peak memory (maxRSS) |",
      "|---|---:|---:|",
      `| beer game, 36 periods (baseline) | ${small.seconds.toFixed(1)} s | ${small.maxRssMb.toFixed(0)} MB |`,
      `| beer game, ${periods.toLocaleString("en-US")} periods (at the limit) | ${big.seconds.toFixed(1)} s | ${big.maxRssMb.toFixed(0)} MB |`,
      "",
      `The run-size limit (MAX_RUN_WORK = ${MAX_RUN_WORK.toLocaleString("en-US")} stage-periods x replications): the engine's speed on one core,`,
      "and the time a run at the limit takes at that speed.",
      "",
      "| network | stage-periods per second | a run at the limit |",
      "|---|---:|---:|",
      ...engineRows,
    ];
    console.log(lines.join("\n"));
    recordBenchmark("limits.bench", "## Limits", lines.join("\n"));
  } finally {
    scratch.cleanup();
  }
}
