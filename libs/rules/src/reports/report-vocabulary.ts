export const REPORT_FORMATS = ['html', 'xlsx', 'pdf', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface ReportFilters {
  provinceIds?: string[];
  ministryIds?: string[];
  chapterNumbers?: number[];
}
