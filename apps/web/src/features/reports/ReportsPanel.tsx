import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Form, Radio, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { api, downloadFile } from '../../api/client';
import { REPORT_FORMATS, ReportFormat, ReportRun } from '../../api/types';
import { useAction, useApi } from '../../api/use-api';
import { useUrlState } from '../../api/use-url-state';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n';
import { ReportPreview } from './ReportPreview';
import { FIGURE_KEYS, figureChange, withPreviousRun } from './report-history';

const POLL_MS = 1500;
const STATE_COLOURS: Record<ReportRun['state'], string> = {
  queued: 'default',
  running: 'processing',
  done: 'success',
  failed: 'error',
};

function RunState({ run }: { run: ReportRun }) {
  const { t } = useI18n();
  return (
    <Tag color={STATE_COLOURS[run.state]} data-testid="report-state">
      {t(`reports.state.${run.state}`)}
    </Tag>
  );
}

function DownloadButtons({ run }: { run: ReportRun }) {
  const { t } = useI18n();
  const download = useAction((format: ReportFormat, fileName: string) =>
    downloadFile(`/api/reports/${run.id}/download?format=${format}`, fileName),
  );
  return (
    <>
      <ErrorAlert error={download.error} />
      <Space wrap>
        {run.files.map((file) => (
          <Button
            key={file.format}
            icon={<DownloadOutlined />}
            onClick={() => download.run(file.format, file.fileName)}
            data-testid={`download-${file.format}`}
          >
            {t('reports.download', { format: file.format.toUpperCase() })}
          </Button>
        ))}
      </Space>
    </>
  );
}

/** The run chosen in the URL, polled while the worker builds it. */
function ActiveRun({ runId, onFinished }: { runId: string; onFinished(): void }) {
  const run = useApi((signal) => api<ReportRun>(`/api/reports/${runId}`, { signal }), [runId]);
  const state = run.data?.state;
  const { reload } = run;
  // The parent's callback changes identity on every render; only a change of state should call it.
  const onFinishedRef = useRef(onFinished);
  useEffect(() => {
    onFinishedRef.current = onFinished;
  });
  useEffect(() => {
    if (state === 'done' || state === 'failed') {
      onFinishedRef.current();
      return;
    }
    const timer = setTimeout(reload, POLL_MS);
    return () => clearTimeout(timer);
  }, [state, reload, run.data]);
  if (!run.data) return <ErrorAlert error={run.error} onRetry={run.reload} />;
  return (
    <Card
      size="small"
      style={{ marginTop: 16 }}
      title={
        <>
          {new Date(run.data.createdAt).toLocaleString()} <RunState run={run.data} />
        </>
      }
    >
      {run.data.error && <Typography.Text type="danger">{run.data.error}</Typography.Text>}
      {run.data.state === 'done' && (
        <>
          <DownloadButtons run={run.data} />
          {run.data.files.some((file) => file.format === 'html') && (
            <div style={{ marginTop: 16 }}>
              <ReportPreview runId={run.data.id} />
            </div>
          )}
        </>
      )}
    </Card>
  );
}

/** Generate a joint report, watch it build, preview and download it; history with the change since last time. */
export function ReportsPanel({ planId }: { planId: string }) {
  const { t, locale } = useI18n();
  const url = useUrlState({ run: '' });
  const activeRunId = url.value('run');
  const runs = useApi((signal) => api<ReportRun[]>(`/api/plans/${planId}/reports`, { signal }), [planId]);
  const generate = useAction(
    async (values: { formats: ReportFormat[]; responsibility: 'lead' | 'support' }) => {
      const run = await api<ReportRun>(`/api/plans/${planId}/reports`, {
        method: 'POST',
        body: { formats: values.formats, locale, filters: { responsibility: values.responsibility } },
      });
      url.set({ run: run.id });
      runs.reload();
    },
  );

  return (
    <>
      <Card size="small" title={t('reports.generate')}>
        <ErrorAlert error={generate.error} />
        <Form
          layout="inline"
          initialValues={{ formats: ['html', 'xlsx'], responsibility: 'lead' }}
          onFinish={generate.run}
          style={{ rowGap: 8 }}
        >
          <Form.Item
            name="formats"
            label={t('reports.formats')}
            rules={[{ required: true, type: 'array', min: 1 }]}
          >
            <Checkbox.Group
              options={REPORT_FORMATS.map((format) => ({ value: format, label: format.toUpperCase() }))}
            />
          </Form.Item>
          <Form.Item
            name="responsibility"
            label={t('reports.responsibility')}
            tooltip={t('reports.responsibilityHint')}
          >
            <Radio.Group
              optionType="button"
              options={[
                { value: 'lead', label: t('reports.leadItems') },
                { value: 'support', label: t('reports.supportItems') },
              ]}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={generate.pending} data-testid="generate-report">
            {t('reports.generate')}
          </Button>
        </Form>
        {activeRunId && <ActiveRun key={activeRunId} runId={activeRunId} onFinished={runs.reload} />}
      </Card>
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('reports.history')}
      </Typography.Title>
      <ErrorAlert error={runs.error} onRetry={runs.reload} />
      <Table
        rowKey={(row) => row.run.id}
        size="small"
        loading={runs.loading}
        dataSource={withPreviousRun(runs.data ?? [])}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        scroll={{ x: 900 }}
        onRow={(row) => ({ onClick: () => url.set({ run: row.run.id }), style: { cursor: 'pointer' } })}
        columns={[
          {
            title: t('reports.createdAt'),
            key: 'createdAt',
            width: 180,
            render: (_v, { run }) => (
              <Button
                type="link"
                size="small"
                onClick={() => url.set({ run: run.id })}
                style={{ padding: 0 }}
              >
                {new Date(run.createdAt).toLocaleString()}
              </Button>
            ),
          },
          {
            title: t('item.status'),
            key: 'state',
            width: 90,
            render: (_v, { run }) => <RunState run={run} />,
          },
          {
            title: t('reports.formats'),
            key: 'formats',
            width: 130,
            render: (_v, { run }) => run.formats.join(', ').toUpperCase(),
          },
          ...FIGURE_KEYS.map((key) => ({
            title: t(`figure.${key}`),
            key,
            width: 90,
            render: (_v: unknown, { run, previous }: ReturnType<typeof withPreviousRun>[number]) => {
              const value = run.summary?.headline[key];
              if (value === undefined) return '—';
              const change = figureChange(run, previous, key);
              return (
                <span title={t('reports.change')}>
                  {key === 'averageProgress' ? `${Math.round(value)}%` : value}
                  {change !== undefined && change !== 0 && (
                    <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 4 }}>
                      ({change > 0 ? '+' : ''}
                      {change})
                    </Typography.Text>
                  )}
                </span>
              );
            },
          })),
        ]}
      />
    </>
  );
}
