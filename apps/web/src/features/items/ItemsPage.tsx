import { DownloadOutlined, SaveOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Checkbox,
  DatePicker,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Typography,
} from 'antd';
import type { TableProps } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { api, downloadFile, withQuery } from '../../api/client';
import { Page, PlanDetail, PlanSummary, WORK_ITEM_STATUSES, WorkItem } from '../../api/types';
import { useAction, useApi } from '../../api/use-api';
import { useUrlState } from '../../api/use-url-state';
import { useMe } from '../../auth/auth-context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { urlPagination } from '../../components/url-pagination';
import { MessageKey, useI18n } from '../../i18n';
import { workItemColumns } from '../work-items/work-item-columns';
import { useSharedInbox } from '../supervision/use-inbox';
import { BulkBar } from './BulkBar';
import { OwnerFilter, UNASSIGNED } from './OwnerFilter';

const PAGE_SIZE = 50;
const FILTERS = [
  'q',
  'planId',
  'chapter',
  'organizationId',
  'role',
  'status',
  'light',
  'ownerId',
  'unassigned',
  'mine',
  'dueAfter',
  'dueBefore',
  'sort',
] as const;
type Filter = (typeof FILTERS)[number];
const LIGHTS = ['red', 'yellow', 'green', 'grey'] as const;
const ROLES = ['lead_province', 'lead_ministry', 'participant'] as const;
/** Columns the API sorts by (dataIndex → sort key). */
const SORTABLE: Record<string, string> = {
  deadline: 'deadline',
  progress: 'progress',
  status: 'status',
  title: 'title',
};

interface SavedView {
  id: string;
  name: string;
  path: string;
  query: string;
}

/**
 * 事项查询: every item the person may see, searched (title, task text, update threads) and
 * filtered by everything in the URL, sortable, exportable, selectable for bulk work, and savable
 * as a named view.
 */
