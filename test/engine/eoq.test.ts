/**
 * EOQ family against Snyder & Shen, Fundamentals of Supply Chain Theory (2nd ed.), chapter 3, as
 * asserted by stockpyl's test suite (ARCHITECTURE.md section 10.1), plus Chopra & Meindl and Nahmias.
 */
import { eoq, eoqCost, eoqDiscount, eoqStockoutFraction } from "../../src/inventory/eoq";
import { expectAbs, expectDomainError, expectRel } from "./helpers";

describe("EOQ (Snyder & Shen ch. 3)", () => {
  test("Example 3.1: K=8, h=0.225, D=1300", () => {
    expectRel(eoq(1300, 8, 0.225), 304.0467800264368);
    expectRel(eoqCost(1300, 8, 0.225), 68.41052550594829);
    expectRel(eoqCost(1300, 8, 0.225, 250), 69.725);
  });

  test("Problem 3.1: K=2250, h=275, D=182500", () => {
    expectRel(eoq(182500, 2250, 275), 1728.109844993551);
    expectRel(eoqCost(182500, 2250, 275), 475230.2073732266);
  });

  test("Example 3.8, planned backorders: K=8, h=0.225, p=5, D=1300", () => {
    const q = eoq(1300, 8, 0.225, 5);
    expectRel(q, 310.8125551589646);
    expectRel(eoqStockoutFraction(0.225, 5), 0.043062200956938);
    expectRel(eoqCost(1300, 8, 0.225, undefined, 5), 66.92136355097325);
  });

  test("backorders: the h' cost equals the cost with the backorder level x Q set explicitly", () => {
    // Snyder & Shen eq. (3.16): g(Q, x) = K D/Q + h (1-x)^2 Q/2 + p x^2 Q/2, minimised by x = h/(h+p).
    const [D, K, h, p] = [1300, 8, 0.225, 5];
    for (const Q of [120, 310.8125551589646, 900]) {
      const x = eoqStockoutFraction(h, p);
      const explicit = (K * D) / Q + (h * (1 - x) ** 2 * Q) / 2 + (p * x * x * Q) / 2;
      expectRel(eoqCost(D, K, h, Q, p), explicit, 1e-12);
    }
  });

  test("Problem 3.2b, planned backorders: K=40, h=40.05, p=60, D=2080", () => {
    expectRel(eoq(2080, 40, 40.05, 60), 83.23544812889804);
    expectRel(eoqCost(2080, 40, 40.05, undefined, 60), 1999.148244415212);
  });

  test("EPQ with Example 3.1 data, P=2000", () => {
    expectRel(eoq(1300, 8, 0.225, undefined, 2000), 513.9328595516969);
    expectRel(eoqCost(1300, 8, 0.225, undefined, undefined, 2000), 40.47221268969612);
    expectRel(eoqCost(1300, 8, 0.225, 350, undefined, 2000), 43.495535714285715);
  });

  test("EPQ, Problem 3.22: K=4, h=0.08, D=80, P=110", () => {
    expectRel(eoq(80, 4, 0.08, undefined, 110), 171.2697677155351);
    expectRel(eoqCost(80, 4, 0.08, undefined, undefined, 110), 3.73679493197531);
  });

  test("the cost at Q* from the closed form equals K D/Q + h' Q/2 at Q = EOQ", () => {
    const q = eoq(80, 4, 0.08, 3, 110);
    expectRel(eoqCost(80, 4, 0.08, q, 3, 110), eoqCost(80, 4, 0.08, undefined, 3, 110), 1e-12);
  });

  test("Chopra & Meindl, ch. 11 (cycle inventory), Best Buy Deskpro example: Q* = 980, cost $97,980", () => {
    // D = 1,000/month = 12,000/year, S = $4,000 per order, h = 20% of $500.
    expectAbs(eoq(12000, 4000, 0.2 * 500), 980, 0.5);
    expectAbs(eoqCost(12000, 4000, 0.2 * 500, 980), 97980, 0.5);
  });

  test("Nahmias, Production and Operations Analysis, ch. 4: No. 2 pencils, Q* = 3,870", () => {
    // 60 pencils/week (3,120/year), $12 per order, 25% annual interest on a 2-cent pencil.
    expectAbs(eoq(60 * 52, 12, 0.25 * 0.02), 3870, 0.5);
  });

  test("zero demand or zero order cost gives Q* = 0 and cost 0, never NaN", () => {
    expect(eoq(0, 8, 0.225)).toBe(0);
    expect(eoqCost(1300, 0, 0.225)).toBe(0);
  });
});

