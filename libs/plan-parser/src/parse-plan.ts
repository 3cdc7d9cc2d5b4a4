import {
  clauseRoles,
  findLabelledFields,
  markLeadRemarks,
  type LabelledField,
  type UnitRole,
} from './assignments';
import { toChineseNumeral } from './chinese-numerals';
import { taskDeadline } from './deadlines';
import { DiagnosticLog } from './diagnostics';
import { extractIndicators, type GoalText } from './indicators';
import {
  countedProvinces,
  findInheritanceNote,
  findLeadList,
  guessSideOfUnknown,
  refersToPlanProvinces,
  splitLeadNames,
  type InheritanceNote,
  type WrittenName,
  type LeadList,
  type LeadSide,
} from './lead-units';
import { findGarbledSpans, normalizeCharacters } from './normalize-characters';
import type { OrganizationDictionaryEntry } from './organization-dictionary';
import { indexOrganizations, type OrganizationIndex } from './organization-index';
import {
  buildParagraphs,
  dropTrailingPageJunk,
  lineAt,
  reportJoinedLines,
  type Paragraph,
} from './paragraphs';
import type { LeadUnit, ParsedPlan, PlanChapter, PlanReportingCadence, PlanTask } from './parsed-plan';
import { findIssuer, findPeriod, titleFromFirstLine } from './plan-metadata';
import { findPlanScope } from './plan-scope';
import {
  buildStructure,
  type ChapterBlock,
  type ItemBlock,
  type PlanBlock,
  type PlanStructure,
} from './plan-structure';
import { findReportingCadence } from './reporting-cadence';
import { expandTaskTables } from './tables';
import { readUnitName } from './unit-names';
import { classifyItem, findClosingSafeguardChapter } from './task-kind';

export interface ParsePlanOptions {
  /** Overrides the title read from the first line. */
  title?: string;
}

const UNTITLED = '未命名计划';
const MAX_TASK_TITLE = 80;
const TITLE_STOP = /[。！？]/;
// A task's name is its first clause: `共建海峡西岸港口群，推进厦门港…` is about the port cluster.
const TASK_TITLE_STOP = /[。！？,;]/;
const YEAR = /((?:19|20)\d\d)\s?年/;
const GOALS_TITLE = /目标/;
const PROVINCE_LIST_SEPARATOR = /[、和与及]/;

/**
 * Turns a plan text into chapters, tasks with their lead units, indicators and diagnostics.
 * Never throws: whatever it cannot read becomes a diagnostic.
 */
export function parsePlan(
  text: string,
  dictionary: readonly OrganizationDictionaryEntry[],
  options: ParsePlanOptions = {},
): ParsedPlan {
  const log = new DiagnosticLog();
  try {
    return new PlanReader(String(text), indexOrganizations(dictionary), log).read(options);
  } catch (error) {
    // A bug must cost the user a diagnostic, not the request.
    log.error(1, `解析器内部错误，结果不完整：${error instanceof Error ? error.message : String(error)}`);
    return {
      title: options.title?.trim() || UNTITLED,
      provinces: [],
      normalizedText: '',
      chapters: [],
      tasks: [],
      indicators: [],
      reportingCadence: null,
      diagnostics: log.toArray(),
    };
  }
}

interface SideUnits {
  provinces: LeadUnit[];
  ministries: LeadUnit[];
}

interface TaskUnits {
  lead: SideUnits;
  support: SideUnits;
}

interface LocatedField {
  field: LabelledField;
  paragraph: Paragraph;
}

interface ItemAssignment {
  fields: LocatedField[];
  list?: { list: LeadList; paragraph: Paragraph };
}

const JOINED = /[和及与]/;
const ROLE_LABEL: Readonly<Record<UnitRole, string>> = { lead: '牵头单位', support: '配合单位' };
const GOVERNMENT_OF = /^(?:人民政府|政府)?$/;

/** Provinces handed on by a "以下任务均需…落实" note. */
interface Inheritance {
  provinces: LeadUnit[];
}

class PlanReader {
  private scopeProvinces: LeadUnit[] = [];
  /** The year `年内` and `6月底前` mean: the title's, else the first one written, else the period's start. */
  private documentYear: number | undefined;