export function ItemsPage() {
  const me = useMe();
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const location = useLocation();
  const url = useUrlState<Filter>(
    Object.fromEntries(FILTERS.map((key) => [key, key === 'sort' ? 'deadline' : ''])) as Record<
      Filter,
      string
    >,
  );
  const { reload: reloadInbox } = useSharedInbox();
  const [selected, setSelected] = useState<WorkItem[]>([]);
  const [naming, setNaming] = useState(false);
  const [form] = Form.useForm<{ name: string }>();

  const query: Record<string, string | number> = {};
  for (const key of FILTERS) if (url.value(key) && key !== 'mine') query[key] = url.value(key);
  if (url.value('mine') === 'true') query.ownerId = me.id;
  const items = useApi(
    (signal) =>
      api<Page<WorkItem>>('/api/work-items', {
        query: { ...query, page: url.page, pageSize: PAGE_SIZE },
        signal,
      }),
    [JSON.stringify(query), url.page],
  );
  const plans = useApi(
    (signal) => api<Page<PlanSummary>>('/api/plans', { query: { pageSize: 100 }, signal }),
    [],
  );
  const planId = url.value('planId');
  const plan = useApi(
    (signal) => (planId ? api<PlanDetail>(`/api/plans/${planId}`, { signal }) : null),
    [planId],
  );
  const views = useApi((signal) => api<SavedView[]>('/api/me/views', { signal }), []);
  const saveView = useAction(async ({ name }: { name: string }) => {
    const search = new URLSearchParams(location.search);
    search.delete('page');
    await api('/api/me/views', {
      method: 'POST',
      body: { name, path: location.pathname, query: search.toString() },
    });
    message.success(t('items.viewSaved', { name }));
    setNaming(false);
    views.reload();
  });
  const exportList = useAction(() =>
    downloadFile(withQuery('/api/work-items/export.xlsx', query), '事项清单.xlsx'),
  );

  const sort = url.value('sort');
  const columns = workItemColumns(t, { showOrganization: true }).map((column) => {
    const key = 'dataIndex' in column ? SORTABLE[String(column.dataIndex)] : undefined;
    if (!key) return column;
    const order = sort === key ? 'ascend' : sort === `-${key}` ? 'descend' : null;
    return { ...column, sorter: true, sortOrder: order, showSorterTooltip: false };
  }) as TableProps<WorkItem>['columns'];
  const onTableChange: TableProps<WorkItem>['onChange'] = (_pagination, _filters, sorter, extra) => {
    if (extra.action !== 'sort' || Array.isArray(sorter)) return;
    const key = SORTABLE[String(sorter.field)];
    url.set({ sort: !sorter.order || !key ? 'deadline' : sorter.order === 'descend' ? `-${key}` : key });
  };
  const multi = (key: Filter) => (url.value(key) ? url.value(key).split(',') : []);

  return (
    <>
      <Typography.Title level={3}>{t('items.title')}</Typography.Title>
      <Space wrap style={{ marginBottom: 12 }} className="items-filters">
        <Input.Search
          allowClear
          defaultValue={url.value('q')}
          key={url.value('q')}
          placeholder={t('items.searchPlaceholder')}
          aria-label={t('items.searchPlaceholder')}
          maxLength={100}
          onSearch={(value) => url.set({ q: value.trim() })}
          style={{ width: 280 }}
        />
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={t('items.plan')}
          aria-label={t('items.plan')}
          value={planId || undefined}
          onChange={(value) => url.set({ planId: value ?? '', chapter: '', organizationId: '' })}
          options={(plans.data?.items ?? []).map((p) => ({ value: p.id, label: p.title }))}
          style={{ width: 240 }}
        />
        {plan.data && (
          <>
            <Select
              allowClear
              placeholder={t('items.chapter')}
              aria-label={t('items.chapter')}
              value={url.value('chapter') || undefined}
              onChange={(value) => url.set({ chapter: value ?? '' })}
              options={plan.data.chapters.map((c) => ({
                value: String(c.number),
                label: `${c.number}. ${c.title}`,
              }))}
              style={{ width: 180 }}
            />
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              placeholder={t('item.organization')}
              aria-label={t('item.organization')}
              value={url.value('organizationId') || undefined}
              onChange={(value) => url.set({ organizationId: value ?? '' })}
              options={plan.data.leadUnits.map((unit) => ({ value: unit.id, label: unit.name }))}
              style={{ width: 180 }}
            />
          </>
        )}
        <Select
          allowClear
          placeholder={t('items.role')}
          aria-label={t('items.role')}
          value={url.value('role') || undefined}
          onChange={(value) => url.set({ role: value ?? '' })}
          options={ROLES.map((role) => ({ value: role, label: t(`items.role.${role}` as MessageKey) }))}
          style={{ width: 130 }}
        />
        <Select
          mode="multiple"
          allowClear
          placeholder={t('item.status')}
          aria-label={t('item.status')}
          value={multi('status')}
          onChange={(value: string[]) => url.set({ status: value.join(',') })}
          options={WORK_ITEM_STATUSES.map((status) => ({ value: status, label: t(`status.${status}`) }))}
          style={{ minWidth: 140 }}
        />
        <Select
          mode="multiple"
          allowClear
          placeholder={t('item.light')}
          aria-label={t('item.light')}
          value={multi('light')}
          onChange={(value: string[]) => url.set({ light: value.join(',') })}
          options={LIGHTS.map((light) => ({ value: light, label: t(`light.${light}` as MessageKey) }))}
          style={{ minWidth: 120 }}
        />
        <DatePicker.RangePicker
          aria-label={t('items.deadlineRange')}
          placeholder={[t('items.dueAfter'), t('items.dueBefore')]}
          value={[
            url.value('dueAfter') ? dayjs(url.value('dueAfter')) : null,
            url.value('dueBefore') ? dayjs(url.value('dueBefore')) : null,
          ]}
          allowEmpty={[true, true]}
          onChange={(range) =>
            url.set({
              dueAfter: range?.[0]?.format('YYYY-MM-DD') ?? '',
              dueBefore: range?.[1]?.format('YYYY-MM-DD') ?? '',
            })
          }
        />
        <OwnerFilter
          value={url.value('unassigned') === 'true' ? UNASSIGNED : url.value('ownerId')}
          onChange={(owner) =>
            url.set({
              ownerId: owner === UNASSIGNED ? '' : owner,
              unassigned: owner === UNASSIGNED ? 'true' : '',
              mine: '',
            })
          }
        />
        <Checkbox
          checked={url.value('mine') === 'true'}
          onChange={(e) =>
            url.set({
              mine: e.target.checked ? 'true' : '',
              ...(e.target.checked ? { ownerId: '', unassigned: '' } : {}),
            })
          }
        >
          {t('items.mine')}
        </Checkbox>
      </Space>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          placeholder={t('items.savedViews')}
          aria-label={t('items.savedViews')}
          value={null}
          onChange={(id: string) => {
            const view = views.data?.find((v) => v.id === id);
            if (view) navigate(`${view.path}?${view.query}`);
          }}
          options={(views.data ?? []).map((view) => ({ value: view.id, label: view.name }))}
          notFoundContent={t('items.noSavedViews')}
          style={{ width: 180 }}
        />
        <Button icon={<SaveOutlined />} onClick={() => setNaming(true)}>
          {t('items.saveView')}
        </Button>
        <Button
          icon={<DownloadOutlined />}
          loading={exportList.pending}
          onClick={() => void exportList.run()}
        >
          {t('items.export')}
        </Button>
      </Space>
      <ErrorAlert error={items.error ?? exportList.error} onRetry={items.reload} />
      <BulkBar
        selected={selected}
        onDone={() => {
          setSelected([]);
          items.reload();
          reloadInbox();
        }}
      />
      <Table<WorkItem>
        rowKey="id"
        columns={columns}
        dataSource={items.data?.items ?? []}
        loading={items.loading}
        onChange={onTableChange}
        rowSelection={{
          selectedRowKeys: selected.map((item) => item.id),
          onChange: (_keys, rows) => setSelected(rows),
        }}
        scroll={{ x: 1000 }}
        className="responsive-table"
        locale={{ emptyText: items.loading ? t('common.loading') : t('common.empty') }}
        pagination={urlPagination(url, items.data?.total, PAGE_SIZE, t)}
      />
      <Modal
        open={naming}
        title={t('items.saveView')}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={saveView.pending}
        onOk={() => form.submit()}
        onCancel={() => setNaming(false)}
        destroyOnHidden
      >
        <ErrorAlert error={saveView.error} />
        <Form form={form} layout="vertical" onFinish={saveView.run} preserve={false}>
          <Form.Item
            name="name"
            label={t('items.viewName')}
            rules={[
              { required: true, whitespace: true, message: t('items.viewNameRequired') },
              { max: 40, message: t('items.viewNameTooLong') },
            ]}
          >
            <Input autoFocus count={{ show: true, max: 40 }} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
