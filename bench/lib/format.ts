/**
 * Number formatting shared by the reports.
 *
 * @module
 */

/** A value with about three significant digits and thousands separators ("12,300", "1.24", "0.0312"). */
export function num(x: number): string {
  if (!Number.isFinite(x)) return "—";
  const a = Math.abs(x);
  if (a >= 1000) return Math.round(x).toLocaleString("en-US");
  if (a >= 100) return x.toFixed(0);
  if (a >= 10) return x.toFixed(1);
  if (a >= 1) return x.toFixed(2);
  return x.toPrecision(3);
}

/** A ratio as "0.87×". */
export function times(x: number): string {
  return Number.isFinite(x) ? `${x.toFixed(2)}×` : "—";
}
