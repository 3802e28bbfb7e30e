/**
 * npm run simulate -- --scenario FILE [--replications N] [--seed S] [--threads N] [--json]   (--help: every flag)
 *
 * Runs a scenario file through the simulation engine and prints a table per stage (bullwhip with
 * its 95% confidence interval, fill rate, average stock and backlog, cost), or with --json exactly
 * one JSON object on stdout. Progress goes to stderr, and only when stderr is a terminal.
 * Exit codes: 0 done, 2 bad arguments or scenario (messages on stderr, nothing on stdout), 1 other errors.
 */
import {
  blockSize,
  MAX_REPLICATIONS,
  MAX_RUN_WORK,
  MAX_SCENARIO_BYTES,
  MonteCarloRun,
  Result,
  runOnPool,
  runSizeProblem,
  Stat,
} from "../src/sim";
import { eachFlag, fileName, FlagHelp, helpText, integerFlag, printable, runCommand, UsageError, usageMessage, wantsHelp } from "./args";
import { exitCodeOf, withInterrupt } from "./files";
import { EXIT_BAD_INPUT, readScenarioFile, readScenarioText } from "./scenarioFile";
import { defaultThreads, MAX_THREADS, startThreadPool } from "./threadPool";

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  stderrIsTTY: boolean;
  readFile(path: string): string;
  now(): number;
  /** Lets pending events (Ctrl+C) run between engine steps. */
  yield(): Promise<void>;
}

export const nodeIo: CliIo = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  stderrIsTTY: Boolean(process.stderr.isTTY),
  readFile: readScenarioText,
  now: () => Date.now(),
  yield: () => new Promise((resolve) => setImmediate(resolve)),
};

const COMMAND = "npm run simulate";
/** Runs smaller than this (periods x stages x replications, under two seconds) stay on one thread: starting threads (about half a second) costs more than it saves. */
export const PARALLEL_MIN_WORK = 50_000_000;
const MAX_SEED = 0xffffffff;
const n = (x: number): string => x.toLocaleString("en-US");

/** Every flag parseArgs accepts, for the usage line and --help (test/sim/cli.test.ts checks both ways). */
export const FLAGS: FlagHelp[] = [
  {
    flag: "--scenario FILE",
    required: true,
    text: `scenario JSON file (required; at most ${MAX_SCENARIO_BYTES / 2 ** 20} MB; presets in scenarios/)`,
  },
  { flag: "--replications N", text: `Monte Carlo replications, 1 to ${n(MAX_REPLICATIONS)} (default: the file's, else 1)` },
  { flag: "--seed S", text: `random seed, 0 to ${n(MAX_SEED)} (default: the file's, else 1)` },
  {
    flag: "--threads N",
    text: `worker threads, 1 to ${MAX_THREADS} (default: one per core, ${defaultThreads()} here, for runs over ${n(PARALLEL_MIN_WORK / 1e6)} M)`,
  },
  { flag: "--json", text: "one JSON object on stdout instead of the table (run with npm run -s)" },
];

const USAGE = usageMessage(COMMAND, FLAGS);

export const HELP = helpText(
  COMMAND,
  "Runs a scenario through the simulation engine and prints, per stage, the bullwhip ratio with\n" +
    "its 95% confidence interval, fill rate, average on hand and backlog, and costs.",
  FLAGS,
  [
    `Run size: periods x stages x replications at most ${n(MAX_RUN_WORK)} (about a minute).`,
    "Threads share the replications; the results are the same, digit for digit, on any number.",
    "Exit codes: 0 done; 2 bad arguments or scenario (nothing on stdout); 1 unexpected error",
    "(SCM_DEBUG=1 shows the stack); 130 Ctrl+C, 143 SIGTERM (no results printed).",
    `Example: ${COMMAND} -- --scenario scenarios/beer-game.json --replications 200`,
  ],
);

interface Args {
  scenario: string;
  replications?: number;
  seed?: number;
  threads?: number;
  json: boolean;
}

export function parseArgs(argv: string[]): Args {
  let scenario: string | undefined;
  let replications: number | undefined;
  let seed: number | undefined;
  let threads: number | undefined;
  let json = false;
  eachFlag(argv, (flag, value, raw) => {
    if (flag === "--scenario") scenario = fileName(flag, value());
    else if (flag === "--replications") replications = integerFlag(flag, value(), 1, MAX_REPLICATIONS);
    else if (flag === "--seed") seed = integerFlag(flag, value(), 0, MAX_SEED);
    else if (flag === "--threads") threads = integerFlag(flag, value(), 1, MAX_THREADS);
    else if (flag === "--json") json = true;
    else throw new UsageError(`unknown argument ${printable(raw)}`);
  });
  if (scenario === undefined) throw new UsageError("--scenario FILE is required");
  return { scenario, replications, seed, threads, json };
}

const fmt = (x: number, digits: number): string => (Number.isFinite(x) ? x.toFixed(digits) : "n/a");

