/**
 * The forecasting methods with given parameters (src/forecast/) against R's forecast package:
 * every case of test/fixtures/forecast/given.json (scripts/forecast/make-fixtures.R) to 1e-9,
 * relative with 1 as the smallest scale; then edge cases; then, when R is installed, a rerun of the
 * script to check that the committed fixtures are still its output.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DomainError } from "../../src/errors";
import { dampedHolt, holt, holtWinters, ses } from "../../src/forecast/exponential";
import { findGivenMethod, forecastGiven, minimumLength, PARAMETER_NAMES } from "../../src/forecast/given";
import { croston, sba, tsb } from "../../src/forecast/intermittent";
import { movingAverage, naive, seasonalNaive } from "../../src/forecast/naive";
import { ForecastResult, GIVEN_METHODS, GivenMethod } from "../../src/forecast/types";
import { expectDomainError } from "../engine/helpers";
import { closeTo, FIXTURE_FILE, FIXTURE_SCRIPT, Fixture, FixtureCase, readFixture } from "./fixtures";

const fixture = readFixture();

function run(c: FixtureCase): ForecastResult {
  const method = findGivenMethod(c.method);
  if (method === undefined) throw new Error(`unknown method ${c.method}`);
  const y = fixture.series[c.series].values;
  const parameters = PARAMETER_NAMES[method].map((name) => c.params[name]);
  return forecastGiven(method, y, c.h, { parameters, seasonLength: c.params.seasonLength });
}

/** The indices where actual and R's differ by more than 1e-9 (relative, scale >= 1). */
function mismatches(actual: ArrayLike<number>, expected: (number | null)[], skip: (i: number) => boolean = () => false): string[] {
  const out: string[] = [];
  if (actual.length !== expected.length) return [`length ${actual.length}, R ${expected.length}`];
  for (let i = 0; i < expected.length; i++) {
    if (!skip(i) && !closeTo(actual[i], expected[i])) out.push(`[${i}] ${actual[i]} vs R ${expected[i]}`);
  }
  return out;
}

/** Our states in R's layout (see the fixture's notes). */
function statesAsR(c: FixtureCase, r: ForecastResult): Record<string, number | number[] | null> {
  const s = r.states;
  switch (c.method) {
    case "ses":
      return { l: s.level! };
    case "holt":
    case "damped":
      return { l: s.level!, b: s.trend! };
    case "holt-winters":
    case "holt-winters-mul": {
      // R's s1 is the most recent seasonal state, sm the one of the next period: ours reversed.
      const out: Record<string, number | number[] | null> = { l: s.level!, b: s.trend!, s: Array.from(s.season!).reverse() };
      if (c.method === "holt-winters-mul") out.sigma2 = s.sigma2!;
      else out.sigma2 = c.states.sigma2 as number; // additive: R's mean(res^2), not a state of ours
      return out;
    }
    case "croston":
    case "sba":
      return { demand: s.size!, interval: s.interval ?? null };
    case "tsb":
      return { size: s.size!, probability: s.probability! };
    case "naive":
      return { last: s.level! };
    case "seasonal-naive":
      return { lastSeason: Array.from(s.season!) };
    case "moving-average":
      return { mean: s.level! };
    default:
      throw new Error(c.method);
  }
}

describe("fixtures", () => {
  test("come from R's forecast package, with its version recorded", () => {
    expect(fixture.generator).toBe("scripts/forecast/make-fixtures.R");
    expect(fixture.versions.forecast).toMatch(/^\d+\.\d+/);
    expect(fixture.versions.R).toMatch(/^R version \d/);
  });

  test("cover every method with given parameters, on several series each", () => {
    for (const m of GIVEN_METHODS) {
      const cases = fixture.cases.filter((c) => c.method === m);
      expect(cases.length).toBeGreaterThanOrEqual(3);
      expect(new Set(cases.map((c) => c.series)).size).toBeGreaterThanOrEqual(3);
    }
    expect(new Set(fixture.cases.map((c) => c.id)).size).toBe(fixture.cases.length);
  });
});

