import { findGarbledSpans, normalizeCharacters } from './normalize-characters';

describe('normalizeCharacters', () => {
  it('drops pinyin glosses after characters but keeps real brackets', () => {
    expect(normalizeCharacters('北部灣城市群建設(shè)“十四五”實施方案')).toBe(
      '北部湾城市群建设“十四五”实施方案',
    );
    expect(normalizeCharacters('發(fā)展(5G)網(wǎng)絡(luò)、(PM2.5)、(RCEP)、(湛江)、(GEP)、(O3)')).toBe(
      '发展(5G)网络、(PM2.5)、(RCEP)、(湛江)、(GEP)、(O3)',
    );
    expect(normalizeCharacters('市域(郊)铁路 word(sic) 的(de)')).toBe('市域(郊)铁路 word(sic) 的');
  });

  it('converts traditional to simplified and unifies punctuation widths', () => {
    expect(normalizeCharacters('（五）強化空間分區管控。（廣西壯族自治區，自然資源部）')).toBe(
      '(五)强化空间分区管控。(广西壮族自治区,自然资源部)',
    );
    expect(normalizeCharacters('目标：提高５个百分点；\u3000达到９０％')).toBe('目标:提高5个百分点; 达到90%');
  });

  it('keeps one line per original line and trims them', () => {
    const original = '  一、總體要求 \r\n\r\n（一）指導思想。\r\n\t三、\u00a0';
    const normalized = normalizeCharacters(original);
    expect(normalized.split('\n')).toEqual(['一、总体要求', '', '(一)指导思想。', '三、']);
  });

  it('removes HTML debris and invisible characters', () => {
    expect(normalizeCharacters('<p>推进\u200b建设&nbsp;工作</p><br/>')).toBe('推进建设 工作');
  });
});

describe('findGarbledSpans', () => {
  it('finds question-mark runs, private-use characters and pinyin left without its bracket', () => {
    expect(findGarbledSpans('南宁、???、湛江等').map((span) => span.excerpt)).toEqual(['南宁、???、湛江等']);
    expect(findGarbledSpans('以北海、湛江、??诘瘸鞘袨')).toHaveLength(1);
    expect(findGarbledSpans('区域?qū)\ue5ddI服务')).toHaveLength(1);
    expect(findGarbledSpans('在维护边疆上彰显新\ue2fd败')).toHaveLength(1);
  });

  it('leaves ordinary text and real question marks alone', () => {
    expect(findGarbledSpans('强化空间分区管控。(广西壮族自治区,自然资源部)')).toEqual([]);
    expect(findGarbledSpans('外卖餐盒都去哪里了?总台记者多地探访')).toEqual([]);
  });
});