  constructor(
    private readonly source: string,
    private readonly index: OrganizationIndex,
    private readonly log: DiagnosticLog,
  ) {}

  read(options: ParsePlanOptions): ParsedPlan {
    const lines = normalizeCharacters(this.source).split('\n');
    this.reportGarbledLines(lines);
    const numbered = lines.map((text, index) => ({ text, line: index + 1 }));
    const paragraphs = buildParagraphs(expandTaskTables(numbered), this.log);
    const dropped = dropTrailingPageJunk(paragraphs, this.log);
    reportJoinedLines(paragraphs, this.log);
    const structure = buildStructure(paragraphs, this.log);
    const normalizedText = paragraphs.map((paragraph) => paragraph.text).join('\n');

    const title = this.readTitle(options, structure);
    this.scopeProvinces = this.readScope(paragraphs, structure);
    const period = findPeriod(title, normalizedText);
    const yearWritten =
      YEAR.exec(title) ?? YEAR.exec(structure.preamble.map((paragraph) => paragraph.text).join('\n'));
    this.documentYear = yearWritten ? Number(yearWritten[1]) : period?.start;
    const chapters: PlanChapter[] = [];
    const tasks = this.readTasks(structure, chapters);
    if (tasks.length === 0) this.reportMissingStructure(structure);
    const issuer = findIssuer(
      structure.preamble.slice(0, 3).map((paragraph) => paragraph.text),
      dropped.map((paragraph) => paragraph.text),
      this.index,
    );
    return {
      title,
      ...(period ? { period } : {}),
      ...(issuer ? { issuer } : {}),
      provinces: this.scopeProvinces,
      normalizedText,
      chapters,
      tasks,
      indicators: extractIndicators(this.goalTexts(structure)),
      reportingCadence: this.readReportingCadence(paragraphs),
      diagnostics: this.log.toArray(),
    };
  }

  private reportGarbledLines(lines: readonly string[]): void {
    lines.forEach((line, position) => {
      const spans = findGarbledSpans(line);
      if (spans.length === 0) return;
      const excerpts = spans
        .slice(0, 3)
        .map((span) => `“${span.excerpt}”`)
        .join('、');
      const more = spans.length > 3 ? `等${spans.length}处` : '';
      this.log.warning(position + 1, `疑似乱码，已原样保留：${excerpts}${more}`);
    });
  }

  private readTitle(options: ParsePlanOptions, structure: PlanStructure): string {
    const given = options.title?.trim();
    if (given) return given;
    const first = structure.preamble[0];
    const title = first ? titleFromFirstLine(first.text) : undefined;
    if (title) return title;
    this.log.warning(first?.line ?? 1, `无法从首行确定计划标题，暂记为“${UNTITLED}”，请在导入时填写标题`);
    return UNTITLED;
  }

  private readReportingCadence(paragraphs: readonly Paragraph[]): PlanReportingCadence | null {
    for (const paragraph of paragraphs) {
      let offset = 0;
      for (const sentence of paragraph.text.split(SENTENCE_SPLIT)) {
        const cadence = findReportingCadence(sentence);
        if (cadence) return { ...cadence, line: lineAt(paragraph, offset) };
        offset += sentence.length + 1;
      }
    }
    return null;
  }

  private readScope(paragraphs: readonly Paragraph[], structure: PlanStructure): LeadUnit[] {
    const scope = this.readScopeStatement(paragraphs);
    if (scope.length > 0) return scope;
    // Without a counted statement (三省区), the provinces the preamble names are the plan's.
    for (const paragraph of structure.preamble.slice(1)) {
      const mentioned = this.index.provincesMentioned(paragraph.text);
      if (mentioned.length < 2) continue;
      const provinces = mentioned.map(({ entry, written }) => ({
        name: entry.name,
        written,
        code: entry.code,
        verified: true,
      }));
      this.log.info(paragraph.line, `计划涉及的省份推断为：${names(provinces)}`);
      return provinces;
    }
    return [];
  }

  private readScopeStatement(paragraphs: readonly Paragraph[]): LeadUnit[] {
    for (const paragraph of paragraphs) {
      const scope = findPlanScope(paragraph.text, this.index);
      if (!scope) continue;
      const provinces = scope.provinces.map(({ entry, written }) => ({
        name: entry.name,
        written,
        code: entry.code,
        verified: true,
      }));
      this.log.info(
        lineAt(paragraph, scope.offset),
        `计划涉及的省份推断为：${provinces.map((province) => province.name).join('、')}`,
      );
      return provinces;
    }
    return [];
  }

