/**
 * Reading a scenario file for a command: the same messages and exit code for every command that
 * takes --scenario (the format of `npm run simulate`: "<command>: FILE is not a valid scenario:"
 * then one "  - message" line per problem; exit code 2). The file's size is bounded before it is
 * read (MAX_SCENARIO_BYTES), and JSON syntax errors name their line and column.
 */
import { MAX_SCENARIO_BYTES, validateScenario, type Scenario } from "../src/sim";
import { FileProblem, readTextFile } from "./files";
import { parseJson } from "./jsonText";

/** Exit code of a bad argument or scenario. */
export const EXIT_BAD_INPUT = 2;

export interface ScenarioFileIo {
  /** The file's text; throws FileProblem (one line) when it cannot be read or is too large. */
  readFile(path: string): string;
  stderr(text: string): void;
}

/** Reads a scenario file from disk for nodeIo: bounded, byte-order mark removed. */
export const readScenarioText = (path: string): string => readTextFile(path, MAX_SCENARIO_BYTES, "scenario");

/** The validated scenario, or null after printing why not (exit with EXIT_BAD_INPUT). */
export function readScenarioFile(command: string, file: string, io: ScenarioFileIo): Scenario | null {
  let text: string;
  try {
    text = io.readFile(file);
  } catch (e) {
    io.stderr(`${command}: ${e instanceof FileProblem ? e.message : `cannot read scenario ${file}: ${(e as Error).message}`}\n`);
    return null;
  }
  const json = parseJson(text);
  if (!json.ok) {
    io.stderr(`${command}: ${file} is not valid JSON: ${json.message}\n`);
    return null;
  }
  const v = validateScenario(json.value);
  if (!v.ok) {
    io.stderr(`${command}: ${file} is not a valid scenario:\n${v.errors.map((m) => `  - ${m}\n`).join("")}`);
    return null;
  }
  return v.scenario;
}
