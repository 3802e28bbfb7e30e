/**
 * Native charts in an .xlsx file: the plan's ChartPlan list written as DrawingML parts into the
 * package ExcelJS wrote (ExcelJS reads and writes no charts). Per sheet with charts:
 *
 *   xl/worksheets/sheetN.xml            <drawing r:id="..."/> (in its place in CT_Worksheet)
 *   xl/worksheets/_rels/sheetN.xml.rels  sheet -> xl/drawings/drawingM.xml
 *   xl/drawings/drawingM.xml             one xdr:twoCellAnchor graphicFrame per chart, at the plan's
 *                                        anchor, 9 columns by 18 rows (the task pane's setPosition)
 *   xl/drawings/_rels/drawingM.xml.rels  drawing -> xl/charts/chartK.xml
 *   xl/charts/chartK.xml                 c:chartSpace: c:lineChart, or c:barChart (barDir col,
 *                                        grouping clustered); one c:ser per series whose c:cat and
 *                                        c:val are formulas (c:f) over the sheet ranges; chart and
 *                                        axis titles; a legend
 *   [Content_Types].xml                  an Override per drawing and chart part
 *
 * Element order follows the ECMA-376 schema (Part 1, 21.2 charts, 20.5 spreadsheet drawing), which
 * Excel enforces. No cached values: the spreadsheet draws the charts from the cells once it has
 * calculated them (the file asks for a full calculation on load).
 */
import JSZip from "jszip";
import type { ChartPlan, WorkbookPlan } from "../src/workbook/plan";

const NS = {
  c: "http://schemas.openxmlformats.org/drawingml/2006/chart",
  a: "http://schemas.openxmlformats.org/drawingml/2006/main",
  r: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  xdr: "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
  pkgRels: "http://schemas.openxmlformats.org/package/2006/relationships",
  relDrawing: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing",
  relChart: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart",
  ctDrawing: "application/vnd.openxmlformats-officedocument.drawing+xml",
  ctChart: "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
};

/** Columns and rows a chart covers from its anchor cell (taskpane/excel/writer.ts setPosition: anchor to anchor + 8 columns, + 17 rows). */
export const CHART_COLUMNS = 9;
export const CHART_ROWS = 18;

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

export function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

export function unescapeXml(s: string): string {
  return s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_m, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&#x([0-9a-fA-F]+);/g, (_m, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&amp;/g, "&");
}

/** "N14" -> zero-based column 13, row 13. */
function cellIndex(ref: string): { col: number; row: number } {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)$/.exec(ref);
  if (!m) throw new Error(`not a cell reference: ${ref}`);
  return { col: [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1, row: Number(m[2]) - 1 };
}

/** A title: the text as one run (chart and axis titles). */
function title(text: string): string {
  return (
    `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr/></a:pPr><a:r><a:t>${escapeXml(text)}</a:t></a:r></a:p></c:rich></c:tx>` +
    `<c:overlay val="0"/></c:title>`
  );
}

/** Whether the cells a reference starts at hold text (then categories are a c:strRef), from the plan. */
export type TextAt = (ref: string) => boolean;

/** The c:chartSpace of a chart. */
export function chartXml(c: ChartPlan, textAt: TextAt): string {
  const catAx = 500000001;
  const valAx = 500000002;
  const series = c.series
    .map((s, i) => {
      const cat = textAt(s.categoriesRef)
        ? `<c:cat><c:strRef><c:f>${escapeXml(s.categoriesRef)}</c:f></c:strRef></c:cat>`
        : `<c:cat><c:numRef><c:f>${escapeXml(s.categoriesRef)}</c:f></c:numRef></c:cat>`;
      const val = `<c:val><c:numRef><c:f>${escapeXml(s.valuesRef)}</c:f></c:numRef></c:val>`;
      const head = `<c:idx val="${i}"/><c:order val="${i}"/><c:tx><c:v>${escapeXml(s.name)}</c:v></c:tx>`;
      return c.type === "line"
        ? `<c:ser>${head}<c:marker><c:symbol val="none"/></c:marker>${cat}${val}<c:smooth val="0"/></c:ser>`
        : `<c:ser>${head}<c:invertIfNegative val="0"/>${cat}${val}</c:ser>`;
    })
    .join("");
  const axIds = `<c:axId val="${catAx}"/><c:axId val="${valAx}"/>`;
  const plot =
    c.type === "line"
      ? `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${series}<c:marker val="1"/>${axIds}</c:lineChart>`
      : `<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>${series}<c:gapWidth val="150"/>${axIds}</c:barChart>`;
  const axisCommon = (id: number, pos: string) =>
    `<c:axId val="${id}"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="${pos}"/>`;
  const ticks = `<c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>`;
  const cat =
    `<c:catAx>${axisCommon(catAx, "b")}${title(c.axes.x.title)}${ticks}<c:crossAx val="${valAx}"/><c:crosses val="autoZero"/>` +
    `<c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>`;
  const val =
    `<c:valAx>${axisCommon(valAx, "l")}<c:majorGridlines/>${title(c.axes.y.title)}${ticks}<c:crossAx val="${catAx}"/>` +
    `<c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>`;
  return (
    XML_HEAD +
    `<c:chartSpace xmlns:c="${NS.c}" xmlns:a="${NS.a}" xmlns:r="${NS.r}"><c:roundedCorners val="0"/>` +
    `<c:chart>${title(c.title)}<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>${plot}${cat}${val}</c:plotArea>` +
    `<c:legend><c:legendPos val="r"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>` +
    `</c:chartSpace>`
  );
}

