/**
 * The README's function reference: every example line `=SCM.F(args)` → `result` of the
 * "Custom functions" section is parsed as an Excel formula (numbers, "text", array constants {a,b;c,d},
 * omitted arguments), evaluated with the adapters, and compared with the result shown, to the digits
 * shown; so is the formula of "Start here". Every function must have its own heading and at least one
 * example, and the list of element-wise functions under "Ranges" must name exactly those that broadcast.
 */
import * as fs from "fs";
import * as path from "path";
import { callFunction, ELEMENTWISE_NAMES, FUNCTION_NAMES, missingFrom } from "./names";
import { installCustomFunctionsStandIn, StandInError } from "./standIn";

// Excel's runtime is not available here: install the CustomFunctions stand-in.
beforeAll(installCustomFunctionsStandIn);

const NAMES = FUNCTION_NAMES; // every exported function (test/functions/names.ts)

/** The README's section that starts with this heading, up to the next "## " heading. */
function section(heading: string): string {
  const readme = fs.readFileSync(path.resolve(__dirname, "../../README.md"), "utf8");
  const start = readme.indexOf(`\n${heading}`);
  if (start < 0) throw new Error(`README has no '${heading}' section`);
  const end = readme.indexOf("\n## ", start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}
const functionsSection = () => section("## Custom functions");

/** A tiny reader for the formula syntax the examples use. */
class Reader {
  private i = 0;
  constructor(private readonly s: string) {}
  private ws() {
    while (this.s[this.i] === " ") this.i++;
  }
  peek(): string {
    this.ws();
    return this.s[this.i];
  }
  expect(ch: string) {
    if (this.peek() !== ch) throw new Error(`expected '${ch}' at ${this.i} in ${this.s}`);
    this.i++;
  }
  done(): boolean {
    this.ws();
    return this.i >= this.s.length;
  }
  name(): string {
    this.ws();
    const m = /^[A-Z_0-9]+/.exec(this.s.slice(this.i));
    if (!m) throw new Error(`expected a name at ${this.i} in ${this.s}`);
    this.i += m[0].length;
    return m[0];
  }
  scalar(): unknown {
    this.ws();
    const rest = this.s.slice(this.i);
    if (rest[0] === '"') {
      const close = rest.indexOf('"', 1);
      this.i += close + 1;
      return rest.slice(1, close);
    }
    const m = /^-?\d+(\.\d+)?(e-?\d+)?/i.exec(rest) ?? /^#[A-Z/0!?]+/.exec(rest);
    if (!m) throw new Error(`expected a value at ${this.i} in ${this.s}`);
    this.i += m[0].length;
    return m[0].startsWith("#") ? m[0] : Number(m[0]);
  }
  /** {a,b;c,d} -> [[a,b],[c,d]] */
  array(): unknown[][] {
    this.expect("{");
    const rows: unknown[][] = [[]];
    for (;;) {
      rows[rows.length - 1].push(this.scalar());
      const ch = this.peek();
      this.i++;
      if (ch === "}") return rows;
      if (ch === ";") rows.push([]);
      else if (ch !== ",") throw new Error(`bad array constant in ${this.s}`);
    }
  }
  /** An argument as Excel passes it to an any[][] parameter: 2D array, or null when omitted. */
  argument(): unknown {
    const ch = this.peek();
    if (ch === "," || ch === ")") return null;
    if (ch === "{") return this.array();
    return [[this.scalar()]];
  }
}

/** The formula's cells (a cancelable function's, awaited). */
function evaluate(formula: string): Promise<unknown[][]> {
  const r = new Reader(formula);
  r.expect("=");
  expect(r.name()).toBe("SCM");
  r.expect(".");
  const name = r.name();
  expect(NAMES).toContain(name);
  r.expect("(");
  const args: unknown[] = [];
  for (;;) {
    args.push(r.argument());
    const ch = r.peek();
    r.expect(ch);
    if (ch === ")") break;
  }
  expect(r.done()).toBe(true);
  return callFunction(name, args);
}

/** Compares a computed cell with its README text, to the decimals shown: an error code (#N/A), "text", or a number. */
function matches(actual: unknown, shown: unknown): boolean {
  if (typeof shown === "string") return shown.startsWith("#") ? actual instanceof StandInError && actual.code === shown : actual === shown;
  if (typeof actual !== "number" || typeof shown !== "number") return false;
  const text = String(shown);
  const decimals = text.includes(".") ? text.split(".")[1].length : 0;
  return Math.abs(actual - shown) <= 0.5 * 10 ** -decimals * (1 + 1e-9);
}

const EXAMPLE = /`(=SCM\.[^`]+)` → `([^`]+)`/g;
const examples = [...functionsSection().matchAll(EXAMPLE)].map((m) => [m[1], m[2]] as [string, string]);
// "Start here" shows a formula too: it is evaluated like the reference's.
const startHere = [...section("## Start here").matchAll(EXAMPLE)].map((m) => [m[1], m[2]] as [string, string]);

test("the section has examples, at least one for every function", () => {
  expect(NAMES.length).toBeGreaterThan(0);
  const named = examples.map(([f]) => /^=SCM\.([A-Z_0-9]+)\(/.exec(f)?.[1] ?? f);
  expect(missingFrom(named)).toEqual([]);
});

test("every function has its own heading, and every heading is a function", () => {
  const headings = [...functionsSection().matchAll(/^### ([A-Z_0-9]+)\(/gm)].map((m) => m[1]);
  expect(missingFrom(headings)).toEqual([]);
  expect(headings.filter((h) => !NAMES.includes(h))).toEqual([]);
});

test("'Ranges' lists exactly the element-wise functions", () => {
  const list = /The element-wise functions \(([^)]+)\)/.exec(functionsSection());
  expect(list).not.toBeNull();
  expect(list![1].split(/,\s*/).sort()).toEqual(ELEMENTWISE_NAMES);
});

test("Start here has a formula example", () => {
  expect(startHere.length).toBeGreaterThan(0);
});

test.each([...examples, ...startHere])("%s → %s", async (formula, result) => {
  const got = await evaluate(formula);
  const shown = result.startsWith("{") ? new Reader(result).array() : [[new Reader(result).scalar()]];
  expect([got.length, got.map((r) => r.length)]).toEqual([shown.length, shown.map((r) => r.length)]);
  shown.forEach((row, i) =>
    row.forEach((x, j) => {
      if (!matches(got[i][j], x))
        throw new Error(`cell (${i + 1}, ${j + 1}): README shows ${String(x)}, the function gives ${String(got[i][j])}`);
    }),
  );
});

test("the comparison can fail", () => {
  expect(matches(304.0467800264368, 304.0468)).toBe(true);
  expect(matches(304.0467800264368, 304.047)).toBe(true);
  expect(matches(304.0467800264368, 304.05)).toBe(true); // shown to 2 decimals
  expect(matches(304.0467800264368, 304.06)).toBe(false);
  expect(matches(304.0467800264368, 304.0467)).toBe(false);
  expect(matches(new StandInError("#NUM!"), "#NUM!")).toBe(true);
  expect(matches(1, "#NUM!")).toBe(false);
  expect(matches("lumpy", "lumpy")).toBe(true); // a text result, shown "lumpy" in the README
  expect(matches("smooth", "lumpy")).toBe(false);
  expect(matches(new StandInError("#N/A"), "lumpy")).toBe(false);
  expect(new Reader('{2.8571,0.6198,"lumpy"}').array()).toEqual([[2.8571, 0.6198, "lumpy"]]);
});
