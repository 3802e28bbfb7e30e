/**
 * Nothing lost, nothing hangs: the hostile inputs of the command line, each answered with one line
 * and exit code 2 (or, for a write that fails, exit code 1 and the old file untouched). Most run the
 * real commands as processes (`node --import tsx`, as `npm run` does), on real files in a scratch
 * folder, with real signals.
 */
import { spawn, spawnSync } from "child_process";
import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "fs";
import { join } from "path";
import ExcelJS from "../../cli/exceljs";
import { integerFlag, printable } from "../../cli/args";
import { FileProblem, outPathProblem, readTextFile, writeFileAtomic } from "../../cli/files";
import { parseJson } from "../../cli/jsonText";
import { DomainError } from "../../src/errors";
import { MAX_SCENARIO_BYTES, simulate, validateScenario } from "../../src/sim";
import { safeSheetName } from "../../src/workbook/a1";
import { findSoffice, recalcXlsx, scratchDir, shownValue, loadWorkbook } from "../support/libreoffice";

const root = join(__dirname, "..", "..");
const beerGame = () => JSON.parse(readFileSync(join(root, "scenarios", "beer-game.json"), "utf8"));
const scratch = scratchDir("scm-reliability-");
afterAll(() => scratch.cleanup());

/** A scenario file in the scratch folder. */
function scenarioFile(name: string, content: unknown): string {
  const file = join(scratch.dir, name);
  writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content, null, 2));
  return file;
}

