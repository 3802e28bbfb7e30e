/**
 * npm run workbook -- --scenario FILE --out FILE.xlsx [--force]
 *
 * Writes the simulation workbook of a scenario (src/workbook: Inputs, Summary, one sheet per stage,
 * the stored scenario) as an .xlsx file. Charts are listed on the Summary sheet: the task pane adds
 * them in Excel. Refuses to overwrite an existing file unless --force.
 * Exit codes: 0 written, 2 bad arguments or scenario (messages on stderr, as `npm run simulate`), 1 other errors.
 */
import { existsSync, readFileSync, writeFileSync } from "fs";
import { planWorkbook } from "../src/workbook";
import { eachFlag, fileName, UsageError } from "./args";
import { EXIT_BAD_INPUT, readScenarioFile } from "./scenarioFile";
import { planToXlsxBuffer } from "./xlsxWriter";

export interface WorkbookIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readFile(path: string): string;
  exists(path: string): boolean;
  writeFile(path: string, data: Buffer): void;
}

const nodeIo: WorkbookIo = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  readFile: (p) => readFileSync(p, "utf8"),
  exists: (p) => existsSync(p),
  writeFile: (p, d) => writeFileSync(p, d),
};

const USAGE = "usage: npm run workbook -- --scenario FILE --out FILE.xlsx [--force]\n";

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
    else throw new UsageError(`unknown argument ${raw}`);
  });
  if (scenario === undefined) throw new UsageError("--scenario FILE is required");
  if (out === undefined) throw new UsageError("--out FILE.xlsx is required");
  if (!/\.xlsx$/i.test(out)) throw new UsageError(`--out must name an .xlsx file; got ${out}`);
  return { scenario, out, force };
}

/** Runs the command; resolves to the exit code. */
export async function main(argv: string[], io: WorkbookIo = nodeIo): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    io.stderr(`workbook: ${(e as Error).message}\n${USAGE}`);
    return EXIT_BAD_INPUT;
  }
  const scenario = readScenarioFile("workbook", args.scenario, io);
  if (scenario === null) return EXIT_BAD_INPUT;
  if (io.exists(args.out) && !args.force) {
    io.stderr(`workbook: ${args.out} already exists; pass --force to overwrite it\n`);
    return EXIT_BAD_INPUT;
  }
  const { plan, layout } = planWorkbook(scenario);
  io.writeFile(args.out, await planToXlsxBuffer(plan));
  const formulas = plan.sheets.reduce((n, s) => n + s.cells.filter((c) => c.formula !== undefined).length, 0);
  io.stdout(
    `wrote ${args.out}: ${plan.sheets.length} sheets (${plan.sheets.map((s) => s.name).join(", ")}), ${formulas} formulas\n` +
      (layout
        ? `edit the yellow cells of the Inputs sheet to re-run the simulation in the spreadsheet; ${plan.charts.length} charts are added by the add-in\n`
        : `network too large for sheets: the Summary holds the engine's Monte Carlo results\n`),
  );
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (e) => {
      process.stderr.write(`workbook: ${(e as Error).stack ?? e}\n`);
      process.exitCode = 1;
    },
  );
}
