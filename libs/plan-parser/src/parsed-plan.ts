export type DiagnosticSeverity = 'info' | 'warning' | 'error';

/** Something the parser guessed, dropped or could not read; `line` is 1-based in the original text. */
export interface Diagnostic {
  line: number;
  severity: DiagnosticSeverity;
  message: string;
}

export interface LeadUnit {
  /** Canonical name from the dictionary, or the written form when the unit is unknown. */
  name: string;
  /** The form used in the document, after normalisation (simplified characters). */
  written: string;
  /** Dictionary code when the unit is known. */
  code?: string;
  verified: boolean;
  /** For a city or county government: the province it belongs to (canonical name), when known. */
  province?: string;
}

/** An earlier date named in a task, before its deadline. */
export interface PlanMilestone {
  /** `YYYY-MM-DD`, the last day of the period named. */
  date: string;
  /** The sentence that names it. */
  text: string;
}

/** An item nested below the task level (`1.` under `(一)`, `①` under `1.`): part of its task. */
export interface PlanSubItem {
  code: string;
  title: string;
  line: number;
}

/** How often the plan asks units to report progress (`每月5日前报送`). */
export interface PlanReportingCadence {
  every: 'week' | 'month' | 'quarter' | 'halfyear' | 'year';
  /** Day of the month (of the period's last month for quarter, half-year and year), ISO weekday for week, or `end`. */
  byDay?: number | 'end';
  /** The sentence that sets it. */
  text: string;
  line: number;
}

export type TaskKind = 'requirement' | 'task' | 'safeguard';

export interface PlanChapter {
  number: number;
  title: string;
  line: number;
}

export interface PlanTask {
  number: number;
  /** The item marker as normalised, e.g. `(五)`. */
  code: string;
  /** Number of the enclosing chapter; 0 when the item comes before any chapter heading. */
  chapter: number;
  kind: TaskKind;
  title: string;
  /** Everything after the title sentence, without the closing lead-unit list. */
  body: string;
  line: number;
  /** Provinces and other local governments (cities, liaison offices, unknown local-looking names). */
  leadProvinces: LeadUnit[];
  /** Central bodies and central enterprises (and unknown names that do not look local). */
  leadMinistries: LeadUnit[];
  /** True when some lead provinces come from a "以下任务均需…落实" note rather than the task's own list. */
  inheritedProvinces: boolean;
  /**
   * Unique in the plan: the chapter numeral and the codes down to the item, e.g. `二(一)` or `一3.`,
   * so numbering that restarts in each chapter never collides.
   */
  ref: string;
  /** Units named as 配合 / 参与 / 责任 / 协办 / 支持 / 按职责分工负责 beside a lead, split like the lead units. */
  supportProvinces: LeadUnit[];
  supportMinistries: LeadUnit[];
  /** `YYYY-MM-DD`, or null when none is named or the work is ongoing (持续推进). */
  deadline: string | null;
  /** The deadline as written (`2025年底前`), `持续推进` for ongoing work; null when nothing is said. */
  deadlineText: string | null;
  milestones: PlanMilestone[];
  subItems: PlanSubItem[];
}

export type IndicatorComparator = '>=' | '<=' | '>' | '<' | '~';

export interface PlanIndicator {
  name: string;
  value: number;
  unit: string;
  year?: number;
  comparator?: IndicatorComparator;
  /** Set when the goal is a change (提高/降低…) rather than a level. */
  change?: 'increase' | 'decrease';
  line: number;
}

export interface PlanPeriod {
  start: number;
  end: number;
}

export interface ParsedPlan {
  title: string;
  period?: PlanPeriod;
  issuer?: string;
  /** The provinces the plan is about (its scope), as inferred from the text. */
  provinces: LeadUnit[];
  /** Simplified, cleaned text: one paragraph per line, captions and page junk removed. */
  normalizedText: string;
  chapters: PlanChapter[];
  tasks: PlanTask[];
  indicators: PlanIndicator[];
  /** Null when the document sets none. */
  reportingCadence: PlanReportingCadence | null;
  diagnostics: Diagnostic[];
}