/** Runs a command (simulate or workbook) as a process, optionally under a shell prefix such as a ulimit. */
function run(command: "simulate" | "workbook", args: string[], shellPrefix = "") {
  const node = `${JSON.stringify(process.execPath)} --import tsx ${JSON.stringify(join(root, "cli", `${command}.ts`))}`;
  const line = `${shellPrefix} exec ${node} ${args.map((a) => JSON.stringify(a)).join(" ")}`;
  const r = spawnSync("bash", ["-c", line], { cwd: root, encoding: "utf8", timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const tempFilesIn = (dir: string) => readdirSync(dir).filter((f) => f.endsWith(".tmp"));

describe("files are never half-written", () => {
  test("a write stopped by the file-size limit leaves the old workbook byte for byte, no temporary file, one line, exit 1", () => {
    const dir = join(scratch.dir, "ulimit");
    mkdirSync(dir);
    const out = join(dir, "good.xlsx");
    const scenario = join(root, "scenarios", "beer-game.json");
    expect(run("workbook", ["--scenario", scenario, "--out", out]).code).toBe(0);
    const before = readFileSync(out);
    const r = run("workbook", ["--scenario", scenario, "--out", out, "--force"], "ulimit -f 20;");
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      `workbook: could not write ${out}: the file is larger than this system allows (file-size limit); the existing file is unchanged\n`,
    );
    expect(readFileSync(out).equals(before)).toBe(true);
    expect(tempFilesIn(dir)).toEqual([]);
  });

  test("writeFileAtomic replaces the whole file, keeps its permissions, and leaves nothing beside it", () => {
    const file = join(scratch.dir, "atomic.txt");
    writeFileSync(file, "old content that is longer than the new one");
    chmodSync(file, 0o640);
    writeFileAtomic(file, "new");
    expect(readFileSync(file, "utf8")).toBe("new");
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(tempFilesIn(scratch.dir)).toEqual([]);
    expect(() => writeFileAtomic(join(scratch.dir, "no-such-folder", "x.txt"), "x")).toThrow(
      new FileProblem(`could not write ${join(scratch.dir, "no-such-folder", "x.txt")}: no such file or folder; nothing was written`),
    );
  });

  test("--out naming a folder, or a file in a folder that does not exist: one line, exit 2, before any work", () => {
    const scenario = join(root, "scenarios", "beer-game.json");
    const folder = run(
      "workbook",
      ["--scenario", scenario, "--out", `${scratch.dir}/dir.xlsx`, "--force"],
      `mkdir -p ${scratch.dir}/dir.xlsx;`,
    );
    expect(folder).toMatchObject({ code: 2, out: "", err: `workbook: --out ${scratch.dir}/dir.xlsx is a folder: name a file inside it\n` });
    const missing = run("workbook", ["--scenario", scenario, "--out", "no/such/folder/x.xlsx"]);
    expect(missing).toMatchObject({
      code: 2,
      out: "",
      err: "workbook: the folder no/such/folder of --out no/such/folder/x.xlsx does not exist: create it, or choose another\n",
    });
    writeFileSync(join(scratch.dir, "plain"), "x");
    expect(outPathProblem(join(scratch.dir, "plain", "x.xlsx"))).toBe(
      `--out ${join(scratch.dir, "plain", "x.xlsx")}: ${join(scratch.dir, "plain")} is a file, not a folder`,
    );
  });
});

describe("every run has a bound, known before it starts", () => {
  test("simulate refuses a run over the size limit, saying how many replications would fit", () => {
    const file = scenarioFile("long.json", { ...beerGame(), periods: 100_000, replications: 10_000 });
    const r = run("simulate", ["--scenario", file]);
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err).toContain(
      "periods x stages x replications must be at most 1,000,000,000 (run size, about a minute); got 4,000,000,000: use at most 2,500 replications, or fewer periods",
    );
    const flag = run("simulate", ["--scenario", scenarioFile("5000.json", { ...beerGame(), periods: 5000 }), "--replications", "100000"]);
    expect(flag).toMatchObject({
      code: 2,
      err: "simulate: periods x stages x replications must be at most 1,000,000,000 (run size, about a minute); got 2,000,000,000: use at most 50,000 replications, or fewer periods\n",
    });
  });

  test("the engine itself refuses a run over the size limit, replications given or overridden", () => {
    const v = validateScenario({ ...beerGame(), periods: 5000 });
    if (!v.ok) throw new Error(v.errors.join("; "));
    expect(() => simulate(v.scenario, { replications: 100_000 })).toThrow(
      new DomainError(
        "num",
        "periods x stages x replications must be at most 1,000,000,000 (run size, about a minute); got 2,000,000,000: use at most 50,000 replications, or fewer periods",
      ),
    );
    const w = validateScenario({ ...beerGame(), periods: 5000, replications: 60_000 });
    expect(!w.ok && w.errors).toEqual([
      "periods x stages x replications must be at most 1,000,000,000 (run size, about a minute); got 1,200,000,000: use at most 50,000 replications, or fewer periods",
    ]);
  });

  test("the command line and the task pane share one replication limit: 100,000", () => {
    expect(() => integerFlag("--replications", "100001", 1, 100_000)).toThrow("--replications must be from 1 to 100,000; got 100001");
    const v = validateScenario({ ...beerGame(), replications: 10_000_000 });
    expect(v.ok).toBe(false);
    expect(!v.ok && v.errors).toContain("replications must be <= 100000 (maximum); got 10000000");
  });

  test("workbook refuses a plan over the cell limit before planning it (periods 100,000: out of memory before)", () => {
    const file = scenarioFile("wide.json", { ...beerGame(), periods: 100_000 });
    const r = run("workbook", ["--scenario", file, "--out", join(scratch.dir, "wide.xlsx")]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(
      /^workbook: the workbook would have [\d,]+ cells on its stage sheets, more than 1,000,000 \(workbook size\): use at most about [\d,]+ periods/,
    );
    expect(tempFilesIn(scratch.dir)).toEqual([]);
  });

  test("a scenario file over the size limit is refused before it is read; a series over 100,000 values by the schema", () => {
    const big = join(scratch.dir, "huge.json");
    writeFileSync(big, " ".repeat(MAX_SCENARIO_BYTES + 1));
    expect(() => readTextFile(big, MAX_SCENARIO_BYTES, "scenario")).toThrow(
      `scenario ${big} is 16.0 MB, more than the 16 MB a scenario may have`,
    );
    expect(run("simulate", ["--scenario", big])).toMatchObject({
      code: 2,
      err: `simulate: scenario ${big} is 16.0 MB, more than the 16 MB a scenario may have\n`,
    });
    const v = validateScenario({ ...beerGame(), demand: { distribution: "series", values: new Array(100_001).fill(1) } });
    expect(!v.ok && v.errors).toContain("demand.values must have at most 100000 item(s) (maxItems)");
  });

  test("Ctrl+C stops a long simulation between steps: exit 130, nothing on stdout, how far it got on stderr", async () => {
    // 21 stages x 365 periods x 100,000 replications: about a minute. Interrupted once it is running.
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "cli/simulate.ts", "--scenario", "scenarios/havi-1n.json", "--replications", "100000", "--json"],
      {
        cwd: root,
      },
    );
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    // The run has started once the process has used more CPU than starting up takes (/proc: utime + stime, in ticks).
    const cpuSeconds = () =>
      readFileSync(`/proc/${child.pid}/stat`, "utf8")
        .split(") ")[1]
        .split(" ")
        .slice(11, 13)
        .reduce((a, b) => a + Number(b), 0) / 100;
    const started = Date.now();
    while (cpuSeconds() < 3 && Date.now() - started < 60_000) await new Promise((r) => setTimeout(r, 100));
    child.kill("SIGINT");
    const code = await exited;
    expect(err).toMatch(/^simulate: interrupted after \d+ of 100000 replications; no results printed\n$/);
    expect(code).toBe(130);
    expect(out).toBe("");
  });
});

