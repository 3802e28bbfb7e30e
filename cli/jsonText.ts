/**
 * JSON text to a value, with messages a person can act on: where the first syntax error is (line and
 * column, which V8's JSON.parse does not always say) and which numbers are too large to represent
 * (JSON.parse turns 1e309 into Infinity, which a schema then reports as "null").
 */

export type ParsedJson = { ok: true; value: unknown } | { ok: false; message: string };

/** Parses `text` (a leading byte-order mark is ignored); on failure one line naming the place. */
export function parseJson(text: string): ParsedJson {
  const t = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let value: unknown;
  try {
    value = JSON.parse(t);
  } catch (e) {
    const at = syntaxError(t);
    return { ok: false, message: at ? `${where(t, at.offset)}: ${at.expected}` : (e as Error).message };
  }
  const big = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;
  for (let m = big.exec(t); m !== null; m = big.exec(t)) {
    if (!Number.isFinite(Number(m[0])) && !inString(t, m.index)) {
      const shown = m[0].length > 24 ? `${m[0].slice(0, 20)}... (${m[0].length} characters)` : m[0];
      return { ok: false, message: `${where(t, m.index)}: the number ${shown} is too large (the largest is about 1.8e308)` };
    }
  }
  return { ok: true, value };
}

/** "line L, column C" of a 0-based offset (columns count characters from 1). */
function where(text: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return `line ${line}, column ${offset - lineStart + 1}`;
}

/** True when offset lies inside a string literal of valid JSON text. */
function inString(text: string, offset: number): boolean {
  let inside = false;
  for (let i = 0; i < offset; i++) {
    const c = text[i];
    if (inside && c === "\\") i++;
    else if (c === '"') inside = !inside;
  }
  return inside;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPE = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/y;

/**
 * The first syntax error of text that JSON.parse rejected: its offset and what was expected there.
 * Iterative (a stack of open brackets), so any depth of nesting is safe.
 */
export function syntaxError(text: string): { offset: number; expected: string } | null {
  const n = text.length;
  const open: string[] = [];
  let i = 0;
  let want: "value" | "value or ]" | "name or }" | "name" | ":" | "after" = "value";
  const found = () => (i >= n ? "the end of the file" : `'${text[i]}'`);
  const fail = (expected: string) => ({ offset: i, expected: `expected ${expected}, found ${found()}` });
  /** Reads a string at text[i] === '"'; null when it is well formed, else the error. */
  const string = (): { offset: number; expected: string } | null => {
    i++;
    while (i < n && text[i] !== '"') {
      if (text[i] === "\\") {
        ESCAPE.lastIndex = i;
        if (!ESCAPE.test(text))
          return { offset: i, expected: 'expected a valid escape in a string (\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX)' };
        i = ESCAPE.lastIndex;
      } else if (text.charCodeAt(i) < 0x20) {
        return { offset: i, expected: "no line break or control character inside a string (write \\n or \\t)" };
      } else i++;
    }
    if (i >= n) return fail("a closing '\"' of the string");
    i++;
    return null;
  };
  for (;;) {
    while (i < n && (text[i] === " " || text[i] === "\t" || text[i] === "\n" || text[i] === "\r")) i++;
    const c = text[i];
    if (want === "after") {
      if (open.length === 0) return i < n ? fail("the end of the file after the document") : null;
      const close = open[open.length - 1] === "[" ? "]" : "}";
      if (c === ",") {
        i++;
        want = close === "]" ? "value" : "name";
      } else if (c === close) {
        i++;
        open.pop();
      } else return fail(`',' or '${close}'`);
    } else if (want === ":") {
      if (c !== ":") return fail("':' after the field name");
      i++;
      want = "value";
    } else if (want === "name" || want === "name or }") {
      if (want === "name or }" && c === "}") {
        i++;
        open.pop();
        want = "after";
      } else if (c === '"') {
        const e = string();
        if (e) return e;
        want = ":";
      } else
        return fail(
          want === "name" ? "a field name in double quotes (no comma after the last field)" : "a field name in double quotes or '}'",
        );
    } else if (want === "value or ]" && c === "]") {
      i++;
      open.pop();
      want = "after";
    } else if (c === "{" || c === "[") {
      open.push(c);
      i++;
      want = c === "{" ? "name or }" : "value or ]";
    } else if (c === '"') {
      const e = string();
      if (e) return e;
      want = "after";
    } else {
      NUMBER.lastIndex = i;
      const word = /^(true|false|null)/.exec(text.slice(i, i + 5));
      if (word) i += word[1].length;
      else if (NUMBER.test(text)) i = NUMBER.lastIndex;
      else
        return fail(open.length > 0 && open[open.length - 1] === "[" && c === "]" ? "a value (no comma after the last item)" : "a value");
      want = "after";
    }
  }
}
