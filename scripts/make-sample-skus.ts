/**
 * A sample SKU table for the replenishment plan: 300 SKUs with stock positions, costs, lead times,
 * case sizes and 104 weeks of demand history (W1 the oldest), in four demand patterns (40% smooth,
 * 20% seasonal, 25% intermittent, 15% lumpy). Deterministic: every random draw comes from the
 * mulberry32 generator below, seeded from SEED, so a rerun writes the same bytes.
 *
 *   npx tsx scripts/make-sample-skus.ts [out.csv] [--skus N]   (default samples/skus.csv at the repository root, 300 SKUs)
 *
 * --skus makes a larger table of the same mix for the benchmarks (npm run bench -- plan).
 *
 * On stderr: the intended patterns against the classes that Syntetos, Boylan & Croston's rules
 * (src/classify/demandClass.ts) give to the written history, and the spread of value for ABC.
 * samples/README.md describes the columns.
 */
import { mkdirSync } from "fs";
import { dirname, join, resolve } from "path";
import { classifyDemand, demandProfile, type DemandClassName } from "../src/classify/demandClass";
import { writeFileAtomic } from "../cli/files";

const SEED = 20240601;
const args = process.argv.slice(2);
const skusFlag = args.indexOf("--skus");
const SKUS = skusFlag >= 0 ? Number(args.splice(skusFlag, 2)[1]) : 300;
if (!(Number.isInteger(SKUS) && SKUS >= 20 && SKUS <= 100_000)) throw new Error("--skus must be a whole number from 20 to 100,000");
const WEEKS = 104;
const PERIOD = 52;

type Pattern = "smooth" | "seasonal" | "intermittent" | "lumpy";
const PATTERNS: Pattern[] = ["smooth", "seasonal", "intermittent", "lumpy"];
const SHARE: Record<Pattern, number> = { smooth: 0.4, seasonal: 0.2, intermittent: 0.25, lumpy: 0.15 };
const LABEL: Record<Pattern, string> = { smooth: "Smooth", seasonal: "Seasonal", intermittent: "Intermittent", lumpy: "Lumpy" };

/** SKUs (exact counts: 9, 15 and 5 of 300) with a late start (leading blank weeks), backorders, and a lead time of 1.5 weeks. */
const LATE_STARTS = Math.round(SKUS * 0.03);
const BACKORDERED = Math.round(SKUS * 0.05);
const HALF_WEEK_LEAD = Math.round(SKUS / 60);

// ---- random numbers -------------------------------------------------------------------------------

/** mulberry32: a 32-bit state generator of uniform numbers in [0, 1). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  uniform(lo = 0, hi = 1): number {
    return lo + (hi - lo) * this.next();
  }
  /** An integer in lo..hi, both included. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  logUniform(lo: number, hi: number): number {
    return Math.exp(this.uniform(Math.log(lo), Math.log(hi)));
  }
  /** Standard normal (Box-Muller, one of the pair). */
  normal(): number {
    const u = 1 - this.next(); // (0, 1]
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }
}