describe("names that are valid everywhere", () => {
  test("sheet names: cut on code points, no quote left at the cut, no control characters, not History", () => {
    expect(safeSheetName("1 Retailer's shop with a long name'x")).toBe("1 Retailer's shop with a long n");
    expect(safeSheetName("1 Retailer's shop with a longer'x")).toBe("1 Retailer's shop with a longer");
    expect(safeSheetName("1 Retailer's shop with a longe'rx")).toBe("1 Retailer's shop with a longe");
    const emoji = "1 " + "a".repeat(28) + "\u{1F4E6}x"; // the package emoji spans code units 31-32
    expect(safeSheetName(emoji)).toBe("1 " + "a".repeat(28));
    expect(safeSheetName(emoji)).not.toContain("\uFFFD");
    expect(safeSheetName("1 Ret\tailer\nNorth\u001b[31m")).toBe("1 Ret ailer North  31m");
    expect(safeSheetName("history")).toBe("History (SCM)");
  });

  test("a stage name whose cut ends in a quote, and one with tabs, line breaks and escapes, make files that open and recalculate", async () => {
    const s = beerGame();
    s.stages[0].name = "Retailer's shop with a longe'rx"; // "1 " + 28 characters + a quote: the cut ends in it
    s.stages[1].name = "Whole\tsaler\nEast\u001b[31m";
    const file = scenarioFile("names.json", s);
    const out = join(scratch.dir, "names.xlsx");
    const r = run("workbook", ["--scenario", file, "--out", out]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out));
    const names = wb.worksheets.map((w) => w.name);
    expect(names).toContain("1 Retailer's shop with a longe");
    expect(names).toContain("2 Whole saler East  31m");
    expect(wb.getWorksheet("Scenario")!.state).toBe("hidden"); // documented as hidden
    const soffice = findSoffice();
    if (!soffice) {
      if (process.env.CI) throw new Error("LibreOffice (soffice) is required under CI");
      return;
    }
    const [recalculated] = await recalcXlsx([out], join(scratch.dir, "names-recalc"));
    const lo = await loadWorkbook(recalculated);
    expect(lo.worksheets.map((w) => w.name)).toEqual(names); // LibreOffice renamed none of them
    // Every native formula of the Summary refers to the stage sheets by name: none may be in error
    // (the SCM twin column needs the add-in, which LibreOffice does not have).
    const errors: string[] = [];
    const summary = lo.getWorksheet("Summary")!;
    wb.getWorksheet("Summary")!.eachRow((row) =>
      row.eachCell((c) => {
        if (typeof c.formula !== "string" || c.formula.includes("SCM_")) return;
        const v = shownValue(summary.getCell(c.address));
        if (v !== null && typeof v === "object") errors.push(`${c.address} ${v.error}`);
      }),
    );
    expect(errors).toEqual([]);
  }, 120_000);

  test("simulate's table shows control characters in names as escapes, never raw", () => {
    const s = beerGame();
    s.name = "Game \u001b]0;owned\u0007";
    s.stages[0].name = "\u001b[31mRed\u001b[0m\tshop";
    const r = run("simulate", ["--scenario", scenarioFile("ansi.json", s), "--replications", "2"]);
    expect(r.code).toBe(0);
    expect(r.out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(r.out).toContain("\\x1b[31mRed\\x1b[0m\\tshop");
    expect(r.out).toContain("Game \\x1b]0;owned\\x07");
    expect(printable("a\nb")).toBe("a\\nb");
  });
});

