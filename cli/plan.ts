/**
 * npm run plan -- --input skus.csv --out plan.xlsx [--force] [--json]   (--help: every flag)
 *
 * The replenishment plan of a planner's SKU table (ARCHITECTURE.md section 12), from a CSV file
 * (cli/csv.ts) to an .xlsx workbook: the table as the SKUs sheet and the Plan sheet of live formulas
 * over it (src/plan/sheet.ts), with its charts. The columns are recognised by their headers
 * (src/plan/columns.ts); the policy is the engine's default, with a few flags to change it. With
 * --json, the plan is printed as one JSON object on stdout (and --out is optional). A SKU that cannot
 * be planned is not a failure: its problem is in the Plan's Problem column and in --json's
 * "problems", and stderr says how many there are. The file is written all or nothing
 * (cli/files.ts). Exit codes: 0 done, 2 bad arguments, CSV, columns or --out (messages on stderr,
 * nothing written), 1 a write that failed (one line), 128 + signal when interrupted.
 */
import { isDomainError } from "../src/errors";
import { FORECAST_METHODS } from "../src/forecast/model";
import { ColumnMapping, mappingProblems, recogniseColumns } from "../src/plan/columns";
import { Plan, planSkus } from "../src/plan/plan";
import {
  DEFAULT_POLICY,
  MAX_PERIODS_OF_SUPPLY,
  MAX_REVIEW_PERIOD,
  OrderRule,
  parseMethod,
  PlanPolicy,
  policyProblem,
} from "../src/plan/policy";
import { planReplenishmentWorkbook, PLAN_SHEET } from "../src/plan/sheet";
import { Cell, MAX_PLAN_CELLS, MAX_PLAN_ROWS, readSkus } from "../src/plan/skus";
import type { WorkbookPlan } from "../src/workbook/plan";
import { eachFlag, fileName, FlagHelp, helpText, integerFlag, printable, runCommand, UsageError, usageMessage, wantsHelp } from "./args";
import { csvValue, parseCsv } from "./csv";
import { exitCodeOf, FileCommandIo, FileProblem, nodeFileCommandIo, readTextFile, withInterrupt } from "./files";
import { EXIT_BAD_INPUT } from "./scenarioFile";
import { planToXlsxBuffer } from "./xlsxWriter";

/** The largest CSV file read, checked before reading (64 MB: the cell limit, with room for long SKU names and descriptions). */
export const MAX_CSV_BYTES = 64 * 1024 * 1024;
/** Excel's sheet width and cell size: the SKUs sheet holds the table as it is. */
const MAX_SHEET_COLUMNS = 16_384;
const MAX_CELL_CHARACTERS = 32_767;
/** The sheet the command writes the table on (the Plan's formulas read it). */
export const TABLE_SHEET = "SKUs";
const SEASON_LENGTH_MAX = 520;

export interface PlanIo extends FileCommandIo {
  /** Now, for the Plan's note ("values computed on ..."). */
  now(): Date;
}

export const nodeIo: PlanIo = { ...nodeFileCommandIo((p) => readTextFile(p, MAX_CSV_BYTES, "CSV file")), now: () => new Date() };

const COMMAND = "npm run plan";
const n = (x: number): string => x.toLocaleString("en-US");

/** Every flag parseArgs accepts, for the usage line and --help (test/plan/cli.test.ts checks both ways). */
export const FLAGS: FlagHelp[] = [
  {
    flag: "--input FILE.csv",
    required: true,
    text: `the SKU table, CSV with a header line (required; at most ${MAX_CSV_BYTES / 2 ** 20} MB)`,
  },
  { flag: "--out FILE.xlsx", text: "workbook to write (.xlsx in a folder that exists; required without --json)" },
  { flag: "--force", text: "overwrite --out if it exists (default: refuse with exit code 2)" },
  { flag: "--json", text: "print the plan as one JSON object on stdout (use npm run -s); --out optional" },
  { flag: "--method NAME", text: `forecast method: ${DEFAULT_POLICY.method} (default: the best fit per SKU) or one listed below` },
  {
    flag: "--season-length N",
    text: `periods in a season, 1 to ${SEASON_LENGTH_MAX}: 52 weekly, 12 monthly, 1 none (default ${DEFAULT_POLICY.seasonLength})`,
  },
  {
    flag: "--review-period N",
    text: `periods between planning runs, 0 to ${MAX_REVIEW_PERIOD} (0: continuous review; default ${DEFAULT_POLICY.reviewPeriod})`,
  },
  { flag: "--order-rule RULE", text: "eoq (default), eoq-cases (full cases of Case size) or periods:N of forecast" },
];

const USAGE = usageMessage(COMMAND, FLAGS);

