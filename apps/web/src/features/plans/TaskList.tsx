import { Input, Select, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import { JointTaskView, PlanDetail, PlanTask, TaskLeadUnit } from '../../api/types';
import { useApi } from '../../api/use-api';
import { AsyncContent } from '../../components/AsyncContent';
import { ResponsibilityTag, StatusTag, TrafficLightTag } from '../../components/work-item-tags';
import { useI18n } from '../../i18n';

function LeadUnitTags({ units, color }: { units: TaskLeadUnit[]; color: string }) {
  const { t } = useI18n();
  return (
    <Space size={[4, 4]} wrap>
      {units.map((unit) => (
        <Tag key={unit.id} color={color} title={unit.written !== unit.name ? unit.written : undefined}>
          {unit.name}
          {unit.inherited && <Typography.Text type="secondary"> ({t('plan.inherited')})</Typography.Text>}
        </Tag>
      ))}
    </Space>
  );
}

/** Expanding a task shows every lead unit's item: who owns it, its light, a link to open it. */
function TaskItems({ taskId }: { taskId: string }) {
  const { t } = useI18n();
  const view = useApi((signal) => api<JointTaskView>(`/api/tasks/${taskId}`, { signal }), [taskId]);
  return (
    <AsyncContent state={view}>
      {(joint) => (
        <Table
          size="small"
          rowKey={(unit) => unit.organization.id}
          pagination={false}
          dataSource={joint.leadUnits}
          columns={[
            {
              title: t('item.organization'),
              key: 'org',
              render: (_v, unit) => (
                <>
                  {unit.organization.name} <ResponsibilityTag responsibility={unit.responsibility} />
                </>
              ),
            },
            {
              title: t('item.title'),
              key: 'item',
              render: (_v, unit) =>
                unit.item ? <Link to={`/work-items/${unit.item.id}`}>{unit.item.title}</Link> : '—',
            },
            {
              title: t('item.light'),
              key: 'light',
              render: (_v, unit) => (unit.item ? <TrafficLightTag light={unit.item.trafficLight} /> : null),
            },
            {
              title: t('item.status'),
              key: 'status',
              render: (_v, unit) => (unit.item ? <StatusTag status={unit.item.status} /> : null),
            },
            {
              title: t('item.owner'),
              key: 'owner',
              render: (_v, unit) => unit.item?.ownerName ?? t('item.noOwner'),
            },
            { title: t('item.deadline'), key: 'deadline', render: (_v, unit) => unit.item?.deadline ?? '—' },
          ]}
        />
      )}
    </AsyncContent>
  );
}

interface TaskListProps {
  plan: PlanDetail;
  chapter: string;
  q: string;
  onFilter(changes: { chapter?: string; q?: string }): void;
}

/** Chapters → tasks, each with its lead provinces and ministries; filters come from the URL. */
export function TaskList({ plan, chapter, q, onFilter }: TaskListProps) {
  const { t } = useI18n();
  const tasks = useApi(
    (signal) => api<PlanTask[]>(`/api/plans/${plan.id}/tasks`, { query: { chapter, q }, signal }),
    [plan.id, chapter, q],
  );
  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          value={chapter}
          onChange={(value) => onFilter({ chapter: value })}
          aria-label={t('plan.chapter')}
          style={{ minWidth: 240 }}
          options={[
            { value: '', label: t('plan.allChapters') },
            ...plan.chapters.map((entry) => ({
              value: String(entry.number),
              label: `${entry.number}. ${entry.title}`,
            })),
          ]}
        />
        <Input.Search
          allowClear
          key={q}
          defaultValue={q}
          placeholder={t('common.search')}
          aria-label={t('common.search')}
          onSearch={(value) => onFilter({ q: value.trim() })}
          style={{ width: 240 }}
        />
      </Space>
      <AsyncContent state={tasks} isEmpty={(list) => list.length === 0}>
        {(list) => (
          <Table<PlanTask>
            rowKey="id"
            dataSource={list}
            loading={tasks.loading}
            pagination={false}
            scroll={{ x: 800 }}
            expandable={{
              expandedRowRender: (task) => <TaskItems taskId={task.id} />,
              rowExpandable: () => true,
            }}
            columns={[
              {
                title: t('plan.chapter'),
                key: 'chapter',
                width: 180,
                onCell: () => ({ style: { verticalAlign: 'top' } }),
                render: (_v, task) => (task.chapter ? `${task.chapter.number}. ${task.chapter.title}` : '—'),
              },
              {
                title: t('item.task'),
                key: 'title',
                render: (_v, task) => (
                  <>
                    <Typography.Text strong>{task.code}</Typography.Text> {task.title}
                    {(task.deadline || task.deadlineText) && (
                      <div>
                        <Typography.Text type="secondary">
                          {t('plan.taskDeadline', { deadline: task.deadlineText ?? task.deadline ?? '' })}
                        </Typography.Text>
                      </div>
                    )}
                  </>
                ),
              },
              {
                title: t('plan.leadProvinces'),
                key: 'provinces',
                width: 220,
                render: (_v, task) => <LeadUnitTags units={task.leadProvinces} color="blue" />,
              },
              {
                title: t('plan.leadMinistries'),
                key: 'ministries',
                width: 240,
                render: (_v, task) => <LeadUnitTags units={task.leadMinistries} color="purple" />,
              },
              {
                title: t('import.supportUnits'),
                key: 'support',
                width: 220,
                render: (_v, task) => <LeadUnitTags units={task.supportUnits} color="default" />,
              },
            ]}
          />
        )}
      </AsyncContent>
    </>
  );
}
