/**
 * Scales for the dashboard's SVG charts (antd has no charts and the project adds no chart package). Pure, so the
 * arithmetic is tested without a browser.
 */

/** The smallest "nice" number (1, 2, 2.5, 5 × 10^k) at or above `max`; 1 for an empty chart. */
export function niceMax(max: number): number {
  if (!(max > 0)) return 1;
  const exp = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * exp >= max) return m * exp;
  return 10 * exp;
}

/** `count` + 1 evenly spaced tick values from 0 to `max`. */
export function ticks(max: number, count = 4): number[] {
  return Array.from({ length: count + 1 }, (_, i) => Math.round(((max * i) / count) * 100) / 100);
}

export interface Bar {
  label: string;
  value: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Vertical bars in a plot area of `width` × `height`, with a gap of `gap` of each slot and at most `maxWidth` wide. */
export function barLayout(
  data: readonly { label: string; value: number }[],
  width: number,
  height: number,
  max = niceMax(Math.max(0, ...data.map((d) => d.value))),
  gap = 0.3,
  maxWidth = Number.POSITIVE_INFINITY,
): Bar[] {
  if (data.length === 0) return [];
  const slot = width / data.length;
  const w = Math.min(maxWidth, slot * (1 - gap));
  return data.map((d, i) => {
    const h = max > 0 ? (Math.max(0, d.value) / max) * height : 0;
    return { label: d.label, value: d.value, x: i * slot + (slot - w) / 2, y: height - h, width: w, height: h };
  });
}

/** Points of a line through the values, spread over the width. */
export function linePoints(values: readonly number[], width: number, height: number, max: number): [number, number][] {
  if (values.length === 0) return [];
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  return values.map((v, i) => [values.length > 1 ? i * step : width / 2, height - (max > 0 ? (v / max) * height : 0)]);
}

/** Whether x labels must be slanted to fit: more than fit side by side at ~13 px per CJK character. */
export function slantLabels(labels: readonly string[], plotWidth: number): boolean {
  if (labels.length === 0) return false;
  const slot = plotWidth / labels.length;
  return labels.some((l) => textWidth(l) > slot - 4);
}

/** Rough text width at 13 px: CJK characters are square, Latin ones about half as wide. */
export function textWidth(text: string): number {
  return [...text].reduce((w, c) => w + (/[\u2e80-\u9fff\uff00-\uffef]/.test(c) ? 13 : 7.2), 0);
}

/** x offsets of legend entries (swatch + text + gap) laid out in one row. */
export function legendOffsets(names: readonly string[]): number[] {
  const out: number[] = [];
  let x = 0;
  for (const n of names) {
    out.push(x);
    x += 18 + textWidth(n) + 20;
  }
  return out;
}

/** A label cut to about `max` px with an ellipsis; the full text stays in the chart's title and data table. */
export function clip(label: string, max: number): string {
  if (textWidth(label) <= max) return label;
  let out = '';
  for (const c of label) {
    if (textWidth(`${out}${c}…`) > max) break;
    out += c;
  }
  return `${out}…`;
}

/** Ticks for counts: whole numbers only (an axis of 0, 0.25 … 1 for one order reads oddly). */
export function countTicks(max: number): number[] {
  const n = Math.max(1, Math.min(4, Math.round(max)));
  return ticks(max, n).filter((v) => Number.isInteger(v));
}
