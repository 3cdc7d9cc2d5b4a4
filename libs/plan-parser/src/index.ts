export {
  decodePlanText,
  PlanDecodeError,
  type DecodedPlanText,
  type PlanTextEncoding,
} from './decode-plan-text';
export { parsePlan, type ParsePlanOptions } from './parse-plan';
export { toContractJson, toPlanParseJson, type PlanParseJson, type PlanParseJsonV1 } from './contract-json';
export { assessStructure, type StructureAssessment } from './assess-structure';
export { normalizeCharacters, toSimplifiedChinese } from './normalize-characters';
export { parseChineseNumeral, fiveYearPlanPeriod, toChineseNumeral } from './chinese-numerals';
export type { OrganizationDictionaryEntry, OrganizationKind } from './organization-dictionary';
export type {
  Diagnostic,
  DiagnosticSeverity,
  LeadUnit,
  ParsedPlan,
  PlanChapter,
  PlanIndicator,
  PlanMilestone,
  PlanReportingCadence,
  PlanSubItem,
  PlanPeriod,
  PlanTask,
  TaskKind,
  IndicatorComparator,
} from './parsed-plan';
export { readPlanFile, type PlanDocument, type PlanFileFormat } from './readers/read-plan-file';
export { PlanReadError, type PlanReadErrorCode } from './readers/plan-read-error';
export { parsePlanFile } from './parse-plan-file';
