import type { OrganizationDictionaryEntry } from '../organization-dictionary';

/** A small dictionary for synthetic plans, independent of the seeded one. */
export const FIXTURE_DICTIONARY: readonly OrganizationDictionaryEntry[] = [
  { code: 'GX', name: '广西壮族自治区', kind: 'province', shortNames: ['广西'], aliases: ['桂'] },
  { code: 'GD', name: '广东省', kind: 'province', shortNames: ['广东'], aliases: ['粤'] },
  { code: 'HI', name: '海南省', kind: 'province', shortNames: ['海南'], aliases: ['琼'] },
  { code: 'YN', name: '云南省', kind: 'province', shortNames: ['云南'], aliases: ['滇'] },
  { code: 'HN', name: '湖南省', kind: 'province', shortNames: ['湖南'], aliases: ['湘'] },
  {
    code: 'NDRC',
    name: '国家发展和改革委员会',
    kind: 'central',
    shortNames: ['国家发展改革委'],
    aliases: ['发改委'],
  },
  { code: 'MOT', name: '交通运输部', kind: 'central', shortNames: [], aliases: [] },
  { code: 'MNR', name: '自然资源部', kind: 'central', shortNames: [], aliases: [] },
  { code: 'MOF', name: '财政部', kind: 'central', shortNames: [], aliases: [] },
  { code: 'CAAC', name: '中国民用航空局', kind: 'central', shortNames: ['民航局'], aliases: [] },
  { code: 'CR', name: '中国国家铁路集团有限公司', kind: 'enterprise', shortNames: ['国铁集团'], aliases: [] },
  { code: 'NNG', name: '南宁市', kind: 'city', shortNames: ['南宁'], aliases: [] },
];
