/**
 * The conditional formats of an .xlsx package as plain data, read from its parts: the worksheet's
 * <conditionalFormatting> rules (their look from the dxfs of xl/styles.xml) and the rules Excel 2010
 * keeps in the worksheet's x14 extension (their look inline, x14:dxf). Independent of the writer
 * (cli/xlsxWriter.ts) and of ExcelJS (which reads no extension rule of type expression): it reads
 * what Excel or LibreOffice would, whoever wrote the file.
 */
import JSZip from "jszip";
import { posix } from "path";

export interface FileConditionalFormat {
  sheet: string;
  /** The cells formatted (sqref), e.g. "N16:N315". */
  range: string;
  /** The rule's formula as stored (no "=", storage prefixes as written). */
  formula: string;
  type: string;
  priority: number;
  /** Kept in the worksheet's x14 extension (Excel 2010), not in <conditionalFormatting>. */
  extension: boolean;
  fill?: string;
  fontColor?: string;
  bold?: boolean;
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

/** The look of a differential format (<dxf> or <x14:dxf>): bold, font colour, fill (RRGGBB). */
function look(dxf: string): { fill?: string; fontColor?: string; bold?: boolean } {
  const out: { fill?: string; fontColor?: string; bold?: boolean } = {};
  const font = /<font>([\s\S]*?)<\/font>/.exec(dxf)?.[1] ?? "";
  const b = /<b(?:\s+val="([^"]*)")?\s*\/>/.exec(font);
  if (b && b[1] !== "0" && b[1] !== "false") out.bold = true;
  const color = /<color\b[^>]*\srgb="([0-9A-Fa-f]{8})"/.exec(font);
  if (color) out.fontColor = color[1].slice(2).toUpperCase();
  const fill = /<fill>([\s\S]*?)<\/fill>/.exec(dxf)?.[1] ?? "";
  const bg = /<bgColor\b[^>]*\srgb="([0-9A-Fa-f]{8})"/.exec(fill) ?? /<fgColor\b[^>]*\srgb="([0-9A-Fa-f]{8})"/.exec(fill);
  if (bg) out.fill = bg[1].slice(2).toUpperCase();
  return out;
}

/** Every conditional format rule of every sheet, in sheet order, then by priority. */
export async function readConditionalFormats(data: Uint8Array): Promise<FileConditionalFormat[]> {
  const zip = await JSZip.loadAsync(data);
  const workbook = (await zip.file("xl/workbook.xml")?.async("string")) ?? "";
  const rels = new Map<string, string>();
  for (const m of ((await zip.file("xl/_rels/workbook.xml.rels")?.async("string")) ?? "").matchAll(/<Relationship\b[^>]*>/g)) {
    const target = attr(m[0], "Target")!;
    rels.set(attr(m[0], "Id")!, target.startsWith("/") ? target.slice(1) : posix.join("xl", target));
  }
  const styles = (await zip.file("xl/styles.xml")?.async("string")) ?? "";
  const dxfs = [...(/<dxfs\b[^>]*>([\s\S]*?)<\/dxfs>/.exec(styles)?.[1] ?? "").matchAll(/<dxf>([\s\S]*?)<\/dxf>|<dxf\/>/g)].map(
    (m) => m[1] ?? "",
  );
  const out: FileConditionalFormat[] = [];
  for (const s of workbook.matchAll(/<sheet\b[^>]*>/g)) {
    const sheet = attr(s[0], "name")!;
    const part = rels.get(attr(s[0], "r:id")!);
    const xml = part ? ((await zip.file(part)?.async("string")) ?? "") : "";
    const rules: FileConditionalFormat[] = [];
    for (const cf of xml.matchAll(/<conditionalFormatting\b([^>]*)>([\s\S]*?)<\/conditionalFormatting>/g)) {
      const range = attr(cf[1], "sqref") ?? "";
      for (const r of cf[2].matchAll(/<cfRule\b([^>]*)>([\s\S]*?)<\/cfRule>/g)) {
        const dxfId = attr(r[1], "dxfId");
        rules.push({
          sheet,
          range,
          formula: unescape(/<formula>([^<]*)<\/formula>/.exec(r[2])?.[1] ?? ""),
          type: attr(r[1], "type") ?? "",
          priority: Number(attr(r[1], "priority")),
          extension: false,
          ...(dxfId !== undefined ? look(dxfs[Number(dxfId)] ?? "") : {}),
        });
      }
    }
    for (const cf of xml.matchAll(/<x14:conditionalFormatting\b[^>]*>([\s\S]*?)<\/x14:conditionalFormatting>/g)) {
      const range = unescape(/<xm:sqref>([^<]*)<\/xm:sqref>/.exec(cf[1])?.[1] ?? "");
      for (const r of cf[1].matchAll(/<x14:cfRule\b([^>]*)>([\s\S]*?)<\/x14:cfRule>/g)) {
        rules.push({
          sheet,
          range,
          formula: unescape(/<xm:f>([^<]*)<\/xm:f>/.exec(r[2])?.[1] ?? ""),
          type: attr(r[1], "type") ?? "",
          priority: Number(attr(r[1], "priority")),
          extension: true,
          ...look(/<x14:dxf>([\s\S]*?)<\/x14:dxf>/.exec(r[2])?.[1] ?? ""),
        });
      }
    }
    out.push(...rules.sort((a, b) => a.priority - b.priority));
  }
  return out;
}
