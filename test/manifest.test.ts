/*
 * manifest.xml, checked offline: well-formed XML, the elements Excel needs for a shared-runtime add-in
 * with SCM custom functions and a Home tab button, the narrowest permission, every resid defined,
 * and every URL served by the dev server from a file the production build emits in dist/.
 * Microsoft's validation web service (office-addin-manifest validate) is not used: it is online only.
 */
import { execFileSync } from "child_process";
import { existsSync, readFileSync } from "fs";
import { dirname, join, resolve } from "path";

const ROOT = resolve(__dirname, "..");
const DIST = join(ROOT, "dist");
const MANIFEST = join(ROOT, "manifest.xml");
const BASE_URL = "https://localhost:3000/";

const NS = {
  app: "http://schemas.microsoft.com/office/appforoffice/1.1",
  ov: "http://schemas.microsoft.com/office/taskpaneappversionoverrides",
  bt: "http://schemas.microsoft.com/office/officeappbasictypes/1.0",
  xsi: "http://www.w3.org/2001/XMLSchema-instance",
};

/** The functions issue 2 requires; functions.json may list more. */
const REQUIRED_FUNCTIONS = [
  "EOQ",
  "EOQ_COST",
  "SAFETY_STOCK",
  "REORDER_POINT",
  "MIN_MAX",
  "BULLWHIP_RATIO",
  "TC_1N",
  "BULLWHIP_BOUND",
  "NORMAL_LOSS",
  "FILL_RATE",
  "TC_1N_OPTIMIZE",
  "EOQ_DISCOUNT",
];

/** `npm test` builds first; a lone `npx jest` run builds here if dist/ is missing. */
function ensureBuilt(): void {
  if (existsSync(join(DIST, "taskpane.html")) && existsSync(join(DIST, "functions.json"))) return;
  const webpackCli = require.resolve("webpack-cli/bin/cli.js", { paths: [ROOT] });
  execFileSync(process.execPath, [webpackCli, "--mode", "production"], { cwd: ROOT, stdio: "pipe" });
}

// ---- a small namespace-aware element tree over xml2js (the strict, sax-based parser that
// ---- office-addin-manifest itself uses; resolved through it so we use the same copy).

interface El {
  uri: string;
  name: string; // local name
  attrs: Record<string, string>; // unqualified attributes by name; xsi:type as "xsi:type"
  children: El[];
  text: string;
}

interface RawAttr {
  value: string;
  local: string;
  uri: string;
}
interface RawNode {
  $ns: { uri: string; local: string };
  $?: Record<string, RawAttr>;
  $$?: RawNode[];
  _?: string;
}

type ParseString = (xml: string, options: object, callback: (err: Error | null, result: Record<string, RawNode>) => void) => void;
const xml2js = require(require.resolve("xml2js", { paths: [dirname(require.resolve("office-addin-manifest"))] })) as {
  parseString: ParseString;
};

function toEl(node: RawNode): El {
  const attrs: Record<string, string> = {};
  for (const attr of Object.values(node.$ ?? {})) {
    if (attr.uri === "") attrs[attr.local] = attr.value;
    else if (attr.uri === NS.xsi) attrs[`xsi:${attr.local}`] = attr.value;
  }
  return { uri: node.$ns.uri, name: node.$ns.local, attrs, children: (node.$$ ?? []).map(toEl), text: (node._ ?? "").trim() };
}

function parseXml(xml: string): Promise<El> {
  return new Promise((resolvePromise, reject) => {
    const options = { xmlns: true, explicitChildren: true, preserveChildrenOrder: true, strict: true };
    xml2js.parseString(xml, options, (err, result) => {
      if (err) reject(err);
      else resolvePromise(toEl(Object.values(result)[0]));
    });
  });
}

function children(el: El, uri: string, name: string): El[] {
  return el.children.filter((c) => c.uri === uri && c.name === name);
}