describe.each(fixture.cases.map((c) => [c.id, c] as const))("%s", (_id, c) => {
  const r = run(c);
  const y = fixture.series[c.series].values;
  // R's croston() gives a fitted 0 in period 1 of an all-zero series, NaN (NA) otherwise: ours is
  // NaN there always (types.ts).
  const allZero = y.every((v) => v === 0);
  const skipFirst = (i: number): boolean => i === 0 && allZero && (c.method === "croston" || c.method === "sba");

  test(`forecasts equal R's ${c.r}`, () => {
    expect(mismatches(r.forecasts, c.forecasts)).toEqual([]);
  });

  test("fitted values equal R's, NaN exactly where R's are NA", () => {
    expect(mismatches(r.fitted, c.fitted, skipFirst)).toEqual([]);
    if (skipFirst(0)) expect(Number.isNaN(r.fitted[0])).toBe(true);
  });

  test("residuals are y - fitted; firstFitted is the first fitted value", () => {
    for (let t = 0; t < y.length; t++) {
      if (t < r.firstFitted) {
        expect(Number.isNaN(r.fitted[t]) && Number.isNaN(r.residuals[t])).toBe(true);
      } else {
        expect(Number.isFinite(r.fitted[t])).toBe(true);
        expect(r.residuals[t]).toBe(y[t] - r.fitted[t]);
      }
    }
  });

  test("final states equal R's", () => {
    const ours = statesAsR(c, r);
    expect(Object.keys(ours).sort()).toEqual(Object.keys(c.states).sort());
    for (const [k, e] of Object.entries(c.states)) {
      const a = ours[k];
      if (Array.isArray(e)) expect(mismatches(a as number[], e)).toEqual([]);
      else if (e === null) expect(a).toBeNull();
      else expect(closeTo(a as number, e)).toBe(true);
    }
  });
});

describe("multiplicative Holt-Winters forecasts beyond one season", () => {
  test("are R's forecast.ets() mean of the multiplicative model, not (l + k b) s", () => {
    const y = fixture.series.AirPassengers.values;
    const r = holtWinters(y, 24, 12, 0.3, 0.05, 0.2, "multiplicative");
    const { level, trend, season } = r.states;
    for (let k = 1; k <= 24; k++) {
      const plain = (level! + k * trend!) * season![(k - 1) % 12];
      if (k <= 12) expect(closeTo(r.forecasts[k - 1], plain, 1e-12)).toBe(true);
      else expect(r.forecasts[k - 1] / plain - 1).toBeGreaterThan(1e-4); // sigma2 > 0 adds to the second season
    }
  });
});

