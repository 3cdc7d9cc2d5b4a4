import ExcelJS from 'exceljs';
import { WORK_ITEM_STATUS_LABELS } from '@xietong/rules';
import { formatDateTime, reportLabels } from '@xietong/reports';
import { WorkItemView } from './work-item-row';

/** Rows of one export; a list longer than this is narrowed with filters first (the api says so). */
export const EXPORT_MAX_ROWS = 20_000;

export type ExportedItem = WorkItemView & {
  latestUpdate: { text: string; createdAt: string; authorName: string } | null;
};

const COLUMNS: { header: string; width: number; value: (item: ExportedItem, timeZone: string) => unknown }[] =
  [
    { header: '规划', width: 28, value: (item) => item.planTitle },
    { header: '任务', width: 8, value: (item) => item.taskCode },
    { header: '任务名称', width: 30, value: (item) => item.taskTitle },
    { header: '事项', width: 30, value: (item) => item.title },
    { header: '牵头单位', width: 18, value: (item) => item.organizationName },
    { header: '负责人', width: 12, value: (item) => item.ownerName ?? '未指派' },
    { header: '截止日期', width: 12, value: (item) => item.deadline },
    { header: '原定截止日期', width: 12, value: (item) => item.originalDeadline },
    { header: '状态', width: 10, value: (item) => WORK_ITEM_STATUS_LABELS[item.status] },
    // A fraction with a percent format, so Excel sorts and averages it as a number.
    { header: '进度', width: 8, value: (item) => item.progress / 100 },
    { header: '信号灯', width: 10, value: (item) => reportLabels('zh-CN').light[item.trafficLight] },
    { header: '最近反馈', width: 40, value: (item) => item.latestUpdate?.text ?? '' },
    {
      header: '最近反馈时间',
      width: 17,
      value: (item, timeZone) =>
        item.latestUpdate ? formatDateTime(item.latestUpdate.createdAt, timeZone) : '',
    },
  ];

/** The list a person is looking at (the same filters, search and sort) as one sheet, times in their zone. */
export async function workItemsWorkbook(items: ExportedItem[], timeZone: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('事项', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS.map((column) => ({ header: column.header, width: column.width }));
  sheet.getRow(1).font = { bold: true };
  sheet.getColumn(10).numFmt = '0%';
  for (const item of items) sheet.addRow(COLUMNS.map((column) => column.value(item, timeZone)));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
