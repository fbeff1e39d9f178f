import { useEffect, useRef, useState } from 'react';
import { barLayout, clip, countTicks, legendOffsets, linePoints, niceMax, slantLabels, ticks } from '../logic/chart.ts';

/** The width of the chart's container, so the SVG is drawn at its real size and its text stays at 13 px. */
function useWidth(fallback: number) {
  const ref = useRef<HTMLElement>(null);
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setWidth(Math.max(320, Math.floor(el.getBoundingClientRect().width)));
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, width] as const;
}

/**
 * Small SVG charts for the dashboard: accessible (a title and a data table for screen readers), sized by their
 * container, with CJK labels in the console font.
 */
const PAD = { top: 20, right: 16, bottom: 76, left: 64 };

export function BarChart({
  title,
  data,
  height = 240,
  color = '#1456c8',
  unit = '',
}: {
  title: string;
  data: { label: string; value: number }[];
  height?: number;
  color?: string;
  unit?: string;
}) {
  const [ref, box] = useWidth(560);
  const width = Math.max(box, data.length * 48 + PAD.left + PAD.right);
  const plotW = width - PAD.left - PAD.right;
  const plotH = height - PAD.top - PAD.bottom;
  const max = niceMax(Math.max(0, ...data.map((d) => d.value)));
  const bars = barLayout(data, plotW, plotH, max, 0.3, 56);
  const axis = data.every((d) => Number.isInteger(d.value)) ? countTicks(max) : ticks(max);
  const slant = slantLabels(
    data.map((d) => d.label),
    plotW,
  );
  return (
    <figure className="bo-chart" ref={ref}>
      <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title}>
        <title>{title}</title>
        <g transform={`translate(${PAD.left},${PAD.top})`}>
          {axis.map((v) => {
            const y = plotH - (v / max) * plotH;
            return (
              <g key={v}>
                <line x1={0} x2={plotW} y1={y} y2={y} stroke="#e3e7ee" />
                <text x={-8} y={y + 4} textAnchor="end" className="bo-chart-axis">
                  {v}
                </text>
              </g>
            );
          })}
          {bars.map((b) => {
            const cx = b.x + b.width / 2;
            return (
              <g key={b.label}>
                <rect x={b.x} y={b.y} width={b.width} height={b.height} fill={color} rx={2}>
                  <title>{`${b.label}: ${b.value}${unit}`}</title>
                </rect>
                <text x={cx} y={b.y - 5} textAnchor="middle" className="bo-chart-value">
                  {b.value}
                </text>
                <text
                  x={cx}
                  y={plotH + 18}
                  textAnchor={slant ? 'end' : 'middle'}
                  transform={slant ? `rotate(-25 ${cx} ${plotH + 18})` : undefined}
                  className="bo-chart-label"
                >
                  {slant ? clip(b.label, 120) : b.label}
                </text>
              </g>
            );
          })}
        </g>
      </svg>
      <table className="sr-only">
        <caption>{title}</caption>
        <tbody>
          {data.map((d) => (
            <tr key={d.label}>
              <th scope="row">{d.label}</th>
              <td>{d.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

export interface Series {
  name: string;
  color: string;
  values: number[];
}

/** Lines over shared x labels (weeks), with a legend. */
export function LineChart({
  title,
  labels,
  series,
  height = 240,
}: {
  title: string;
  labels: string[];
  series: Series[];
  height?: number;
}) {
  const [ref, box] = useWidth(560);
  const width = Math.max(box, labels.length * 56 + PAD.left + PAD.right);
  const plotW = width - PAD.left - PAD.right;
  const plotH = height - PAD.top - PAD.bottom;
  const max = niceMax(Math.max(0, ...series.flatMap((s) => s.values)));
  const axis = countTicks(max);
  const xs = linePoints(
    labels.map(() => 0),
    plotW,
    plotH,
    max,
  ).map(([x]) => x);
  return (
    <figure className="bo-chart" ref={ref}>
      <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title}>
        <title>{title}</title>
        <g transform={`translate(${PAD.left},${PAD.top})`}>
          {axis.map((v) => {
            const y = plotH - (v / max) * plotH;
            return (
              <g key={v}>
                <line x1={0} x2={plotW} y1={y} y2={y} stroke="#e3e7ee" />
                <text x={-8} y={y + 4} textAnchor="end" className="bo-chart-axis">
                  {v}
                </text>
              </g>
            );
          })}
          {series.map((s) => {
            const pts = linePoints(s.values, plotW, plotH, max);
            return (
              <g key={s.name}>
                <polyline points={pts.map((p) => p.join(',')).join(' ')} fill="none" stroke={s.color} strokeWidth={2} />
                {pts.map(([x, y], i) => (
                  <circle key={labels[i]} cx={x} cy={y} r={3.5} fill={s.color}>
                    <title>{`${s.name} ${labels[i]}: ${s.values[i]}`}</title>
                  </circle>
                ))}
              </g>
            );
          })}
          {labels.map((l, i) => (
            <text key={l} x={xs[i]} y={plotH + 16} textAnchor="middle" className="bo-chart-label">
              {l.slice(5)}
            </text>
          ))}
        </g>
        <g transform={`translate(${PAD.left},${height - 16})`}>
          {series.map((s, i) => (
            <g key={s.name} transform={`translate(${legendOffsets(series.map((x) => x.name))[i]},0)`}>
              <rect width={12} height={12} y={-10} fill={s.color} rx={2} />
              <text x={18} className="bo-chart-legend">
                {s.name}
              </text>
            </g>
          ))}
        </g>
      </svg>
      <table className="sr-only">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">—</th>
            {series.map((s) => (
              <th key={s.name} scope="col">
                {s.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {labels.map((l, i) => (
            <tr key={l}>
              <th scope="row">{l}</th>
              {series.map((s) => (
                <td key={s.name}>{s.values[i]}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