describe("bad JSON gets a clear message", () => {
  test("5,000 nested arrays: one message, no stack overflow", () => {
    const deep = `{"name":"x","network":"serial","demand":{"distribution":"normal","mean":1,"sd":${"[".repeat(5000)}${"]".repeat(5000)}},"stages":[]}`;
    const r = run("simulate", ["--scenario", scenarioFile("deep.json", deep)]);
    expect(r).toMatchObject({ code: 2, out: "" });
    expect(r.err).toBe(
      `simulate: ${join(scratch.dir, "deep.json")} is not a valid scenario:\n  - scenario nests arrays or objects more than 32 levels deep (nesting): a scenario needs at most 5\n`,
    );
  });

  test("1e309 is named as too large, at its line and column", () => {
    const text = JSON.stringify(beerGame(), null, 2).replace('"periods": 36', '"periods": 1e309');
    const file = scenarioFile("huge-number.json", text);
    const line = text.split("\n").findIndex((l) => l.includes("1e309")) + 1;
    expect(run("simulate", ["--scenario", file])).toMatchObject({
      code: 2,
      err: `simulate: ${file} is not valid JSON: line ${line}, column 14: the number 1e309 is too large (the largest is about 1.8e308)\n`,
    });
  });

  test("a UTF-8 byte-order mark (as Windows editors write) is accepted", () => {
    const file = scenarioFile("bom.json", "\ufeff" + JSON.stringify(beerGame()));
    expect(run("simulate", ["--scenario", file, "--replications", "2"]).code).toBe(0);
  });

  test("a syntax error names its line and column, and what was expected", () => {
    const file = scenarioFile("comma.json", '{\n  "name": "x",\n  "periods": 36,\n}\n');
    expect(run("workbook", ["--scenario", file, "--out", join(scratch.dir, "c.xlsx")])).toMatchObject({
      code: 2,
      err: `workbook: ${file} is not valid JSON: line 4, column 1: expected a field name in double quotes (no comma after the last field), found '}'\n`,
    });
    expect(parseJson("[1, 2,]")).toEqual({
      ok: false,
      message: "line 1, column 7: expected a value (no comma after the last item), found ']'",
    });
    expect(parseJson('{"a": "line\nbreak"}')).toEqual({
      ok: false,
      message: "line 1, column 12: no line break or control character inside a string (write \\n or \\t)",
    });
    expect(parseJson('{"a": "1e309"}')).toEqual({ ok: true, value: { a: "1e309" } });
  });

  test("--replications -3, abc or nothing: the flag, the range and what was typed", () => {
    const scenario = join(root, "scenarios", "beer-game.json");
    expect(run("simulate", ["--scenario", scenario, "--replications", "-3"])).toMatchObject({
      code: 2,
      err: "simulate: --replications must be from 1 to 100,000; got -3\nusage: npm run simulate -- --scenario FILE [--replications N] [--seed S] [--threads N] [--json]\nnpm run simulate -- --help describes every flag\n",
    });
    expect(() => integerFlag("--replications", "abc", 1, 100_000)).toThrow(
      "--replications needs a whole number from 1 to 100,000; got abc",
    );
    expect(run("simulate", ["--scenario", scenario, "--replications", "--json"]).err).toMatch(
      /^simulate: --replications needs a whole number from 1 to 100,000\n/,
    );
  });
});
