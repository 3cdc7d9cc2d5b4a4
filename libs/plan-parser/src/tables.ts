/**
 * Task tables (重点任务分工表) arrive as text rows whose cells are separated by tabs — copied from a
 * web page, or written that way by the Word and PDF readers. Within a cell, `\v` separates its
 * paragraphs. A table whose header names a task column and unit columns is rewritten into the
 * item-and-fields shape (`1.任务` / `牵头单位:…` / `完成时限:…`) that the rest of the parser reads,
 * each new line keeping the number of the row it came from.
 */

export interface NumberedLine {
  text: string;
  /** 1-based line in the original text. */
  line: number;
}

export type ColumnRole = 'index' | 'task' | 'lead' | 'support' | 'responsible' | 'deadline' | 'ignored';

export const CELL_SEPARATOR = '\t';
export const CELL_PARAGRAPH = '\v';

const COLUMN_LABELS: readonly [ColumnRole, RegExp][] = [
  ['ignored', /责任领导|分管领导|领导|责任人|联系人|备注|说明|完成情况|进展情况|牵头领导/],
  ['index', /^(?:序号|编号|序|No\.?|NO\.?)$/],
  ['lead', /牵头|主办|主责/],
  ['support', /配合|协办|参与|协作|支持/],
  ['responsible', /责任(?:单位|部门|主体)|承办|实施主体|负责(?:单位|部门)/],
  ['deadline', /时限|完成时间|时间节点|时间安排|进度安排|完成期限|截止|时间/],
  ['task', /任务|工作内容|主要内容|措施|举措|重点工作|事项|项目|内容|目标/],
];

const FIELD_LABEL: Readonly<Partial<Record<ColumnRole, string>>> = {
  lead: '牵头单位',
  support: '配合单位',
  responsible: '责任单位',
  deadline: '完成时限',
};

export function columnRole(label: string): ColumnRole | undefined {
  const compact = label.replace(/\s+/g, '');
  if (compact.length === 0 || compact.length > 12) return undefined;
  return COLUMN_LABELS.find(([, pattern]) => pattern.test(compact))?.[0];
}

/** A header row: a task column and at least one unit or deadline column. */
function headerRoles(cells: readonly string[]): (ColumnRole | undefined)[] | undefined {
  const roles = cells.map(columnRole);
  const hasTask = roles.includes('task');
  const hasUnits = roles.some((role) => role === 'lead' || role === 'support' || role === 'responsible');
  return hasTask && (hasUnits || roles.includes('deadline')) ? roles : undefined;
}

const INDEX_CELL = /^\(?([0-9]{1,4}|[一二三四五六七八九十百]{1,5})[).、]?$/;

/** Rewrites every task table in `lines`; other lines pass through unchanged. */
export function expandTaskTables(lines: readonly NumberedLine[]): NumberedLine[] {
  const out: NumberedLine[] = [];
  for (let position = 0; position < lines.length; position += 1) {
    const { text } = lines[position];
    const roles = text.includes(CELL_SEPARATOR) ? headerRoles(cellsOf(text)) : undefined;
    if (!roles) {
      out.push(lines[position]);
      continue;
    }
    // A second header row names the parts of a merged one: 责任单位 over 牵头 | 配合.
    const next = lines[position + 1];
    if (next?.text.includes(CELL_SEPARATOR)) {
      const subRoles = cellsOf(next.text).map(columnRole);
      if (subRoles.some((role) => role === 'lead' || role === 'support')) {
        subRoles.forEach((role, column) => {
          if (role && role !== 'task') roles[column] = role;
        });
        position += 1;
      }
    }
    let rowNumber = 0;
    while (position + 1 < lines.length && lines[position + 1].text.includes(CELL_SEPARATOR)) {
      position += 1;
      const row = lines[position];
      const cells = cellsOf(row.text);
      if (headerRoles(cells)) continue;
      // A cell with a line break, copied from a web page, carries the rest of its row to the next line(s).
      while (
        cells.length < roles.length &&
        position + 1 < lines.length &&
        lines[position + 1].text.length > 0
      ) {
        const next = lines[position + 1].text;
        const [rest, ...more] = cellsOf(next);
        if (cells.length + more.length > roles.length) break;
        // A line without tabs is the middle of a cell only while the table goes on after it.
        if (more.length === 0 && !lines[position + 2]?.text.includes(CELL_SEPARATOR)) break;
        cells[cells.length - 1] += rest;
        cells.push(...more);
        position += 1;
      }
      rowNumber += 1;
      out.push(...rowAsItem(cells, roles, row.line, rowNumber));
    }
  }
  return out;
}

function cellsOf(text: string): string[] {
  return text.split(CELL_SEPARATOR).map((cell) => cell.trim());
}

function rowAsItem(
  cells: readonly string[],
  roles: readonly (ColumnRole | undefined)[],
  line: number,
  rowNumber: number,
): NumberedLine[] {
  const taskParagraphs: string[] = [];
  const fields: NumberedLine[] = [];
  let index: number | undefined;
  cells.forEach((cell, column) => {
    const role = roles[column];
    if (cell.length === 0 || role === undefined || role === 'ignored') return;
    const paragraphs = cell
      .split(CELL_PARAGRAPH)
      .map((part) => part.trim())
      .filter((part) => part.length > 0);
    if (role === 'index') {
      const match = INDEX_CELL.exec(cell);
      if (match && /^\d+$/.test(match[1])) index = Number(match[1]);
      return;
    }
    if (role === 'task') {
      taskParagraphs.push(...paragraphs);
      return;
    }
    const joined = paragraphs.join(role === 'deadline' ? ';' : '、');
    fields.push({ text: `${FIELD_LABEL[role]}:${joined}`, line });
  });
  if (taskParagraphs.length === 0) return fields;
  const [first, ...rest] = taskParagraphs;
  return [
    { text: `${index ?? rowNumber}.${first}`, line },
    ...rest.map((text) => ({ text, line })),
    ...fields,
  ];
}
