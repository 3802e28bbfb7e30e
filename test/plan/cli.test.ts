/**
 * `npm run plan`: arguments and --help, exit codes and their one-line messages (missing columns, bad
 * or too big CSV files, an existing --out), the --json object on the committed sample, the CSV
 * dialects (semicolons and decimal commas, quotes, a byte-order mark, CRLF), and files written all or
 * nothing. Most tests run main() on files in memory; those about the disk, sizes and processes run
 * the real command (`node --import tsx cli/plan.ts`, as `npm run` does) in a scratch folder.
 */
import { spawn, spawnSync } from "child_process";
import { mkdirSync, readdirSync, readFileSync, truncateSync, writeFileSync } from "fs";
import { join } from "path";
import ExcelJS from "../../cli/exceljs";
import { csvValue, parseCsv } from "../../cli/csv";
import { FLAGS, HELP, main, MAX_CSV_BYTES, parseArgs, planJson, type PlanIo } from "../../cli/plan";
import { recogniseColumns } from "../../src/plan/columns";
import { planSkus } from "../../src/plan/plan";
import { DEFAULT_POLICY } from "../../src/plan/policy";
import { readSkus } from "../../src/plan/skus";
import { scratchDir } from "../support/libreoffice";

const root = join(__dirname, "..", "..");
const sampleFile = join(root, "samples", "skus.csv");
const sample = readFileSync(sampleFile, "utf8");
const scratch = scratchDir("scm-plan-cli-");
afterAll(() => scratch.cleanup());

/** Files in memory: what the command reads and writes, without the disk. */
function memoryIo(files: Record<string, string> = {}) {
  const written = new Map<string, Uint8Array>();
  let out = "";
  let err = "";
  const progress: (string | null)[] = [];
  const io: PlanIo = {
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    readFile: (p) => {
      if (p in files) return files[p];
      return readFileSync(p, "utf8");
    },
    exists: (p) => written.has(p) || p in files,
    outProblem: () => null,
    progress: (t) => void progress.push(t),
    writeFile: (p, d) => void written.set(p, d),
    now: () => new Date(2026, 0, 5, 9, 7),
  };
  return { io, written, out: () => out, err: () => err, progress };
}

