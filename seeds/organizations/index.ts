import type { OrganizationDictionaryEntry } from '../../libs/plan-parser/src/organization-dictionary';
import { CENTRAL_BODIES } from './central-bodies';
import { PROVINCES } from './provinces';

export { CENTRAL_BODIES } from './central-bodies';
export { PROVINCES } from './provinces';

/** Everything the seeder writes and the parser matches lead units against: provinces first, then central bodies. */
export const ORGANIZATION_DICTIONARY: readonly OrganizationDictionaryEntry[] = [
  ...PROVINCES,
  ...CENTRAL_BODIES,
];
