import { buildJointReport } from '../testing/joint-report.factory';
import { progressChartLayout, renderProgressChartSvg } from './render-chart-svg';

describe('progress chart', () => {
  const report = buildJointReport();

  it('draws one bar per province, as long as its average progress', () => {
    const layout = progressChartLayout(report);
    expect(layout.bars.map((bar) => bar.label)).toEqual(['广西壮族自治区', '广东省', '海南省']);
    for (const bar of layout.bars) {
      const province = report.byProvince.find((row) => row.organization.name === bar.label)!;
      expect(bar.barWidth).toBeCloseTo((layout.plotWidth * province.averageProgress) / 100);
    }
    expect(layout.height).toBeGreaterThan(layout.bars[2].y + layout.rowHeight);
  });

  it('squeezes the rows of every province into a maximum height', () => {
    const [first] = report.byProvince;
    const byProvince = Array.from({ length: 34 }, (_, index) => ({
      ...first,
      organization: { ...first.organization, id: `province-${index}` },
    }));
    const layout = progressChartLayout({ ...report, byProvince }, 640, 520);
    expect(layout.height).toBeLessThanOrEqual(520);
    expect(layout.bars).toHaveLength(34);
    expect(layout.bars[33].y + layout.rowHeight).toBeLessThanOrEqual(layout.plotBottom);
    expect(layout.barHeight).toBeLessThan(layout.rowHeight);
    expect(progressChartLayout(report, 640, 520).rowHeight).toBe(progressChartLayout(report).rowHeight);
  });

  it('keeps bars inside the plot when figures are out of range', () => {
    const [first, second] = report.byProvince;
    const layout = progressChartLayout({
      ...report,
      byProvince: [
        { ...first, averageProgress: 140 },
        { ...second, averageProgress: -5 },
      ],
    });
    expect(layout.bars.map((bar) => bar.barWidth)).toEqual([layout.plotWidth, 0]);
  });

  it('is well-formed SVG with balanced tags and escaped names', () => {
    const [first] = report.byProvince;
    const svg = renderProgressChartSvg({
      ...report,
      byProvince: [{ ...first, organization: { ...first.organization, name: '桂<&>"\'' } }],
    });
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*>.*<\/svg>$/s);
    expect(svg).toContain('桂&lt;&amp;&gt;&quot;&#39;');
    expect(svg).not.toMatch(/&(?!amp;|lt;|gt;|quot;|#39;)/);
    const opened = svg.match(/<(text|title|svg)\b/g)!.length;
    const closed = svg.match(/<\/(text|title|svg)>/g)!.length;
    expect(opened).toBe(closed);
    expect((svg.match(/<rect /g) ?? []).length).toBe(1);
    expect(svg).toContain('各省区平均进度');
  });
});