  private readTasks(structure: PlanStructure, chapters: PlanChapter[]): PlanTask[] {
    const assignments = new Map<ItemBlock, ItemAssignment>();
    const chapterBlocks: ChapterBlock[] = [];
    for (const block of structure.blocks) {
      if (block.kind === 'item') assignments.set(block, this.locateAssignment(block));
      if (block.kind === 'chapter') chapterBlocks.push(block);
    }
    const outline = readOutline(structure.blocks, assignments);
    const closingSafeguards = findClosingSafeguardChapter(chapterBlocks, (chapter) =>
      [...assignments].some(([item, found]) => item.chapter === chapter && namesUnits(found)),
    );

    const tasks: PlanTask[] = [];
    const refs = new Set<string>();
    let inheritance: Inheritance | undefined;
    for (const block of structure.blocks) {
      if (block.kind === 'chapter') {
        chapters.push({ number: block.number, title: block.title, line: block.line });
        continue;
      }
      if (block.kind === 'note') {
        const note = findInheritanceNote(block.paragraph.text);
        if (note) inheritance = this.inheritanceFrom(note, [], block.paragraph.line) ?? inheritance;
        continue;
      }
      const role = outline.roles.get(block);
      if (role === 'section' && outline.sectionsAreChapters && outline.topSectionRank === block.rank) {
        chapters.push({
          number: block.number,
          title: this.titleAndBody(block, undefined, []).title,
          line: block.line,
        });
      }
      if (role !== 'task') continue;
      const subItems = outline.subItems.get(block) ?? [];
      const own = assignments.get(block) ?? { fields: [] };
      const { title, body } = this.titleAndBody(block, own.list, own.fields, subItems);
      const chapter = outline.sectionsAreChapters ? outline.topSection.get(block) : block.chapter;
      const kind = classifyItem(block.chapter, title, closingSafeguards);
      const units = emptyUnits();
      const found = [own, ...subItems.map((sub) => assignments.get(sub) ?? { fields: [] })];
      let note: InheritanceNote | undefined;
      for (const assignment of found) {
        if (assignment.list) note = findInheritanceNote(assignment.list.list.text) ?? note;
      }
      this.resolveAssignments(found, note, units);
      if (units.lead.provinces.length + units.lead.ministries.length === 0) {
        // Where nothing is marked 牵头, every named unit leads.
        units.lead = units.support;
        units.support = { provinces: [], ministries: [] };
      }
      let inheritedProvinces = false;
      if (inheritance && kind === 'task') {
        for (const province of inheritance.provinces) {
          if (units.lead.provinces.some((existing) => existing.name === province.name)) continue;
          addUnit(units, 'lead', 'province', province);
          inheritedProvinces = true;
        }
      }
      const listed = own.list;
      if (note && listed) {
        inheritance =
          this.inheritanceFrom(note, units.lead.provinces, lineAt(listed.paragraph, listed.list.start)) ??
          inheritance;
      }
      if (kind === 'task' && units.lead.provinces.length === 0 && units.lead.ministries.length === 0) {
        this.log.warning(block.line, `任务${block.code}末尾没有找到牵头单位列表（如“(国家发展改革委、…)”）`);
      }
      const deadlineField = found
        .flatMap((assignment) => assignment.fields)
        .filter(({ field }) => field.kind === 'deadline')
        .map(({ field }) => field.value)
        .join(';');
      const due = taskDeadline(deadlineField || undefined, `${title}。${body}`, this.documentYear);
      tasks.push({
        number: block.number,
        code: block.code,
        chapter: chapter?.number ?? 0,
        kind,
        title,
        body,
        line: block.line,
        leadProvinces: units.lead.provinces,
        leadMinistries: units.lead.ministries,
        inheritedProvinces,
        ref: uniqueRef(refOf(block, outline), refs),
        supportProvinces: units.support.provinces,
        supportMinistries: units.support.ministries,
        deadline: due.deadline,
        deadlineText: due.deadlineText,
        milestones: due.milestones,
        subItems: subItems.map((sub) => ({
          code: sub.code,
          title: this.titleAndBody(sub, undefined, []).title,
          line: sub.line,
        })),
      });
    }
    return tasks;
  }