export const HELP = helpText(
  COMMAND,
  "Plans replenishment for a SKU table: classes, forecast, safety stock, reorder point, order\n" +
    "quantity and what to order now, written as a workbook of live formulas (or as JSON).",
  FLAGS,
  [
    "Columns, recognised by their headers: SKU, On hand, Lead time, Unit cost, Order cost, Holding",
    "rate (required); On order, Backorders, Service level, Case size; the demand history across, oldest",
    "first (W1, W2, ... or dates). Comma- or semicolon-separated, UTF-8; with semicolons 12,5 is 12.5.",
    `Methods: ${FORECAST_METHODS.slice(0, 7).join(", ")},`,
    `${FORECAST_METHODS.slice(7).join(", ")}.`,
    `Size: at most ${n(MAX_PLAN_ROWS)} SKUs and ${n(MAX_PLAN_CELLS)} cells (rows x columns).`,
    "Exit codes: 0 done (SKUs with a problem are listed, not a failure); 2 bad arguments, CSV, columns",
    "or --out (nothing written); 1 the write failed (an existing file is left as it was); 130 Ctrl+C,",
    "143 SIGTERM (nothing written).",
    `Example: ${COMMAND} -- --input samples/skus.csv --out plan.xlsx`,
  ],
);

interface Args {
  input: string;
  out?: string;
  force: boolean;
  json: boolean;
  policy: PlanPolicy;
}

/** "eoq", "eoq-cases" or "periods:N" (N > 0, at most MAX_PERIODS_OF_SUPPLY). */
function orderRule(flag: string, text: string | undefined): OrderRule {
  const t = (text ?? "").trim().toLowerCase();
  if (t === "eoq") return { kind: "eoq" };
  if (t === "eoq-cases") return { kind: "eoq-cases" };
  const m = /^periods:\s*(\d+(?:\.\d+)?|\.\d+)$/.exec(t);
  const periods = m ? Number(m[1]) : NaN;
  if (periods > 0 && periods <= MAX_PERIODS_OF_SUPPLY) return { kind: "periods", periods };
  const got = text === undefined || text.trim() === "" ? "" : `; got ${printable(text)}`;
  throw new UsageError(
    `${flag} must be eoq, eoq-cases or periods:N (N periods of forecast demand, more than 0 and at most ${MAX_PERIODS_OF_SUPPLY})${got}`,
  );
}

export function parseArgs(argv: string[]): Args {
  let input: string | undefined;
  let out: string | undefined;
  let force = false;
  let json = false;
  const policy: PlanPolicy = { ...DEFAULT_POLICY };
  eachFlag(argv, (flag, value, raw) => {
    if (flag === "--input") input = fileName(flag, value());
    else if (flag === "--out") out = fileName(flag, value());
    else if (flag === "--force") force = true;
    else if (flag === "--json") json = true;
    else if (flag === "--method") {
      const text = value();
      if (text === undefined || text.trim() === "") throw new UsageError(`--method needs a method: ${FORECAST_METHODS.join(", ")}`);
      try {
        policy.method = parseMethod(text);
      } catch (e) {
        if (!isDomainError(e)) throw e;
        throw new UsageError(`--method must be one of ${FORECAST_METHODS.join(", ")}; got ${printable(text)}`);
      }
    } else if (flag === "--season-length") policy.seasonLength = integerFlag(flag, value(), 1, SEASON_LENGTH_MAX);
    else if (flag === "--review-period") policy.reviewPeriod = integerFlag(flag, value(), 0, MAX_REVIEW_PERIOD);
    else if (flag === "--order-rule") policy.orderRule = orderRule(flag, value());
    else throw new UsageError(`unknown argument ${printable(raw)}`);
  });
  if (input === undefined) throw new UsageError("--input FILE.csv is required");
  if (out === undefined && !json) throw new UsageError("--out FILE.xlsx is required (or --json to print the plan)");
  if (out !== undefined && !/\.xlsx$/i.test(out)) throw new UsageError(`--out must name an .xlsx file; got ${printable(out)}`);
  const bad = policyProblem(policy);
  if (bad) throw new UsageError(bad.message);
  return { input, out, force, json, policy };
}

/** The table read from the CSV: header texts and values, and how its columns map to the plan. */
interface Table {
  headers: Cell[];
  rows: Cell[][];
  mapping: ColumnMapping;
}

/** Reads and checks the CSV: the table, or what to print (exit with EXIT_BAD_INPUT). */
function readTable(file: string, io: PlanIo): Table | string {
  let text: string;
  try {
    text = io.readFile(file);
  } catch (e) {
    return `plan: ${e instanceof FileProblem ? e.message : `cannot read CSV file ${file}: ${(e as Error).message}`}\n`;
  }
  const parsed = parseCsv(text, {
    maxRows: MAX_PLAN_ROWS,
    maxCells: MAX_PLAN_CELLS,
    maxColumns: MAX_SHEET_COLUMNS,
    maxFieldLength: MAX_CELL_CHARACTERS,
  });
  if (!parsed.ok) return `plan: ${file}: ${parsed.message}\n`;
  const { delimiter, headers, rows: fields } = parsed.csv;
  if (fields.length === 0) return `plan: ${file} has a header but no rows of SKUs under it\n`;
  const rows = fields.map((r) => r.map((f) => csvValue(f, delimiter)));
  const mapping = recogniseColumns(headers, rows.slice(0, 20));
  const problems = mappingProblems(mapping, headers);
  if (problems.length > 0)
    return `plan: the columns of ${file} cannot be planned:\n${problems.map((p) => `  - ${printable(p)}\n`).join("")}`;
  // SKU codes stay as written ("00123" is not the number 123).
  const sku = mapping.roles.sku!;
  fields.forEach((r, i) => (rows[i][sku] = r[sku]));
  return { headers, rows, mapping };
}

