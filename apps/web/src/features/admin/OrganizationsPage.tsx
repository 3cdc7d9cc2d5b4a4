import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { Organization } from '../../api/types';
import { useAction, useApi } from '../../api/use-api';
import { useUrlState } from '../../api/use-url-state';
import { ErrorAlert } from '../../components/ErrorAlert';
import { labelOf, useI18n } from '../../i18n';
import { labelled } from '../work-items/work-item-columns';
import { ORGANIZATION_KINDS, OrganizationModal } from './OrganizationForm';

/** The dictionary; unknown names found by imports arrive unverified and wait here to be checked. */
export function OrganizationsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const url = useUrlState({ q: '', kind: '', verified: '' });
  // undefined: closed; null: a new one; an organization: editing it.
  const [editing, setEditing] = useState<Organization | null | undefined>(undefined);
  // The whole dictionary (a few hundred rows): parents' names, the parent picker, and the list itself when no filter is set.
  const dictionary = useApi((signal) => api<Organization[]>('/api/admin/organizations', { signal }), []);
  const filtered = Boolean(url.value('q') || url.value('kind') || url.value('verified'));
  const filteredList = useApi(
    (signal) =>
      filtered
        ? api<Organization[]>('/api/admin/organizations', {
            query: { q: url.value('q'), kind: url.value('kind'), verified: url.value('verified') },
            signal,
          })
        : Promise.resolve(null),
    [url.value('q'), url.value('kind'), url.value('verified')],
  );
  const organizations = filtered ? filteredList : dictionary;
  const reloadAll = () => {
    filteredList.reload();
    dictionary.reload();
  };
  const verify = useAction(async (organization: Organization) => {
    await api(`/api/admin/organizations/${organization.id}`, { method: 'PATCH', body: { verified: true } });
    message.success(t('common.saved'));
    reloadAll();
  });

  return (
    <>
      <Typography.Title level={3}>{t('admin.organizations')}</Typography.Title>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          key={url.value('q')}
          defaultValue={url.value('q')}
          aria-label={t('common.search')}
          placeholder={t('common.search')}
          onSearch={(q) => url.set({ q: q.trim() })}
          style={{ width: 240 }}
        />
        <Select
          value={url.value('kind')}
          aria-label={t('admin.kind')}
          onChange={(kind) => url.set({ kind })}
          style={{ width: 160 }}
          options={[
            { value: '', label: t('common.all') },
            ...ORGANIZATION_KINDS.map((kind) => ({
              value: kind,
              label: labelOf(t, `admin.kind.${kind}`, kind),
            })),
          ]}
        />
        <Select
          value={url.value('verified')}
          aria-label={t('admin.verified')}
          onChange={(verified) => url.set({ verified })}
          style={{ width: 140 }}
          options={[
            { value: '', label: t('common.all') },
            { value: 'true', label: t('admin.verified') },
            { value: 'false', label: t('plan.unverified') },
          ]}
        />
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setEditing(null)}
          data-testid="new-organization"
        >
          {t('admin.newOrganization')}
        </Button>
      </Space>
      <ErrorAlert error={organizations.error ?? verify.error} onRetry={organizations.reload} />
      <Table<Organization>
        rowKey="id"
        loading={organizations.loading}
        dataSource={organizations.data ?? []}
        className="responsive-table"
        scroll={{ x: 900 }}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={labelled<Organization>([
          { title: t('admin.code'), dataIndex: 'code', width: 120 },
          { title: t('admin.orgName'), dataIndex: 'name' },
          {
            title: t('admin.kind'),
            dataIndex: 'kind',
            width: 120,
            render: (kind: string) => labelOf(t, `admin.kind.${kind}`, kind),
          },
          {
            title: t('admin.province'),
            dataIndex: 'parentId',
            width: 150,
            render: (parentId: string | null | undefined) =>
              parentId ? (dictionary.data?.find((candidate) => candidate.id === parentId)?.name ?? '—') : '',
          },
          {
            title: `${t('admin.shortNames')} / ${t('admin.aliases')}`,
            key: 'aliases',
            render: (_v, organization) =>
              [...(organization.shortNames ?? []), ...(organization.aliases ?? [])].join('、'),
          },
          {
            title: t('admin.verified'),
            dataIndex: 'verified',
            width: 120,
            render: (verified: boolean, organization) =>
              verified ? (
                <Tag color="green">{t('common.yes')}</Tag>
              ) : (
                <Button size="small" onClick={() => verify.run(organization)}>
                  {t('admin.verify')}
                </Button>
              ),
          },
          {
            title: '',
            key: 'edit',
            width: 90,
            render: (_v, organization) => (
              <Button
                size="small"
                icon={<EditOutlined />}
                onClick={() => setEditing(organization)}
                aria-label={`${t('admin.edit')} ${organization.name}`}
              >
                {t('admin.edit')}
              </Button>
            ),
          },
        ])}
      />
      <OrganizationModal
        open={editing !== undefined}
        organization={editing ?? null}
        organizations={dictionary.data ?? []}
        onClose={() => setEditing(undefined)}
        onSaved={() => {
          reloadAll();
        }}
      />
    </>
  );
}