/** Exactly one child; a clear message when it is missing or repeated. */
function child(el: El, uri: string, name: string): El {
  const found = children(el, uri, name);
  if (found.length !== 1) throw new Error(`<${el.name}> has ${found.length} <${name}> children, expected 1`);
  return found[0];
}

function descendants(el: El, predicate: (e: El) => boolean): El[] {
  const out: El[] = [];
  const walk = (e: El) => {
    if (predicate(e)) out.push(e);
    e.children.forEach(walk);
  };
  walk(el);
  return out;
}

function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(bytes.toString("ascii", 12, 16)).toBe("IHDR");
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

let root: El;
let overrides: El;
let host: El;
/** Resources by id: the bt:Url / bt:Image / bt:String DefaultValue. */
const resources = new Map<string, { kind: string; value: string }>();

beforeAll(async () => {
  ensureBuilt();
  root = await parseXml(readFileSync(MANIFEST, "utf8"));
  overrides = child(root, NS.ov, "VersionOverrides");
  host = child(child(overrides, NS.ov, "Hosts"), NS.ov, "Host");
  const res = child(overrides, NS.ov, "Resources");
  for (const group of res.children) {
    for (const item of group.children) {
      expect(resources.has(item.attrs.id)).toBe(false); // ids are unique across resource kinds
      resources.set(item.attrs.id, { kind: `${group.name}/${item.name}`, value: item.attrs.DefaultValue });
    }
  }
});

/** The URL a resid points at (it must be a bt:Url). */
function urlOf(resid: string): string {
  const r = resources.get(resid);
  if (!r || r.kind !== "Urls/Url") throw new Error(`resid ${resid} is not a bt:Url`);
  return r.value;
}

