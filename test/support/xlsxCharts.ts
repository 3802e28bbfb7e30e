/**
 * The charts of an .xlsx package as plain data, read from its parts (ExcelJS reads no charts):
 * workbook -> sheet -> drawing -> chart relationships, each chart's type, title, axis titles, series
 * (name, categories and values formulas) and where its drawing anchors it. Independent of the writer
 * (cli/xlsxCharts.ts): it reads what Excel or LibreOffice would, whoever wrote the file.
 */
import JSZip from "jszip";
import { posix } from "path";
import type { ChartPlan } from "../../src/workbook/plan";

export interface FileChart {
  sheet: string;
  /** The drawing object's name (Excel's chart name). */
  name: string;
  type: "Line" | "ColumnClustered" | string;
  title: string;
  xTitle: string;
  yTitle: string;
  series: { name: string; values: string; categories: string }[];
  /** Top-left cell and the last cell covered (A1), from the two-cell anchor. */
  from: string;
  to: string;
}

const unescape = (s: string) =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");

const attr = (tag: string, name: string) => {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? unescape(m[1]) : undefined;
};

function rels(xml: string | undefined, base: string): Map<string, { type: string; target: string }> {
  const out = new Map<string, { type: string; target: string }>();
  for (const m of (xml ?? "").matchAll(/<Relationship\b[^>]*>/g)) {
    const target = attr(m[0], "Target")!;
    out.set(attr(m[0], "Id")!, {
      type: attr(m[0], "Type")!,
      target: target.startsWith("/") ? target.slice(1) : posix.normalize(posix.join(posix.dirname(base), target)),
    });
  }
  return out;
}

const relsOf = (part: string) => posix.join(posix.dirname(part), "_rels", `${posix.basename(part)}.rels`);

/** The text of a c:title (its runs joined); "" when absent. */
function titleText(xml: string | undefined): string {
  if (!xml) return "";
  return [...xml.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => unescape(m[1])).join("");
}

const firstF = (xml: string | undefined) => {
  const m = /<c:f>([^<]*)<\/c:f>/.exec(xml ?? "");
  return m ? unescape(m[1]) : "";
};

const letters = (col: number) => {
  let s = "";
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};

function parseChart(xml: string): Omit<FileChart, "sheet" | "name" | "from" | "to"> {
  const type = /<c:lineChart>/.test(xml)
    ? "Line"
    : /<c:barChart>/.test(xml) && /<c:barDir val="col"\/>/.test(xml) && /<c:grouping val="clustered"\/>/.test(xml)
      ? "ColumnClustered"
      : "other";
  const chartTitle = /<c:chart>\s*(<c:title>[\s\S]*?<\/c:title>)/.exec(xml)?.[1];
  const axisTitle = (ax: string) =>
    titleText(new RegExp(`<c:${ax}>[\\s\\S]*?(<c:title>[\\s\\S]*?</c:title>)[\\s\\S]*?</c:${ax}>`).exec(xml)?.[1]);
  const series = [...xml.matchAll(/<c:ser>([\s\S]*?)<\/c:ser>/g)].map((m) => {
    const ser = m[1];
    const tx = /<c:tx>([\s\S]*?)<\/c:tx>/.exec(ser)?.[1] ?? "";
    const name = /<c:v>([^<]*)<\/c:v>/.exec(tx)?.[1] ?? firstF(tx).replace(/^"|"$/g, "");
    return {
      name: unescape(name),
      values: firstF(/<c:val>([\s\S]*?)<\/c:val>/.exec(ser)?.[1]),
      categories: firstF(/<c:cat>([\s\S]*?)<\/c:cat>/.exec(ser)?.[1]),
    };
  });
  return { type, title: titleText(chartTitle), xTitle: axisTitle("catAx"), yTitle: axisTitle("valAx"), series };
}

/** Every chart of the package, sheet by sheet in workbook order, each drawing's anchors in order. */
export async function readCharts(data: Uint8Array | Buffer): Promise<FileChart[]> {
  const zip = await JSZip.loadAsync(data);
  const text = async (p: string) => zip.file(p)?.async("string");
  const workbook = (await text("xl/workbook.xml"))!;
  const wbRels = rels(await text("xl/_rels/workbook.xml.rels"), "xl/workbook.xml");
  const out: FileChart[] = [];
  for (const m of workbook.matchAll(/<sheet\b[^>]*>/g)) {
    const sheet = attr(m[0], "name")!;
    const part = wbRels.get(attr(m[0], "r:id")!)?.target;
    if (!part) continue;
    const sheetRels = rels(await text(relsOf(part)), part);
    const drawingId = /<drawing\s+r:id="([^"]+)"/.exec((await text(part)) ?? "")?.[1];
    if (!drawingId) continue;
    const drawing = sheetRels.get(drawingId)!.target;
    const dRels = rels(await text(relsOf(drawing)), drawing);
    const dXml = (await text(drawing))!;
    for (const a of dXml.matchAll(/<xdr:twoCellAnchor\b[^>]*>([\s\S]*?)<\/xdr:twoCellAnchor>/g)) {
      const chartId = /<c:chart\b[^>]*r:id="([^"]+)"/.exec(a[1])?.[1];
      if (!chartId) continue;
      const marker = (tag: string) => {
        const x = new RegExp(`<xdr:${tag}>([\\s\\S]*?)</xdr:${tag}>`).exec(a[1])![1];
        const n = (t: string) => Number(new RegExp(`<xdr:${t}>(\\d+)</xdr:${t}>`).exec(x)![1]);
        return { col: n("col"), row: n("row"), colOff: n("colOff"), rowOff: n("rowOff") };
      };
      const f = marker("from");
      const t = marker("to");
      // The last cell covered: the "to" cell itself when the anchor reaches into it, else the one before.
      const last = { col: t.colOff > 0 ? t.col : t.col - 1, row: t.rowOff > 0 ? t.row : t.row - 1 };
      out.push({
        sheet,
        name: attr(/<xdr:cNvPr\b[^>]*>/.exec(a[1])![0], "name") ?? "",
        ...parseChart((await text(dRels.get(chartId)!.target))!),
        from: `${letters(f.col)}${f.row + 1}`,
        to: `${letters(last.col)}${last.row + 1}`,
      });
    }
  }
  return out;
}

/** What the tests compare of a chart: the planned chart, and the same fields of one read from a file. */
export interface ComparableChart {
  sheet: string;
  type: string;
  title: string;
  axes: [string, string];
  from: string;
  series: { name: string; values: string; categories: string }[];
}

/** A plan's charts as a file must hold them. */
export function plannedCharts(charts: ChartPlan[]): ComparableChart[] {
  return charts.map((c) => ({
    sheet: c.sheet,
    type: c.type === "line" ? "Line" : "ColumnClustered",
    title: c.title,
    axes: [c.axes.x.title, c.axes.y.title],
    from: c.anchor,
    series: c.series.map((x) => ({ name: x.name, values: x.valuesRef, categories: x.categoriesRef })),
  }));
}

export const comparable = (c: FileChart): ComparableChart => ({
  sheet: c.sheet,
  type: c.type,
  title: c.title,
  axes: [c.xTitle, c.yTitle],
  from: c.from,
  series: c.series,
});
