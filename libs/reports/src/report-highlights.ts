import type { JointReport, ReportFigures } from './joint-report';
import { reportLabels } from './labels';
import { formatPercent } from './render/format';

/**
 * A few lines for the mail announcing a report: the headline figures, each beside the previous
 * run's when there was one, and how many items finished or fell overdue since.
 */
export function reportHighlights(report: JointReport, previous: ReportFigures | null): string[] {
  const labels = reportLabels(report.locale);
  const separator = report.locale === 'en' ? ': ' : '：';
  const line = (label: string, value: string, before?: string) =>
    `${label}${separator}${value}` +
    (before === undefined
      ? ''
      : report.locale === 'en'
        ? ` (previous report ${before})`
        : `（上期 ${before}）`);
  const figure = (key: keyof ReportFigures, format: (value: number) => string = String) =>
    line(labels.figures[key], format(report.headline[key]), previous ? format(previous[key]) : undefined);
  const lines = [
    figure('items'),
    figure('done'),
    figure('overdue'),
    figure('averageProgress', formatPercent),
  ];
  if (previous) {
    lines.push(line(labels.sections.finished, String(report.changes.finished.length)));
    lines.push(line(labels.sections.newlyOverdue, String(report.changes.newlyOverdue.length)));
  }
  return lines;
}