/** Runs the real command as a process, optionally under a shell prefix such as a ulimit. */
function run(args: string[], shellPrefix = "") {
  const node = `${JSON.stringify(process.execPath)} --import tsx ${JSON.stringify(join(root, "cli", "plan.ts"))}`;
  const line = `${shellPrefix} exec ${node} ${args.map((a) => JSON.stringify(a)).join(" ")}`;
  const r = spawnSync("bash", ["-c", line], { cwd: root, encoding: "utf8", timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const USAGE =
  "usage: npm run plan -- --input FILE.csv [--out FILE.xlsx] [--force] [--json] [--method NAME]\n" +
  "                       [--season-length N] [--review-period N] [--order-rule RULE]\n" +
  "npm run plan -- --help describes every flag\n";

/** A small table: every column the plan reads, 6 weeks of history. */
const HEADER = ["SKU", "On hand", "On order", "Lead time", "Unit cost", "Order cost", "Holding rate", "W1", "W2", "W3", "W4", "W5", "W6"];
const SMALL = [
  HEADER,
  ["A-1", 12, 4, 2, 2.5, 40, 0.25, 10, 12, 9, 11, 10, 13],
  ["A-2", 3, 0, 1, 1200.5, 90, 0.2, 1, 0, 2, 0, 1, 3],
  ["A-3", 0, 0, 3, 0.75, 20, 0.3, 40, 38, 45, 41, 39, 44],
];
const csv = (rows: (string | number)[][], sep = ",", eol = "\n") => rows.map((r) => r.join(sep)).join(eol) + eol;

describe("arguments and help", () => {
  test.each([["--help"], ["-h"], ["--input", "x.csv", "--out", "a.csv", "--help"]])(
    "%j prints the usage and every flag with what it does on stdout, exit 0, nothing read or written",
    async (...argv) => {
      const m = memoryIo();
      expect(await main(argv, m.io)).toBe(0);
      expect(m.err()).toBe("");
      expect(m.written.size).toBe(0);
      expect(m.out()).toBe(HELP);
      expect(m.out()).toMatch(
        /^usage: npm run plan -- --input FILE\.csv \[--out FILE\.xlsx\] \[--force\] \[--json\] \[--method NAME\]\n {23}\[--season-length N\]/,
      );
      expect(m.out()).toMatch(/^ {2}--input FILE\.csv +the SKU table, CSV with a header line \(required; at most 64 MB\)$/m);
      expect(m.out()).toMatch(/^ {2}--order-rule RULE +eoq \(default\), eoq-cases \(full cases of Case size\) or periods:N of forecast$/m);
      expect(m.out()).toMatch(/^ {2}-h, --help +print this help and exit/m);
      expect(m.out()).toMatch(/^Methods: naive, seasonal-naive, moving-average, ses, holt, damped, holt-winters,$/m);
      expect(m.out()).toMatch(/^Exit codes: 0 done/m);
      for (const line of m.out().split("\n")) expect(line.length).toBeLessThanOrEqual(100);
    },
  );

  test("the help lists exactly the flags parseArgs accepts", () => {
    const sampleValue: Record<string, string> = { "FILE.csv": "a.csv", "FILE.xlsx": "a.xlsx", NAME: "ses", N: "4", RULE: "periods:3" };
    const required = ["--input", "a.csv", "--out", "a.xlsx"];
    for (const f of FLAGS) {
      const [flag, placeholder] = f.flag.split(" ");
      expect(() => parseArgs([...required, ...(placeholder ? [flag, sampleValue[placeholder]] : [flag])])).not.toThrow();
    }
    expect(FLAGS.map((f) => f.flag.split(" ")[0]).sort()).toEqual([
      "--force",
      "--input",
      "--json",
      "--method",
      "--order-rule",
      "--out",
      "--review-period",
      "--season-length",
    ]);
  });

  test("the policy flags set the policy; nothing given: the engine's default", () => {
    expect(parseArgs(["--input", "a.csv", "--json"]).policy).toEqual(DEFAULT_POLICY);
    expect(
      parseArgs([
        "--input=a.csv",
        "--json",
        "--method",
        " SBA ",
        "--season-length",
        "12",
        "--review-period=0",
        "--order-rule",
        "periods:2.5",
      ]).policy,
    ).toEqual({ ...DEFAULT_POLICY, method: "sba", seasonLength: 12, reviewPeriod: 0, orderRule: { kind: "periods", periods: 2.5 } });
    expect(parseArgs(["--input", "a.csv", "--json", "--order-rule", "EOQ-cases"]).policy.orderRule).toEqual({ kind: "eoq-cases" });
  });

  test.each([
    [[], "--input FILE.csv is required"],
    [["--input", "a.csv"], "--out FILE.xlsx is required (or --json to print the plan)"],
    [["--input", "a.csv", "--out", "a.csv"], "--out must name an .xlsx file; got a.csv"],
    [["--input", "a.csv", "--json", "--scenario", "x.json"], "unknown argument --scenario"],
    [["--input", "--json"], "--input needs a file name"],
    [
      ["--input", "a.csv", "--json", "--method", "prophet"],
      "--method must be one of naive, seasonal-naive, moving-average, ses, holt, damped, holt-winters, holt-winters-mul, croston, sba, tsb, auto; got prophet",
    ],
    [["--input", "a.csv", "--json", "--season-length", "0"], "--season-length must be from 1 to 520; got 0"],
    [["--input", "a.csv", "--json", "--review-period", "-1"], "--review-period must be from 0 to 520; got -1"],
    [["--input", "a.csv", "--json", "--review-period", "1.5"], "--review-period needs a whole number from 0 to 520; got 1.5"],
    [
      ["--input", "a.csv", "--json", "--order-rule", "periods:0"],
      "--order-rule must be eoq, eoq-cases or periods:N (N periods of forecast demand, more than 0 and at most 520); got periods:0",
    ],
    [
      ["--input", "a.csv", "--json", "--order-rule", "lot-for-lot"],
      "--order-rule must be eoq, eoq-cases or periods:N (N periods of forecast demand, more than 0 and at most 520); got lot-for-lot",
    ],
  ])("bad arguments %j: exit 2, one line and the usage", async (argv, message) => {
    const m = memoryIo({ "a.csv": csv(SMALL) });
    expect(await main(argv as string[], m.io)).toBe(2);
    expect(m.err()).toBe(`plan: ${message}\n${USAGE}`);
    expect(m.out()).toBe("");
    expect(m.written.size).toBe(0);
  });
});

describe("bad tables: exit 2, one line each, nothing written", () => {
  test("a missing column: every problem on its own line, saying how to fix it", async () => {
    const noLeadTime = SMALL.map((r) => r.filter((_, c) => c !== 3));
    const m = memoryIo({ "t.csv": csv(noLeadTime) });
    expect(await main(["--input", "t.csv", "--out", "t.xlsx"], m.io)).toBe(2);
    expect(m.err()).toBe(
      'plan: the columns of t.csv cannot be planned:\n  - No column for Lead time (periods): name a column "Lead time (periods)", or choose it in the list.\n',
    );
    expect(m.written.size).toBe(0);
    const noHistory = SMALL.map((r) => r.slice(0, 7).concat(r[0] === "SKU" ? ["Notes"] : ["x"]));
    const n = memoryIo({ "t.csv": csv(noHistory) });
    expect(await main(["--input", "t.csv", "--json"], n.io)).toBe(2);
    expect(n.err()).toBe(
      "plan: the columns of t.csv cannot be planned:\n  - No demand history: the periods must be columns across, oldest at the left, headed W1, W2, ... or by date.\n",
    );
    expect(n.out()).toBe("");
  });

  test.each([
    [
      "an unclosed quote",
      'SKU,On hand\n"A-1,3\n',
      't.csv: line 2: a quoted field is not closed: end it with a double quote (and double each quote inside it: "")',
    ],
    [
      "a quote inside a field",
      'SKU,On hand\nA"1,3\n',
      't.csv: line 2, field 1: a quote inside an unquoted field: put the field in quotes and double the quote ("ab""c")',
    ],
    [
      "text after a closing quote",
      'SKU,On hand\n"A-1"x,3\n',
      't.csv: line 2: text after the closing quote of a field: quote the whole field, and double each quote inside it ("")',
    ],
    [
      "a row wider than the header",
      "SKU,On hand\nA-1,3,4\n",
      't.csv: line 2: 3 fields, but the header has 2: quote a value that holds the separator (","), or give the extra column a header',
    ],
    ["tabs", "SKU\tOn hand\nA-1\t3\n", "t.csv: the header is separated by tabs: save the table as CSV (comma- or semicolon-separated)"],
    ["nothing", "", "t.csv: the file is empty: its first line must be the header (SKU, On hand, Lead time, ...)"],
    ["a header alone", "SKU,On hand\r\n\r\n", "t.csv has a header but no rows of SKUs under it"],
  ])("%s", async (_what, text, message) => {
    const m = memoryIo({ "t.csv": text });
    expect(await main(["--input", "t.csv", "--out", "t.xlsx"], m.io)).toBe(2);
    expect(m.err()).toBe(`plan: ${message}\n`);
    expect(m.written.size).toBe(0);
  });

  test("too many rows or cells: refused while reading, saying what would fit", async () => {
    const rows = (n: number, width: number) =>
      [Array.from({ length: width }, (_, c) => `C${c}`).join(","), ...Array.from({ length: n }, () => "1,".repeat(width - 1) + "1")].join(
        "\n",
      );
    const m = memoryIo({ "long.csv": rows(20_001, 2), "wide.csv": rows(8_400, 120), "fits.csv": rows(8_333, 120) });
    expect(await main(["--input", "long.csv", "--json"], m.io)).toBe(2);
    expect(await main(["--input", "wide.csv", "--json"], m.io)).toBe(2);
    expect(m.err()).toBe(
      "plan: long.csv: more than 20,000 rows of SKUs, the most a plan takes: split the table\n" +
        "plan: wide.csv: more than 1,000,000 cells (rows x columns), the most a plan takes: with 120 columns at most 8,333 rows; drop columns the plan does not use, or split the table\n",
    );
    // 8,333 x 120 fits (the columns are then refused for what they are: no SKU column)
    const f = memoryIo({ "fits.csv": rows(8_333, 120) });
    expect(await main(["--input", "fits.csv", "--json"], f.io)).toBe(2);
    expect(f.err()).toMatch(/^plan: the columns of fits\.csv cannot be planned:\n {2}- No column for SKU/);
  });

  test("a file over 64 MB is refused before it is read (the real command, a sparse file)", () => {
    const big = join(scratch.dir, "big.csv");
    writeFileSync(big, "");
    truncateSync(big, MAX_CSV_BYTES + 1);
    expect(run(["--input", big, "--json"])).toEqual({
      code: 2,
      out: "",
      err: `plan: CSV file ${big} is 64.0 MB, more than the 64 MB a CSV file may have\n`,
    });
    expect(run(["--input", join(scratch.dir, "none.csv"), "--json"])).toMatchObject({
      code: 2,
      err: `plan: cannot read CSV file ${join(scratch.dir, "none.csv")}: no such file or folder\n`,
    });
  });
});

describe("--json", () => {
  test("on samples/skus.csv: one JSON object on stdout, the engine's figures per SKU, its problems and summary", async () => {
    const m = memoryIo();
    expect(await main(["--input", sampleFile, "--json"], m.io)).toBe(0);
    expect(m.written.size).toBe(0);
    expect(m.err()).toBe("plan: every SKU planned (300)\n");
    const json = JSON.parse(m.out());
    expect(Object.keys(json)).toEqual(["skus", "problems", "summary"]);
    expect(json.skus).toHaveLength(300);
    expect(Object.keys(json.skus[0])).toEqual([
      "sku",
      "abc",
      "xyz",
      "demandClass",
      "method",
      "forecast",
      "safetyStock",
      "reorderPoint",
      "orderQty",
      "position",
      "orderNow",
      "suggestedQty",
      "periodsOfCover",
    ]);
    expect(json.problems).toEqual([]);
    // The engine's own plan of the same table (parsed the same way).
    const parsed = parseCsv(sample, { maxRows: 20_000, maxCells: 1e6, maxColumns: 16_384, maxFieldLength: 32_767 });
    if (!parsed.ok) throw new Error(parsed.message);
    const rows = parsed.csv.rows.map((r) => r.map((f) => csvValue(f, ",")));
    const plan = planSkus(readSkus(rows, recogniseColumns(parsed.csv.headers, rows.slice(0, 20))), DEFAULT_POLICY);
    expect(json).toEqual(JSON.parse(JSON.stringify(planJson(plan))));
    expect(json.summary).toEqual(plan.summary);
    expect(json.skus[0]).toMatchObject({ sku: "SKU-0001", abc: plan.skus[0].abc, orderNow: plan.skus[0].orderNow });
    expect(json.summary).toMatchObject({ skus: 300, planned: 300, problems: 0 });
  });

  test("SKUs that cannot be planned are listed, not a failure; periods of cover is null without forecast demand", async () => {
    const rows = [...SMALL, ["B-1", 5, 0, "two", 3, 40, 0.25, 1, 2, 3, 4, 5, 6], ["B-2", 0, 0, 2, 3, 40, 0.25, 0, 0, 0, 0, 0, 0]];
    const m = memoryIo({ "t.csv": csv(rows) });
    expect(await main(["--input", "t.csv", "--json", "--method", "ses"], m.io)).toBe(0);
    expect(m.err()).toBe('plan: 1 of 5 SKUs could not be planned: see "problems" in the JSON\n');
    const json = JSON.parse(m.out());
    expect(json.problems).toEqual([{ row: 3, sku: "B-1", problem: 'Lead time (periods) is not a number ("two")' }]);
    expect(json.skus.find((s: { sku: string }) => s.sku === "B-2")).toMatchObject({ forecast: 0, periodsOfCover: null });
    expect(json.summary).toMatchObject({ skus: 5, planned: 4, problems: 1 });
  });

  test("with --out too: the file is written and stdout holds the JSON alone", async () => {
    const m = memoryIo({ "t.csv": csv(SMALL) });
    expect(await main(["--input", "t.csv", "--out", "t.xlsx", "--json"], m.io)).toBe(0);
    expect(m.written.has("t.xlsx")).toBe(true);
    expect(JSON.parse(m.out()).skus).toHaveLength(3);
    expect(m.err()).toMatch(
      /^plan: wrote t\.xlsx: SKUs and Plan sheets, 3 SKUs planned, \d+ to order now; .*\nplan: every SKU planned \(3\)\n$/,
    );
  });
});

describe("the workbook", () => {
  test("writes the SKUs sheet (the table as read) and the Plan sheet; refuses to overwrite it without --force", async () => {
    const m = memoryIo({ "t.csv": csv(SMALL) });
    expect(await main(["--input", "t.csv", "--out", "t.xlsx"], m.io)).toBe(0);
    expect(m.out()).toMatch(
      /^wrote t\.xlsx: SKUs and Plan sheets, 3 SKUs planned, \d+ to order now; edit on hand, on order or backorders on the SKUs sheet and the Plan sheet follows\n$/,
    );
    expect(m.err()).toBe("plan: every SKU planned (3)\n");
    const first = m.written.get("t.xlsx")!;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(first);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["SKUs", "Plan"]);
    const skus = wb.getWorksheet("SKUs")!;
    expect(skus.getRow(1).values).toEqual([undefined, ...HEADER]);
    expect(skus.getRow(3).values).toEqual([undefined, ...SMALL[2]]);
    const plan = wb.getWorksheet("Plan")!;
    expect(plan.getCell("A16").formula).toBe('SKUs!$A2&""');
    expect(String(plan.getCell("A2").value)).toContain("2026-01-05 09:07");
    expect(plan.getCell("W16").formula).toMatch(/_xldudf_SCM_FORECAST\(SKUs!\$H2:\$M2,/);

    expect(await main(["--input", "t.csv", "--out", "t.xlsx"], m.io)).toBe(2);
    expect(m.err()).toMatch(/plan: t\.xlsx already exists; pass --force to overwrite it\n$/);
    expect(m.written.get("t.xlsx")).toBe(first);
    expect(await main(["--input", "t.csv", "--out=t.xlsx", "--force"], m.io)).toBe(0);
    expect(m.written.get("t.xlsx")).not.toBe(first);
  });

  test("progress is reported while reading, planning and writing, and erased at the end", async () => {
    const m = memoryIo({ "t.csv": csv(SMALL) });
    await main(["--input", "t.csv", "--out", "t.xlsx"], m.io);
    expect(m.progress).toEqual(["reading t.csv...", null, "planning 3 rows...", "planning the workbook...", "writing t.xlsx...", null]);
  });

  test("SKU codes stay as written (00123 is not 123); other numbers are numbers", async () => {
    const rows = SMALL.map((r, i) => (i === 1 ? ["00123", ...r.slice(1)] : r));
    const m = memoryIo({ "t.csv": csv(rows) });
    expect(await main(["--input", "t.csv", "--out", "t.xlsx", "--json"], m.io)).toBe(0);
    expect(JSON.parse(m.out()).skus[0].sku).toBe("00123");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(m.written.get("t.xlsx")!);
    expect(wb.getWorksheet("SKUs")!.getCell("A2").value).toBe("00123");
    expect(wb.getWorksheet("SKUs")!.getCell("B2").value).toBe(12);
  });
});

describe("CSV dialects: the same table, however it is written, gives the same plan", () => {
  const plainJson = async (text: string) => {
    const m = memoryIo({ "t.csv": text });
    expect(await main(["--input", "t.csv", "--json"], m.io)).toBe(0);
    return JSON.parse(m.out());
  };

  test("semicolons with decimal commas, a byte-order mark, CRLF, quoted fields (separators, quotes and line breaks inside)", async () => {
    const reference = await plainJson(csv(SMALL));
    const semicolon = SMALL.map((r) => r.map((v) => (typeof v === "number" ? String(v).replace(".", ",") : v)));
    semicolon[2][4] = "1.200,5"; // thousands point, decimal comma
    expect(await plainJson("\ufeff" + csv(semicolon, ";", "\r\n"))).toEqual(reference);
    const quoted = SMALL.map((r, i) => (i === 0 ? r.map((h) => `"${h}"`) : r.map((v, c) => (c === 1 ? `"${v}"` : v))));
    expect(await plainJson(csv(quoted))).toEqual(reference);
    const withNotes = [
      [...SMALL[0], "Notes"],
      [...SMALL[1], '"said ""hurry"", twice\non two lines"'],
      [...SMALL[2], '"a;b"'],
      [...SMALL[3], ""],
    ];
    expect(await plainJson(csv(withNotes, ",", "\r\n"))).toEqual(reference);
    // a blank line anywhere and a missing final line break change nothing
    expect(await plainJson(csv(SMALL).replace("\nA-2", "\n\nA-2").trimEnd())).toEqual(reference);
  });

  test("values: numbers where they look like numbers, the rest as text, empty as null", () => {
    expect([
      csvValue("12.5", ","),
      csvValue("1,200", ","),
      csvValue("25%", ","),
      csvValue(" 7 ", ","),
      csvValue("1e3", ","),
      csvValue("0x10", ","),
      csvValue("12 kg", ","),
      csvValue(null, ","),
    ]).toEqual([12.5, 1200, 0.25, 7, 1000, "0x10", "12 kg", null]);
    expect([
      csvValue("12,5", ";"),
      csvValue("1.200", ";"),
      csvValue("1.234,5", ";"),
      csvValue("0.125", ";"),
      csvValue("25,5%", ";"),
      csvValue("1,2,3", ";"),
    ]).toEqual([12.5, 1200, 1234.5, 0.125, 0.255, "1,2,3"]);
  });

  test("the separator is the header line's: semicolons win when there are more of them than commas outside quotes", () => {
    const limits = { maxRows: 10, maxCells: 100, maxColumns: 10, maxFieldLength: 100 };
    expect(parseCsv('"a,b";c;d\n1;2;3\n', limits)).toEqual({
      ok: true,
      csv: { delimiter: ";", headers: ["a,b", "c", "d"], rows: [["1", "2", "3"]] },
    });
    expect(parseCsv("a,b;c\n1,2;3\n", limits)).toEqual({ ok: true, csv: { delimiter: ",", headers: ["a", "b;c"], rows: [["1", "2;3"]] } });
    expect(parseCsv("a,b\n1,2,,\n3\n", limits)).toEqual({
      ok: true,
      csv: {
        delimiter: ",",
        headers: ["a", "b"],
        rows: [
          ["1", "2"],
          ["3", null],
        ],
      },
    });
    expect(parseCsv(`a\n"${"x".repeat(101)}"\n`, limits)).toEqual({
      ok: false,
      message: "line 2, field 1: more than 100 characters, more than a cell holds",
    });
  });
});

describe("files are never half-written (the real command)", () => {
  const tempFilesIn = (dir: string) => readdirSync(dir).filter((f) => f.endsWith(".tmp"));

  test("a write stopped by the file-size limit leaves the old workbook byte for byte, no temporary file, one line, exit 1", () => {
    const dir = join(scratch.dir, "ulimit");
    mkdirSync(dir);
    const out = join(dir, "plan.xlsx");
    expect(run(["--input", sampleFile, "--out", out]).code).toBe(0);
    const before = readFileSync(out);
    const r = run(["--input", sampleFile, "--out", out, "--force"], "ulimit -f 20;");
    expect(r).toEqual({
      code: 1,
      out: "",
      err: `plan: could not write ${out}: the file is larger than this system allows (file-size limit); the existing file is unchanged\n`,
    });
    expect(readFileSync(out).equals(before)).toBe(true);
    expect(tempFilesIn(dir)).toEqual([]);
  });

  test("SIGTERM while the workbook is written: exit 143, one line, no file and no temporary file", async () => {
    // 4,800 SKUs (the sample 16 times): about 1.5 s to plan, then several seconds to write.
    const lines = sample.trimEnd().split("\n");
    const big = join(scratch.dir, "big.csv");
    const rows = Array.from({ length: 16 }, (_, k) => lines.slice(1).map((l) => l.replace(/^([^,]*)/, `$1-${k}`))).flat();
    writeFileSync(big, [lines[0], ...rows].join("\n"));
    const dir = join(scratch.dir, "signal");
    mkdirSync(dir);
    const out = join(dir, "big.xlsx");
    const child = spawn(process.execPath, ["--import", "tsx", join(root, "cli", "plan.ts"), "--input", big, "--out", out], { cwd: root });
    let err = "";
    child.stderr.on("data", (d) => (err += d));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on("exit", (code, signal) => resolve({ code, signal })),
    );
    // Past start-up and planning once the process has used 4 s of CPU (/proc: utime + stime, in ticks).
    const cpuSeconds = () =>
      readFileSync(`/proc/${child.pid}/stat`, "utf8")
        .split(") ")[1]
        .split(" ")
        .slice(11, 13)
        .reduce((a, b) => a + Number(b), 0) / 100;
    const started = Date.now();
    while (cpuSeconds() < 4 && Date.now() - started < 60_000) await new Promise((r) => setTimeout(r, 50));
    child.kill("SIGTERM");
    const { code } = await exited;
    expect({ code, err }).toEqual({ code: 143, err: `plan: interrupted; ${out} was not written\n` });
    expect(readdirSync(dir)).toEqual([]);
  }, 90_000);

  test("--out naming a folder, or a file in a folder that does not exist: one line, exit 2, before the CSV is read", () => {
    mkdirSync(join(scratch.dir, "dir.xlsx"));
    expect(run(["--input", "no-such.csv", "--out", join(scratch.dir, "dir.xlsx")])).toEqual({
      code: 2,
      out: "",
      err: `plan: --out ${join(scratch.dir, "dir.xlsx")} is a folder: name a file inside it\n`,
    });
    expect(run(["--input", sampleFile, "--out", "no/such/folder/p.xlsx"])).toEqual({
      code: 2,
      out: "",
      err: "plan: the folder no/such/folder of --out no/such/folder/p.xlsx does not exist: create it, or choose another\n",
    });
  });

  test("an existing --out without --force: exit 2, the file untouched; stdout and stderr as documented, no progress off a terminal", () => {
    const out = join(scratch.dir, "kept.xlsx");
    writeFileSync(out, "old");
    expect(run(["--input", sampleFile, "--out", out])).toEqual({
      code: 2,
      out: "",
      err: `plan: ${out} already exists; pass --force to overwrite it\n`,
    });
    expect(readFileSync(out, "utf8")).toBe("old");
    const r = run(["--input", sampleFile, "--out", out, "--force", "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).skus).toHaveLength(300);
    expect(r.err).toMatch(
      /^plan: wrote .*kept\.xlsx: SKUs and Plan sheets, 300 SKUs planned, \d+ to order now; .*\nplan: every SKU planned \(300\)\n$/,
    );
    expect(r.err).not.toContain("\r");
  });
});
