/**
 * Who does a task, as task-division documents say it: labelled fields (`牵头单位：…`,
 * `配合单位：…`, `完成时限：…`) and role words inside a list (`X牵头，Y按职责分工负责`).
 */

export type FieldKind = 'lead' | 'support' | 'responsible' | 'deadline' | 'ignored';

export interface LabelledField {
  kind: FieldKind;
  value: string;
  /** Offset of the label in the searched text. */
  start: number;
  /** Offset of the value in the searched text. */
  offset: number;
}

const FIELD_LABEL_PATTERN =
  /(?:^|(?<=[。;,\s)]))(牵头单位|牵头部门|主办单位|配合单位|配合部门|协办单位|协作单位|参与单位|支持单位|承办单位|责任单位|责任部门|完成时限|完成时间|时间节点|时限要求|完成期限|时间安排|进度安排|责任领导|牵头领导|分管领导|责任人|联系人|备注)\s?[:：]\s*/g;

function kindOfLabel(label: string): FieldKind {
  if (/领导|人$|备注/.test(label)) return 'ignored';
  if (label.startsWith('牵头') || label.startsWith('主办')) return 'lead';
  if (label.startsWith('责任')) return 'responsible';
  if (/时限|时间|节点|期限|安排/.test(label)) return 'deadline';
  return 'support';
}

/** The labelled fields of a text, each running to the next label (or the end), closing marks dropped. */
export function findLabelledFields(text: string): LabelledField[] {
  // Every label has a colon; most paragraphs have none, and the label search is the costlier one.
  if (!text.includes(':') && !text.includes('：')) return [];
  const labels = [...text.matchAll(FIELD_LABEL_PATTERN)];
  return labels.map((match, position) => {
    const offset = (match.index ?? 0) + match[0].length;
    const end = position + 1 < labels.length ? (labels[position + 1].index ?? text.length) : text.length;
    const value = text
      .slice(offset, end)
      .replace(/[。;,\s]+$/, '')
      .trim();
    return { kind: kindOfLabel(match[1]), value, start: match.index ?? 0, offset };
  });
}

export type UnitRole = 'lead' | 'support';

const LEAD_REMARK = /\((?:牵头|牵头单位|主责|总牵头)\)[、,;]?/g;

/** `国家发展改革委(牵头)、交通运输部` says the same as `国家发展改革委牵头,交通运输部`. */
export function markLeadRemarks(text: string): string {
  return text.replace(LEAD_REMARK, '牵头,');
}

/**
 * Roles of the comma-separated clauses of a unit list. A clause ending in 牵头 leads; one ending in
 * 配合 / 参与 / 支持 / 协助 / 按职责分工负责 supports a lead named elsewhere; when nothing is marked
 * 牵头, every unit leads — `（X、Y按职责分工负责）` and Beibu's plain closing lists alike.
 */
export function clauseRoles(text: string, unmarked: UnitRole = 'lead', leadElsewhere = false): UnitRole[] {
  const marks = splitClauses(text).map(markOf);
  const leadHere = marks.includes('lead');
  return marks.map((mark) => {
    if (mark === 'lead') return 'lead';
    if (mark === 'support') return leadHere || leadElsewhere ? 'support' : 'lead';
    return leadHere ? 'support' : unmarked;
  });
}

const LEAD_MARK = /(?:牵头|牵头负责|为牵头单位|总牵头)$/;
const SUPPORT_MARK =
  /(?:按职责分工负责|按职责负责|按照职责分工负责|按职能分工负责|分工负责|配合|参与|支持|协助|协同|协办|共同参与|等配合)$/;

function markOf(clause: string): UnitRole | undefined {
  const trimmed = clause.replace(/[。\s]+$/, '');
  if (LEAD_MARK.test(trimmed)) return 'lead';
  if (SUPPORT_MARK.test(trimmed)) return 'support';
  return undefined;
}

/** Splits at `,` `;` and line breaks outside brackets, like `splitLeadNames` counts segments. */
function splitClauses(text: string): string[] {
  const clauses: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of text) {
    if (char === '(') depth += 1;
    else if (char === ')') depth = Math.max(0, depth - 1);
    if (depth === 0 && (char === ',' || char === ';' || char === '\n')) {
      clauses.push(current);
      current = '';
      continue;
    }
    current += char;
  }
  clauses.push(current);
  return clauses;
}
