/**
 * Dates as task-division documents write them: `2025年底前`, `2026年6月底前`, `2025年第三季度`,
 * `年内`, `持续推进`. Each names a period; the deadline is the period's last day.
 */

export interface DateMention {
  /** `YYYY-MM-DD`, the last day of the period the text names. */
  date: string;
  /** The expression as written, e.g. `2025年底前`. */
  text: string;
  /** Offset of the expression in the searched text. */
  offset: number;
}

const QUARTER_NUMERALS: Readonly<Record<string, number>> = {
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  1: 1,
  2: 2,
  3: 3,
  4: 4,
};

/**
 * One alternation so that a longer form (`2025年12月31日前`) wins over its prefix (`2025年`).
 * A bare year counts only with a word that makes it a due date (底/末/前/内, or 到/至/于 before
 * it): `2023年GDP` and `自2024年起` are not deadlines.
 */
const DATE_PATTERN = new RegExp(
  [
    '((?:19|20)\\d\\d)\\s?[-/.]\\s?(\\d{1,2})(?:\\s?[-/.]\\s?(\\d{1,2}))?(?![\\d.])',
    '(?:((?:19|20)\\d\\d)\\s?年)?\\s?(\\d{1,2})\\s?月(?:\\s?(\\d{1,2})\\s?日)?(?:份)?(?:底|末|中旬|下旬|上旬)?(?:前|以前|之前)?',
    '((?:19|20)\\d\\d)\\s?年\\s?(?:第\\s?)?([一二三四1-4])\\s?季度(?:末|底)?(?:前|以前|之前)?',
    '((?:19|20)\\d\\d)\\s?年\\s?(上半年|下半年|年中|年底|年末|底前|底|末|前|以前|之前|内)',
    '(?<=(?:到|至|于|在|[-—–~～])\\s?)((?:19|20)\\d\\d)\\s?年(?![起以开比同初度前后间])',
    '(?<![一二三四五六七八九十两\\d])(年内|年底前|今年底|本年度内|年末前)',
  ].join('|'),
  'g',
);

/** Every date form has a digit or 年; the full pattern is only worth running where one is. */
const MAY_NAME_A_DATE = /[\d年]/;
const ONGOING = /持续推进|长期坚持|持续开展|长期推进|持续实施|常态化推进|长期/;

/** The date expressions in `text`, in order. `year` resolves `年内`, `6月底前` and other yearless forms. */
export function findDateMentions(text: string, year: number | undefined): DateMention[] {
  const mentions: DateMention[] = [];
  if (!MAY_NAME_A_DATE.test(text)) return mentions;
  for (const match of text.matchAll(DATE_PATTERN)) {
    const date = dateOf(match, year);
    if (date) mentions.push({ date, text: match[0].trim(), offset: match.index ?? 0 });
  }
  return mentions;
}

function dateOf(match: RegExpMatchArray, year: number | undefined): string | undefined {
  const [
    ,
    numYear,
    numMonth,
    numDay,
    cnYear,
    cnMonth,
    cnDay,
    qYear,
    quarter,
    pYear,
    period,
    toYear,
    relative,
  ] = match;
  if (numYear) return dayOf(Number(numYear), Number(numMonth), numDay ? Number(numDay) : undefined);
  if (cnMonth) {
    const resolved = cnYear ? Number(cnYear) : year;
    if (resolved === undefined) return undefined;
    return dayOf(resolved, Number(cnMonth), cnDay ? Number(cnDay) : undefined);
  }
  if (qYear) return dayOf(Number(qYear), QUARTER_NUMERALS[quarter] * 3);
  if (pYear) return dayOf(Number(pYear), period === '上半年' || period === '年中' ? 6 : 12);
  if (toYear) return dayOf(Number(toYear), 12);
  if (relative && year !== undefined) return dayOf(year, 12);
  return undefined;
}

function dayOf(year: number, month: number, day?: number): string | undefined {
  if (month < 1 || month > 12) return undefined;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day !== undefined && (day < 1 || day > last)) return undefined;
  return `${year}-${pad(month)}-${pad(day ?? last)}`;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

const BARE_YEAR = /(?:19|20)\d\d(?=\s?年|\s*$|[^\d.\-/])/g;

/**
 * A 完成时限 cell or line is a due date by definition, so there a bare year (`2025年`, `2024—2025年`)
 * means its end, which in running text it would not.
 */
function fieldDates(field: string, year: number | undefined): DateMention[] {
  const mentions = findDateMentions(field, year);
  if (mentions.length > 0) return mentions;
  return [...field.matchAll(BARE_YEAR)].map((match) => ({
    date: `${match[0]}-12-31`,
    text: field.trim(),
    offset: match.index ?? 0,
  }));
}

export function saysOngoing(text: string): boolean {
  return ONGOING.test(text);
}

export interface TaskDeadline {
  deadline: string | null;
  deadlineText: string | null;
  milestones: { date: string; text: string }[];
}

const CLAUSE_BREAK = /[。;,!?！？\n]/;

/**
 * A task's deadline from its 完成时限 field and the dates in its text: the latest date is the
 * deadline, earlier ones are milestones told by their sentence. A field saying the work is ongoing
 * (持续推进) means no deadline even when the text names dates; those stay milestones.
 */
export function taskDeadline(
  field: string | undefined,
  body: string,
  year: number | undefined,
): TaskDeadline {
  const fromField = field === undefined ? [] : fieldDates(field, year);
  const fromBody = findDateMentions(body, year).map((mention) => ({
    date: mention.date,
    text: clauseAround(body, mention),
    written: mention.text,
  }));
  const candidates = [
    ...fromField.map((mention) => ({ date: mention.date, text: field?.trim() ?? '', written: mention.text })),
    ...fromBody,
  ];
  const ongoingField = field !== undefined && fromField.length === 0 && saysOngoing(field);
  if (ongoingField || candidates.length === 0) {
    const deadlineText = ongoingField ? '持续推进' : field?.trim() || null;
    return { deadline: null, deadlineText, milestones: distinctMilestones(candidates) };
  }
  let latest = candidates[0];
  for (const candidate of candidates) if (candidate.date > latest.date) latest = candidate;
  const milestones = distinctMilestones(candidates.filter((candidate) => candidate.date < latest.date));
  return { deadline: latest.date, deadlineText: latest.written, milestones };
}

function distinctMilestones(
  candidates: readonly { date: string; text: string }[],
): TaskDeadline['milestones'] {
  const seen = new Set<string>();
  const milestones: TaskDeadline['milestones'] = [];
  for (const { date, text } of [...candidates].sort((a, b) =>
    a.date < b.date ? -1 : a.date > b.date ? 1 : 0,
  )) {
    const key = `${date}|${text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    milestones.push({ date, text });
  }
  return milestones;
}

/**
 * The clause that names a date: `2024年6月底前建立联合执法制度`. A clause that is only the date
 * (`到2025年,`) runs on to the next one, which says what is due.
 */
function clauseAround(text: string, mention: DateMention): string {
  let start = mention.offset;
  while (start > 0 && !CLAUSE_BREAK.test(text[start - 1])) start -= 1;
  const dateEnd = mention.offset + mention.text.length;
  let end = dateEnd;
  while (end < text.length && !CLAUSE_BREAK.test(text[end])) end += 1;
  if (end - dateEnd < 2 && end < text.length) {
    end += 1;
    while (end < text.length && !CLAUSE_BREAK.test(text[end])) end += 1;
  }
  return text
    .slice(start, end)
    .replace(/^[,、\s]+/, '')
    .trim();
}
