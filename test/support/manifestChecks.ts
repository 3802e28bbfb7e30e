/*
 * Offline checks of an add-in manifest, shared by test/manifest.test.ts (manifest.xml, pointing at the
 * dev server) and test/deploy.test.ts (the dist/manifest.xml of a production build for a hosting
 * address): well-formed XML, the elements Excel needs for a shared-runtime add-in with SCM custom
 * functions and a Home tab button, the narrowest permission, every resid defined, and every URL under
 * the expected base URL and served from a file the build emits.
 * Microsoft's validation web service (office-addin-manifest validate) is not used: it is online only,
 * and office-addin-manifest has no offline schema validation for XML manifests (only for JSON ones).
 */
import { execFileSync } from "child_process";
import { existsSync, readFileSync } from "fs";
import { dirname, join, resolve } from "path";
import { FUNCTION_NAMES } from "../functions/names";

export const ROOT = resolve(__dirname, "..", "..");

export const NS = {
  app: "http://schemas.microsoft.com/office/appforoffice/1.1",
  ov: "http://schemas.microsoft.com/office/taskpaneappversionoverrides",
  bt: "http://schemas.microsoft.com/office/officeappbasictypes/1.0",
  xsi: "http://www.w3.org/2001/XMLSchema-instance",
};

/** Runs the real webpack CLI in this project (production mode unless the arguments say otherwise). */
export function runWebpack(args: string[]): void {
  const webpackCli = require.resolve("webpack-cli/bin/cli.js", { paths: [ROOT] });
  execFileSync(process.execPath, [webpackCli, "--mode", "production", ...args], { cwd: ROOT, stdio: "pipe" });
}

// ---- a small namespace-aware element tree over xml2js (the strict, sax-based parser that
// ---- office-addin-manifest itself uses; resolved through it so we use the same copy).