describe("edge cases", () => {
  // Every row has its three cells (jest passes a `done` callback in place of a missing one).
  const methods: [GivenMethod, number[], number | undefined][] = [
    ["naive", [], undefined],
    ["seasonal-naive", [], 4],
    ["moving-average", [3], undefined],
    ["ses", [0.3], undefined],
    ["holt", [0.3, 0.1], undefined],
    ["damped", [0.3, 0.1, 0.9], undefined],
    ["holt-winters", [0.3, 0.1, 0.2], 4],
    ["holt-winters-mul", [0.3, 0.1, 0.2], 4],
    ["croston", [0.2], undefined],
    ["sba", [0.2], undefined],
    ["tsb", [0.2, 0.1], undefined],
  ];

  test.each(methods)("%s: one period too short is #N/A with the minimum in the message", (method, parameters, m) => {
    const min = minimumLength(method, m ?? 1, method === "moving-average" ? parameters[0] : 1);
    const y = Array.from({ length: min }, (_, i) => 10 + (i % 3));
    expect(() => forecastGiven(method, y, 3, { parameters, seasonLength: m })).not.toThrow();
    if (min >= 1) {
      expectDomainError(
        () => forecastGiven(method, y.slice(0, min - 1), 3, { parameters, seasonLength: m }),
        "na",
        new RegExp(`^${method} needs at least ${min} periods?`),
      );
    }
  });

  test("minimum lengths: 1, m, window, 2, 2m", () => {
    expect(minimumLength("naive")).toBe(1);
    expect(minimumLength("ses")).toBe(1);
    expect(minimumLength("croston")).toBe(1);
    expect(minimumLength("tsb")).toBe(1);
    expect(minimumLength("holt")).toBe(2);
    expect(minimumLength("damped")).toBe(2);
    expect(minimumLength("seasonal-naive", 12)).toBe(12);
    expect(minimumLength("moving-average", 1, 5)).toBe(5);
    expect(minimumLength("holt-winters", 12)).toBe(24);
    expectDomainError(
      () => holtWinters(new Array(23).fill(5), 3, 12, 0.1, 0.1, 0.1),
      "na",
      /needs at least 24 periods \(two seasons of 12\)/,
    );
  });

  test.each(methods)("%s: a constant series is forecast as that constant (SBA: times 1 - alpha/2)", (method, parameters, m) => {
    const y = new Array(30).fill(7.5);
    const r = forecastGiven(method, y, 10, { parameters, seasonLength: m });
    const level = method === "sba" ? 7.5 * (1 - parameters[0] / 2) : 7.5;
    for (const f of r.forecasts) expect(closeTo(f, level, 1e-12)).toBe(true);
    for (let t = Math.max(r.firstFitted, 1); t < y.length; t++) expect(closeTo(r.fitted[t], level, 1e-12)).toBe(true);
    if (method === "tsb") expect(r.states.probability).toBe(1);
  });

  test("croston, sba, tsb: all zeros forecast 0, fitted 0 from period 2", () => {
    const y = new Array(15).fill(0);
    for (const r of [croston(y, 5, 0.1), sba(y, 5, 0.1), tsb(y, 5, 0.1, 0.1)]) {
      expect(Array.from(r.forecasts)).toEqual([0, 0, 0, 0, 0]);
      expect(Number.isNaN(r.fitted[0])).toBe(true);
      expect(Array.from(r.fitted.subarray(1))).toEqual(new Array(14).fill(0));
      expect(r.states.size).toBe(0);
    }
    expect(croston(y, 1, 0.1).states.interval).toBeUndefined();
  });

  test("croston: one period, a single demand (z / q as it is), demand in period 1", () => {
    expect(Array.from(croston([5], 2, 0.1).forecasts)).toEqual([5, 5]);
    expect(Array.from(croston([0, 0, 6], 1, 0.5).forecasts)).toEqual([2]);
    const r = croston([0, 0, 6, 0], 1, 0.5);
    expect(Array.from(r.fitted)).toEqual([NaN, 0, 0, 2]);
    expect(croston([4, 0, 4, 0], 1, 0.5).forecasts[0]).toBeCloseTo(4 / 1.5, 14); // intervals 1, 2
  });

  test("sba is croston times 1 - alpha/2", () => {
    const y = fixture.series.int_rule_60.values;
    const c = croston(y, 3, 0.25);
    const s = sba(y, 3, 0.25);
    expect(s.forecasts[0]).toBe(c.forecasts[0] * (1 - 0.125));
    for (let t = 1; t < y.length; t++) expect(s.fitted[t]).toBe(c.fitted[t] * (1 - 0.125));
  });

  test("tsb decays after demand stops, croston does not", () => {
    const y = [3, 0, 2, 0, 4, 1, ...new Array(20).fill(0)];
    const c = croston(y, 1, 0.2);
    const t = tsb(y, 1, 0.2, 0.2);
    expect(c.fitted[y.length - 1]).toBe(c.fitted[7]);
    expect(t.fitted[y.length - 1]).toBeLessThan(t.fitted[7] / 50);
    expect(t.states.probability).toBeCloseTo((0.8 ** 20 * t.fitted[6]) / t.states.size!, 12);
  });

  test("out-of-range parameters, bad horizons, bad data", () => {
    const y = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expectDomainError(() => ses(y, 3, 1.5), "num", /^ses: alpha must be between 0 and 1/);
    expectDomainError(() => ses(y, 3, -0.1), "num", /alpha/);
    expectDomainError(() => holt(y, 3, 0.5, 2), "num", /^holt: beta/);
    expectDomainError(() => dampedHolt(y, 3, 0.5, 0.1, 0), "num", /^damped: phi must be > 0 and <= 1/);
    expectDomainError(() => dampedHolt(y, 3, 0.5, 0.1, 1.1), "num", /phi/);
    expectDomainError(() => holtWinters(y, 3, 2, 0.5, 0.1, NaN), "num", /gamma/);
    expectDomainError(() => holtWinters(y, 3, 1, 0.5, 0.1, 0.1), "num", /season_length to be an integer >= 2/);
    expectDomainError(
      () => holtWinters([1, 2, 0, 4, 5, 6], 3, 2, 0.5, 0.1, 0.1, "multiplicative"),
      "num",
      /positive data \(period 3 is 0\)/,
    );
    expectDomainError(() => seasonalNaive(y, 3, 2.5), "num", /season_length/);
    expectDomainError(() => movingAverage(y, 3, 0), "num", /window must be an integer >= 1/);
    expectDomainError(() => naive(y, 0), "num", /horizon must be an integer >= 1/);
    expectDomainError(() => naive(y, 1.5), "num", /horizon/);
    expectDomainError(() => naive([1, NaN, 3], 2), "num", /not a finite number at period 2/);
    expectDomainError(() => ses([1, Infinity], 2, 0.5), "num", /period 2/);
    expectDomainError(() => croston([1, -2, 3], 2, 0.1), "num", /^croston needs demand >= 0 \(period 2 is -2\)/);
    expectDomainError(() => tsb([1, -2, 3], 2, 0.1, 0.1), "num", /^tsb needs demand >= 0/);
    expectDomainError(() => naive([], 2), "na", /^naive needs at least 1 period$/);
  });

  test("forecastGiven checks the parameter row and the season length", () => {
    const y = [1, 2, 3, 4, 5, 6, 7, 8];
    expectDomainError(
      () => forecastGiven("holt", y, 2, { parameters: [0.5] }),
      "value",
      /^holt takes 2 parameters \(alpha, beta\), not 1$/,
    );
    expectDomainError(() => forecastGiven("naive", y, 2, { parameters: [0.5] }), "value", /^naive takes no parameters, not 1$/);
    expectDomainError(() => forecastGiven("ses", y, 2, { parameters: [NaN] }), "value", /^ses: alpha must be a number$/);
    expectDomainError(() => forecastGiven("holt-winters", y, 2, { parameters: [0.1, 0.1, 0.1] }), "value", /needs season_length/);
    expect(forecastGiven("seasonal-naive", y, 2).forecasts).toEqual(naive(y, 2).forecasts);
    expect(findGivenMethod(" Holt-Winters-Mul ")).toBe("holt-winters-mul");
    expect(findGivenMethod("auto")).toBeUndefined();
  });

  test("a Float64Array gives the same bits as a number[]", () => {
    const y = fixture.series.AirPassengers.values;
    const a = holtWinters(y, 24, 12, 0.3, 0.05, 0.2, "multiplicative");
    const b = holtWinters(Float64Array.from(y), 24, 12, 0.3, 0.05, 0.2, "multiplicative");
    expect(b.forecasts).toEqual(a.forecasts);
    expect(b.fitted).toEqual(a.fitted);
  });

  test("alpha = 1 and beta = 0 edge values, phi = 1 is Holt", () => {
    const y = fixture.series.Nile.values;
    expect(ses(y, 1, 1).forecasts[0]).toBe(y[y.length - 1]);
    expect(ses(y, 1, 0).forecasts[0]).toBe(y[0]);
    const h = holt(y, 12, 0.4, 0.2);
    const d = dampedHolt(y, 12, 0.4, 0.2, 1);
    expect(d.forecasts).toEqual(h.forecasts);
    expect(d.fitted).toEqual(h.fitted);
  });

  test("the moving average's running sum stays exact over a long series of large and small values", () => {
    const y = Array.from({ length: 5000 }, (_, i) => (i % 97 === 0 ? 1e9 : (i * 7919) % 13));
    const r = movingAverage(y, 1, 7);
    for (let t = 7; t < y.length; t++) {
      let s = 0;
      for (let i = t - 7; i < t; i++) s += y[i];
      expect(closeTo(r.fitted[t], s / 7, 1e-12)).toBe(true);
    }
  });

  test("repeated calls on the same series give the same bits (no state kept between calls)", () => {
    const y = new Float64Array(120);
    for (let t = 0; t < 120; t++) y[t] = 100 + 10 * Math.sin((2 * Math.PI * t) / 12) + t;
    const first = holtWinters(y, 12, 12, 0.3, 0.05, 0.2, "multiplicative").forecasts;
    for (let s = 0; s < 100; s++) expect(holtWinters(y, 12, 12, 0.3, 0.05, 0.2, "multiplicative").forecasts).toEqual(first);
  });

  test("every error is a DomainError", () => {
    try {
      holt([1], 1, 0.5, 0.5);
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
    }
  });
});