describe("EOQ_DISCOUNT, all-units (Snyder & Shen Example 3.6)", () => {
  test("K=8, i=0.3, D=1300, breakpoints 0/400/800, unit costs 0.75/0.72/0.68: Q=800, cost 978.60", () => {
    const [q, cost, c] = eoqDiscount(1300, 8, 0.3, [0, 400, 800], [0.75, 0.72, 0.68]);
    expectRel(q, 800);
    expectRel(cost, 978.6);
    expectRel(c, 0.68);
  });

  test("a single price is the plain EOQ plus purchase cost", () => {
    const [q, cost] = eoqDiscount(1300, 8, 0.3, [0], [0.75]);
    expectRel(q, eoq(1300, 8, 0.3 * 0.75));
    expectRel(cost, 1300 * 0.75 + eoqCost(1300, 8, 0.3 * 0.75));
  });

  test("an EOQ inside a price's own range is kept (no push to a breakpoint)", () => {
    // Second price's EOQ sqrt(2*8*1300/(0.3*0.72)) = 310.3 lies in [300, 1e6): feasible, and cheapest.
    const [q, , c] = eoqDiscount(1300, 8, 0.3, [0, 300], [0.75, 0.72]);
    expectRel(q, Math.sqrt((2 * 8 * 1300) / (0.3 * 0.72)));
    expect(c).toBe(0.72);
  });

  test("zero order cost: order continuously at the first price", () => {
    const [q, cost] = eoqDiscount(1300, 0, 0.3, [0, 400], [0.75, 0.72]);
    // Price 0.75 at Q=0: 975; price 0.72 at Q=400: 936 + 0.3*0.72*200 = 979.2.
    expect(q).toBe(0);
    expectRel(cost, 975);
  });
});

describe("EOQ domain errors", () => {
  test("each rule throws the right kind, naming the argument", () => {
    expectDomainError(() => eoq(-1, 8, 0.225), "num", /demand_rate must be >= 0/);
    expectDomainError(() => eoq(1300, -8, 0.225), "num", /order_cost must be >= 0/);
    expectDomainError(() => eoq(1300, 8, 0), "num", /holding_cost must be > 0/);
    expectDomainError(() => eoq(1300, 8, 0.225, 0), "num", /backorder_cost must be > 0/);
    expectDomainError(() => eoq(1300, 8, 0.225, undefined, 1300), "num", /production_rate must be greater than demand_rate/);
    expectDomainError(() => eoq(1300, 8, 0.225, undefined, 1000), "num", /production_rate/);
    expectDomainError(() => eoqCost(1300, 8, 0.225, 0), "num", /order_qty must be > 0/);
    expectDomainError(() => eoq(NaN, 8, 0.225), "num", /demand_rate must be a finite number/);
    expectDomainError(() => eoq(1300, Infinity, 0.225), "num", /order_cost must be a finite number/);
    expectDomainError(() => eoq(undefined as unknown as number, 8, 0.225), "value", /demand_rate is required/);
    expectDomainError(() => eoq(1e308, 1e308, 1e-300), "num", /EOQ is not a finite number/);
    expectDomainError(() => eoqStockoutFraction(0.225, -1), "num", /backorder_cost must be > 0/);
  });

  test("discount table errors", () => {
    expectDomainError(() => eoqDiscount(1300, 8, 0.3, [0, 400], [0.75]), "value", /unit_costs must have as many values as breakpoints/);
    expectDomainError(() => eoqDiscount(1300, 8, 0.3, [], []), "value", /breakpoints must hold at least one/);
    expectDomainError(() => eoqDiscount(1300, 8, 0.3, [100, 400], [0.75, 0.72]), "num", /breakpoints must start at 0/);
    expectDomainError(() => eoqDiscount(1300, 8, 0.3, [0, 400, 400], [0.75, 0.72, 0.7]), "num", /breakpoints must be strictly ascending/);
    expectDomainError(() => eoqDiscount(1300, 8, 0.3, [0, 400], [0.72, 0.75]), "num", /unit_costs must not increase/);
    expectDomainError(() => eoqDiscount(1300, 8, 0, [0], [0.75]), "num", /carrying_rate must be > 0/);
    expectDomainError(() => eoqDiscount(1300, 8, 0.3, [0], [0]), "num", /unit_costs must be > 0/);
  });
});