/** The seed of SKU i's own stream (so a change to one SKU's draws leaves the others alone). */
const skuSeed = (i: number): number => (Math.imul(SEED ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(i + 1, 0xc2b2ae35)) >>> 0;

// ---- demand history --------------------------------------------------------------------------------

/** Level * (1 + drift over the history) * (1 + seasonal swing), with AR(1) noise of relative sd cv; integers >= 0. */
function continuous(rng: Rng, n: number, seasonal: boolean): number[] {
  const level = rng.logUniform(20, 400);
  const drift = rng.uniform(-0.2, 0.3); // over the whole history
  const amplitude = seasonal ? rng.uniform(0.2, 0.5) : 0;
  const phase = rng.int(0, PERIOD - 1);
  const cv = seasonal ? rng.uniform(0.05, 0.2) : rng.uniform(0.08, 0.3);
  const phi = rng.uniform(0.2, 0.7);
  const innovation = cv * Math.sqrt(1 - phi * phi); // stationary sd of the AR(1) is cv
  let e = cv * rng.normal();
  const x: number[] = [];
  for (let t = 0; t < n; t++) {
    if (t > 0) e = phi * e + innovation * rng.normal();
    const base = level * (1 + (drift * t) / (WEEKS - 1)) * (1 + amplitude * Math.sin((2 * Math.PI * (t + phase)) / PERIOD));
    x.push(Math.max(0, Math.round(base * (1 + e))));
  }
  return x;
}

/** Demand in a share p of the weeks; sizes from size(). At least two demands (a CV^2 needs two). */
function sporadic(rng: Rng, n: number, p: number, size: () => number): number[] {
  for (;;) {
    const x: number[] = [];
    for (let t = 0; t < n; t++) x.push(rng.chance(p) ? size() : 0);
    if (x.filter((v) => v > 0).length >= 2) return x;
  }
}

function history(rng: Rng, pattern: Pattern, n: number): number[] {
  switch (pattern) {
    case "smooth":
      return continuous(rng, n, false);
    case "seasonal":
      return continuous(rng, n, true);
    case "intermittent": {
      const maxSize = rng.int(3, 6);
      return sporadic(rng, n, rng.uniform(0.15, 0.45), () => rng.int(1, maxSize));
    }
    case "lumpy": {
      const median = rng.logUniform(3, 40);
      const sigma = rng.uniform(0.8, 1.2);
      return sporadic(rng, n, rng.uniform(0.1, 0.35), () => {
        const large = rng.chance(0.08) ? rng.uniform(4, 10) : 1;
        return Math.max(1, Math.round(median * Math.exp(sigma * rng.normal()) * large));
      });
    }
  }
}

// ---- the table -------------------------------------------------------------------------------------

interface Sku {
  id: string;
  pattern: Pattern;
  description: string;
  onHand: number;
  onOrder: number;
  backorders: number;
  leadTime: number;
  unitCost: number;
  orderCost: number;
  holdingRate: number;
  caseSize: number | undefined;
  /** WEEKS entries, undefined before the SKU started selling. */
  weeks: (number | undefined)[];
}

const round = (x: number, digits: number): number => Math.round(x * 10 ** digits) / 10 ** digits;

function makeSkus(): Sku[] {
  const master = new Rng(SEED);
  const patterns: Pattern[] = [];
  for (const p of PATTERNS) for (let k = 0; k < Math.round(SHARE[p] * SKUS); k++) patterns.push(p);
  if (patterns.length !== SKUS) throw new Error(`pattern shares give ${patterns.length} SKUs, not ${SKUS}`);
  master.shuffle(patterns);
  const order = (): Set<number> => new Set(master.shuffle([...Array(SKUS).keys()]));
  const late = new Set([...order()].slice(0, LATE_STARTS));
  const backordered = new Set([...order()].slice(0, BACKORDERED));
  const halfWeek = new Set([...order()].slice(0, HALF_WEEK_LEAD));

  const counter: Record<Pattern, number> = { smooth: 0, seasonal: 0, intermittent: 0, lumpy: 0 };
  return patterns.map((pattern, i) => {
    const rng = new Rng(skuSeed(i));
    const start = late.has(i) ? rng.int(13, 78) : 0; // a late starter has at least 26 weeks of history
    const sold = history(rng, pattern, WEEKS - start);
    const weeks: (number | undefined)[] = [...Array<undefined>(start).fill(undefined), ...sold];
    const mean = sold.reduce((s, v) => s + v, 0) / sold.length;

    const caseSize = rng.chance(0.2) ? undefined : rng.pick([1, 6, 12, 24, 48]);
    const unitCost = round(rng.logUniform(0.5, 500), 2);
    const orderCost = rng.int(20, 150);
    const holdingRate = round(rng.uniform(0.15, 0.35), 2);
    const leadTime = halfWeek.has(i) ? 1.5 : rng.pick([1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 5, 5, 6, 6, 7, 8]);

    let onHand: number;
    let backorders = 0;
    if (backordered.has(i)) {
      onHand = 0;
      backorders = Math.max(1, Math.round(mean * rng.uniform(0.2, 2)));
    } else if (rng.chance(0.04)) {
      onHand = 0;
    } else if (rng.chance(0.03)) {
      onHand = Math.round(mean * rng.uniform(20, 52)); // overstock
    } else {
      // Between half the protection interval and some 12 weeks beyond it: a week where about a third of the SKUs need an order.
      onHand = Math.round(mean * rng.uniform(0.5 * (leadTime + 1), leadTime + 12));
    }
    const onOrder = rng.chance(0.5) ? 0 : Math.max(1, Math.round(mean * rng.uniform(1, 4)));

    counter[pattern]++;
    const id = `SKU-${String(i + 1).padStart(4, "0")}`;
    const description = `${LABEL[pattern]} item ${counter[pattern]}`;
    return { id, pattern, description, onHand, onOrder, backorders, leadTime, unitCost, orderCost, holdingRate, caseSize, weeks };
  });
}

/** A number in plain decimal (no exponent, no separators). */
function num(x: number): string {
  const s = String(x);
  if (!Number.isFinite(x) || /e/i.test(s)) throw new Error(`cannot write ${x} in plain decimal`);
  return s;
}

function field(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const HEADER = [
  "SKU",
  "Description",
  "On hand",
  "On order",
  "Backorders",
  "Lead time",
  "Unit cost",
  "Order cost",
  "Holding rate",
  "Case size",
  ...Array.from({ length: WEEKS }, (_, t) => `W${t + 1}`),
];

function toCsv(skus: Sku[]): string {
  const lines = [HEADER.map(field).join(",")];
  for (const s of skus) {
    const cells = [
      field(s.id),
      field(s.description),
      num(s.onHand),
      num(s.onOrder),
      num(s.backorders),
      num(s.leadTime),
      num(s.unitCost),
      num(s.orderCost),
      num(s.holdingRate),
      s.caseSize === undefined ? "" : num(s.caseSize),
      ...s.weeks.map((v) => (v === undefined ? "" : num(v))),
    ];
    lines.push(cells.join(","));
  }
  return lines.join("\n") + "\n";
}

// ---- summary ---------------------------------------------------------------------------------------

function summary(skus: Sku[]): string {
  const classes: DemandClassName[] = ["smooth", "erratic", "intermittent", "lumpy"];
  const table = new Map<Pattern, Record<DemandClassName, number>>();
  for (const p of PATTERNS) table.set(p, { smooth: 0, erratic: 0, intermittent: 0, lumpy: 0 });
  for (const s of skus) {
    const sold = s.weeks.filter((v): v is number => v !== undefined); // leading blanks skipped
    const { adi, cv2 } = demandProfile(sold);
    table.get(s.pattern)![classifyDemand(adi, cv2!)]++;
  }
  const pad = (s: string | number, w: number): string => String(s).padStart(w);
  const out = [`intended pattern  count | computed class:${classes.map((c) => pad(c, 13)).join("")}`];
  for (const p of PATTERNS) {
    const row = table.get(p)!;
    const n = classes.reduce((a, c) => a + row[c], 0);
    out.push(`${p.padEnd(16)} ${pad(n, 6)} |                ${classes.map((c) => pad(row[c], 13)).join("")}`);
  }
  const totals = classes.map((c) => PATTERNS.reduce((a, p) => a + table.get(p)![c], 0));
  out.push(`${"all".padEnd(16)} ${pad(skus.length, 6)} |                ${totals.map((v) => pad(v, 13)).join("")}`);

  const values = skus.map((s) => s.unitCost * s.weeks.reduce<number>((a, v) => a + (v ?? 0), 0)).sort((a, b) => b - a);
  const total = values.reduce((a, v) => a + v, 0);
  const share = (k: number): string => `${((100 * values.slice(0, k).reduce((a, v) => a + v, 0)) / total).toFixed(1)}%`;
  let cum = 0;
  let a80 = 0;
  while (cum < 0.8 * total) cum += values[a80++];
  out.push(
    `value (history x unit cost): top 5% of SKUs ${share(SKUS * 0.05)}, top 10% ${share(SKUS * 0.1)}, top 20% ${share(SKUS * 0.2)};` +
      ` ${a80} SKUs carry 80%`,
  );
  out.push(
    `late starters ${skus.filter((s) => s.weeks[0] === undefined).length}, backordered ${skus.filter((s) => s.backorders > 0).length},` +
      ` on hand 0 ${skus.filter((s) => s.onHand === 0).length}, on order 0 ${skus.filter((s) => s.onOrder === 0).length},` +
      ` lead time 1.5 ${skus.filter((s) => s.leadTime === 1.5).length}, no case size ${skus.filter((s) => s.caseSize === undefined).length}`,
  );
  return out.join("\n");
}

// ---- main ------------------------------------------------------------------------------------------

const out = args[0] ? resolve(args[0]) : join(__dirname, "..", "samples", "skus.csv");
const skus = makeSkus();
mkdirSync(dirname(out), { recursive: true });
writeFileAtomic(out, toCsv(skus)); // a temporary file renamed over the target: never a cut file
process.stderr.write(`${summary(skus)}\nwrote ${out} (${skus.length} SKUs, ${WEEKS} weeks)\n`);
