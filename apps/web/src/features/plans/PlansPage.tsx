import { Card, Col, Row, Statistic, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import { Page, PlanSummary } from '../../api/types';
import { useApi } from '../../api/use-api';
import { AsyncContent } from '../../components/AsyncContent';
import { useI18n } from '../../i18n';

export function usePlans() {
  return useApi((signal) => api<Page<PlanSummary>>('/api/plans', { query: { pageSize: 100 }, signal }), []);
}

export function PlansPage() {
  const { t } = useI18n();
  const plans = usePlans();
  return (
    <>
      <Typography.Title level={3}>{t('plans.title')}</Typography.Title>
      <AsyncContent state={plans} isEmpty={(page) => page.items.length === 0}>
        {(page) => (
          <Row gutter={[16, 16]}>
            {page.items.map((plan) => (
              <Col key={plan.id} xs={24} md={12} xl={8}>
                <Link to={`/plans/${plan.id}`} aria-label={plan.title}>
                  <Card hoverable title={<span className="wrap-title">{plan.title}</span>}>
                    <Row gutter={16}>
                      <Col span={8}>
                        <Statistic title={t('plans.tasks')} value={plan.taskCount} />
                      </Col>
                      <Col span={8}>
                        <Statistic title={t('plans.items')} value={plan.workItemCount} />
                      </Col>
                      <Col span={8}>
                        <Statistic
                          title={t('plans.period')}
                          value={plan.periodStart ? `${plan.periodStart}–${plan.periodEnd ?? ''}` : '—'}
                          valueStyle={{ fontSize: 18 }}
                        />
                      </Col>
                    </Row>
                  </Card>
                </Link>
              </Col>
            ))}
          </Row>
        )}
      </AsyncContent>
    </>
  );
}
