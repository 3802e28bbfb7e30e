/** Reading test/fixtures/forecast/given.json (written by scripts/forecast/make-fixtures.R). */
import * as fs from "fs";
import * as path from "path";

export const FIXTURE_FILE = path.join(__dirname, "..", "fixtures", "forecast", "given.json");
export const FIXTURE_SCRIPT = path.join(__dirname, "..", "..", "scripts", "forecast", "make-fixtures.R");

export interface FixtureCase {
  id: string;
  method: string;
  series: string;
  params: Record<string, number>;
  h: number;
  r: string;
  forecasts: (number | null)[];
  fitted: (number | null)[];
  states: Record<string, number | null | number[]>;
}

export interface Fixture {
  generator: string;
  versions: { R: string; forecast: string; jsonlite: string };
  notes: string[];
  series: Record<string, { frequency: number; values: number[] }>;
  cases: FixtureCase[];
}

export function readFixture(file = FIXTURE_FILE): Fixture {
  return JSON.parse(fs.readFileSync(file, "utf8")) as Fixture;
}

/** |a - e| <= tol * max(1, |e|); null (R's NA) matches NaN only. */
export function closeTo(a: number, e: number | null, tol = 1e-9): boolean {
  if (e === null) return Number.isNaN(a);
  return Math.abs(a - e) <= tol * Math.max(1, Math.abs(e));
}
