import { Select, Space, Typography } from 'antd';
import { api } from '../../api/client';
import { PlanDetail } from '../../api/types';
import { useApi } from '../../api/use-api';
import { useUrlState } from '../../api/use-url-state';
import { useMe } from '../../auth/auth-context';
import { AsyncContent } from '../../components/AsyncContent';
import { useI18n } from '../../i18n';
import { managesPlan } from '../plans/PlanPage';
import { usePlans } from '../plans/PlansPage';
import { ReportsPanel } from './ReportsPanel';
import { SchedulesPanel } from './SchedulesPanel';

/** Reports of any plan the user sees; the plan is in the URL (?plan=) so the view can be shared. */
export function ReportsPage() {
  const { t } = useI18n();
  const me = useMe();
  const url = useUrlState({ plan: '', run: '' });
  const plans = usePlans();
  const planId = url.value('plan') || plans.data?.items[0]?.id || '';
  const plan = useApi(
    (signal) => (planId ? api<PlanDetail>(`/api/plans/${planId}`, { signal }) : null),
    [planId],
  );

  return (
    <>
      <Typography.Title level={3}>{t('reports.title')}</Typography.Title>
      <AsyncContent state={plans} isEmpty={(page) => page.items.length === 0}>
        {(page) => (
          <Space direction="vertical" size="large" style={{ width: '100%' }}>
            <Select
              value={planId}
              aria-label={t('reports.choosePlan')}
              onChange={(value) => url.set({ plan: value, run: '' })}
              options={page.items.map((entry) => ({ value: entry.id, label: entry.title }))}
              style={{ width: '100%', maxWidth: 560 }}
            />
            {planId && <ReportsPanel key={planId} planId={planId} />}
            {plan.data && plan.data.id === planId && managesPlan(me, plan.data) && (
              <SchedulesPanel plan={plan.data} />
            )}
          </Space>
        )}
      </AsyncContent>
    </>
  );
}
