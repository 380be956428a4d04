/**
 * A chart drawn by ECharts (tree-shaken: bar, line and pie charts on a grid, with tooltip, legend
 * and dataset, on a canvas). It fills its container's width, follows its size, and is disposed of
 * with the component. The canvas is described for screen readers by `label` and `summary`.
 */
import { useEffect, useRef, type CSSProperties } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart, type BarSeriesOption, type LineSeriesOption, type PieSeriesOption } from 'echarts/charts';
import {
  DatasetComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  type DatasetComponentOption,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, PieChart, GridComponent, TooltipComponent, LegendComponent, DatasetComponent, CanvasRenderer]);

export type ChartOption = echarts.ComposeOption<
  BarSeriesOption | LineSeriesOption | PieSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption | DatasetComponentOption
>;

/** Text for the HTML tooltips ECharts renders: names come from users, so they are escaped. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** Shortens a long label to `max` characters with an ellipsis (the full text goes in the tooltip). */
export function truncateLabel(s: string, max: number): string {
  const chars = [...s];
  return chars.length > max ? chars.slice(0, max - 1).join('') + '…' : s;
}

const HIDDEN: CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  padding: 0,
  margin: -1,
  overflow: 'hidden',
  clip: 'rect(0, 0, 0, 0)',
  whiteSpace: 'nowrap',
  border: 0,
};

export interface ChartProps {
  option: ChartOption;
  /** Height in pixels; the width follows the container. */
  height: number;
  /** At least this wide (the container scrolls sideways when narrower), for many categories. */
  minWidth?: number;
  /** What the chart shows, read out in place of the picture. */
  label: string;
  /** The figures in words, for screen readers and when the canvas cannot be drawn. */
  summary?: string;
  testId?: string;
}

export function Chart({ option, height, minWidth, label, summary, testId }: ChartProps) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const node = el.current;
    if (!node) return;
    const instance = echarts.init(node, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => {
      if (!instance.isDisposed()) instance.resize();
    });
    observer.observe(node);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return (
    <div style={{ position: 'relative', width: '100%', overflowX: minWidth ? 'auto' : undefined }} data-testid={testId}>
      <div ref={el} role="img" aria-label={label} style={{ width: '100%', minWidth, height }} />
      {summary && <p style={HIDDEN}>{summary}</p>}
    </div>
  );
}
