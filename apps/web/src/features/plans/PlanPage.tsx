import { Breadcrumb, Card, Descriptions, Tabs, Typography } from 'antd';
import { lazy, Suspense, useMemo } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import { Me, PlanDetail, PlanTask } from '../../api/types';
import { useApi } from '../../api/use-api';
import { useUrlState } from '../../api/use-url-state';
import { useMe } from '../../auth/auth-context';
import { AsyncContent } from '../../components/AsyncContent';
import { useI18n } from '../../i18n';
import { ReportsPanel } from '../reports/ReportsPanel';
import { SchedulesPanel } from '../reports/SchedulesPanel';
import { ProvinceMatrix } from './ProvinceMatrix';
import { TaskList } from './TaskList';
import { usePlanItems } from './use-plan-items';

// ECharts is the largest dependency; only the matrix tab needs it.
const ProgressChart = lazy(() =>
  import('./ProgressChart').then((module) => ({ default: module.ProgressChart })),
);

type Tab = 'tasks' | 'matrix' | 'reports';

/** Schedules are the plan managers' (and admins') to change; the API refuses everyone else. */
export function managesPlan(me: Me, plan: PlanDetail): boolean {
  return (
    me.role === 'admin' || (me.role === 'manager' && plan.managers.some((manager) => manager.id === me.id))
  );
}

function MatrixTab({ plan }: { plan: PlanDetail }) {
  const items = usePlanItems(plan.id);
  const tasks = useApi((signal) => api<PlanTask[]>(`/api/plans/${plan.id}/tasks`, { signal }), [plan.id]);
  const provinceIds = useMemo(
    () => new Set((tasks.data ?? []).flatMap((task) => task.leadProvinces.map((unit) => unit.id))),
    [tasks.data],
  );
  return (
    <AsyncContent state={tasks} isEmpty={(list) => list.length === 0}>
      {(taskList) => (
        <AsyncContent state={items}>
          {(itemList) => (
            <>
              <Card size="small" style={{ marginBottom: 16 }}>
                <Suspense fallback={<div style={{ height: 300 }} />}>
                  <ProgressChart items={itemList} provinceIds={provinceIds} />
                </Suspense>
              </Card>
              <ProvinceMatrix tasks={taskList} items={itemList} />
            </>
          )}
        </AsyncContent>
      )}
    </AsyncContent>
  );
}

export function PlanPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const me = useMe();
  const url = useUrlState({ tab: 'tasks', chapter: '', q: '', run: '' });
  const tab = url.value('tab') as Tab;
  const plan = useApi((signal) => api<PlanDetail>(`/api/plans/${id}`, { signal }), [id]);

  return (
    <AsyncContent state={plan}>
      {(detail) => (
        <>
          <Breadcrumb
            items={[{ title: <Link to="/plans">{t('nav.plans')}</Link> }, { title: detail.title }]}
          />
          <Typography.Title level={3} style={{ marginTop: 12 }}>
            {detail.title}
          </Typography.Title>
          <Descriptions size="small" column={{ xs: 1, sm: 3 }} style={{ marginBottom: 8 }}>
            <Descriptions.Item label={t('plans.issuer')}>{detail.issuer ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('plans.period')}>
              {detail.periodStart ? `${detail.periodStart}–${detail.periodEnd ?? ''}` : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('plans.tasks')}>
              {detail.chapters.reduce((sum, chapter) => sum + chapter.taskCount, 0)}
            </Descriptions.Item>
          </Descriptions>
          <Tabs
            activeKey={tab}
            onChange={(next) => url.set({ tab: next, chapter: '', q: '', run: '' })}
            destroyOnHidden
            items={[
              {
                key: 'tasks',
                label: t('plan.tabTasks'),
                children: (
                  <TaskList
                    plan={detail}
                    chapter={url.value('chapter')}
                    q={url.value('q')}
                    onFilter={(changes) => url.set(changes)}
                  />
                ),
              },
              { key: 'matrix', label: t('plan.tabMatrix'), children: <MatrixTab plan={detail} /> },
              {
                key: 'reports',
                label: t('plan.tabReports'),
                children: (
                  <>
                    <ReportsPanel planId={detail.id} />
                    {managesPlan(me, detail) && (
                      <div style={{ marginTop: 24 }}>
                        <SchedulesPanel plan={detail} />
                      </div>
                    )}
                  </>
                ),
              },
            ]}
          />
        </>
      )}
    </AsyncContent>
  );
}
