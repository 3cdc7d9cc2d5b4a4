/**
 * The organization dictionary the parser matches lead units against. It is passed in (from the
 * seeded organizations table or from `seeds/organizations`) so the parser stays free of I/O.
 */
export type OrganizationKind = 'province' | 'central' | 'city' | 'liaison_office' | 'enterprise';

export interface OrganizationDictionaryEntry {
  /** Stable ASCII code, unique: provinces use their postal abbreviation (GX, GD, HI), central bodies an English acronym (NDRC, MOT). */
  code: string;
  /** Full official name in simplified characters, e.g. 国家发展和改革委员会. */
  name: string;
  /** `province` = the 34 provincial-level divisions; `central` = ministries, commissions, bureaus, Party and State Council bodies and central enterprises that lead plan tasks. */
  kind: OrganizationKind;
  /** Short forms used in official documents, e.g. 国家发展改革委, 住房城乡建设部. */
  shortNames: string[];
  /** Other names people write: 广西, 桂, 发改委. */
  aliases: string[];
  /** Code of the parent organization, when there is one (e.g. 国家林草局 under 自然资源部). */
  parentCode?: string;
}