/** The xdr:wsDr of a sheet's charts; chart i is relationship rId{i+1} of the drawing. */
export function drawingXml(charts: ChartPlan[]): string {
  const anchors = charts
    .map((c, i) => {
      const { col, row } = cellIndex(c.anchor);
      const marker = (tag: string, cc: number, rr: number) =>
        `<xdr:${tag}><xdr:col>${cc}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${rr}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
      return (
        `<xdr:twoCellAnchor>${marker("from", col, row)}${marker("to", col + CHART_COLUMNS, row + CHART_ROWS)}` +
        `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${i + 2}" name="${escapeXml(c.id)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
        `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
        `<a:graphic><a:graphicData uri="${NS.c}"><c:chart xmlns:c="${NS.c}" xmlns:r="${NS.r}" r:id="rId${i + 1}"/></a:graphicData></a:graphic>` +
        `</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
      );
    })
    .join("");
  return XML_HEAD + `<xdr:wsDr xmlns:xdr="${NS.xdr}" xmlns:a="${NS.a}">${anchors}</xdr:wsDr>`;
}

function relationships(rels: { id: string; type: string; target: string }[]): string {
  return (
    XML_HEAD +
    `<Relationships xmlns="${NS.pkgRels}">` +
    rels.map((r) => `<Relationship Id="${r.id}" Type="${r.type}" Target="${escapeXml(r.target)}"/>`).join("") +
    `</Relationships>`
  );
}

/** Attributes of an XML start tag, unescaped. */
export function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:.-]+)="([^"]*)"/g)) out[m[1]] = unescapeXml(m[2]);
  return out;
}

/** Relationships of a .rels part: Id -> { Type, Target }. */
export function readRelationships(xml: string | undefined): { id: string; type: string; target: string }[] {
  if (!xml) return [];
  return [...xml.matchAll(/<Relationship\b[^>]*>/g)].map((m) => {
    const a = attributes(m[0]);
    return { id: a.Id, type: a.Type, target: a.Target };
  });
}

/** Sheet name -> its part path ("xl/worksheets/sheet2.xml"), from the workbook part and its relationships. */
export async function sheetParts(zip: JSZip): Promise<Map<string, string>> {
  const workbook = await zip.file("xl/workbook.xml")!.async("string");
  const rels = readRelationships(await zip.file("xl/_rels/workbook.xml.rels")?.async("string"));
  const out = new Map<string, string>();
  for (const m of workbook.matchAll(/<sheet\b[^>]*>/g)) {
    const a = attributes(m[0]);
    const rel = rels.find((r) => r.id === a["r:id"]);
    if (!rel) continue;
    out.set(a.name, rel.target.startsWith("/") ? rel.target.slice(1) : `xl/${rel.target}`);
  }
  return out;
}

/** "xl/worksheets/sheet2.xml" -> "xl/worksheets/_rels/sheet2.xml.rels". */
export const relsPath = (part: string): string => part.replace(/([^/]+)$/, "_rels/$1.rels");