/** "2026-11-29 14:05", local time. */
export function localDateTime(d: Date): string {
  const p = (x: number) => String(x).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** The --json object: per SKU the plan's figures, the SKUs that could not be planned, the summary. */
export function planJson(plan: Plan): object {
  return {
    skus: plan.skus.map((s) => ({
      sku: s.sku,
      abc: s.abc,
      xyz: s.xyz,
      demandClass: s.demandClass,
      method: s.method,
      forecast: s.forecast,
      safetyStock: s.safetyStock,
      reorderPoint: s.reorderPoint,
      orderQty: s.orderQty,
      position: s.position,
      orderNow: s.orderNow,
      suggestedQty: s.suggestedQty,
      periodsOfCover: s.periodsOfCover ?? null,
    })),
    problems: plan.problems.map((p) => ({ row: p.row, sku: p.sku, problem: p.problem })),
    summary: plan.summary,
  };
}

/** Runs the command; resolves to the exit code. */
export async function main(argv: string[], io: PlanIo = nodeIo): Promise<number> {
  if (wantsHelp(argv)) {
    io.stdout(HELP);
    return 0;
  }
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`plan: ${e.message}\n${USAGE}`);
    return EXIT_BAD_INPUT;
  }
  const out = args.out;
  if (out !== undefined) {
    const pathProblem = io.outProblem(out);
    if (pathProblem) {
      io.stderr(`plan: ${pathProblem}\n`);
      return EXIT_BAD_INPUT;
    }
  }
  io.progress(`reading ${args.input}...`);
  const table = readTable(args.input, io);
  io.progress(null);
  if (typeof table === "string") {
    io.stderr(table);
    return EXIT_BAD_INPUT;
  }
  if (out !== undefined && io.exists(out) && !args.force) {
    io.stderr(`plan: ${out} already exists; pass --force to overwrite it\n`);
    return EXIT_BAD_INPUT;
  }
  const { headers, rows, mapping } = table;
  let plan: Plan;
  let workbook: WorkbookPlan | undefined;
  try {
    io.progress(`planning ${n(rows.length)} rows...`);
    plan = planSkus(readSkus(rows, mapping), args.policy);
    if (out !== undefined) {
      io.progress("planning the workbook...");
      const where = { sheet: TABLE_SHEET, headerRow: 1, firstCol: 1, rows: rows.length };
      workbook = planReplenishmentWorkbook(where, mapping, args.policy, plan, {
        builtAt: localDateTime(io.now()),
        table: { headers, rows },
      });
    }
  } catch (e) {
    if (!isDomainError(e)) throw e;
    io.progress(null);
    io.stderr(`plan: ${e.message}\n`);
    return EXIT_BAD_INPUT;
  }
  if (out !== undefined && workbook !== undefined) {
    // Until now Ctrl+C ends the process at once (nothing is written yet). From here a signal stops the
    // run at the next await; a write already under way completes (it is one synchronous call) and counts.
    let stopped: NodeJS.Signals | null = null;
    const wb = workbook;
    const outcome = await withInterrupt(
      (signal) => (stopped = signal),
      async (): Promise<"written" | "stopped" | string> => {
        io.progress(`writing ${out}...`);
        const data = await planToXlsxBuffer(wb);
        if (stopped !== null) return "stopped";
        try {
          io.writeFile(out, data);
          return "written";
        } catch (e) {
          if (e instanceof FileProblem) return e.message;
          throw e;
        }
      },
    );
    io.progress(null);
    if (outcome === "stopped") {
      io.stderr(`plan: interrupted; ${out} was not written\n`);
      return exitCodeOf(stopped!);
    }
    if (outcome !== "written") {
      io.stderr(`plan: ${outcome}\n`);
      return 1;
    }
    const wrote =
      `wrote ${out}: ${wb.sheets.map((s) => s.name).join(" and ")} sheets, ${n(plan.summary.planned)} SKUs planned, ` +
      `${n(plan.summary.orderNow)} to order now; edit on hand, on order or backorders on the ${TABLE_SHEET} sheet and the ${PLAN_SHEET} sheet follows\n`;
    // With --json, stdout holds the JSON alone.
    if (args.json) io.stderr(`plan: ${wrote}`);
    else io.stdout(wrote);
  }
  const p = plan.summary.problems;
  io.stderr(
    p === 0
      ? `plan: every SKU planned (${n(plan.summary.planned)})\n`
      : `plan: ${n(p)} of ${n(plan.summary.skus)} SKUs could not be planned: see ${args.json ? '"problems" in the JSON' : `the Problem column of the ${PLAN_SHEET} sheet`}\n`,
  );
  if (args.json) io.stdout(JSON.stringify(planJson(plan), null, 2) + "\n");
  return 0;
}

if (require.main === module) runCommand("plan", main);
