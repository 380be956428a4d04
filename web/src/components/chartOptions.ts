/**
 * The parts of a chart's option the statistics and dashboard charts share: the look, the legend,
 * a grid that keeps its labels inside, an axis tooltip that speaks of a row of figures, and a pie
 * of coloured slices.
 */
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { PieSeriesOption } from 'echarts/charts';
import type { TooltipComponentFormatterCallbackParams } from 'echarts';
import type { Lang } from '../i18n/index.tsx';

/** One hovered series in a tooltip's formatter. */
export type TooltipParam = Exclude<TooltipComponentFormatterCallbackParams, unknown[]>;

/** What every chart starts from: a short animation and the page's font. */
export const CHART_BASE = { animationDuration: 400, textStyle: { fontFamily: 'inherit' } } as const;

/** The legend along the top left, above the grid. */
export const TOP_LEGEND: LegendComponentOption = { top: 0, left: 0, itemWidth: 14, itemHeight: 10 };

/** A grid whose axis labels stay inside the chart. */
export function chartGrid(left: number, right: number, top: number): GridComponentOption {
  return { left, right, top, bottom: 4, outerBoundsMode: 'same', outerBoundsContain: 'all' };
}

/** The colon between a label and its figure in a tooltip. */
export const colonOf = (lang: Lang): string => (lang === 'zh' ? '：' : ': ');

/**
 * A tooltip for a chart with one row of figures per category: `lines` gives its lines (HTML; names
 * escaped by the caller) for the hovered row and series. `shadow` shades the hovered category.
 */
export function axisTooltip<R>(rows: readonly R[], lines: (row: R, hovered: TooltipParam[]) => string[], shadow = true): TooltipComponentOption {
  return {
    trigger: 'axis',
    ...(shadow ? { axisPointer: { type: 'shadow' as const } } : {}),
    confine: true,
    formatter: (params) => {
      const list = Array.isArray(params) ? params : [params];
      const row = rows[list[0]?.dataIndex ?? -1];
      return row ? lines(row, list).join('<br/>') : '';
    },
  };
}

export interface PieSlice {
  name: string;
  value: number;
  color: string;
}

/** A legend along the bottom naming each slice with its figure (and `unit`). */
export function pieLegend(slices: readonly PieSlice[], unit = ''): LegendComponentOption {
  return { bottom: 0, itemWidth: 14, itemHeight: 10, formatter: (name: string) => `${name} ${slices.find((s) => s.name === name)?.value ?? 0}${unit}` };
}

/** The pie (or ring) of the slices, each in its colour, their percentages inside. */
export function pieSeries(slices: readonly PieSlice[], look: Pick<PieSeriesOption, 'radius' | 'center' | 'label'>): PieSeriesOption {
  return {
    type: 'pie',
    ...look,
    percentPrecision: 1,
    avoidLabelOverlap: true,
    labelLayout: { hideOverlap: true },
    data: slices.map((s) => ({ name: s.name, value: s.value, itemStyle: { color: s.color } })),
  };
}