  /** The unit fields (`牵头单位：…`) and the closing list of one item, before any is resolved. */
  private locateAssignment(item: ItemBlock): ItemAssignment {
    const fields: LocatedField[] = [];
    const withFields = new Set<Paragraph>();
    for (const paragraph of item.paragraphs) {
      for (const field of findLabelledFields(paragraph.text)) {
        fields.push({ field, paragraph });
        withFields.add(paragraph);
      }
    }
    const list = this.locateLeadList(item, withFields);
    return list ? { fields, list } : { fields };
  }

  /** The lead list closes the item's last paragraph that has one. */
  private locateLeadList(
    item: ItemBlock,
    skip: ReadonlySet<Paragraph>,
  ): { list: LeadList; paragraph: Paragraph } | undefined {
    for (let position = item.paragraphs.length - 1; position >= 0; position -= 1) {
      const paragraph = item.paragraphs[position];
      if (skip.has(paragraph)) continue;
      const list = findLeadList(paragraph.text, this.index);
      if (list) {
        if (!list.closed)
          this.log.warning(lineAt(paragraph, list.start), '牵头单位列表缺少右括号，已按列表读取');
        return { list, paragraph };
      }
    }
    return undefined;
  }

  private titleAndBody(
    item: ItemBlock,
    found: { list: LeadList; paragraph: Paragraph } | undefined,
    fields: readonly LocatedField[],
    subItems: readonly ItemBlock[] = [],
  ): { title: string; body: string } {
    const texts = item.paragraphs
      .map((paragraph) => {
        const fieldStart = fields.find((located) => located.paragraph === paragraph)?.field.start;
        const end = paragraph === found?.paragraph ? found.list.start : fieldStart;
        return end === undefined ? paragraph.text : paragraph.text.slice(0, end).trimEnd();
      })
      .filter((text, position) => position === 0 || text.length > 0);
    const first = texts[0] ?? '';
    const stop = first.search(TASK_TITLE_STOP);
    let title = (stop === -1 ? first : first.slice(0, stop)).replace(/[,;:、]+$/, '').trim();
    if (title.length > MAX_TASK_TITLE) {
      this.log.info(item.line, `任务${item.code}的首句超过${MAX_TASK_TITLE}字，标题已截断`);
      title = `${title.slice(0, MAX_TASK_TITLE)}…`;
    }
    if (title.length === 0) this.log.warning(item.line, `任务${item.code}没有标题文字`);
    const rest = [stop === -1 ? '' : first.slice(stop + 1), ...texts.slice(1)];
    for (const sub of subItems)
      rest.push(`${sub.code}${sub.paragraphs.map((paragraph) => paragraph.text).join('\n')}`);
    return { title, body: rest.join('\n').trim() };
  }

  /**
   * Lead fields first, so that `配合单位` and the closing list know whether a lead is named; a
   * unit named twice keeps its first (and strongest) role.
   */
  private resolveAssignments(
    found: readonly ItemAssignment[],
    note: InheritanceNote | undefined,
    units: TaskUnits,
  ): void {
    const fields = found.flatMap((assignment) => assignment.fields);
    const leadFieldNamed = fields.some(({ field }) => field.kind === 'lead' && field.value.length > 0);
    for (const { field, paragraph } of [...fields].sort(
      (a, b) => rankOfField(a.field) - rankOfField(b.field),
    )) {
      if (field.kind === 'deadline' || field.kind === 'ignored') continue;
      const unmarked: UnitRole = field.kind === 'lead' || !leadFieldNamed ? 'lead' : 'support';
      const value = markLeadRemarks(field.value);
      const roles = clauseRoles(value, unmarked, field.kind !== 'lead' && leadFieldNamed);
      this.resolveUnitList(value, (offset) => lineAt(paragraph, field.offset + offset), roles, units);
    }
    for (const assignment of found) {
      const located = assignment.list;
      if (!located) continue;
      const { list, paragraph } = located;
      const listed = markLeadRemarks(
        note ? `${list.text.slice(0, note.start)}${list.text.slice(note.end)}` : list.text,
      );
      const roles = clauseRoles(listed, leadFieldNamed ? 'support' : 'lead', leadFieldNamed);
      // Offsets after a removed note are approximate; they only pick the line for a message.
      this.resolveUnitList(listed, (offset) => lineAt(paragraph, list.start + 1 + offset), roles, units);
    }
  }

