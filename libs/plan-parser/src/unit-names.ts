import { parseChineseNumeral } from './chinese-numerals';
import type { OrganizationDictionaryEntry } from './organization-dictionary';
import type { OrganizationIndex } from './organization-index';
import { provinceOfCity } from './prefecture-cities';

/** What a written unit name stands for. */
export type UnitReading =
  | { kind: 'known'; entry: OrganizationDictionaryEntry; approximate: boolean }
  /** A province's own government or one of its departments (广东省交通运输厅): the province leads. */
  | { kind: 'province-body'; entry: OrganizationDictionaryEntry }
  /** A city, prefecture or county government; `province` when the name says which. */
  | { kind: 'local'; name: string; province?: OrganizationDictionaryEntry }
  /** `甘肃三省` (the last of a counted list) or a bare `三省区`: provinces with their stated count. */
  | { kind: 'counted'; entry?: OrganizationDictionaryEntry; count: number }
  /** `各有关省份`, `各省(区、市)`: the plan's own provinces. */
  | { kind: 'plan-provinces' }
  | { kind: 'generic' }
  | { kind: 'unknown'; name: string };

const GOVERNMENT = /(?:人民政府|政府)$/;
const COUNTED = /^(.*?)([两二三四五六七八九十\d]{1,2})个?(?:省区市|省自治区|省区|省市|省份|省)$/;
const PLAN_PROVINCES =
  /^(?:各|其他|其余)?(?:有关|相关|沿线|涉及)?(?:省份|省区|省区市|省市|省|省级人民政府|省级政府)(?:人民政府|政府)?$/;
const GENERIC =
  /^(?:各|其他)?(?:有关|相关)?(?:部门|单位|地方|方面|城市|地区)$|^(?:各地|各级政府|地方各级人民政府|有关地方人民政府|各有关方面)$/;
const LOCAL_SUFFIX = /(?:市|州|县|区|盟|旗|地区)$/;
/** A province's organ: 交通运输厅, 发展改革委, 住房城乡建设厅, 政府办公厅, 公安厅 … */
const AGENCY_SUFFIX = /(?:厅|委|委员会|局|办|办公室|院|中心|署|部|集团|公司|管委会|管理委员会)$/;
/** 南宁市发展改革委, 延边州人民政府办公室: a local organ, whatever its suffix. */
const CITY_BODY = /^((?!国家|中国|中央|国务院).{1,8}?(?:市|自治州|州|县|盟))(.+)$/;
/** What may follow a known name without being part of it: `国家发展改革委支持…`. */
const VERB_AFTER_NAME =
  /^(?:牵头|负责|配合|参与|支持|协助|协同|协办|指导|统筹|会同|共同|按职责|按照职责|分别|等|组织|推动|推进|落实)/;

export function readUnitName(written: string, index: OrganizationIndex): UnitReading {
  const exact = index.resolve(written);
  if (exact) return { kind: 'known', entry: exact.entry, approximate: exact.approximate };
  if (PLAN_PROVINCES.test(written)) return { kind: 'plan-provinces' };
  if (GENERIC.test(written)) return { kind: 'generic' };

  const counted = COUNTED.exec(written);
  if (counted) {
    const count = /^\d+$/.test(counted[2]) ? Number(counted[2]) : (parseChineseNumeral(counted[2]) ?? 0);
    const head = counted[1].replace(/^(?:各|有关|相关)/, '');
    if (head.length === 0) return { kind: 'counted', count };
    const province = provinceNamed(head, index);
    if (province) return { kind: 'counted', entry: province, count };
  }

  const bare = written.replace(GOVERNMENT, '');
  if (bare !== written && bare.length > 0) {
    const government = index.resolve(bare);
    if (government?.entry.kind === 'province') return { kind: 'province-body', entry: government.entry };
    if (government) return { kind: 'known', entry: government.entry, approximate: false };
  }

  const prefix = index.longestPrefix(written);
  if (prefix) {
    const rest = written.slice(prefix.written.length);
    if (VERB_AFTER_NAME.test(rest)) return { kind: 'known', entry: prefix.entry, approximate: false };
    if (prefix.entry.kind === 'province') {
      const restBare = rest.replace(GOVERNMENT, '');
      // 吉林市, 海南州 (in 青海): a city that shares its name with a province.
      if (/^(?:市|州|盟|地区)$/.test(restBare)) return localUnit(`${prefix.written}${restBare}`, index);
      if (LOCAL_SUFFIX.test(restBare) && !AGENCY_SUFFIX.test(restBare)) {
        return { kind: 'local', name: restBare, province: prefix.entry };
      }
      if (restBare.length === 0 || AGENCY_SUFFIX.test(restBare)) {
        return { kind: 'province-body', entry: prefix.entry };
      }
    }
  }
  if (bare !== written && LOCAL_SUFFIX.test(bare)) return localUnit(bare, index);
  const cityBody = CITY_BODY.exec(written);
  if (cityBody && AGENCY_SUFFIX.test(cityBody[2])) {
    const city = localUnit(cityBody[1], index);
    return { ...city, name: written };
  }
  return { kind: 'unknown', name: written };
}

/** A city government, filed under its province when the city list knows it. */
function localUnit(name: string, index: OrganizationIndex): UnitReading & { kind: 'local' } {
  const provinceName = provinceOfCity(name);
  const province = provinceName === undefined ? undefined : index.resolve(provinceName)?.entry;
  return province?.kind === 'province' ? { kind: 'local', name, province } : { kind: 'local', name };
}

function provinceNamed(text: string, index: OrganizationIndex): OrganizationDictionaryEntry | undefined {
  const match = index.resolve(text);
  return match?.entry.kind === 'province' ? match.entry : undefined;
}
