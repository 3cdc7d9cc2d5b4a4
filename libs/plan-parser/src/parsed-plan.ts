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
  diagnostics: Diagnostic[];
}
