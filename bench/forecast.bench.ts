/*
 * Automatic forecasts of a SKU table (npm run bench -- forecast): fitForecast(method "auto") and an
 * 8-period forecast for 10,000 weekly series of 104 periods, single thread, season_length 52 (a
 * weekly table; both R's ets() and ours leave seasons above 24 periods out, so these are
 * non-seasonal fits). The mix of a SKU table: 40% smooth (level, some trend, autocorrelated noise),
 * 20% with a yearly swing, 25% intermittent, 15% lumpy (seeded, generated below).
 * Baseline, in the same run when R is installed: R's forecast::ets() (then forecast(h = 8)) timed
 * on a sample of 200 of the same series (every 50th), and ours on the same sample. Without R the
 * recorded R figure below is reused. Ours on the sample: the median of 7 runs. Targets: at least 50x R's series per second, 10,000 series
 * within 20 s. Writes its section of BENCHMARKS.md.
 */
import { execFileSync } from "child_process";
import { cpus, loadavg, tmpdir } from "os";
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { join } from "path";
import { fitForecast } from "../src/forecast/fit";
import { recordBenchmark } from "./record";

const COMMAND = "npm run bench -- forecast";
const SERIES = 10_000;
const PERIODS = 104;
const SEASON = 52;
const HORIZON = 8;
const SAMPLE_EVERY = 50;
/** R's ets() series per second on this sample when R is absent: the last measured figure (see BENCHMARKS.md). */
const RECORDED_R_PER_SECOND = 167;

function lcg(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

/** The SKU table: smooth, seasonal, intermittent and lumpy series in a fixed proportion. */
export function skuTable(count: number, periods: number, seed = 20261129): { kind: string; y: number[] }[] {
  const u = lcg(seed);
  const gauss = (): number => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
  const out: { kind: string; y: number[] }[] = [];
  for (let i = 0; i < count; i++) {
    const r = 100 * u(); // the mix: each series draws its kind
    const kind = r < 40 ? "smooth" : r < 60 ? "seasonal" : r < 85 ? "intermittent" : "lumpy";
    const y: number[] = [];
    const level = 20 + 200 * u();
    const slope = (u() - 0.5) * 0.02 * level;
    const amp = kind === "seasonal" ? 0.2 + 0.3 * u() : 0;
    const p = kind === "intermittent" ? 0.15 + 0.3 * u() : 0.1 + 0.25 * u();
    let ar = 0;
    for (let t = 0; t < periods; t++) {
      ar = 0.5 * ar + 0.15 * level * gauss();
      if (kind === "smooth" || kind === "seasonal") {
        y.push(Math.max(0, Math.round(level + slope * t * 0.1 + amp * level * Math.sin((2 * Math.PI * t) / SEASON) + ar)));
      } else {
        const size = kind === "intermittent" ? 1 + Math.round(5 * u()) : Math.round(Math.exp(1 + 1.5 * gauss()));
        y.push(u() < p ? size : 0);
      }
    }
    out.push({ kind, y });
  }
  return out;
}

function timeOurs(series: { y: number[] }[]): number {
  const t0 = performance.now();
  let check = 0;
  for (const s of series) {
    const f = fitForecast(s.y, { method: "auto", seasonLength: SEASON }).forecast(HORIZON);
    check += f[0];
  }
  if (!Number.isFinite(check)) throw new Error("a forecast is not finite");
  return (performance.now() - t0) / 1000;
}

/** Seconds R's ets() + forecast() takes on the series, or undefined without R. */
function timeR(series: { y: number[] }[]): number | undefined {
  const dir = mkdtempSync(join(tmpdir(), "scm-bench-"));
  try {
    const data = join(dir, "series.json");
    writeFileSync(data, JSON.stringify(series.map((s) => s.y)));
    const script = [
      "suppressMessages({library(forecast); library(jsonlite)})",
      `ys <- fromJSON("${data}", simplifyVector = FALSE)`,
      `ys <- lapply(ys, function(y) ts(unlist(y), frequency = ${SEASON}))`,
      `t <- system.time(for (y in ys) suppressWarnings(forecast(ets(y), h = ${HORIZON})))`,
      'cat(t[["elapsed"]])',
    ].join("\n");
    const out = execFileSync("Rscript", ["-e", script], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    const seconds = Number(out.trim());
    return Number.isFinite(seconds) && seconds > 0 ? seconds : undefined;
  } catch {
    return undefined;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<void> {
  const table = skuTable(SERIES, PERIODS);
  const sample = table.filter((_, i) => i % SAMPLE_EVERY === 0);
  const oursAll = timeOurs(table); // also the warm-up of the sample's runs
  // The sample takes a tenth of a second: the median of 7 runs.
  const runs = Array.from({ length: 7 }, () => timeOurs(sample)).sort((a, b) => a - b);
  const oursSample = runs[3];
  const rSample = timeR(sample);
  const rPerSecond = rSample === undefined ? RECORDED_R_PER_SECOND : sample.length / rSample;
  const oursPerSecond = table.length / oursAll;
  const oursSamplePerSecond = sample.length / oursSample;
  const ratio = oursSamplePerSecond / rPerSecond;
  const kinds = ["smooth", "seasonal", "intermittent", "lumpy"].map((k) => `${table.filter((s) => s.kind === k).length} ${k}`).join(", ");
  const lines = [
    "| what | series | seconds | series per second | target | met |",
    "|---|---:|---:|---:|---|---|",
    `| ours, the whole table | ${table.length.toLocaleString("en-US")} | ${oursAll.toFixed(2)} | ${oursPerSecond.toFixed(0)} | within 20 s | ${oursAll <= 20 ? "yes" : "NO"} |`,
    `| ours, the sample | ${sample.length} | ${oursSample.toFixed(3)} | ${oursSamplePerSecond.toFixed(0)} | | |`,
    `| R ets(), the sample | ${sample.length} | ${rSample === undefined ? "(not run: R absent)" : rSample.toFixed(2)} | ${rPerSecond.toFixed(0)}${rSample === undefined ? " (recorded)" : ""} | | |`,
    `| ratio ours / R, same sample | | | ${ratio.toFixed(1)}x | at least 50x | ${ratio >= 50 ? "yes" : "NO"} |`,
  ];
  const t = lines.join("\n");
  console.log(t);
  const cpu = cpus()[0]?.model ?? "unknown CPU";
  recordBenchmark(
    "forecast.bench",
    "## Forecasting",
    [
      `Command: \`${COMMAND}\`. Measured ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus().length} x ${cpu},`,
      `load average ${loadavg()[0].toFixed(1)} at the end. ${table.length.toLocaleString("en-US")} series of ${PERIODS} weeks (${kinds}),`,
      `season_length ${SEASON}, method "auto" and an ${HORIZON}-week forecast each, one thread; R ${rSample === undefined ? "absent (recorded figure)" : "ran in the same run"}: forecast::ets() and forecast() on every ${SAMPLE_EVERY}th series.`,
      "",
      t,
    ].join("\n"),
  );
}
