import { Alert, Card, Col, Row, Statistic, Table, Tag } from 'antd';
import { ImportPreview as Preview } from '../../api/types';
import { useI18n } from '../../i18n';

const SEVERITY_COLOURS: Record<string, string> = { error: 'red', warning: 'orange', info: 'blue' };

/** What the parser read, and what a person should check before confirming. */
export function ImportPreview({ preview }: { preview: Preview }) {
  const { t } = useI18n();
  const { plan, tasks, diagnostics } = preview.preview;
  const inherited = tasks.filter((task) => task.inheritedProvinces);
  const unknown = new Set(preview.summary.unknownOrganizations);
  const unitTags = (units: { name: string; written: string }[], colour: string) =>
    units.map((unit) => (
      <Tag key={unit.written} color={unknown.has(unit.name) ? 'orange' : colour} title={unit.written}>
        {unit.name}
        {unknown.has(unit.name) && ` (${t('plan.unverified')})`}
      </Tag>
    ));
  return (
    <div data-testid="import-preview">
      <Card size="small" title={`${t('import.summary')}：${plan.title}`}>
        <Row gutter={[16, 16]}>
          <Col xs={12} md={6}>
            <Statistic title={t('import.chapters')} value={preview.summary.chapters} />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t('plans.tasks')} value={preview.summary.tasks} />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t('import.leadUnits')} value={preview.summary.leadUnits} />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t('import.indicators')} value={preview.summary.indicators} />
          </Col>
        </Row>
      </Card>
      {preview.summary.unknownOrganizations.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 16 }}
          title={t('import.unknown')}
          description={preview.summary.unknownOrganizations.map((name) => (
            <Tag key={name} color="orange">
              {name}
            </Tag>
          ))}
        />
      )}
      {inherited.length > 0 && (
        <Alert
          type="info"
          showIcon
          style={{ marginTop: 16 }}
          title={t('import.inheritedTasks')}
          description={inherited.map((task) => `${task.code} ${task.title}`).join('；')}
        />
      )}
      <Card size="small" title={t('import.diagnostics')} style={{ marginTop: 16 }}>
        <Table
          size="small"
          rowKey={(row) => `${row.line}:${row.message}`}
          dataSource={diagnostics}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          scroll={{ x: 600 }}
          columns={[
            { title: t('import.line'), dataIndex: 'line', width: 70 },
            {
              title: t('import.severity'),
              dataIndex: 'severity',
              width: 90,
              render: (severity: string) => <Tag color={SEVERITY_COLOURS[severity]}>{severity}</Tag>,
            },
            { title: t('import.message'), dataIndex: 'message' },
          ]}
        />
      </Card>
      <Card size="small" title={t('plans.tasks')} style={{ marginTop: 16 }}>
        <Table
          size="small"
          rowKey={(task) => `${task.chapter}:${task.number}:${task.code}`}
          dataSource={tasks}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 800 }}
          columns={[
            { title: t('item.task'), key: 'title', render: (_v, task) => `${task.code} ${task.title}` },
            {
              title: t('plan.leadProvinces'),
              key: 'provinces',
              render: (_v, task) => unitTags(task.leadProvinces, 'blue'),
            },
            {
              title: t('plan.leadMinistries'),
              key: 'ministries',
              render: (_v, task) => unitTags(task.leadMinistries, 'purple'),
            },
          ]}
        />
      </Card>
    </div>
  );
}
