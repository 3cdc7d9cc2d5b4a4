import { PlusOutlined } from '@ant-design/icons';
import type { ButtonProps } from 'antd';
import { App, Button, Form, Input, Modal, Select, Space, Switch, Table, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { AdminUser, Organization, Page, USER_ROLES, UserRole } from '../../api/types';
import { useAction, useApi } from '../../api/use-api';
import { useUrlState } from '../../api/use-url-state';
import { ErrorAlert } from '../../components/ErrorAlert';
import { urlPagination } from '../../components/url-pagination';
import { useI18n } from '../../i18n';
import { labelled } from '../work-items/work-item-columns';

const PAGE_SIZE = 20;

interface NewUser {
  email: string;
  displayName: string;
  organizationId: string;
  role: UserRole;
  password: string;
}

export function useOrganizations() {
  return useApi((signal) => api<Organization[]>('/api/organizations', { signal }), []);
}

function NewUserModal({ open, onClose, onCreated }: { open: boolean; onClose(): void; onCreated(): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<NewUser>();
  const organizations = useOrganizations();
  const create = useAction(async (values: NewUser) => {
    await api('/api/admin/users', { method: 'POST', body: values });
    form.resetFields();
    onCreated();
    onClose();
  });
  return (
    <Modal
      open={open}
      title={t('admin.newUser')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.pending}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
    >
      <ErrorAlert error={create.error} />
      <Form<NewUser>
        form={form}
        layout="vertical"
        onFinish={create.run}
        initialValues={{ role: 'coordinator' }}
      >
        <Form.Item name="email" label={t('admin.email')} rules={[{ required: true, type: 'email' }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label={t('admin.name')} rules={[{ required: true, whitespace: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="organizationId" label={t('item.organization')} rules={[{ required: true }]}>
          <Select
            showSearch
            optionFilterProp="label"
            loading={organizations.loading}
            options={(organizations.data ?? []).map((organization) => ({
              value: organization.id,
              label: organization.name,
            }))}
          />
        </Form.Item>
        <Form.Item name="role" label={t('admin.role')} rules={[{ required: true }]}>
          <Select options={USER_ROLES.map((role) => ({ value: role, label: t(`role.${role}`) }))} />
        </Form.Item>
        <Form.Item name="password" label={t('admin.password')} rules={[{ required: true, min: 10 }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function UsersPage() {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const url = useUrlState({ q: '', role: '' });
  const [creating, setCreating] = useState(false);
  const users = useApi(
    (signal) =>
      api<Page<AdminUser>>('/api/admin/users', {
        query: { q: url.value('q'), role: url.value('role'), page: url.page, pageSize: PAGE_SIZE },
        signal,
      }),
    [url.value('q'), url.value('role'), url.page],
  );
  const setActive = useAction(async (user: AdminUser, active: boolean) => {
    await api(`/api/admin/users/${user.id}`, { method: 'PATCH', body: { active } });
    message.success(t('common.saved'));
    users.reload();
  });
  // Deactivating signs the person out everywhere at once: ask first. Turning an account back on needs no question.
  const toggleActive = (user: AdminUser, active: boolean) => {
    if (active) return void setActive.run(user, true);
    modal.confirm({
      title: t('admin.deactivateTitle', { name: user.displayName }),
      content: t('admin.deactivateBody', { name: user.displayName, email: user.email }),
      okText: t('admin.deactivate'),
      okButtonProps: { danger: true, 'data-testid': 'confirm-deactivate' } as ButtonProps,
      cancelText: t('common.cancel'),
      onOk: () => setActive.run(user, false),
    });
  };

  return (
    <>
      <Typography.Title level={3}>{t('admin.users')}</Typography.Title>
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
          value={url.value('role')}
          aria-label={t('admin.role')}
          onChange={(role) => url.set({ role })}
          style={{ width: 160 }}
          options={[
            { value: '', label: t('common.all') },
            ...USER_ROLES.map((role) => ({ value: role, label: t(`role.${role}`) })),
          ]}
        />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t('admin.newUser')}
        </Button>
      </Space>
      <ErrorAlert error={users.error ?? setActive.error} onRetry={users.reload} />
      <Table<AdminUser>
        rowKey="id"
        loading={users.loading}
        dataSource={users.data?.items ?? []}
        className="responsive-table"
        scroll={{ x: 800 }}
        pagination={urlPagination(url, users.data?.total, PAGE_SIZE, t)}
        columns={labelled<AdminUser>([
          { title: t('admin.name'), dataIndex: 'displayName' },
          { title: t('admin.email'), dataIndex: 'email' },
          {
            title: t('item.organization'),
            key: 'organization',
            render: (_v, user) => user.organization?.name ?? '—',
          },
          {
            title: t('admin.role'),
            dataIndex: 'role',
            width: 120,
            render: (role: UserRole) => t(`role.${role}`),
          },
          {
            title: t('admin.active'),
            dataIndex: 'active',
            width: 90,
            render: (active: boolean, user) => (
              <Switch
                checked={active}
                aria-label={`${t('admin.active')}: ${user.email}`}
                onChange={(next) => toggleActive(user, next)}
              />
            ),
          },
        ])}
      />
      <NewUserModal open={creating} onClose={() => setCreating(false)} onCreated={users.reload} />
    </>
  );
}
