/**
 * Long calls in slices, for the cancelable functions (FORECAST, FORECAST_FIT, FORECAST_SAFETY_STOCK:
 * fitting a model to each of thousands of series takes seconds). In the shared runtime the custom
 * functions run on the task pane's thread, so one long synchronous call would freeze the pane. Here
 * the work runs as steps (one per series) in slices of about SLICE_MS, with a pause for the event
 * loop (a setTimeout(0)) between slices; a call that fits in one slice finishes without any pause.
 *
 * Cancelation: Excel cancels a call whose cell is edited or deleted, whose inputs change, or on a
 * manual recalculation (then calls again), and tells a `@cancelable` function through its
 * invocation's onCanceled (Microsoft, "Receive and handle data with custom functions": "Cancel a
 * function"). From then on no further step runs: the promise rejects with CanceledError, so a partial
 * result is never delivered as if complete (Excel no longer listens for the canceled call's result).
 */

/** The time a slice may run before it pauses, in milliseconds (a frame is 16.7 ms at 60 Hz). */
export const SLICE_MS = 15;

/** The rejection of a call that Excel canceled. */
export class CanceledError extends Error {
  constructor() {
    super("SCM: the calculation was canceled by Excel (its inputs changed, or the cell was edited)");
    this.name = "CanceledError";
  }
}

/** Lets the event loop run (the pane's input, rendering, Excel's messages) before the next slice. */
const pause = (): Promise<void> => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Runs step(0), ..., step(count - 1) in order, in slices of about sliceMs, pausing between slices.
 * Resolves when every step has run; rejects with CanceledError, before the next step, once
 * `invocation.onCanceled` has fired, and with whatever a step throws (the steps catch their own
 * errors: they write an error cell instead).
 */
export async function runInSlices(
  count: number,
  step: (i: number) => void,
  invocation?: CustomFunctions.CancelableInvocation | null,
  sliceMs: number = SLICE_MS,
): Promise<void> {
  let canceled = false;
  if (invocation && typeof invocation === "object") invocation.onCanceled = () => (canceled = true);
  let i = 0;
  while (i < count) {
    const start = Date.now();
    do step(i++);
    while (i < count && Date.now() - start < sliceMs);
    if (i < count) {
      await pause();
      if (canceled) throw new CanceledError();
    }
  }
}