  /**
   * `国家发展改革委和交通运输部` is two units when each half is one; 工业和信息化部 stays whole because
   * the dictionary knows it as written.
   */
  private splitJoinedNames(names: readonly WrittenName[]): WrittenName[] {
    return names.flatMap((name) => {
      if (!JOINED.test(name.written) || this.index.resolve(name.written)) return [name];
      const parts: WrittenName[] = [];
      let offset = name.offset;
      for (const part of name.written.split(JOINED)) {
        parts.push({ written: part, offset, segment: name.segment });
        offset += part.length + 1;
      }
      const allKnown = parts.every((part) => {
        const reading = readUnitName(part.written, this.index);
        return reading.kind === 'known' || reading.kind === 'province-body';
      });
      return allKnown ? parts : [name];
    });
  }

  private resolveUnitList(
    text: string,
    lineOf: (offset: number) => number,
    roles: readonly UnitRole[],
    units: TaskUnits,
  ): void {
    const listed = this.splitJoinedNames(splitLeadNames(text));
    const readings = listed.map((name) => readUnitName(name.written, this.index));
    const segmentSides = new Map<number, LeadSide[]>();
    listed.forEach((name, position) => {
      const reading = readings[position];
      const side =
        reading.kind === 'known'
          ? sideOf(reading.entry.kind)
          : reading.kind === 'unknown'
            ? undefined
            : 'province';
      if (!side) return;
      const sides = segmentSides.get(name.segment) ?? [];
      sides.push(side);
      segmentSides.set(name.segment, sides);
    });

    listed.forEach((name, position) => {
      const line = lineOf(name.offset);
      const role = roles[name.segment] ?? 'lead';
      const reading = readings[position];
      const add = (unit: LeadUnit, side: LeadSide) => addUnit(units, role, side, unit);
      switch (reading.kind) {
        case 'generic':
          this.log.info(line, `“${name.written}”是泛指，不是具体单位，未列为${ROLE_LABEL[role]}`);
          return;
        case 'plan-provinces':
        case 'counted': {
          if (reading.kind === 'counted' && reading.entry) {
            add(
              { name: reading.entry.name, written: name.written, code: reading.entry.code, verified: true },
              'province',
            );
            return;
          }
          const provinces = this.scopeProvinces;
          if (provinces.length === 0) {
            this.log.warning(line, `无法确定“${name.written}”指哪些省份：计划中没有找到涉及的省份`);
            return;
          }
          if (reading.kind === 'counted' && reading.count !== provinces.length) {
            this.log.warning(
              line,
              `“${name.written}”指${reading.count}个省份，但计划中确定了${provinces.length}个：${names(provinces)}`,
            );
          }
          this.log.info(line, `“${name.written}”指计划涉及的省份：${names(provinces)}`);
          for (const province of provinces) add({ ...province, written: name.written }, 'province');
          return;
        }
        case 'known': {
          const { entry } = reading;
          if (reading.approximate) this.log.info(line, `“${name.written}”按近似写法匹配为“${entry.name}”`);
          add(
            { name: entry.name, written: name.written, code: entry.code, verified: true },
            sideOf(entry.kind),
          );
          return;
        }
        case 'province-body': {
          const { entry } = reading;
          if (name.written !== entry.name && !GOVERNMENT_OF.test(name.written.slice(entry.name.length))) {
            this.log.info(line, `“${name.written}”是${entry.name}的部门，按${entry.name}计`);
          }
          add({ name: entry.name, written: name.written, code: entry.code, verified: true }, 'province');
          return;
        }
        case 'local': {
          const province = reading.province;
          this.log.warning(
            line,
            `${ROLE_LABEL[role]}“${name.written}”是地方单位，不在组织字典中，已保留为未核实单位${province ? `（属${province.name}）` : ''}`,
          );
          add(
            {
              name: reading.name,
              written: name.written,
              verified: false,
              ...(province ? { province: province.name } : {}),
            },
            'province',
          );
          return;
        }
        case 'unknown': {
          const side = guessSideOfUnknown(name.written, segmentSides.get(name.segment) ?? []);
          this.log.warning(
            line,
            `${ROLE_LABEL[role]}“${name.written}”不在组织字典中，已保留为未核实单位（归入${side === 'province' ? '地方' : '中央部门'}）`,
          );
          add({ name: name.written, written: name.written, verified: false }, side);
        }
      }
    });
  }

