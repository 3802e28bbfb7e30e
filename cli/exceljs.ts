/**
 * ExcelJS for Node code run by tsx (CLI, bench) and by jest.
 *
 * Loaded from ExcelJS's self-contained bundle rather than its package entry: on Node >= 20.19,
 * `require` of the package entry reaches a dependency (async-function, via get-intrinsic) through its
 * "module-sync" export, which tsx 4.19 then fails to compile ("SyntaxError: Unexpected string").
 * The bundle has no such imports; the types are the package's own. Use writeBuffer/load (the bundle
 * has no file-system helpers).
 */
import type * as ExcelJSTypes from "exceljs";

const ExcelJS: typeof ExcelJSTypes = require("exceljs/dist/exceljs.min.js");

export default ExcelJS;
export type { ExcelJSTypes };