function withCi(s: Stat, digits: number): string {
  if (!Number.isFinite(s.mean)) return "n/a";
  if (s.ci95 === null) return fmt(s.mean, digits);
  return `${fmt(s.mean, digits)} [${fmt(s.ci95[0], digits)}, ${fmt(s.ci95[1], digits)}]`;
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join("  ")).join("\n");
}

export function formatTable(r: Result, seconds: number): string {
  // The in-transit holding cost gets its column only where a scenario charges one.
  const transit = r.stages.some((s) => s.cost.inTransit.mean !== 0);
  const head = ["stage", "bullwhip [95% CI]", "fill rate", "avg on hand", "avg backlog", "holding", "backlog"];
  head.push(...(transit ? ["in transit"] : []), "total cost", "per period");
  const rows = [head];
  for (const s of r.stages) {
    rows.push([
      printable(s.name),
      withCi(s.bullwhip, 2),
      fmt(s.fillRate.mean, 3),
      fmt(s.avgOnHand.mean, 1),
      fmt(s.avgBacklog.mean, 1),
      fmt(s.cost.holding.mean, 0),
      fmt(s.cost.backlog.mean, 0),
      ...(transit ? [fmt(s.cost.inTransit.mean, 0)] : []),
      fmt(s.cost.total.mean, 0),
      fmt(s.costPerPeriod.total.mean, 2),
    ]);
  }
  const lines = [
    printable(r.scenario),
    `${r.replications} replication(s) of ${r.periods} periods (statistics from period ${r.warmup}), seed ${r.seed}, ${seconds.toFixed(2)} s`,
    "",
    table(rows),
    "",
    `network total cost: ${withCi(r.totalCost, 0)} over ${r.measuredPeriods} measured periods; ${withCi(r.totalCostPerPeriod, 2)} per period`,
    `bullwhip: Var(orders) / Var(customer demand served); holding, backlog${transit ? ", in-transit holding" : ""} and total cost summed over the measured periods, then the total per period; means over replications.`,
  ];
  return lines.join("\n") + "\n";
}

/** Engine steps run between two looks at the event loop: short enough for Ctrl+C to answer at once. */
const STEP_MS = 50;

/** Runs the command; resolves to the exit code. */
export async function main(argv: string[], io: CliIo = nodeIo): Promise<number> {
  if (wantsHelp(argv)) {
    io.stdout(HELP);
    return 0;
  }
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    io.stderr(`simulate: ${(e as Error).message}\n${USAGE}`);
    return EXIT_BAD_INPUT;
  }
  const scenario = readScenarioFile("simulate", args.scenario, io);
  if (!scenario) return EXIT_BAD_INPUT;
  const tooBig = runSizeProblem(scenario.periods, scenario.stages.length, args.replications ?? scenario.replications);
  if (tooBig) {
    io.stderr(`simulate: ${tooBig}\n`);
    return EXIT_BAD_INPUT;
  }
  const run = new MonteCarloRun(scenario, { replications: args.replications, seed: args.seed });
  const start = io.now();
  let drawn = false;
  const progress = (done: number, total: number) => {
    // Only runs longer than half a second get a bar; it is erased at the end.
    if (!io.stderrIsTTY || (!drawn && io.now() - start < 500 && done < total)) return;
    const width = 30;
    const filled = Math.round((done / total) * width);
    io.stderr(`\r[${"#".repeat(filled)}${".".repeat(width - filled)}] ${Math.floor((100 * done) / total)}% ${done}/${total} replications`);
    drawn = true;
  };
  let stopped: NodeJS.Signals | null = null;
  const work = scenario.periods * scenario.stages.length * run.total;
  const asked = args.threads ?? (work >= PARALLEL_MIN_WORK ? defaultThreads() : 1);
  // No more threads than blocks: a thread without one would only cost its start.
  const threads = Math.min(asked, Math.ceil(run.total / blockSize(run.scenario, run.total, asked)));
  await withInterrupt(
    (signal) => (stopped = signal),
    async () => {
      if (threads > 1) {
        // Blocks of about 50 ms on each thread; Ctrl+C stops the hand-out, and the threads are terminated.
        const pool = startThreadPool(threads);
        try {
          await runOnPool(run, pool.runners(run.scenario, run.total), { onProgress: progress, shouldCancel: () => stopped !== null });
        } finally {
          await pool.close();
        }
        return;
      }
      while (!run.finished && stopped === null) {
        const until = io.now() + STEP_MS;
        do run.step();
        while (!run.finished && io.now() < until);
        progress(run.completed, run.total);
        await io.yield();
      }
    },
  );
  if (drawn) io.stderr("\r\x1b[2K");
  if (stopped !== null) {
    io.stderr(`simulate: interrupted after ${run.completed} of ${run.total} replications; no results printed\n`);
    return exitCodeOf(stopped);
  }
  const result = run.result();
  const seconds = (io.now() - start) / 1000;
  io.stdout(args.json ? JSON.stringify(result, null, 2) + "\n" : formatTable(result, seconds));
  return 0;
}

if (require.main === module) runCommand("simulate", main);