  /**
   * Which provinces a note hands on: the ones it names, else — when it says "the three
   * provinces" — the ones listed next to it, else the plan's own provinces.
   */
  private inheritanceFrom(
    note: InheritanceNote,
    listedProvinces: readonly LeadUnit[],
    line: number,
  ): Inheritance | undefined {
    let provinces = this.provincesNamedIn(note.subject);
    if (!provinces && refersToPlanProvinces(note.subject)) {
      const count = countedProvinces(note.subject);
      const listedFit =
        listedProvinces.length > 0 && (count === undefined || listedProvinces.length === count);
      provinces = listedFit ? [...listedProvinces] : this.scopeProvinces;
      if (count !== undefined && provinces.length !== count) {
        this.log.warning(
          line,
          `说明“${note.subject}”指${count}个省份，但计划中只确定了${provinces.length}个：${names(provinces)}`,
        );
      }
    }
    if (!provinces || provinces.length === 0) {
      this.log.warning(line, `无法确定“${note.subject}”是哪些省份，后续任务未继承牵头省份`);
      return undefined;
    }
    this.log.info(line, `此后的任务均由${names(provinces)}落实（据“${note.subject}”）`);
    return { provinces };
  }

  private provincesNamedIn(subject: string): LeadUnit[] | undefined {
    const parts = subject.split(PROVINCE_LIST_SEPARATOR).map((part) => part.trim());
    const provinces: LeadUnit[] = [];
    for (const part of parts) {
      const match = this.index.resolve(part);
      if (!match || match.entry.kind !== 'province') return undefined;
      provinces.push({ name: match.entry.name, written: part, code: match.entry.code, verified: true });
    }
    return provinces;
  }

  private reportMissingStructure(structure: PlanStructure): void {
    const enumerations =
      structure.enumerationCount > 0
        ? `文中有${structure.enumerationCount}段“一是…二是…”式列举，它们不是编号任务；`
        : '';
    this.log.error(
      1,
      `未找到编号任务：${enumerations}计划应包含“一、…”形式的章节和“(一)…”形式的条目（no numbered tasks found; expected chapters like 一、… and items like (一)…）`,
    );
  }

  /** Goals come from items titled …目标 and from the text of chapters titled …目标. */
  private goalTexts(structure: PlanStructure): GoalText[] {
    const goals: GoalText[] = [];
    for (const block of structure.blocks) {
      const paragraphs =
        block.kind === 'item' && GOALS_TITLE.test(firstSentence(block.paragraphs[0]?.text ?? ''))
          ? block.paragraphs
          : block.kind === 'chapter' && GOALS_TITLE.test(block.title)
            ? block.intro
            : [];
      for (const paragraph of paragraphs) {
        goals.push({ text: paragraph.text, lineAt: (offset) => lineAt(paragraph, offset) });
      }
    }
    return goals;
  }
}

const SENTENCE_SPLIT = /[。;！？]/;

function emptyUnits(): TaskUnits {
  return { lead: { provinces: [], ministries: [] }, support: { provinces: [], ministries: [] } };
}

/** A unit named twice keeps its first role: leads are resolved before supports. */
function addUnit(units: TaskUnits, role: UnitRole, side: LeadSide, unit: LeadUnit): void {
  const named = (list: readonly LeadUnit[]) => list.some((existing) => existing.name === unit.name);
  const { lead, support } = units;
  if (named(lead.provinces) || named(lead.ministries)) return;
  if (role === 'support' && (named(support.provinces) || named(support.ministries))) return;
  if (role === 'lead') {
    support.provinces = support.provinces.filter((existing) => existing.name !== unit.name);
    support.ministries = support.ministries.filter((existing) => existing.name !== unit.name);
  }
  const target = units[role];
  (side === 'province' ? target.provinces : target.ministries).push(unit);
}

