/**
 * The size limits of a run, shared by the command line, the task pane and the workbook plan, so
 * that every way in refuses the same runs with the same message, before any work starts.
 *
 * Figures behind them (BENCHMARKS.md): the engine runs about 14-24 M stage-periods per second on one
 * core, so MAX_RUN_WORK is a run of about a minute; a scenario file of MAX_SCENARIO_BYTES parses in
 * well under a gigabyte.
 */

/** Monte Carlo replications of one run (the schema's maximum and the wizard's). */
export const MAX_REPLICATIONS = 100_000;
/** Periods of one run (the schema's maximum). */
export const MAX_PERIODS = 100_000;
/** periods x stages: bounds the memory of one replication (demand arrays and traces). */
export const MAX_STAGE_PERIODS = 5_000_000;
/** periods x stages x replications of one run, all compared scenarios together: about a minute. */
export const MAX_RUN_WORK = 1_000_000_000;
/** Values of one demand series (the schema's maximum). */
export const MAX_SERIES_VALUES = 100_000;
/** Size of a scenario file read from disk, checked before it is read. */
export const MAX_SCENARIO_BYTES = 16 * 1024 * 1024;
/** Cells of a workbook plan (all sheets), estimated from the layout before any cell is planned. */
export const MAX_WORKBOOK_CELLS = 1_000_000;

const grouped = (n: number): string => Math.round(n).toLocaleString("en-US");

/** Stage-periods x replications of a run: the engine's work, which its time is proportional to. */
export function runWork(periods: number, stages: number, replications: number, scenarios = 1): number {
  return periods * stages * replications * scenarios;
}

/** The most replications of a run that stay within MAX_RUN_WORK (0 when even one does not). */
export function replicationsThatFit(periods: number, stages: number, scenarios = 1): number {
  return Math.floor(MAX_RUN_WORK / runWork(periods, stages, 1, scenarios));
}

/**
 * Null when the run is within MAX_RUN_WORK, else a message that names the limit and the most
 * replications that would fit.
 */
export function runSizeProblem(periods: number, stages: number, replications: number, scenarios = 1): string | null {
  const work = runWork(periods, stages, replications, scenarios);
  if (work <= MAX_RUN_WORK) return null;
  const fit = replicationsThatFit(periods, stages, scenarios);
  const what = scenarios > 1 ? `periods x stages x replications x ${scenarios} scenarios` : "periods x stages x replications";
  const advice = fit >= 1 ? `use at most ${grouped(fit)} replications, or fewer periods` : "use fewer periods or stages";
  return `${what} must be at most ${grouped(MAX_RUN_WORK)} (run size, about a minute); got ${grouped(work)}: ${advice}`;
}