export interface El {
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

export function parseXml(xml: string): Promise<El> {
  return new Promise((resolvePromise, reject) => {
    const options = { xmlns: true, explicitChildren: true, preserveChildrenOrder: true, strict: true };
    xml2js.parseString(xml, options, (err, result) => {
      if (err) reject(err);
      else resolvePromise(toEl(Object.values(result)[0]));
    });
  });
}

export function children(el: El, uri: string, name: string): El[] {
  return el.children.filter((c) => c.uri === uri && c.name === name);
}

/** Exactly one child; a clear message when it is missing or repeated. */
export function child(el: El, uri: string, name: string): El {
  const found = children(el, uri, name);
  if (found.length !== 1) throw new Error(`<${el.name}> has ${found.length} <${name}> children, expected 1`);
  return found[0];
}

export function descendants(el: El, predicate: (e: El) => boolean): El[] {
  const out: El[] = [];
  const walk = (e: El) => {
    if (predicate(e)) out.push(e);
    e.children.forEach(walk);
  };
  walk(el);
  return out;
}

/** The requirement sets the base manifest declares, by name: their MinVersion. */
export function declaredSets(root: El): Record<string, string> {
  const sets = children(child(child(root, NS.app, "Requirements"), NS.app, "Sets"), NS.app, "Set");
  return Object.fromEntries(sets.map((s) => [s.attrs.Name, s.attrs.MinVersion]));
}

function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(bytes.toString("ascii", 12, 16)).toBe("IHDR");
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

export interface ManifestUnderTest {
  /** The manifest file to check. */
  manifest: string;
  /** The build output folder its URLs are served from. */
  dist: string;
  /** The base URL every URL of the manifest must start with (ends with "/"). */
  baseUrl: string;
}

/**
 * Defines the manifest checks as a describe block. `target` is called in the block's beforeAll, so
 * a file may build first in its own (outer) beforeAll.
 */
export function describeManifest(title: string, target: () => ManifestUnderTest): void {
  describe(title, () => {
    let t: ManifestUnderTest;
    let root: El;
    let overrides: El;
    let host: El;
    /** Resources by id: the bt:Url / bt:Image / bt:String DefaultValue. */
    const resources = new Map<string, { kind: string; value: string }>();

    beforeAll(async () => {
      t = target();
      root = await parseXml(readFileSync(t.manifest, "utf8"));
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

    /** The file of the build output a URL of the manifest is served from. */
    function fileOf(url: string): string {
      expect(url.startsWith(t.baseUrl)).toBe(true);
      return join(t.dist, decodeURIComponent(url.slice(t.baseUrl.length)));
    }

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
      // CustomFunctionsRuntime 1.3: CustomFunctions.Error (1.2) with the ErrorCode values #NUM!, #DIV/0!
      // (1.3); test/requirements.test.ts derives the minimum from the code.
      expect(declaredSets(root)).toEqual({ SharedRuntime: "1.1", CustomFunctionsRuntime: "1.3" });
    });

    test("asks for ReadWriteDocument and nothing broader", () => {
      expect(children(root, NS.app, "Permissions").map((p) => p.text)).toEqual(["ReadWriteDocument"]);
    });

    test("opens taskpane.html by default", () => {
      const source = child(child(root, NS.app, "DefaultSettings"), NS.app, "SourceLocation");
      expect(source.attrs.DefaultValue).toBe(`${t.baseUrl}taskpane.html`);
    });

    test("runs everything in one long-lived shared runtime on taskpane.html", () => {
      expect(overrides.attrs["xsi:type"]).toBe("VersionOverridesV1_0");
      expect(host.attrs["xsi:type"]).toBe("Workbook");
      const runtime = child(child(host, NS.ov, "Runtimes"), NS.ov, "Runtime");
      expect(runtime.attrs.lifetime).toBe("long");
      expect(urlOf(runtime.attrs.resid)).toBe(`${t.baseUrl}taskpane.html`);

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
      expect(urlOf(source("Script"))).toBe(`${t.baseUrl}functions.js`);
      expect(urlOf(source("Page"))).toBe(`${t.baseUrl}taskpane.html`);
      expect(urlOf(source("Metadata"))).toBe(`${t.baseUrl}functions.json`);
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
      expect(urlOf(child(action, NS.ov, "SourceLocation").attrs.resid)).toBe(`${t.baseUrl}taskpane.html`);
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

    test("points every URL at the base URL and at a file the build emits", () => {
      const urls = [
        ...["IconUrl", "HighResolutionIconUrl", "SupportUrl"].map((n) => child(root, NS.app, n).attrs.DefaultValue),
        ...descendants(root, (e) => e.name === "SourceLocation" && e.attrs.DefaultValue !== undefined).map((e) => e.attrs.DefaultValue),
        ...[...resources.values()].filter((r) => r.kind === "Urls/Url" || r.kind === "Images/Image").map((r) => r.value),
      ];
      expect(urls.length).toBeGreaterThanOrEqual(10);
      for (const url of urls) {
        expect({ url, underBase: url.startsWith(t.baseUrl) }).toEqual({ url, underBase: true });
        expect({ url, emitted: existsSync(fileOf(url)) }).toEqual({ url, emitted: true });
      }
    });

    test("uses PNG icons of the sizes it declares", () => {
      const icon = (n: string) => fileOf(child(root, NS.app, n).attrs.DefaultValue);
      expect(pngSize(icon("IconUrl"))).toEqual({ width: 32, height: 32 });
      expect(pngSize(icon("HighResolutionIconUrl"))).toEqual({ width: 64, height: 64 });
      const images = descendants(overrides, (e) => e.uri === NS.bt && e.name === "Image" && e.attrs.size !== undefined);
      expect(images.length).toBeGreaterThanOrEqual(6);
      for (const image of images) {
        const size = Number(image.attrs.size);
        const file = fileOf(resources.get(image.attrs.resid)!.value);
        expect(pngSize(file)).toEqual({ width: size, height: size });
      }
    });

    test("matches the function metadata the build generates", () => {
      const metadata = JSON.parse(readFileSync(join(t.dist, "functions.json"), "utf8")) as { functions: { id: string; name: string }[] };
      const ids = metadata.functions.map((f) => f.id);
      for (const id of ids) expect(id).toMatch(/^[A-Z][A-Z0-9_.]*$/);
      expect(new Set(ids).size).toBe(ids.length);
      // Exactly the functions functions/functions.ts exports (test/functions/names.ts): a stale build fails here.
      expect([...ids].sort()).toEqual(FUNCTION_NAMES);
    });

    test("is read by office-addin-manifest (the parser npm start/stop use) with the same facts", () => {
      // In a child process: office-addin-manifest pulls an ESM-only package (strip-bom) that this jest
      // config does not transform, while plain Node 20 loads it fine, as npm start/stop do.
      const script =
        'require("office-addin-manifest").OfficeAddinManifest.readManifestFile(process.argv[1])' +
        ".then((info) => process.stdout.write(JSON.stringify(info)))";
      const info = JSON.parse(execFileSync(process.execPath, ["-e", script, t.manifest], { cwd: ROOT, encoding: "utf8" }));
      expect(info.id).toBe(child(root, NS.app, "Id").text);
      expect(info.officeAppType).toBe("TaskPaneApp");
      expect(info.hosts).toEqual(["Workbook"]);
      expect(info.permissions).toBe("ReadWriteDocument");
      expect(info.defaultSettings?.sourceLocation).toBe(`${t.baseUrl}taskpane.html`);
    });
  });
}
