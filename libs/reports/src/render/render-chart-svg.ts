import type { JointReport } from '../joint-report';
import { reportLabels } from '../labels';
import { escapeXml, formatPercent } from './format';

/**
 * Bar chart of average progress per province. The geometry is computed once here and drawn by
 * both the SVG (HTML) and the PDF renderer, so the two charts agree.
 */

export interface ProgressChartBar {
  label: string;
  value: number;
  /** Top of the bar row. */
  y: number;
  barWidth: number;
}

export interface ProgressChartLayout {
  title: string;
  width: number;
  height: number;
  /** Left edge of the plot area; labels end here. */
  plotX: number;
  plotWidth: number;
  plotTop: number;
  plotBottom: number;
  barHeight: number;
  rowHeight: number;
  ticks: Array<{ value: number; x: number }>;
  bars: ProgressChartBar[];
}

export const CHART_COLORS = { bar: '#1677FF', grid: '#E8E8E8', axisText: '#8C8C8C', text: '#262626' };

const TITLE_HEIGHT = 28;
const AXIS_HEIGHT = 20;

const ROW_HEIGHT = 26;
const BAR_HEIGHT = 16;
/** Below this a label no longer fits its row. */
const MIN_ROW_HEIGHT = 12;

/**
 * `maxHeight` squeezes the rows so all provinces fit, e.g. on one PDF page: a chart taller than
 * the page would otherwise run its labels onto page after page.
 */
export function progressChartLayout(
  report: JointReport,
  width = 640,
  maxHeight = Infinity,
): ProgressChartLayout {
  const rowCount = Math.max(1, report.byProvince.length);
  const rowHeight = Math.max(
    MIN_ROW_HEIGHT,
    Math.min(ROW_HEIGHT, (maxHeight - TITLE_HEIGHT - AXIS_HEIGHT) / rowCount),
  );
  const barHeight = (BAR_HEIGHT * rowHeight) / ROW_HEIGHT;
  const plotX = 150;
  const plotWidth = width - plotX - 50;
  const plotTop = TITLE_HEIGHT;
  const plotBottom = plotTop + rowCount * rowHeight;
  const clamp = (value: number) => Math.min(100, Math.max(0, value));
  return {
    title: reportLabels(report.locale).sections.chart,
    width,
    height: plotBottom + AXIS_HEIGHT,
    plotX,
    plotWidth,
    plotTop,
    plotBottom,
    barHeight,
    rowHeight,
    ticks: [0, 25, 50, 75, 100].map((value) => ({ value, x: plotX + (plotWidth * value) / 100 })),
    bars: report.byProvince.map((row, index) => ({
      label: row.organization.name,
      value: row.averageProgress,
      y: plotTop + index * rowHeight,
      barWidth: (plotWidth * clamp(row.averageProgress)) / 100,
    })),
  };
}

export function renderProgressChartSvg(report: JointReport): string {
  const layout = progressChartLayout(report);
  const { plotX, plotTop, plotBottom, barHeight, rowHeight } = layout;
  const font = `font-family="'PingFang SC','Microsoft YaHei','Noto Sans CJK SC',sans-serif"`;
  const grid = layout.ticks.map(
    (tick) =>
      `<line x1="${tick.x}" y1="${plotTop}" x2="${tick.x}" y2="${plotBottom}" stroke="${CHART_COLORS.grid}"/>` +
      `<text x="${tick.x}" y="${plotBottom + 14}" font-size="11" fill="${CHART_COLORS.axisText}" text-anchor="middle">${tick.value}%</text>`,
  );
  const bars = layout.bars.map((bar) => {
    const middle = bar.y + rowHeight / 2 + 4;
    return (
      `<text x="${plotX - 8}" y="${middle}" font-size="12" fill="${CHART_COLORS.text}" text-anchor="end">${escapeXml(bar.label)}</text>` +
      `<rect x="${plotX}" y="${bar.y + (rowHeight - barHeight) / 2}" width="${bar.barWidth.toFixed(1)}" height="${barHeight}" fill="${CHART_COLORS.bar}"/>` +
      `<text x="${(plotX + bar.barWidth + 4).toFixed(1)}" y="${middle}" font-size="11" fill="${CHART_COLORS.text}">${formatPercent(bar.value)}</text>`
    );
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${layout.width}" height="${layout.height}" viewBox="0 0 ${layout.width} ${layout.height}" role="img" aria-label="${escapeXml(layout.title)}" ${font}>`,
    `<title>${escapeXml(layout.title)}</title>`,
    `<text x="0" y="16" font-size="14" font-weight="bold" fill="${CHART_COLORS.text}">${escapeXml(layout.title)}</text>`,
    ...grid,
    ...bars,
    '</svg>',
  ].join('');
}
