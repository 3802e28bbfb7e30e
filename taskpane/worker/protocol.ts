/** Messages between the task pane and the simulation worker (simWorker.ts). */
import type { Result, ScenarioInput } from "../../src/sim/types";

export interface RunRequest {
  type: "run";
  variants: { label: string; scenario: ScenarioInput }[];
  replications: number;
  seed: number;
}

export type WorkerMessage =
  /** `done` of `total` replications of variant `variant` (0-based) of `variants`. */
  | { type: "progress"; variant: number; variants: number; done: number; total: number }
  | { type: "variant"; index: number; label: string; result: Result }
  | { type: "done" }
  | { type: "error"; message: string };
