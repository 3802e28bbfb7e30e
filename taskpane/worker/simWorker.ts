/**
 * A simulation worker (dist/simWorker.js): runs blocks of replications of one scenario off the
 * task pane's UI thread (src/sim/parallel.ts); the pane starts one per core but one and folds their
 * blocks. Cancel is worker.terminate() from the pane: a block cannot read messages while it runs.
 */
import { PoolWorkerState, type PoolReply, type PoolRequest } from "../../src/sim/parallel";

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<PoolRequest>) => void) | null;
  postMessage: (m: PoolReply, transfer?: Transferable[]) => void;
};
const state = new PoolWorkerState();

scope.onmessage = (e) => {
  const reply = state.handle(e.data);
  if (reply?.type === "rows") scope.postMessage(reply, [reply.rows.buffer]);
  else if (reply) scope.postMessage(reply);
};
