import { DiagnosticLog } from './diagnostics';
import { extractIndicators, type GoalText } from './indicators';
import {
  countedProvinces,
  findInheritanceNote,
  findLeadList,
  guessSideOfUnknown,
  isGenericReference,
  refersToPlanProvinces,
  splitLeadNames,
  type InheritanceNote,
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
import type { LeadUnit, ParsedPlan, PlanChapter, PlanTask } from './parsed-plan';
import { findIssuer, findPeriod, titleFromFirstLine } from './plan-metadata';
import { findPlanScope } from './plan-scope';
import { buildStructure, type ChapterBlock, type ItemBlock, type PlanStructure } from './plan-structure';
import { classifyItem, findClosingSafeguardChapter } from './task-kind';

export interface ParsePlanOptions {
  /** Overrides the title read from the first line. */
  title?: string;
}

const UNTITLED = '未命名计划';
const MAX_TASK_TITLE = 80;
const TITLE_STOP = /[。！？]/;
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
      diagnostics: log.toArray(),
    };
  }
}

interface ResolvedLeads {
  provinces: LeadUnit[];
  ministries: LeadUnit[];
}

/** Provinces handed on by a "以下任务均需…落实" note. */
interface Inheritance {
  provinces: LeadUnit[];
}

class PlanReader {
  private scopeProvinces: LeadUnit[] = [];

  constructor(
    private readonly source: string,
    private readonly index: OrganizationIndex,
    private readonly log: DiagnosticLog,
  ) {}

  read(options: ParsePlanOptions): ParsedPlan {
    const lines = normalizeCharacters(this.source).split('\n');
    this.reportGarbledLines(lines);
    const paragraphs = buildParagraphs(lines, this.log);
    const dropped = dropTrailingPageJunk(paragraphs, this.log);
    reportJoinedLines(paragraphs, this.log);
    const structure = buildStructure(paragraphs, this.log);
    const normalizedText = paragraphs.map((paragraph) => paragraph.text).join('\n');

    const title = this.readTitle(options, structure);
    this.scopeProvinces = this.readScope(paragraphs);
    const chapters: PlanChapter[] = [];
    const tasks = this.readTasks(structure, chapters);
    if (tasks.length === 0) this.reportMissingStructure(structure);
    const period = findPeriod(title, normalizedText);
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

  private readScope(paragraphs: readonly Paragraph[]): LeadUnit[] {
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
    const leadLists = new Map<ItemBlock, { list: LeadList; paragraph: Paragraph } | undefined>();
    const chapterBlocks: ChapterBlock[] = [];
    for (const block of structure.blocks) {
      if (block.kind === 'item') leadLists.set(block, this.locateLeadList(block));
      if (block.kind === 'chapter') chapterBlocks.push(block);
    }
    const closingSafeguards = findClosingSafeguardChapter(chapterBlocks, (chapter) =>
      [...leadLists].some(([item, found]) => item.chapter === chapter && found !== undefined),
    );

    const tasks: PlanTask[] = [];
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
      const found = leadLists.get(block);
      const { title, body } = this.titleAndBody(block, found);
      const kind = classifyItem(block.chapter, title, closingSafeguards);
      const leads: ResolvedLeads = { provinces: [], ministries: [] };
      let note: InheritanceNote | undefined;
      if (found) {
        note = findInheritanceNote(found.list.text);
        this.resolveLeadList(found.list, found.paragraph, note, leads);
      }
      let inheritedProvinces = false;
      if (inheritance && kind === 'task') {
        for (const province of inheritance.provinces) {
          if (leads.provinces.some((existing) => existing.name === province.name)) continue;
          leads.provinces.push(province);
          inheritedProvinces = true;
        }
      }
      if (note && found) {
        inheritance =
          this.inheritanceFrom(note, leads.provinces, lineAt(found.paragraph, found.list.start)) ??
          inheritance;
      }
      if (kind === 'task' && leads.provinces.length === 0 && leads.ministries.length === 0) {
        this.log.warning(block.line, `任务${block.code}末尾没有找到牵头单位列表（如“(国家发展改革委、…)”）`);
      }
      tasks.push({
        number: block.number,
        code: block.code,
        chapter: block.chapter?.number ?? 0,
        kind,
        title,
        body,
        line: block.line,
        leadProvinces: leads.provinces,
        leadMinistries: leads.ministries,
        inheritedProvinces,
      });
    }
    return tasks;
  }

  /** The lead list closes the item's last paragraph that has one. */
  private locateLeadList(item: ItemBlock): { list: LeadList; paragraph: Paragraph } | undefined {
    for (let position = item.paragraphs.length - 1; position >= 0; position -= 1) {
      const paragraph = item.paragraphs[position];
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
  ): { title: string; body: string } {
    const texts = item.paragraphs.map((paragraph) =>
      paragraph === found?.paragraph ? paragraph.text.slice(0, found.list.start).trimEnd() : paragraph.text,
    );
    const first = texts[0];
    const stop = first.search(TITLE_STOP);
    let title = (stop === -1 ? first : first.slice(0, stop)).replace(/[,;:、]+$/, '').trim();
    if (title.length > MAX_TASK_TITLE) {
      this.log.info(item.line, `任务${item.code}的首句超过${MAX_TASK_TITLE}字，标题已截断`);
      title = `${title.slice(0, MAX_TASK_TITLE)}…`;
    }
    if (title.length === 0) this.log.warning(item.line, `任务${item.code}没有标题文字`);
    const rest = [stop === -1 ? '' : first.slice(stop + 1), ...texts.slice(1)];
    return { title, body: rest.join('\n').trim() };
  }

  private resolveLeadList(
    list: LeadList,
    paragraph: Paragraph,
    note: InheritanceNote | undefined,
    leads: ResolvedLeads,
  ): void {
    const listed = note ? `${list.text.slice(0, note.start)}${list.text.slice(note.end)}` : list.text;
    const names = splitLeadNames(listed);
    const known = names.map((name) => this.index.resolve(name.written));
    const segmentSides = new Map<number, LeadSide[]>();
    names.forEach((name, position) => {
      const entry = known[position]?.entry;
      if (!entry) return;
      const sides = segmentSides.get(name.segment) ?? [];
      sides.push(sideOf(entry.kind));
      segmentSides.set(name.segment, sides);
    });

    names.forEach((name, position) => {
      // Offsets after a removed note are approximate; they only pick the line for a message.
      const line = lineAt(paragraph, list.start + 1 + name.offset);
      if (isGenericReference(name.written)) {
        this.log.info(line, `“${name.written}”是泛指，不是具体单位，未列为牵头单位`);
        return;
      }
      const match = known[position];
      const unit: LeadUnit = match
        ? { name: match.entry.name, written: name.written, code: match.entry.code, verified: true }
        : { name: name.written, written: name.written, verified: false };
      let side: LeadSide;
      if (match) {
        side = sideOf(match.entry.kind);
        if (match.approximate) {
          this.log.info(line, `“${name.written}”按近似写法匹配为“${match.entry.name}”`);
        }
      } else {
        side = guessSideOfUnknown(name.written, segmentSides.get(name.segment) ?? []);
        this.log.warning(
          line,
          `牵头单位“${name.written}”不在组织字典中，已保留为未核实单位（归入${side === 'province' ? '地方' : '中央部门'}）`,
        );
      }
      const target = side === 'province' ? leads.provinces : leads.ministries;
      if (!target.some((existing) => existing.name === unit.name)) target.push(unit);
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
