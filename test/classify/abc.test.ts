/**
 * ABC's engine (src/classify/abc.ts) against the textbook example of Heizer & Render, Operations
 * Management (ch. 12 "Inventory Management", Example 1: ABC analysis for a chip manufacturer,
 * Silicon Chips, Inc.): ten items, annual dollar volume $232,057; the book's classes are A for the two
 * items making 72% of the value, B for the next three (23%), C for the last five (5%).
 */
import { abcClasses, abcClassesInto, abcSharesDomainError } from "../../src/classify/abc";
import { expectDomainError } from "../engine/helpers";

// Annual volume x unit cost of items #10286, #11526, #12760, #10867, #10500, #12572, #14075, #01036, #01307, #10572.
const SILICON_CHIPS = [
  1000 * 90,
  500 * 154,
  1550 * 17,
  350 * 42.86,
  1000 * 12.5,
  600 * 14.17,
  2000 * 0.6,
  100 * 8.5,
  1200 * 0.42,
  250 * 0.6,
];

describe("Heizer & Render, Example 1 (Silicon Chips, Inc.)", () => {
  test("the annual dollar volumes", () => {
    expect(SILICON_CHIPS.map((x) => Math.round(x))).toEqual([90000, 77000, 26350, 15001, 12500, 8502, 1200, 850, 504, 150]);
    expect(Math.round(SILICON_CHIPS.reduce((a, b) => a + b, 0))).toBe(232057);
  });

  test("with a_share 0.7 and b_share 0.95 the rule gives the book's classes A A B B B C C C C C", () => {
    // start shares: 0, 38.8%, 72.0% (past 70%: B), 83.3%, 89.8%, 95.2% (past 95%: C), ...
    expect(abcClasses(SILICON_CHIPS, 0.7, 0.95).join("")).toBe("AABBBCCCCC");
  });

  test("with the defaults (0.8, 0.95), item #12760 starts at 72.0%, inside the first 80%: it is A", () => {
    expect(abcClasses(SILICON_CHIPS).join("")).toBe("AAABBCCCCC");
  });

  test("the order of the items does not matter: classes follow the items", () => {
    const order = [7, 2, 9, 0, 5, 1, 8, 3, 6, 4];
    const shuffled = order.map((i) => SILICON_CHIPS[i]);
    const expected = "AABBBCCCCC";
    expect(abcClasses(shuffled, 0.7, 0.95)).toEqual(order.map((i) => expected[i]));
  });

  test("the learning exercise: item #10286 at $120 makes the two A items 75% of $262,057", () => {
    const v = [120000, ...SILICON_CHIPS.slice(1)];
    expect(Math.round(v.reduce((a, b) => a + b, 0))).toBe(262057);
    expect(abcClasses(v, 0.75, 0.95).slice(0, 3).join("")).toBe("AAB"); // the third item starts at 75.1%
  });
});

describe("boundaries, ties, zeros", () => {
  test("an item that crosses a boundary belongs to the class where it starts", () => {
    // starts: 0, 0.5 (A), 0.85 (B), 0.97 (C)
    expect(abcClasses([50, 35, 12, 3]).join("")).toBe("AABC");
  });

  test("an item starting exactly at a boundary is past it, even when the decimal sum is inexact", () => {
    expect(abcClasses([80, 20]).join("")).toBe("AB");
    // ten items of 0.1: the ninth starts at 8 x 0.1, which sums to 0.7999999999999999 in binary: still B
    expect(new Array(8).fill(0.1).reduce((a, b) => a + b, 0)).toBeLessThan(0.8);
    expect(abcClasses(new Array(10).fill(0.1)).join("")).toBe("AAAAAAAABB");
  });

  test("ties are taken in input order: equal values can fall on both sides of a boundary", () => {
    // ten equal items: the first eight start below 80%, the ninth at 80% (B), the tenth at 90% (B)
    expect(abcClasses(new Array(10).fill(5)).join("")).toBe("AAAAAAAABB");
    expect(abcClasses(new Array(20).fill(5)).join("")).toBe("AAAAAAAAAAAAAAAABBBC");
  });

  test("zero values are always C, even when every value is zero", () => {
    expect(abcClasses([0, 10, 0]).join("")).toBe("CAC");
    expect(abcClasses([0, 0]).join("")).toBe("CC");
    expect(abcClasses([0, 10, 0], 1, 1).join("")).toBe("CAC");
  });

  test("shares: 0 <= a_share <= b_share <= 1; a_share = b_share leaves no B", () => {
    expect(abcClasses([50, 30, 20], 0.5, 0.5).join("")).toBe("ACC");
    expect(abcClasses([50, 30, 20], 0, 1).join("")).toBe("BBB");
    expect(abcSharesDomainError(0.8, 0.95)).toBeUndefined();
    for (const [a, b] of [
      [0.9, 0.8],
      [-0.1, 0.5],
      [0.5, 1.1],
      [NaN, 0.9],
    ]) {
      expect(abcSharesDomainError(a, b)?.kind).toBe("num");
    }
    expectDomainError(() => abcClasses([1], 0.9, 0.8), "num", /a_share must be <= b_share/);
  });

  test("negative or non-finite values are #NUM!; only the first n values count", () => {
    expectDomainError(() => abcClasses([5, -1]), "num", /value 2 must be a finite number >= 0/);
    expectDomainError(() => abcClasses([5, Infinity]), "num", /value 2/);
    expectDomainError(() => abcClasses([1e308, 1e308]), "num", /too large/);
    expect(Array.from(abcClassesInto(Float64Array.from([1, 9, 99]), 2, new Uint8Array(3)))).toEqual([1, 0, 0]);
  });

  test("5,000 items at once: the A class is the smallest set of the largest items holding 80%", () => {
    let seed = 7;
    const v = Array.from({ length: 5000 }, () => (seed = (seed * 16807) % 2147483647) / 2147483647);
    const c = abcClasses(v);
    // A items hold at least 80% of the value, and dropping the smallest A item leaves less than 80%
    const total = v.reduce((a, b) => a + b, 0);
    const aValues = v.filter((_, i) => c[i] === "A");
    const aSum = aValues.reduce((a, b) => a + b, 0);
    expect(aSum / total).toBeGreaterThanOrEqual(0.8);
    expect((aSum - Math.min(...aValues)) / total).toBeLessThan(0.8);
  });
});
