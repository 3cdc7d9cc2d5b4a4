export const REPORT_FORMATS = ['html', 'xlsx', 'pdf', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface ReportFilters {
  provinceIds?: string[];
  ministryIds?: string[];
  chapterNumbers?: number[];
  /**
   * Whose items the report covers: the lead units' (牵头, the default, so the 通报 ranking is of
   * the units answerable for each task) or the supporting units' (配合), asked for separately and
   * never mixed into the leads' figures.
   */
  responsibility?: 'lead' | 'support';
}
