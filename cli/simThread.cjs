// Entry of a simulation thread run from source: tsx's CommonJS hook, then the TypeScript worker.
require("tsx/cjs/api").register();
require("./simThread.ts");
