import { isIndexableTerm, MAX_SEARCH_TERMS, searchTerms } from './search-terms';

describe(searchTerms.name, () => {
  it('splits on ASCII and ideographic spaces, lower-cases and drops repeats', () => {
    expect(searchTerms('  平陆运河\u3000海洋  Port 港口 port ')).toEqual([
      '平陆运河',
      '海洋',
      'port',
      '港口',
    ]);
  });

  it('gives no term for empty or blank text', () => {
    expect(searchTerms(undefined)).toEqual([]);
    expect(searchTerms('')).toEqual([]);
    expect(searchTerms(' \u3000\t')).toEqual([]);
  });

  it(`keeps at most ${MAX_SEARCH_TERMS} terms`, () => {
    expect(searchTerms('一一 二二 三三 四四 五五 六六 七七')).toEqual([
      '一一',
      '二二',
      '三三',
      '四四',
      '五五',
    ]);
  });
});

describe(isIndexableTerm.name, () => {
  it('needs two characters, counting a character outside the BMP as one', () => {
    expect(isIndexableTerm('港口')).toBe(true);
    expect(isIndexableTerm('港')).toBe(false);
    expect(isIndexableTerm('𠀀')).toBe(false);
    expect(isIndexableTerm('𠀀港')).toBe(true);
  });
});
