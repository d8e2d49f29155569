/**
 * A bar chart on uPlot (the console's chart library; the token activity chart reuses
 * it). Sized to its container; the numbers are also in a visually hidden table for screen readers.
 */
import { useEffect, useRef, useSyncExternalStore } from 'react';

const DARK = '(prefers-color-scheme: dark)';
/** The system's colour scheme, followed live: the chart is drawn again when it changes. */
function useIsDark(): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const query = window.matchMedia(DARK);
      query.addEventListener('change', onChange);
      return () => query.removeEventListener('change', onChange);
    },
    () => window.matchMedia(DARK).matches,
  );
}
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface BarChartProps {
  /** Accessible name of the chart. */
  label: string;
  /** x as epoch seconds (uPlot's time scale). */
  xs: number[];
  ys: number[];
  seriesLabel: string;
  height?: number;
  color?: string;
  /** How an x value reads in the fallback table. */
  formatX(epochSeconds: number): string;
}

export function BarChart({ label, xs, ys, seriesLabel, height = 220, color = '#2563eb', formatX }: BarChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const isDark = useIsDark();
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const bars = uPlot.paths.bars?.({ size: [0.6, 48] });
    const halfStep = xs.length > 1 ? ((xs[1] ?? 0) - (xs[0] ?? 0)) / 2 : 43_200;
    // Axis and grid follow the page's colours, so the chart reads in dark mode too.
    const style = getComputedStyle(document.documentElement);
    const axisColor = style.getPropertyValue('--chart-axis').trim() || '#475569';
    const gridColor = style.getPropertyValue('--chart-grid').trim() || '#e2e8f0';
    const options: uPlot.Options = {
      width: Math.max(element.clientWidth, 240),
      height,
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      scales: {
        // Half a bucket of room on each side, so the first and last bars are whole.
        x: { time: true, range: (_u, min, max) => [min - halfStep, max + halfStep] },
        y: { range: (_u, _min, max) => [0, Math.max(1, Math.ceil(max * 1.15))] },
      },
      axes: [
        { stroke: axisColor, grid: { show: false } },
        // Counts are whole numbers: no 0.5 ticks.
        { stroke: axisColor, grid: { stroke: gridColor }, size: 48, incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 100000, 1000000] },
      ],
      series: [{}, { label: seriesLabel, stroke: color, fill: `${color}cc`, width: 0, paths: bars, points: { show: false } }],
    };
    const plot = new uPlot(options, [xs, ys], element);
    const observer = new ResizeObserver(() => plot.setSize({ width: Math.max(element.clientWidth, 240), height }));
    observer.observe(element);
    return () => {
      observer.disconnect();
      plot.destroy();
    };
  }, [xs, ys, height, color, seriesLabel, isDark]);
  return (
    <figure className="chart">
      <div ref={container} role="img" aria-label={label} />
      <table className="visually-hidden">
        <caption>{label}</caption>
        <tbody>
          {xs.map((x, index) => (
            <tr key={x}>
              <th scope="row">{formatX(x)}</th>
              <td>{ys[index]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
