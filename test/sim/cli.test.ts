/**
 * The simulate command: in-process through main() (fast), and once as a real process through tsx
 * (the way `npm run simulate` runs it) to check that stdout holds exactly one JSON object.
 */
import { execFileSync, spawnSync } from "child_process";
import { join } from "path";
import { readScenarioText } from "../../cli/scenarioFile";
import { CliIo, FLAGS, main, parseArgs } from "../../cli/simulate";

const root = join(__dirname, "..", "..");

async function runMain(argv: string[], opts: { tty?: boolean; files?: Record<string, string> } = {}) {
  let out = "";
  let err = "";
  let clock = 0;
  const io: CliIo = {
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
    stderrIsTTY: opts.tty ?? false,
    readFile: (p) => {
      if (opts.files && p in opts.files) return opts.files[p];
      return readScenarioText(join(root, p));
    },
    now: () => (clock += 100), // every reading of the clock advances 0.1 s: progress shows after 0.5 s
    yield: () => Promise.resolve(),
  };
  const code = await main(argv, io);
  return { code, out, err };
}

describe("simulate command", () => {
  test("--json prints exactly one JSON object with the documented fields", async () => {
    const { code, out, err } = await runMain(["--scenario", "scenarios/beer-game-benchmark.json", "--json"]);
    expect(code).toBe(0);
    expect(err).toBe("");
    const j = JSON.parse(out);
    expect(j.scenario).toBe("Beer game benchmark (Edali & Yasarcan 2014)");
    expect(j.stages.map((s: any) => s.name)).toEqual(["Retailer", "Wholesaler", "Distributor", "Factory"]);
    expect(j.stages.map((s: any) => s.cost.total.mean)).toEqual([46, 50, 54, 54]);
    for (const s of j.stages) {
      for (const k of ["bullwhip", "fillRate", "avgOnHand", "avgBacklog"]) expect(s[k]).toHaveProperty("mean");
      expect(s.bullwhip).toHaveProperty("ci95");
      expect(Object.keys(s.cost)).toEqual(["holding", "backlog", "inTransit", "total"]);
    }
  });

  test("--threads 1, 2 and 3 (real worker threads) print the same JSON, digit for digit", async () => {
    const outs: string[] = [];
    for (const threads of ["1", "2", "3"]) {
      const { code, out } = await runMain(["--scenario=scenarios/havi-1n.json", "--replications", "40", "--threads", threads, "--json"]);
      expect(code).toBe(0);
      outs.push(out);
    }
    expect(JSON.parse(outs[0]).replications).toBe(40);
    expect(outs[1]).toBe(outs[0]);
    expect(outs[2]).toBe(outs[0]);
  });

  test("--replications and --seed override the file; the CI comes from the replications", async () => {
    const { code, out } = await runMain(["--scenario=scenarios/baseline-serial.json", "--replications", "12", "--seed=5", "--json"]);
    expect(code).toBe(0);
    const j = JSON.parse(out);
    expect(j.replications).toBe(12);
    expect(j.seed).toBe(5);
    const [lo, hi] = j.stages[0].bullwhip.ci95;
    expect(lo).toBeLessThan(j.stages[0].bullwhip.mean);
    expect(hi).toBeGreaterThan(j.stages[0].bullwhip.mean);
  });

  test("the table lists every stage with bullwhip and CI, fill rate and cost", async () => {
    const { code, out } = await runMain(["--scenario", "scenarios/lever-remove-echelon.json", "--replications", "20"]);
    expect(code).toBe(0);
    expect(out).toMatch(/stage\s+bullwhip \[95% CI\]\s+fill rate/);
    for (const name of ["Retailer", "Wholesaler", "Factory"])
      expect(out).toMatch(new RegExp(`${name}\\s+\\d+\\.\\d\\d \\[\\d+\\.\\d\\d, \\d+\\.\\d\\d\\]\\s+0\\.\\d{3}`));
    expect(out).toMatch(/network total cost: \d+ \[\d+, \d+\]/);
  });

  test("progress goes to stderr only when it is a terminal, and only on long runs", async () => {
    const args = ["--scenario", "scenarios/baseline-serial.json", "--replications", "300", "--json"];
    const tty = await runMain(args, { tty: true });
    expect(tty.err).toMatch(/\[#+\.*\] \d+% \d+\/300 replications/);
    expect(() => JSON.parse(tty.out)).not.toThrow();
    expect((await runMain(args, { tty: false })).err).toBe("");
  });

  test("a bad scenario file: exit code 2, messages naming the field and the rule, nothing on stdout", async () => {
    const bad = JSON.stringify({
      name: "bad",
      network: "serial",
      demand: { distribution: "normal", mean: 100 },
      stages: [{ name: "R", leadTime: 0, initialInventory: 1, holdingCost: 1, backlogCost: 1, policy: { type: "sterman", alphaS: 0.3 } }],
    });
    const { code, out, err } = await runMain(["--scenario", "bad.json"], { files: { "bad.json": bad } });
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err).toContain("demand.sd is required (required)");
    expect(err).toContain("stages[0].leadTime must be >= 1 (minimum); got 0");
    expect(err).toContain("stages[0].policy.beta is required (required)");
  });

  test("unreadable files, invalid JSON and bad arguments also exit with 2", async () => {
    expect((await runMain(["--scenario", "nope.json"], { files: {} })).code).toBe(2);
    const broken = await runMain(["--scenario", "x.json"], { files: { "x.json": "{ not json" } });
    expect(broken.code).toBe(2);
    expect(broken.err).toBe(
      "simulate: x.json is not valid JSON: line 1, column 3: expected a field name in double quotes or '}', found 'n'\n",
    );
    expect((await runMain([])).code).toBe(2);
    expect((await runMain(["--scenario", "a.json", "--replications", "0"])).err).toMatch(/--replications must be from 1/);
    expect(() => parseArgs(["--scenario", "a", "--frobnicate"])).toThrow(/unknown argument --frobnicate/);
  });

  test.each([["--help"], ["-h"], ["--scenario", "a.json", "--replications", "0", "-h"]])(
    "%j prints the usage and every flag with its range and default on stdout, exit 0",
    async (...argv) => {
      const { code, out, err } = await runMain(argv, { files: {} });
      expect(code).toBe(0);
      expect(err).toBe("");
      expect(out).toMatch(/^usage: npm run simulate -- --scenario FILE \[--replications N\] \[--seed S\] \[--threads N\] \[--json\]\n/);
      expect(out).toMatch(/^ {2}--scenario FILE +scenario JSON file \(required; at most 16 MB/m);
      expect(out).toMatch(/^ {2}--replications N +Monte Carlo replications, 1 to 100,000 \(default: the file's, else 1\)$/m);
      expect(out).toMatch(/^ {2}--seed S +random seed, 0 to 4,294,967,295 \(default: the file's, else 1\)$/m);
      expect(out).toMatch(/^ {2}--json +one JSON object on stdout instead of the table/m);
      expect(out).toMatch(/^ {2}-h, --help +print this help and exit/m);
      expect(out).toMatch(/^Exit codes: 0 done; 2 bad arguments/m);
      for (const line of out.split("\n")) expect(line.length).toBeLessThanOrEqual(100);
    },
  );

  test("the help lists exactly the flags parseArgs accepts", () => {
    const sample: Record<string, string> = { FILE: "a.json", N: "3", S: "7" };
    for (const f of FLAGS) {
      const [flag, placeholder] = f.flag.split(" ");
      const argv = placeholder ? [flag, sample[placeholder]] : [flag];
      if (flag !== "--scenario") argv.push("--scenario", "a.json");
      expect(() => parseArgs(argv)).not.toThrow();
    }
    const listed = FLAGS.map((f) => f.flag.split(" ")[0]).sort();
    expect(listed).toEqual(["--json", "--replications", "--scenario", "--seed", "--threads"]);
  });

  test("a bad argument prints the error, the usage line and where the help is", async () => {
    const { code, out, err } = await runMain(["--scenario", "a.json", "--frobnicate"]);
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err).toBe(
      "simulate: unknown argument --frobnicate\nusage: npm run simulate -- --scenario FILE [--replications N] [--seed S] [--threads N] [--json]\nnpm run simulate -- --help describes every flag\n",
    );
  });

  test("as a process (npx tsx cli/simulate.ts): stdout is exactly one JSON object; a bad file exits 2 with nothing on stdout", async () => {
    const tsx = join(root, "node_modules", ".bin", "tsx");
    const out = execFileSync(tsx, ["cli/simulate.ts", "--scenario", "scenarios/beer-game.json", "--json"], { cwd: root, encoding: "utf8" });
    const j = JSON.parse(out);
    expect(j.stages).toHaveLength(4);
    const bad = spawnSync(tsx, ["cli/simulate.ts", "--scenario", "package.json"], { cwd: root, encoding: "utf8" });
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe("");
    expect(bad.stderr).toContain("network is required (required)");
    const help = spawnSync(tsx, ["cli/simulate.ts", "--help"], { cwd: root, encoding: "utf8" });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^usage: npm run simulate -- /);
    expect(help.stderr).toBe("");
  });
});
