import type { OrganizationDictionaryEntry } from './organization-dictionary';
import type { ParsedPlan } from './parsed-plan';
import { parsePlan, type ParsePlanOptions } from './parse-plan';
import { readPlanFile, type PlanDocument } from './readers/read-plan-file';

/** Reads an uploaded file of any supported format and parses it: the path the CLI and the API share. */
export async function parsePlanFile(
  bytes: Uint8Array,
  dictionary: readonly OrganizationDictionaryEntry[],
  options: ParsePlanOptions & { fileName?: string } = {},
): Promise<{ document: PlanDocument; parsed: ParsedPlan }> {
  const document = await readPlanFile(bytes, options.fileName);
  return { document, parsed: parsePlan(document.text, dictionary, { title: options.title }) };
}