describe("manifest.xml", () => {
  test("rejects malformed XML (the parser is strict)", async () => {
    await expect(parseXml("<OfficeApp><Id></OfficeApp>")).rejects.toThrow();
  });

  test("is a TaskPaneApp in the add-in manifest namespace", () => {
    expect(root.uri).toBe(NS.app);
    expect(root.name).toBe("OfficeApp");
    expect(root.attrs["xsi:type"]).toBe("TaskPaneApp");
  });

  test("has the base elements in schema order, with sane values", () => {
    const order = root.children.filter((c) => c.uri === NS.app).map((c) => c.name);
    // The add-in manifest schema is an xs:sequence: order matters to Office's validator.
    expect(order).toEqual([
      "Id",
      "Version",
      "ProviderName",
      "DefaultLocale",
      "DisplayName",
      "Description",
      "IconUrl",
      "HighResolutionIconUrl",
      "SupportUrl",
      ...(order.includes("AppDomains") ? ["AppDomains"] : []),
      "Hosts",
      "Requirements",
      "DefaultSettings",
      "Permissions",
    ]);
    expect(child(root, NS.app, "Id").text).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i);
    expect(child(root, NS.app, "Version").text).toMatch(/^\d+(\.\d+){0,3}$/);
    expect(child(root, NS.app, "ProviderName").text).not.toBe("");
    expect(child(root, NS.app, "DefaultLocale").text).toBe("en-US");
    for (const name of ["DisplayName", "Description"]) {
      expect(child(root, NS.app, name).attrs.DefaultValue?.length).toBeGreaterThan(0);
    }
  });

  test("targets Excel workbooks only and requires the shared and custom-functions runtimes", () => {
    const hosts = children(child(root, NS.app, "Hosts"), NS.app, "Host").map((h) => h.attrs.Name);
    expect(hosts).toEqual(["Workbook"]);
    const sets = children(child(child(root, NS.app, "Requirements"), NS.app, "Sets"), NS.app, "Set");
    const versions = Object.fromEntries(sets.map((s) => [s.attrs.Name, s.attrs.MinVersion]));
    expect(versions).toEqual({ SharedRuntime: "1.1", CustomFunctionsRuntime: "1.1" });
  });

  test("asks for ReadWriteDocument and nothing broader", () => {
    expect(children(root, NS.app, "Permissions").map((p) => p.text)).toEqual(["ReadWriteDocument"]);
  });

  test("opens taskpane.html by default", () => {
    const source = child(child(root, NS.app, "DefaultSettings"), NS.app, "SourceLocation");
    expect(source.attrs.DefaultValue).toBe(`${BASE_URL}taskpane.html`);
  });

  test("runs everything in one long-lived shared runtime on taskpane.html", () => {
    expect(overrides.attrs["xsi:type"]).toBe("VersionOverridesV1_0");
    expect(host.attrs["xsi:type"]).toBe("Workbook");
    const runtime = child(child(host, NS.ov, "Runtimes"), NS.ov, "Runtime");
    expect(runtime.attrs.lifetime).toBe("long");
    expect(urlOf(runtime.attrs.resid)).toBe(`${BASE_URL}taskpane.html`);

    // The shared runtime only loads if the custom functions page, the function file and the task
    // pane all use the Runtime's resid (Microsoft, "Configure your Office Add-in to use a shared runtime").
    const pageResids = descendants(host, (e) => e.name === "SourceLocation" && e.attrs.resid === runtime.attrs.resid);
    expect(pageResids.length).toBeGreaterThanOrEqual(2); // CustomFunctions Page + ShowTaskpane
    const functionFile = child(child(host, NS.ov, "DesktopFormFactor"), NS.ov, "FunctionFile");
    expect(functionFile.attrs.resid).toBe(runtime.attrs.resid);
  });

  test("declares the custom functions in namespace SCM", () => {
    const points = children(child(host, NS.ov, "AllFormFactors"), NS.ov, "ExtensionPoint");
    const cf = points.filter((p) => p.attrs["xsi:type"] === "CustomFunctions");
    expect(cf).toHaveLength(1);
    const source = (name: string) => child(child(cf[0], NS.ov, name), NS.ov, "SourceLocation").attrs.resid;
    expect(urlOf(source("Script"))).toBe(`${BASE_URL}functions.js`);
    expect(urlOf(source("Page"))).toBe(`${BASE_URL}taskpane.html`);
    expect(urlOf(source("Metadata"))).toBe(`${BASE_URL}functions.json`);
    const namespace = resources.get(child(cf[0], NS.ov, "Namespace").attrs.resid);
    expect(namespace).toEqual({ kind: "ShortStrings/String", value: "SCM" });
  });

  test("puts a button on the Home tab that shows the task pane", () => {
    const desktop = child(host, NS.ov, "DesktopFormFactor");
    const surface = children(desktop, NS.ov, "ExtensionPoint").filter((p) => p.attrs["xsi:type"] === "PrimaryCommandSurface");
    expect(surface).toHaveLength(1);
    const tab = child(surface[0], NS.ov, "OfficeTab");
    expect(tab.attrs.id).toBe("TabHome");
    const buttons = descendants(tab, (e) => e.name === "Control" && e.attrs["xsi:type"] === "Button");
    const showers = buttons.filter((b) => child(b, NS.ov, "Action").attrs["xsi:type"] === "ShowTaskpane");
    expect(showers).toHaveLength(1);
    const action = child(showers[0], NS.ov, "Action");
    expect(child(action, NS.ov, "TaskpaneId").text).not.toBe("");
    expect(urlOf(child(action, NS.ov, "SourceLocation").attrs.resid)).toBe(`${BASE_URL}taskpane.html`);
    for (const labelled of [child(tab, NS.ov, "Group"), showers[0]]) {
      expect(resources.get(child(labelled, NS.ov, "Label").attrs.resid)?.kind).toBe("ShortStrings/String");
    }
  });

  test("defines every resid it references, within Office's length limits, and uses every resource", () => {
    const referenced = descendants(overrides, (e) => e.attrs.resid !== undefined).map((e) => e.attrs.resid);
    expect(referenced.length).toBeGreaterThan(10);
    for (const resid of referenced) {
      expect({ resid, defined: resources.has(resid) }).toEqual({ resid, defined: true });
      expect(resid.length).toBeLessThanOrEqual(32);
    }
    expect([...resources.keys()].filter((id) => !referenced.includes(id))).toEqual([]);
    for (const [id, r] of resources) {
      const limit = r.kind === "ShortStrings/String" ? 125 : r.kind === "LongStrings/String" ? 250 : 2048;
      expect({ id, length: r.value.length <= limit }).toEqual({ id, length: true });
    }
  });

  test("points every URL at the dev server and at a file the build emits", () => {
    const urls = [
      ...["IconUrl", "HighResolutionIconUrl", "SupportUrl"].map((n) => child(root, NS.app, n).attrs.DefaultValue),
      ...descendants(root, (e) => e.name === "SourceLocation" && e.attrs.DefaultValue !== undefined).map((e) => e.attrs.DefaultValue),
      ...[...resources.values()].filter((r) => r.kind === "Urls/Url" || r.kind === "Images/Image").map((r) => r.value),
    ];
    expect(urls.length).toBeGreaterThanOrEqual(10);
    for (const url of urls) {
      expect(url.startsWith(BASE_URL)).toBe(true);
      const file = join(DIST, new URL(url).pathname);
      expect({ url, emitted: existsSync(file) }).toEqual({ url, emitted: true });
    }
  });

  test("uses PNG icons of the sizes it declares", () => {
    const icon = (n: string) => join(DIST, new URL(child(root, NS.app, n).attrs.DefaultValue).pathname);
    expect(pngSize(icon("IconUrl"))).toEqual({ width: 32, height: 32 });
    expect(pngSize(icon("HighResolutionIconUrl"))).toEqual({ width: 64, height: 64 });
    const images = descendants(overrides, (e) => e.uri === NS.bt && e.name === "Image" && e.attrs.size !== undefined);
    expect(images.length).toBeGreaterThanOrEqual(6);
    for (const image of images) {
      const size = Number(image.attrs.size);
      const file = join(DIST, new URL(resources.get(image.attrs.resid)!.value).pathname);
      expect(pngSize(file)).toEqual({ width: size, height: size });
    }
  });

  test("is copied unchanged into dist/", () => {
    expect(readFileSync(join(DIST, "manifest.xml"), "utf8")).toBe(readFileSync(MANIFEST, "utf8"));
  });

  test("matches the function metadata the build generates", () => {
    const metadata = JSON.parse(readFileSync(join(DIST, "functions.json"), "utf8")) as { functions: { id: string; name: string }[] };
    const ids = metadata.functions.map((f) => f.id);
    for (const id of ids) expect(id).toMatch(/^[A-Z][A-Z0-9_.]*$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(REQUIRED_FUNCTIONS.filter((id) => !ids.includes(id))).toEqual([]);
  });

  test("is read by office-addin-manifest (the parser npm start/stop use) with the same facts", () => {
    // In a child process: office-addin-manifest pulls an ESM-only package (strip-bom) that this jest
    // config does not transform, while plain Node 20 loads it fine, as npm start/stop do.
    const script =
      'require("office-addin-manifest").OfficeAddinManifest.readManifestFile(process.argv[1])' +
      ".then((info) => process.stdout.write(JSON.stringify(info)))";
    const info = JSON.parse(execFileSync(process.execPath, ["-e", script, MANIFEST], { cwd: ROOT, encoding: "utf8" }));
    expect(info.id).toBe(child(root, NS.app, "Id").text);
    expect(info.officeAppType).toBe("TaskPaneApp");
    expect(info.hosts).toEqual(["Workbook"]);
    expect(info.permissions).toBe("ReadWriteDocument");
    expect(info.defaultSettings?.sourceLocation).toBe(`${BASE_URL}taskpane.html`);
  });
});