/** Elements of CT_Worksheet that come after <drawing>: it goes before the first of them. */
const AFTER_DRAWING = [
  "legacyDrawing",
  "legacyDrawingHF",
  "drawingHF",
  "picture",
  "oleObjects",
  "controls",
  "webPublishItems",
  "tableParts",
  "extLst",
];

function nextNumber(zip: JSZip, pattern: RegExp): () => number {
  let n = 0;
  zip.forEach((path) => {
    const m = pattern.exec(path);
    if (m) n = Math.max(n, Number(m[1]));
  });
  return () => ++n;
}

/** Adds the plan's charts to an .xlsx package (ExcelJS's output); returns the new package. */
export async function addCharts(data: Uint8Array, plan: WorkbookPlan): Promise<Buffer> {
  const zip = await JSZip.loadAsync(data);
  const bySheet = new Map<string, ChartPlan[]>();
  for (const c of plan.charts) if (c.series.length > 0) bySheet.set(c.sheet, [...(bySheet.get(c.sheet) ?? []), c]);
  if (bySheet.size > 0) {
    const parts = await sheetParts(zip);
    const textAt: TextAt = (ref) => {
      const m = /^(?:'((?:[^']|'')+)'|([^'!]+))!\$?([A-Z]+)\$?(\d+)/.exec(ref);
      if (!m) return false;
      const sheet = m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2];
      const cell = plan.sheets.find((s) => s.name === sheet)?.cells.find((c) => c.ref === `${m[3]}${m[4]}`);
      return typeof cell?.value === "string";
    };
    const nextDrawing = nextNumber(zip, /^xl\/drawings\/drawing(\d+)\.xml$/);
    const nextChart = nextNumber(zip, /^xl\/charts\/chart(\d+)\.xml$/);
    const overrides: string[] = [];
    for (const [sheet, charts] of bySheet) {
      const part = parts.get(sheet);
      if (!part) throw new Error(`charts on sheet ${sheet}, which the file does not have`);
      let sheetXml = await zip.file(part)!.async("string");
      if (/<drawing\b/.test(sheetXml)) throw new Error(`sheet ${sheet} already has a drawing`);
      const d = nextDrawing();
      const drawingPart = `xl/drawings/drawing${d}.xml`;
      const chartRels = charts.map((c, i) => {
        const k = nextChart();
        zip.file(`xl/charts/chart${k}.xml`, chartXml(c, textAt));
        overrides.push(`<Override PartName="/xl/charts/chart${k}.xml" ContentType="${NS.ctChart}"/>`);
        return { id: `rId${i + 1}`, type: NS.relChart, target: `../charts/chart${k}.xml` };
      });
      zip.file(drawingPart, drawingXml(charts));
      zip.file(relsPath(drawingPart), relationships(chartRels));
      overrides.push(`<Override PartName="/${drawingPart}" ContentType="${NS.ctDrawing}"/>`);
      // sheet -> drawing
      const sheetRels = readRelationships(await zip.file(relsPath(part))?.async("string"));
      const id = `rId${sheetRels.reduce((n, r) => Math.max(n, Number(/^rId(\d+)$/.exec(r.id)?.[1] ?? 0)), 0) + 1}`;
      zip.file(relsPath(part), relationships([...sheetRels, { id, type: NS.relDrawing, target: `../drawings/drawing${d}.xml` }]));
      const tag = `<drawing r:id="${id}"/>`;
      const root = sheetXml.slice(0, sheetXml.indexOf(">", sheetXml.indexOf("<worksheet")));
      if (!/xmlns:r="/.test(root)) sheetXml = sheetXml.replace(/<worksheet\b/, `<worksheet xmlns:r="${NS.r}"`);
      // (searched after the cells: the plans write no element that nests one of these before <drawing>)
      const from = Math.max(0, sheetXml.search(/<\/sheetData>|<sheetData\/>/));
      const at = AFTER_DRAWING.map((e) => sheetXml.slice(from).search(new RegExp(`<${e}[\\s/>]`)))
        .filter((i) => i >= 0)
        .map((i) => i + from);
      const pos = at.length > 0 ? Math.min(...at) : sheetXml.lastIndexOf("</worksheet>");
      zip.file(part, sheetXml.slice(0, pos) + tag + sheetXml.slice(pos));
    }
    const typesPath = "[Content_Types].xml";
    const types = await zip.file(typesPath)!.async("string");
    zip.file(typesPath, types.replace("</Types>", `${overrides.join("")}</Types>`));
  }
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 6 } });
}
