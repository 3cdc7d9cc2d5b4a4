import { Progress, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import { WorkItem } from '../../api/types';
import { DeadlineText, ResponsibilityTag, StatusTag, TrafficLightTag } from '../../components/work-item-tags';
import { Translate } from '../../i18n';

/**
 * The columns every work-item list shares; screens add their own (an action, say) at the end.
 * Each cell carries its column's title, which the phone layout (a card per row, below 768 px)
 * shows as the cell's label.
 */
export function workItemColumns(
  t: Translate,
  options: { showOrganization?: boolean } = {},
): TableColumnsType<WorkItem> {
  return labelled<WorkItem>([
    {
      title: t('item.light'),
      dataIndex: 'trafficLight',
      width: 96,
      render: (_value, item) => <TrafficLightTag light={item.trafficLight} />,
    },
    {
      title: t('item.title'),
      dataIndex: 'title',
      render: (_value, item) => (
        <>
          <Link to={`/work-items/${item.id}`}>{item.title}</Link>{' '}
          <ResponsibilityTag responsibility={item.responsibility} showLead={false} />
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {item.taskRef ?? item.taskCode} · {item.planTitle}
          </Typography.Text>
        </>
      ),
    },
    ...(options.showOrganization
      ? [{ title: t('item.organization'), dataIndex: 'organizationName', width: 160 } as const]
      : []),
    {
      title: t('item.owner'),
      dataIndex: 'ownerName',
      width: 120,
      render: (_value, item) =>
        item.ownerName ?? <Typography.Text type="secondary">{t('item.noOwner')}</Typography.Text>,
    },
    {
      title: t('item.deadline'),
      dataIndex: 'deadline',
      width: 120,
      render: (_value, item) => <DeadlineText item={item} />,
    },
    {
      title: t('item.status'),
      dataIndex: 'status',
      width: 100,
      render: (_value, item) => <StatusTag status={item.status} />,
    },
    {
      title: t('item.progress'),
      dataIndex: 'progress',
      width: 130,
      render: (_value, item) => <Progress percent={item.progress} size="small" />,
    },
  ]);
}

/** Adds `data-label` (the column title) to every cell, for the card layout of `.responsive-table`. */
export function labelled<T>(columns: TableColumnsType<T>): TableColumnsType<T> {
  return columns.map((column) => ({
    ...column,
    onCell: () => ({ 'data-label': typeof column.title === 'string' ? column.title : '' }) as object,
  }));
}
