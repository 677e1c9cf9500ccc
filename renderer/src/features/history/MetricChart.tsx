import { Group, Text, useComputedColorScheme } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { useEffect, useRef, useState } from 'react';
import type uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { ChartSeries } from './history-data.ts';

export interface MetricChartProps {
  label: string;
  series: ChartSeries;
  /** Line colour in the light and in the dark theme. */
  color: { light: string; dark: string };
  format: (v: number | null) => string;
  /** Fixed top of the y axis (100 for a percentage); otherwise the data's own maximum. */
  max?: number | null;
  /** Whole numbers only on the y axis (players). */
  integer?: boolean;
  height?: number;
}

const AXIS = {
  light: { text: '#495057', grid: 'rgba(0, 0, 0, 0.07)' },
  dark: { text: '#aab4c3', grid: 'rgba(255, 255, 255, 0.08)' },
};

// Loaded on first use: the library stays out of the main bundle and out of pages without charts.
let uPlotModule: typeof uPlot | null = null;
const loadUPlot = async () => (uPlotModule ??= (await import('uplot')).default);

const FONT = '10px Inter, "Segoe UI", system-ui, sans-serif';

/** One line per tick (uPlot's default adds a second line with the date, too tall for a small chart). */
function timeTicks(u: uPlot, splits: number[]): string[] {
  const span = (u.scales.x?.max ?? 0) - (u.scales.x?.min ?? 0);
  return splits.map((s) => {
    const d = new Date(s * 1000);
    if (span > 2 * 86_400) return d.toLocaleDateString([], { month: 'short', day: 'numeric' });
    if (span >= 600) return d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    return d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  });
}

// Reads the props through `current` at draw time: a new format or maximum needs no new chart.
function chartOptions(
  latest: { current: MetricChartProps },
  scheme: 'light' | 'dark',
  width: number,
  onCursor: (i: number | null) => void,
) {
  const p = latest.current;
  const axis = AXIS[scheme];
  const color = p.color[scheme];
  const yAxis: uPlot.Axis = {
    stroke: axis.text,
    font: FONT,
    size: 56,
    grid: { stroke: axis.grid, width: 1 },
    ticks: { show: false },
    values: (_u, values) => values.map((v) => latest.current.format(v)),
    ...(p.integer ? { incrs: [1, 2, 5, 10, 20, 50, 100, 200] } : {}),
  };
  const options: uPlot.Options = {
    width,
    height: p.height ?? 110,
    legend: { show: false },
    cursor: { drag: { x: false, y: false }, points: { size: 6, fill: color } },
    scales: {
      // A lone point (the first bucket of a range) gets ten minutes around it: uPlot's own padding
      // of a single time value adds a day in milliseconds to our seconds, years of empty axis.
      x: { time: true, range: (u, min, max) => (u.data[0].length === 1 ? [min - 300, min + 300] : [min, max]) },
      y: { range: (_u, _min, dataMax) => [0, latest.current.max ?? Math.max(1, (dataMax || 0) * 1.15)] },
    },
    axes: [
      {
        stroke: axis.text,
        font: FONT,
        size: 22,
        space: 70,
        grid: { show: false },
        ticks: { show: false },
        values: timeTicks,
      },
      yAxis,
    ],
    series: [
      {},
      // uPlot shows the points only where they are sparse: a lone sample stays visible.
      {
        label: p.label,
        stroke: color,
        width: 1.5,
        fill: `${color}26`,
        spanGaps: false,
        points: { size: 5, fill: color },
      },
    ],
    hooks: { setCursor: [(u) => onCursor(u.cursor.idx ?? null)] },
  };
  return options;
}

function when(t: number, s: ChartSeries): string {
  const longer = s.x.length > 1 && s.x.at(-1)! - s.x[0]! > 86_400;
  const d = new Date(t * 1000);
  return longer
    ? d.toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' })
    : d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

function lastValue(s: ChartSeries): { t: number; v: number | null } | null {
  for (let i = s.y.length - 1; i >= 0; i -= 1) if (s.y[i] !== null) return { t: s.x[i]!, v: s.y[i]! };
  return null;
}

/**
 * One small time-series chart (uPlot draws on a canvas: thousands of points stay cheap) with a
 * readout above it: the value under the cursor, or the latest one. Rebuilt when the theme or the
 * width changes (uPlot takes colours and size at creation); new data is only handed over.
 */
export function MetricChart(props: MetricChartProps) {
  const { ref: box, width } = useElementSize();
  const target = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const scheme = useComputedColorScheme('light', { getInitialValueInEffect: false });
  const [cursor, setCursor] = useState<number | null>(null);
  const { series } = props;
  const propsRef = useRef(props);
  useEffect(() => {
    propsRef.current = props;
  });

  useEffect(() => {
    if (!target.current || width <= 0) return;
    let chart: uPlot | null = null;
    let gone = false;
    const create = (UPlot: typeof uPlot) => {
      if (gone || !target.current) return;
      const { series: s } = propsRef.current;
      chart = new UPlot(chartOptions(propsRef, scheme, Math.floor(width), setCursor), [s.x, s.y], target.current);
      plot.current = chart;
    };
    // Once loaded, a rebuild (theme, width) is synchronous: no frame without a chart.
    if (uPlotModule) create(uPlotModule);
    else void loadUPlot().then(create);
    return () => {
      gone = true;
      chart?.destroy();
      plot.current = null;
    };
  }, [scheme, width]);

  useEffect(() => {
    plot.current?.setData([series.x, series.y]);
  }, [series]);

  const shown =
    cursor !== null && series.x[cursor] !== undefined
      ? { t: series.x[cursor], v: series.y[cursor] ?? null }
      : lastValue(series);
  return (
    <div data-testid="history-chart" data-label={props.label}>
      <Group justify="space-between" gap={4} wrap="nowrap">
        <Text size="xs" c="dimmed">
          {props.label}
        </Text>
        <Text size="xs" fw={600} data-testid="history-readout">
          {shown ? `${props.format(shown.v)} · ${when(shown.t, series)}` : '—'}
        </Text>
      </Group>
      <div ref={box}>
        <div ref={target} />
      </div>
    </div>
  );
}
