export * from './joint-report';
export * from './labels';
export { CJK_FONT_PACKAGE, loadCjkFonts, type CjkFonts, type CjkFontSource } from './render/cjk-font';
export { formatDateTime, formatPercent, LIGHT_COLORS } from './render/format';
export {
  progressChartLayout,
  renderProgressChartSvg,
  type ProgressChartLayout,
} from './render/render-chart-svg';
export { renderCsv, writeCsv } from './render/render-csv';
export { renderHtml } from './render/render-html';
export { renderPdf } from './render/render-pdf';
export {
  renderReport,
  reportFileName,
  writeReport,
  REPORT_CONTENT_TYPES,
  type RenderedReport,
} from './render/render-report';
export { renderXlsx, writeXlsx } from './render/render-xlsx';
export {
  buildReportTables,
  type ReportTable,
  type ReportTables,
  type TableCell,
} from './render/report-tables';
export {
  aggregateJointReport,
  buildJointReport,
  DUE_SOON_DAYS,
  PlanNotFoundError,
  streamWorkItemRows,
  type BuiltJointReport,
  type JointReportRequest,
} from './aggregation/build-joint-report';
export {
  JointReportTally,
  type TallyContext,
  type TallyItem,
  type TallyOrganization,
  type TallyResult,
  type TallyTask,
} from './tally/joint-report-tally';
export { jointReportBaselineSql, type JointReportBaselineRow } from './aggregation/joint-report-baseline.sql';
export { isReportRunSummary, type ReportRunSummary } from './tally/report-snapshot';
export { reportHighlights } from './report-highlights';
export { reportScope, type ScopeOptions } from './aggregation/report-scope';
export { readReportFile, REPORT_FILE_CONTENT_SQL, ReportFileChunkWriter } from './storage/report-file-chunks';
