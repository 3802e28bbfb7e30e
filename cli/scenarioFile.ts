/**
 * Reading a scenario file for a command: the same messages and exit code for every command that
 * takes --scenario (the format of `npm run simulate`: "<command>: FILE is not a valid scenario:"
 * then one "  - message" line per problem; exit code 2).
 */
import { validateScenario, type Scenario } from "../src/sim";

/** Exit code of a bad argument or scenario. */
export const EXIT_BAD_INPUT = 2;

export interface ScenarioFileIo {
  readFile(path: string): string;
  stderr(text: string): void;
}

/** The validated scenario, or null after printing why not (exit with EXIT_BAD_INPUT). */
export function readScenarioFile(command: string, file: string, io: ScenarioFileIo): Scenario | null {
  let json: unknown;
  try {
    json = JSON.parse(io.readFile(file));
  } catch (e) {
    io.stderr(`${command}: cannot read scenario ${file}: ${(e as Error).message}\n`);
    return null;
  }
  const v = validateScenario(json);
  if (!v.ok) {
    io.stderr(`${command}: ${file} is not a valid scenario:\n${v.errors.map((m) => `  - ${m}\n`).join("")}`);
    return null;
  }
  return v.scenario;
}
