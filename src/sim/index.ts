/** Multi-echelon simulation engine: the API shared by the task pane, the workbook writer and the CLI. */
export * from "./types";
export { validateScenario } from "./validate";
export { simulate, simulateOnce, demandSeries, MonteCarloRun } from "./simulate";
export * from "./limits";
export { resolveParameters, processingOrder } from "./resolve";
export type { ResolvedStage } from "./resolve";
export { customerStages } from "./demand";
export { orderUpToLevel, baseStockOrder, sQOrder, minMaxOrder, stermanOrder, fullCasesUp, fullCasesDown } from "./policies";
export { default as scenarioSchema } from "./scenario.schema.json";
