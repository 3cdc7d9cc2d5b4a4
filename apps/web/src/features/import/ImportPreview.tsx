import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Popover,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { ImportedTask, ImportedUnit, ImportPreview as Preview, Organization } from '../../api/types';
import { useI18n } from '../../i18n';
import { ChosenUnit, Edits, shownDeadline, shownUnit, TaskEdit } from './corrections';

const SEVERITY_COLOURS: Record<string, string> = { error: 'red', warning: 'orange', info: 'blue' };

const matches = (organization: Organization, input: string) =>
  [
    organization.name,
    organization.code,
    ...(organization.shortNames ?? []),
    ...(organization.aliases ?? []),
  ].some((name) => name.toLowerCase().includes(input.trim().toLowerCase()));

/** A unit tag; clicking it opens a searchable pick from the organization dictionary. */
function UnitTag({
  unit,
  edit,
  colour,
  organizations,
  onChoose,
  testId,
}: {
  unit: ImportedUnit;
  edit: TaskEdit | undefined;
  colour: string;
  organizations: Organization[];
  onChoose: (chosen: ChosenUnit) => void;
  testId: string;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const shown = shownUnit(unit, edit);
  return (
    <Popover
      trigger="click"
      open={open}
      onOpenChange={setOpen}
      destroyOnHidden
      title={t('import.changeUnit', { name: unit.name })}
      content={
        <Select
          showSearch={{
            filterOption: (input, option) =>
              organizations.some((o) => o.id === option?.value && matches(o, input)),
          }}
          autoFocus
          defaultOpen
          style={{ width: 260 }}
          placeholder={t('import.searchUnit')}
          data-testid="unit-select"
          options={organizations.map((organization) => ({
            value: organization.id,
            label: organization.name,
          }))}
          onChange={(id: string) => {
            const organization = organizations.find((o) => o.id === id);
            if (organization) onChoose({ id, name: organization.name });
            setOpen(false);
          }}
        />
      }
    >
      <Tag
        color={shown.changed ? 'green' : shown.verified ? colour : 'orange'}
        title={`${t('import.written')}：${unit.written}`}
        style={{ cursor: 'pointer', marginBottom: 4 }}
        data-testid={testId}
      >
        {shown.changed && <s style={{ opacity: 0.6, marginRight: 4 }}>{unit.name}</s>}
        {shown.name}
        {!shown.verified && ` (${t('plan.unverified')})`}
      </Tag>
    </Popover>
  );
}

/**
 * What the parser read, and a table a coordinator corrects before confirming: any unit can be
 * swapped for one from the dictionary, any deadline set, any task dropped. The edits stay in the
 * page until confirm sends them as `corrections`.
 */
export function ImportPreview({
  preview,
  edits,
  onEdit,
  organizations,
}: {
  preview: Preview;
  edits: Edits;
  onEdit: (ref: string, edit: TaskEdit) => void;
  organizations: Organization[];
}) {
  const { t } = useI18n();
  const { plan, tasks, diagnostics, reportingCadence } = preview.preview;
  const inherited = tasks.filter((task) => task.inheritedProvinces);
  const kept = preview.deadlineChanges.filter((change) => !change.moves);
  const units = (task: ImportedTask, list: ImportedUnit[], colour: string) => {
    const edit = edits[task.ref];
    return list.map((unit) => (
      <UnitTag
        key={unit.name}
        unit={unit}
        edit={edit}
        colour={colour}
        organizations={organizations}
        testId={`unit-${task.ref}-${unit.name}`}
        onChoose={(chosen) =>
          onEdit(task.ref, { ...edit, replace: { ...edit?.replace, [unit.name]: chosen } })
        }
      />
    ));
  };

  return (
    <div data-testid="import-preview">
      <Card size="small" title={`${t('import.summary')}：${plan.title}`}>
        <Row gutter={[16, 16]}>
          <Col xs={12} md={4}>
            <Statistic title={t('import.chapters')} value={preview.summary.chapters} />
          </Col>
          <Col xs={12} md={4}>
            <Statistic title={t('plans.tasks')} value={preview.summary.tasks} />
          </Col>
          <Col xs={12} md={4}>
            <Statistic title={t('import.leadUnits')} value={preview.summary.leadUnits} />
          </Col>
          <Col xs={12} md={4}>
            <Statistic title={t('import.supportUnits')} value={preview.summary.supportUnits} />
          </Col>
          <Col xs={12} md={4}>
            <Statistic title={t('import.workItems')} value={preview.summary.workItems} />
          </Col>
          <Col xs={12} md={4}>
            <Statistic title={t('import.indicators')} value={preview.summary.indicators} />
          </Col>
        </Row>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          {reportingCadence ? t('import.cadence', { text: reportingCadence.text }) : t('import.noCadence')}{' '}
          {t('import.fallback', { date: preview.fallbackDeadline })}
        </Typography.Paragraph>
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
      {preview.deadlineChanges.length > 0 && (
        <Alert
          type="info"
          showIcon
          style={{ marginTop: 16 }}
          data-testid="deadline-changes"
          title={t('import.deadlineChanges', {
            moves: preview.deadlineChanges.length - kept.length,
            kept: kept.length,
          })}
          description={kept.map((change) => (
            <div key={change.workItemId}>
              {t('import.keptDeadline', {
                task: `${change.ref} ${change.title}`,
                unit: change.organization,
                deadline: change.deadline,
                document: change.documentAfter,
              })}
            </div>
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
      <Card
        size="small"
        title={t('plans.tasks')}
        extra={<Typography.Text type="secondary">{t('import.correctHint')}</Typography.Text>}
        style={{ marginTop: 16 }}
      >
        <Table<ImportedTask>
          size="small"
          rowKey="ref"
          dataSource={tasks}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: 960 }}
          onRow={(task) =>
            ({
              'data-testid': `import-task-${task.ref}`,
              style: edits[task.ref]?.drop ? { opacity: 0.45, textDecoration: 'line-through' } : undefined,
            }) as React.HTMLAttributes<HTMLElement>
          }
          columns={[
            {
              title: t('item.task'),
              key: 'title',
              width: 300,
              render: (_v, task) => (
                <>
                  <Typography.Text strong>{task.ref}</Typography.Text> {task.title}
                  <div>
                    <Typography.Text type="secondary">
                      {t('import.sourceLine', { line: task.line })}
                    </Typography.Text>
                  </div>
                </>
              ),
            },
            {
              title: t('import.leadUnits'),
              key: 'lead',
              width: 200,
              render: (_v, task) => units(task, task.leadUnits, 'blue'),
            },
            {
              title: t('import.supportUnits'),
              key: 'support',
              width: 220,
              render: (_v, task) => units(task, task.supportUnits, 'purple'),
            },
            {
              title: t('item.deadline'),
              key: 'deadline',
              width: 170,
              render: (_v, task) => {
                const deadline = shownDeadline(task, edits[task.ref]);
                const changed = edits[task.ref]?.deadline !== undefined;
                return (
                  <Space direction="vertical" size={2} data-testid={`deadline-${task.ref}`}>
                    <DatePicker
                      size="small"
                      value={deadline ? dayjs(deadline) : null}
                      placeholder={preview.fallbackDeadline}
                      status={changed ? 'warning' : undefined}
                      onChange={(value) =>
                        onEdit(task.ref, {
                          ...edits[task.ref],
                          deadline: value ? value.format('YYYY-MM-DD') : null,
                        })
                      }
                    />
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {changed
                        ? t('import.deadlineCorrected')
                        : (task.deadlineText ?? t('import.noDeadline'))}
                      {task.milestones.length > 0 &&
                        ` · ${t('import.milestones', { count: task.milestones.length })}`}
                    </Typography.Text>
                  </Space>
                );
              },
            },
            {
              title: '',
              key: 'drop',
              width: 80,
              render: (_v, task) => {
                const dropped = edits[task.ref]?.drop === true;
                return (
                  <Button
                    size="small"
                    type="link"
                    danger={!dropped}
                    data-testid={`drop-${task.ref}`}
                    onClick={() => onEdit(task.ref, { ...edits[task.ref], drop: !dropped })}
                  >
                    {dropped ? t('import.keep') : t('import.drop')}
                  </Button>
                );
              },
            },
          ]}
        />
      </Card>
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
    </div>
  );
}