function namesUnits(assignment: ItemAssignment | undefined): boolean {
  return (
    assignment !== undefined &&
    (assignment.list !== undefined || assignment.fields.some(({ field }) => field.kind !== 'deadline'))
  );
}

function rankOfField(field: LabelledField): number {
  return field.kind === 'lead' ? 0 : 1;
}

type OutlineRole = 'task' | 'section' | 'sub';

interface Outline {
  roles: Map<ItemBlock, OutlineRole>;
  subItems: Map<ItemBlock, ItemBlock[]>;
  /** With no `一、` chapters, the outermost items above the tasks are the chapters. */
  sectionsAreChapters: boolean;
  topSectionRank: number;
  topSection: Map<ItemBlock, ItemBlock>;
}

/**
 * Which items are tasks: those at the rank that carries most unit assignments (the shallowest
 * when none does). Deeper items belong to the task above them as sub-items; shallower ones are
 * sections, unless they name units of their own.
 */
function readOutline(
  blocks: readonly PlanBlock[],
  assignments: ReadonlyMap<ItemBlock, ItemAssignment>,
): Outline {
  const items = blocks.filter((block): block is ItemBlock => block.kind === 'item');
  const assignedByRank = new Map<number, number>();
  for (const item of items) {
    if (namesUnits(assignments.get(item)))
      assignedByRank.set(item.rank, (assignedByRank.get(item.rank) ?? 0) + 1);
  }
  let taskRank = Math.min(...items.map((item) => item.rank));
  let most = 0;
  for (const [rank, count] of [...assignedByRank].sort((a, b) => a[0] - b[0])) {
    if (count > most) [taskRank, most] = [rank, count];
  }
  const roles = new Map<ItemBlock, OutlineRole>();
  const subItems = new Map<ItemBlock, ItemBlock[]>();
  const taskAbove = (item: ItemBlock): ItemBlock | undefined => {
    for (let parent = item.parent; parent; parent = parent.parent)
      if (roles.get(parent) === 'task') return parent;
    return undefined;
  };
  for (const item of items) {
    const owner = item.rank > taskRank ? taskAbove(item) : undefined;
    if (owner) {
      roles.set(item, 'sub');
      subItems.set(owner, [...(subItems.get(owner) ?? []), item]);
    } else if (item.rank < taskRank && !namesUnits(assignments.get(item))) {
      roles.set(item, 'section');
    } else {
      roles.set(item, 'task');
    }
  }
  const sections = items.filter((item) => roles.get(item) === 'section');
  const sectionsAreChapters = sections.length > 0 && !blocks.some((block) => block.kind === 'chapter');
  const topSectionRank = Math.min(...sections.map((item) => item.rank));
  const topSection = new Map<ItemBlock, ItemBlock>();
  for (const item of items) {
    for (let parent = item.parent; parent; parent = parent.parent) {
      if (parent.rank === topSectionRank && roles.get(parent) === 'section') topSection.set(item, parent);
    }
  }
  return { roles, subItems, sectionsAreChapters, topSectionRank, topSection };
}

/** `二(一)`: the chapter numeral, the codes of the sections above, the item's own code. */
function refOf(item: ItemBlock, outline: Outline): string {
  const codes = [item.code];
  for (let parent = item.parent; parent; parent = parent.parent) {
    if (outline.roles.get(parent) === 'section') codes.unshift(parent.code);
  }
  const chapter = item.chapter ? toChineseNumeral(item.chapter.number) : '';
  return `${chapter}${codes.join('')}`;
}

/** A numbering mistake (two (三) in one chapter) must not make two tasks share a ref. */
function uniqueRef(ref: string, taken: Set<string>): string {
  let candidate = ref;
  for (let copy = 2; taken.has(candidate); copy += 1) candidate = `${ref}#${copy}`;
  taken.add(candidate);
  return candidate;
}

function sideOf(kind: OrganizationDictionaryEntry['kind']): LeadSide {
  return kind === 'central' || kind === 'enterprise' ? 'ministry' : 'province';
}

function names(units: readonly LeadUnit[]): string {
  return units.map((unit) => unit.name).join('、');
}

function firstSentence(text: string): string {
  const stop = text.search(TITLE_STOP);
  return stop === -1 ? text : text.slice(0, stop);
}
