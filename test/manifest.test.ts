/*
 * manifest.xml, checked offline (the checks are in test/support/manifestChecks.ts, shared with
 * test/deploy.test.ts): well-formed XML, the elements Excel needs for a shared-runtime add-in with SCM
 * custom functions and a Home tab button, the narrowest permission, every resid defined, and every URL
 * served by the dev server from a file the production build emits in dist/.
 * Microsoft's validation web service (office-addin-manifest validate, `npm run validate`) is not used:
 * it is online only.
 */
import { existsSync, readFileSync } from "fs";
import { join } from "path";
import { describeManifest, parseXml, ROOT, runWebpack } from "./support/manifestChecks";
import { DEV_BASE_URL } from "./support/deployUrl";

const DIST = join(ROOT, "dist");
const MANIFEST = join(ROOT, "manifest.xml");

/**
 * `npm test` builds first; a lone `npx jest` run builds here if dist/ is missing, or holds a build for
 * a hosting address (`--env url`) or of an older manifest.xml.
 */
beforeAll(() => {
  const built = ["taskpane.html", "functions.json", "manifest.xml"].every((f) => existsSync(join(DIST, f)));
  if (built && readFileSync(join(DIST, "manifest.xml"), "utf8") === readFileSync(MANIFEST, "utf8")) return;
  runWebpack([]);
});

test("the XML parser is strict: it rejects malformed XML", async () => {
  await expect(parseXml("<OfficeApp><Id></OfficeApp>")).rejects.toThrow();
  await expect(parseXml("<OfficeApp><!-- a -- b --><Id/></OfficeApp>")).rejects.toThrow(); // "--" in a comment
});

describeManifest("manifest.xml", () => ({ manifest: MANIFEST, dist: DIST, baseUrl: DEV_BASE_URL }));

describe("dist/manifest.xml of a build without --env url", () => {
  test("is manifest.xml unchanged", () => {
    expect(readFileSync(join(DIST, "manifest.xml"), "utf8")).toBe(readFileSync(MANIFEST, "utf8"));
  });
});