// ---- the committed fixtures are the script's output ------------------------------------------

const rscript = spawnSync("Rscript", ["--version"], { encoding: "utf8" });
const haveR = !rscript.error && rscript.status === 0;
const freshTest = haveR ? test : test.skip;

/** The paths where a and b differ: numbers to tol (relative, scale >= 1), everything else exactly. */
function differences(a: unknown, b: unknown, at: string, out: string[], tol: number): void {
  if (out.length > 20) return;
  if (typeof a === "number" && typeof b === "number") {
    if (!closeTo(a, b, tol)) out.push(`${at}: ${a} vs ${b}`);
  } else if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) out.push(`${at}: length ${a.length} vs ${b.length}`);
    else a.forEach((v, i) => differences(v, b[i], `${at}[${i}]`, out, tol));
  } else if (a !== null && b !== null && typeof a === "object" && typeof b === "object") {
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    if (ka.join() !== kb.join()) out.push(`${at}: keys ${ka.join()} vs ${kb.join()}`);
    else for (const k of ka) differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${at}.${k}`, out, tol);
  } else if (a !== b) {
    out.push(`${at}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
  }
}

describe("make-fixtures.R", () => {
  freshTest(
    haveR
      ? "a fresh run of scripts/forecast/make-fixtures.R equals the committed given.json"
      : "a fresh run of make-fixtures.R equals the committed given.json (SKIPPED: Rscript is not on PATH; apt-get install r-cran-forecast r-cran-jsonlite)",
    () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "forecast-fixtures-"));
      try {
        const out = path.join(dir, "given.json");
        const res = spawnSync("Rscript", [FIXTURE_SCRIPT, out], { encoding: "utf8", timeout: 110000 });
        if (res.status !== 0) throw new Error(`Rscript failed (${res.status}): ${res.stderr}`);
        const fresh: Fixture = readFixture(out);
        const committed: Fixture = readFixture(FIXTURE_FILE);
        const diffs: string[] = [];
        const { versions: vf, ...restFresh } = fresh;
        const { versions: vc, ...restCommitted } = committed;
        // The same R and packages must give the same numbers, to the bit; another version must still
        // agree to 1e-9 (the contract), and is reported.
        const sameVersions = JSON.stringify(vf) === JSON.stringify(vc);
        if (!sameVersions) {
          console.warn(`make-fixtures.R ran under ${JSON.stringify(vf)}; the committed fixtures come from ${JSON.stringify(vc)}`);
        }
        differences(restFresh, restCommitted, "given.json", diffs, sameVersions ? 0 : 1e-9);
        expect(diffs).toEqual([]); // else: Rscript scripts/forecast/make-fixtures.R, and review the diff
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
