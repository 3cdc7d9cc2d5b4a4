import type { OrganizationDictionaryEntry } from '../../libs/plan-parser/src/organization-dictionary';

/**
 * The 34 provincial-level divisions. Codes are the postal-style abbreviations the demo e-mail
 * addresses use (coordinator.gx@…), so they must stay stable once users exist.
 *
 * Where the State Council recognises two one-character abbreviations (贵/黔, 云/滇, 川/蜀,
 * 陕/秦, 甘/陇) both are aliases, because plans and reports use either. Informal "自治区"
 * variants such as 广西区 are listed because provincial documents use them for themselves.
 * No city names appear here (吉林市, 海口 …): a city is a different organization, and an alias
 * that equals a city name would make the parser assign a city's task to the province.
 */
export const PROVINCES: readonly OrganizationDictionaryEntry[] = [
  // Municipalities directly under the central government
  { code: 'BJ', name: '北京市', kind: 'province', shortNames: ['北京'], aliases: ['京'] },
  { code: 'TJ', name: '天津市', kind: 'province', shortNames: ['天津'], aliases: ['津'] },
  { code: 'SH', name: '上海市', kind: 'province', shortNames: ['上海'], aliases: ['沪', '申'] },
  { code: 'CQ', name: '重庆市', kind: 'province', shortNames: ['重庆'], aliases: ['渝'] },

  // Provinces
  { code: 'HE', name: '河北省', kind: 'province', shortNames: ['河北'], aliases: ['冀'] },
  { code: 'SX', name: '山西省', kind: 'province', shortNames: ['山西'], aliases: ['晋'] },
  { code: 'LN', name: '辽宁省', kind: 'province', shortNames: ['辽宁'], aliases: ['辽'] },
  { code: 'JL', name: '吉林省', kind: 'province', shortNames: ['吉林'], aliases: ['吉'] },
  { code: 'HL', name: '黑龙江省', kind: 'province', shortNames: ['黑龙江'], aliases: ['黑'] },
  { code: 'JS', name: '江苏省', kind: 'province', shortNames: ['江苏'], aliases: ['苏'] },
  { code: 'ZJ', name: '浙江省', kind: 'province', shortNames: ['浙江'], aliases: ['浙'] },
  { code: 'AH', name: '安徽省', kind: 'province', shortNames: ['安徽'], aliases: ['皖'] },
  { code: 'FJ', name: '福建省', kind: 'province', shortNames: ['福建'], aliases: ['闽'] },
  { code: 'JX', name: '江西省', kind: 'province', shortNames: ['江西'], aliases: ['赣'] },
  { code: 'SD', name: '山东省', kind: 'province', shortNames: ['山东'], aliases: ['鲁'] },
  { code: 'HA', name: '河南省', kind: 'province', shortNames: ['河南'], aliases: ['豫'] },
  { code: 'HB', name: '湖北省', kind: 'province', shortNames: ['湖北'], aliases: ['鄂'] },
  { code: 'HN', name: '湖南省', kind: 'province', shortNames: ['湖南'], aliases: ['湘'] },
  { code: 'GD', name: '广东省', kind: 'province', shortNames: ['广东'], aliases: ['粤'] },
  { code: 'HI', name: '海南省', kind: 'province', shortNames: ['海南'], aliases: ['琼'] },
  { code: 'SC', name: '四川省', kind: 'province', shortNames: ['四川'], aliases: ['川', '蜀'] },
  { code: 'GZ', name: '贵州省', kind: 'province', shortNames: ['贵州'], aliases: ['贵', '黔'] },
  { code: 'YN', name: '云南省', kind: 'province', shortNames: ['云南'], aliases: ['云', '滇'] },
  { code: 'SN', name: '陕西省', kind: 'province', shortNames: ['陕西'], aliases: ['陕', '秦'] },
  { code: 'GS', name: '甘肃省', kind: 'province', shortNames: ['甘肃'], aliases: ['甘', '陇'] },
  { code: 'QH', name: '青海省', kind: 'province', shortNames: ['青海'], aliases: ['青'] },
  // Taiwan is listed as a province in the national administrative-division code (GB/T 2260).
  { code: 'TW', name: '台湾省', kind: 'province', shortNames: ['台湾'], aliases: ['台'] },

  // Autonomous regions
  {
    code: 'NM',
    name: '内蒙古自治区',
    kind: 'province',
    shortNames: ['内蒙古'],
    aliases: ['蒙', '内蒙'],
  },
  {
    code: 'GX',
    name: '广西壮族自治区',
    kind: 'province',
    shortNames: ['广西'],
    aliases: ['桂', '广西自治区', '广西区'],
  },
  {
    code: 'XZ',
    name: '西藏自治区',
    kind: 'province',
    shortNames: ['西藏'],
    aliases: ['藏', '西藏区'],
  },
  {
    code: 'NX',
    name: '宁夏回族自治区',
    kind: 'province',
    shortNames: ['宁夏'],
    aliases: ['宁', '宁夏自治区', '宁夏区'],
  },
  {
    code: 'XJ',
    name: '新疆维吾尔自治区',
    kind: 'province',
    shortNames: ['新疆'],
    aliases: ['新', '新疆自治区', '新疆区'],
  },

  // Special administrative regions
  {
    code: 'HK',
    name: '香港特别行政区',
    kind: 'province',
    shortNames: ['香港', '香港特区'],
    aliases: ['港', '中华人民共和国香港特别行政区', '香港特别行政区政府', '香港特区政府'],
  },
  {
    code: 'MO',
    name: '澳门特别行政区',
    kind: 'province',
    shortNames: ['澳门', '澳门特区'],
    aliases: ['澳', '中华人民共和国澳门特别行政区', '澳门特别行政区政府', '澳门特区政府'],
  },
];
