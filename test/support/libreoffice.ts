/**
 * LibreOffice headless as an independent spreadsheet engine: recalculate .xlsx files and read the
 * results back. Used by the workbook verification tests and the workbook benchmark.
 *
 * Each call runs one `soffice --convert-to xlsx` over a batch of files with a fresh user profile
 * (no lock clashes between runs) whose settings force a full recalculation on load, so that cached
 * results in a file (for instance after an edit) are never trusted.
 */
import { execFile } from "child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { basename, delimiter, join } from "path";
import ExcelJS, { type ExcelJSTypes } from "../../cli/exceljs";

/** Path of the soffice binary, or undefined when LibreOffice is not installed. */
export function findSoffice(): string | undefined {
  const names = ["soffice", "libreoffice"];
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    for (const n of names) {
      const p = join(dir, n);
      if (dir && existsSync(p)) return p;
    }
  }
  return undefined;
}

// OOXMLRecalcMode: 0 = always recalculate on loading Excel 2007+ files, 1 = never (LibreOffice's
// default: trust the cached results; cells without one are calculated anyway).
const profileSettings = (mode: 0 | 1) => `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>${mode}</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>${mode}</value></prop></item>
</oor:items>
`;

export interface RecalcOptions {
  /** Recalculate every formula on load (default true); false keeps cached results (to time load + save alone). */
  recalc?: boolean;
  timeoutMs?: number;
}

/**
 * Recalculates every file in LibreOffice and writes the results, same file names, into outDir
 * (which must differ from the inputs' directory). Returns the output paths, in input order.
 */
export async function recalcXlsx(files: string[], outDir: string, options: RecalcOptions = {}): Promise<string[]> {
  const { recalc = true, timeoutMs = 600_000 } = options;
  const soffice = findSoffice();
  if (!soffice) throw new Error("LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui");
  mkdirSync(outDir, { recursive: true });
  const profile = mkdtempSync(join(tmpdir(), "scm-lo-profile-"));
  mkdirSync(join(profile, "user"), { recursive: true });
  writeFileSync(join(profile, "user", "registrymodifications.xcu"), profileSettings(recalc ? 0 : 1));
  try {
    const args = [
      `-env:UserInstallation=file://${profile}`,
      "--headless",
      "--norestore",
      "--convert-to",
      "xlsx",
      "--outdir",
      outDir,
      ...files,
    ];
    await new Promise<void>((resolve, reject) => {
      execFile(soffice, args, { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (err, _stdout, stderr) => {
        if (err) reject(new Error(`soffice failed: ${err.message}\n${stderr}`));
        else resolve();
      });
    });
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
  const outs = files.map((f) => join(outDir, basename(f)));
  for (const o of outs) if (!existsSync(o)) throw new Error(`LibreOffice did not write ${o}`);
  return outs;
}

/** A recalculated cell: its number, or the error / text it shows. */
export type CellResult = number | string | boolean | { error: string } | null;

/** The value a cell shows: a formula's cached result, or the constant. */
export function shownValue(c: ExcelJSTypes.Cell): CellResult {
  if (c.type === ExcelJS.ValueType.Formula) {
    // Read `result`, not `value`: ExcelJS's `value` drops a result of 0.
    const r = c.result as unknown;
    if (r === undefined || r === null) return null;
    if (typeof r === "object" && r !== null && "error" in (r as object)) return r as { error: string };
    return r as number | string | boolean;
  }
  const v = c.value as unknown;
  if (v === undefined || v === null) return null;
  if (typeof v === "object" && v !== null && "error" in (v as object)) return v as { error: string };
  return v as number | string | boolean;
}

/** Loads a workbook with ExcelJS. */
export async function loadWorkbook(file: string): Promise<ExcelJSTypes.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(file));
  return wb;
}

/** A scratch directory under the system temp dir, removed by the returned function. */
export function scratchDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
