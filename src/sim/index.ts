/** Multi-echelon simulation engine: the API shared by the task pane, the workbook writer and the CLI. */
export * from "./types";
export { validateScenario } from "./validate";
export { simulate, simulateOnce, demandSeries, MonteCarloRun } from "./simulate";
export * from "./limits";
export { resolveParameters, processingOrder } from "./resolve";
export type { ResolvedStage } from "./resolve";
export { customerStages } from "./demand";
export { orderUpToLevel } from "../policies/orderUpTo";
export { baseStockOrder } from "../policies/baseStock";
export { sQOrder } from "../policies/sQ";
export { minMaxOrder } from "../policies/minMax";
export { stermanOrder } from "../policies/sterman";
export { fullCasesUp, fullCasesDown } from "../policies/cases";
export { default as scenarioSchema } from "./scenario.schema.json";
export { pushPullVariants, middleBoundary } from "./pushPull";
export type { PushPullVariant } from "./pushPull";
export { ReplicationBlocks, runOnPool, blockSize, rowWidth, PoolWorkerState, localPool, WorkerLink } from "./parallel";
export type { Block, BlockPool, BlockRunner, PoolOptions, PoolRequest, PoolReply } from "./parallel";
