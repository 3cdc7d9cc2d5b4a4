import { App, Button, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { api } from '../../api/client';
import { Organization } from '../../api/types';
import { useAction, useApi } from '../../api/use-api';
import { useUrlState } from '../../api/use-url-state';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n';

const KINDS = ['province', 'central', 'city', 'liaison_office', 'enterprise'];

/** The dictionary; unknown names found by imports arrive unverified and wait here to be checked. */
export function OrganizationsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const url = useUrlState({ q: '', kind: '', verified: '' });
  const organizations = useApi(
    (signal) =>
      api<Organization[]>('/api/admin/organizations', {
        query: { q: url.value('q'), kind: url.value('kind'), verified: url.value('verified') },
        signal,
      }),
    [url.value('q'), url.value('kind'), url.value('verified')],
  );
  const verify = useAction(async (organization: Organization) => {
    await api(`/api/admin/organizations/${organization.id}`, { method: 'PATCH', body: { verified: true } });
    message.success(t('common.saved'));
    organizations.reload();
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
            ...KINDS.map((kind) => ({ value: kind, label: kind })),
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
      </Space>
      <ErrorAlert error={organizations.error ?? verify.error} onRetry={organizations.reload} />
      <Table<Organization>
        rowKey="id"
        loading={organizations.loading}
        dataSource={organizations.data ?? []}
        scroll={{ x: 800 }}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          { title: t('admin.code'), dataIndex: 'code', width: 120 },
          { title: t('admin.name'), dataIndex: 'name' },
          { title: t('admin.kind'), dataIndex: 'kind', width: 130 },
          {
            title: '',
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
        ]}
      />
    </>
  );
}
