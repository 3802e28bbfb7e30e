/**
 * The Excel stand-in as the page sees it: bundled by the end-to-end test and served in place of
 * office.js (which the page loads from Microsoft's CDN, unreachable here). It defines the globals
 * Excel's runtime would: `Office`, `Excel`, and `CustomFunctions` (dist/functions.js calls
 * CustomFunctions.associate as soon as it loads, as in Excel's shared runtime).
 */
import { ExcelStandIn, StandInOptions } from "../taskpane/standin/excelStandIn";

const w = window as unknown as Record<string, unknown>;
const xl = new ExcelStandIn((w.__standInOptions as StandInOptions | undefined) ?? {});
w.__standIn = xl;
w.Excel = xl.excelNamespace();
w.Office = xl.officeNamespace();
w.CustomFunctions = { associate: () => undefined, Error: Error, ErrorCode: {} };
