// Entry of a simulation thread run from source: tsx's CommonJS hook (loaders are not inherited by
// threads; this one, not tsx/cjs/api, keeps the engine at full speed), then the TypeScript worker.
require("tsx/cjs");
require("./simThread.ts");
