/** A worker thread of `npm run simulate --threads N`: runs blocks of replications (src/sim/parallel.ts). */
import { parentPort } from "worker_threads";
import { PoolWorkerState, type PoolRequest } from "../src/sim";

const state = new PoolWorkerState();
parentPort!.on("message", (m: PoolRequest) => {
  const reply = state.handle(m);
  if (reply?.type === "rows") parentPort!.postMessage(reply, [reply.rows.buffer]);
  else if (reply) parentPort!.postMessage(reply);
});
