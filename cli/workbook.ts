/**
 * npm run workbook -- --scenario FILE --out FILE.xlsx [--force]   (--help: every flag)
 *
 * Writes the simulation workbook of a scenario (src/workbook: Inputs, Summary, one sheet per stage,
 * the stored scenario) as an .xlsx file, with native charts, and the Summary's Monte Carlo means of the
 * scenario's replications beside the live figures. Refuses to overwrite an existing file unless --force.
 * The file is written all or nothing (cli/files.ts): a failed or interrupted write leaves the old file
 * as it was. Exit codes: 0 written, 2 bad arguments, scenario or --out path (messages on stderr, as
 * `npm run simulate`), 1 a write that failed (one line), 128 + signal when interrupted.
 */
import { isDomainError } from "../src/errors";
import { MAX_SCENARIO_BYTES, MAX_WORKBOOK_CELLS, simulate } from "../src/sim";
import { MAX_SHEET_SERIAL_STAGES, MAX_SHEET_STORES, planWorkbook, replicationsText } from "../src/workbook";
import { eachFlag, fileName, FlagHelp, helpText, printable, runCommand, UsageError, usageMessage, wantsHelp } from "./args";
import { exitCodeOf, FileCommandIo, FileProblem, nodeFileCommandIo, withInterrupt } from "./files";
import { EXIT_BAD_INPUT, readScenarioFile, readScenarioText } from "./scenarioFile";
import { planToXlsxBuffer } from "./xlsxWriter";

export type WorkbookIo = FileCommandIo;

export const nodeIo: WorkbookIo = nodeFileCommandIo(readScenarioText);

const COMMAND = "npm run workbook";
const n = (x: number): string => x.toLocaleString("en-US");

/** Every flag parseArgs accepts, for the usage line and --help (test/workbook/cli.test.ts checks both ways). */
export const FLAGS: FlagHelp[] = [
  {
    flag: "--scenario FILE",
    required: true,
    text: `scenario JSON file, as for npm run simulate (required; at most ${MAX_SCENARIO_BYTES / 2 ** 20} MB)`,
  },
  { flag: "--out FILE.xlsx", required: true, text: "workbook to write (required; .xlsx, in a folder that exists; all or nothing)" },
  { flag: "--force", text: "overwrite --out if it exists (default: refuse with exit code 2)" },
];

const USAGE = usageMessage(COMMAND, FLAGS);

export const HELP = helpText(
  COMMAND,
  "Writes the simulation workbook of a scenario: an Inputs sheet of what-if cells, a Summary and\n" +
    "one sheet per stage whose formulas re-run the simulation in Excel or LibreOffice.",
  FLAGS,
  [
    `Size: serial chains up to ${MAX_SHEET_SERIAL_STAGES} stages and DCs with up to ${MAX_SHEET_STORES} stores, at most ${n(MAX_WORKBOOK_CELLS)} cells,`,
    "get stage sheets; larger networks a Summary of Monte Carlo results. Charts: native, in the file.",
    "Exit codes: 0 written; 2 bad arguments, scenario or --out (nothing written); 1 the write failed",
    "(an existing file is left as it was); 130 Ctrl+C, 143 SIGTERM (nothing written).",
    `Example: ${COMMAND} -- --scenario scenarios/beer-game.json --out beer.xlsx`,
  ],
);

interface Args {
  scenario: string;
  out: string;
  force: boolean;
}

export function parseArgs(argv: string[]): Args {
  let scenario: string | undefined;
  let out: string | undefined;
  let force = false;
  eachFlag(argv, (flag, value, raw) => {
    if (flag === "--scenario") scenario = fileName(flag, value());
    else if (flag === "--out") out = fileName(flag, value());
    else if (flag === "--force") force = true;
    else throw new UsageError(`unknown argument ${printable(raw)}`);
  });
  if (scenario === undefined) throw new UsageError("--scenario FILE is required");
  if (out === undefined) throw new UsageError("--out FILE.xlsx is required");
  if (!/\.xlsx$/i.test(out)) throw new UsageError(`--out must name an .xlsx file; got ${out}`);
  return { scenario, out, force };
}

/** Runs the command; resolves to the exit code. */
export async function main(argv: string[], io: WorkbookIo = nodeIo): Promise<number> {
  if (wantsHelp(argv)) {
    io.stdout(HELP);
    return 0;
  }
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    io.stderr(`workbook: ${(e as Error).message}\n${USAGE}`);
    return EXIT_BAD_INPUT;
  }
  const pathProblem = io.outProblem(args.out);
  if (pathProblem) {
    io.stderr(`workbook: ${pathProblem}\n`);
    return EXIT_BAD_INPUT;
  }
  const scenario = readScenarioFile("workbook", args.scenario, io);
  if (scenario === null) return EXIT_BAD_INPUT;
  if (io.exists(args.out) && !args.force) {
    io.stderr(`workbook: ${args.out} already exists; pass --force to overwrite it\n`);
    return EXIT_BAD_INPUT;
  }
  let planned: ReturnType<typeof planWorkbook>;
  try {
    // The Summary's Monte Carlo columns: the scenario's replications (a run within MAX_RUN_WORK).
    const monteCarlo = simulate(scenario, {
      onProgress: (done, total) => io.progress(`simulating: ${done.toLocaleString("en-US")} of ${replicationsText(total)}...`),
    });
    io.progress("planning the workbook...");
    planned = planWorkbook(scenario, { monteCarlo }); // sized before any cell is planned (MAX_WORKBOOK_CELLS)
  } catch (e) {
    if (!isDomainError(e)) throw e;
    io.progress(null);
    io.stderr(`workbook: ${e.message}\n`);
    return EXIT_BAD_INPUT;
  }
  const { plan, layout } = planned;
  // Until now Ctrl+C ends the process at once (nothing is written yet). From here a signal stops the
  // run at the next await; a write already under way completes (it is one synchronous call) and counts.
  let stopped: NodeJS.Signals | null = null;
  const outcome = await withInterrupt(
    (signal) => (stopped = signal),
    async (): Promise<"written" | "stopped" | string> => {
      io.progress(`writing ${args.out}...`);
      const data = await planToXlsxBuffer(plan);
      if (stopped !== null) return "stopped";
      try {
        io.writeFile(args.out, data);
        return "written";
      } catch (e) {
        if (e instanceof FileProblem) return e.message;
        throw e;
      }
    },
  );
  io.progress(null);
  if (outcome === "stopped") {
    io.stderr(`workbook: interrupted; ${args.out} was not written\n`);
    return exitCodeOf(stopped!);
  }
  if (outcome !== "written") {
    io.stderr(`workbook: ${outcome}\n`);
    return 1;
  }
  const formulas = plan.sheets.reduce((n, s) => n + s.cells.filter((c) => c.formula !== undefined).length, 0);
  io.stdout(
    `wrote ${args.out}: ${plan.sheets.length} sheets (${plan.sheets.map((s) => s.name).join(", ")}), ${formulas} formulas\n` +
      (layout
        ? `edit the yellow cells of the Inputs sheet to re-run the simulation in the spreadsheet; ${plan.charts.length} charts; ` +
          `the Summary shows replication 0 live and the means of ${replicationsText(scenario.replications)} (seed ${scenario.seed}) beside it\n`
        : `network too large for sheets: the Summary holds the engine's Monte Carlo results\n`),
  );
  return 0;
}

if (require.main === module) runCommand("workbook", main);
