import ReactECharts from 'echarts-for-react';
import { useMemo } from 'react';
import { WorkItem } from '../../api/types';
import { useI18n } from '../../i18n';

/** Mean progress of each province's items (cancelled ones left out, as the API's roll-up does). */
function meanProgressByProvince(items: WorkItem[], provinceIds: Set<string>) {
  const sums = new Map<string, { name: string; total: number; count: number }>();
  for (const item of items) {
    if (!provinceIds.has(item.organizationId) || item.status === 'cancelled') continue;
    const entry = sums.get(item.organizationId) ?? { name: item.organizationName, total: 0, count: 0 };
    entry.total += item.progress;
    entry.count += 1;
    sums.set(item.organizationId, entry);
  }
  return [...sums.values()]
    .map((entry) => ({ name: entry.name, value: Math.round(entry.total / entry.count) }))
    .sort((a, b) => b.value - a.value);
}

export function ProgressChart({ items, provinceIds }: { items: WorkItem[]; provinceIds: Set<string> }) {
  const { t } = useI18n();
  const data = useMemo(() => meanProgressByProvince(items, provinceIds), [items, provinceIds]);
  const option = {
    title: { text: t('plan.progressByProvince'), left: 0, textStyle: { fontSize: 14 } },
    tooltip: { trigger: 'axis', valueFormatter: (value: number) => `${value}%` },
    grid: { left: 8, right: 16, bottom: 8, top: 40, containLabel: true },
    xAxis: {
      type: 'category',
      data: data.map((entry) => entry.name),
      axisLabel: { interval: 0, rotate: data.length > 4 ? 30 : 0 },
    },
    yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      {
        type: 'bar',
        data: data.map((entry) => entry.value),
        itemStyle: { color: '#1677ff' },
        label: { show: true, position: 'top', formatter: '{c}%' },
      },
    ],
  };
  return (
    <ReactECharts
      option={option}
      style={{ height: 300 }}
      notMerge
      aria-label={t('plan.progressByProvince')}
    />
  );
}
