import { Tag, Tooltip } from 'antd';
import { daysBetween, TrafficLight } from '@xietong/rules';
import { WorkItem, WorkItemStatus } from '../api/types';
import { useI18n } from '../i18n';

export const LIGHT_COLOURS: Record<TrafficLight, string> = {
  green: '#52c41a',
  yellow: '#faad14',
  red: '#f5222d',
  grey: '#bfbfbf',
};

const STATUS_COLOURS: Record<WorkItemStatus, string> = {
  not_started: 'default',
  in_progress: 'processing',
  blocked: 'error',
  done: 'success',
  cancelled: 'default',
};

/** A dot in the light's colour with its name in words, so colour is never the only signal. */
export function TrafficLightTag({ light }: { light: TrafficLight }) {
  const { t } = useI18n();
  return (
    <span className="traffic-light" data-light={light}>
      <span
        aria-hidden
        style={{
          display: 'inline-block',
          width: 10,
          height: 10,
          borderRadius: '50%',
          background: LIGHT_COLOURS[light],
          marginInlineEnd: 6,
        }}
      />
      {t(`light.${light}`)}
    </span>
  );
}

/** 配合 on a supporting unit's item; a lead item shows nothing unless asked (`showLead`). */
export function ResponsibilityTag({
  responsibility,
  showLead = true,
}: {
  responsibility: 'lead' | 'support';
  showLead?: boolean;
}) {
  const { t } = useI18n();
  if (responsibility === 'lead' && !showLead) return null;
  return (
    <Tag color={responsibility === 'lead' ? 'blue' : 'default'} data-responsibility={responsibility}>
      {t(`responsibility.${responsibility}`)}
    </Tag>
  );
}

export function StatusTag({ status }: { status: WorkItemStatus }) {
  const { t } = useI18n();
  return <Tag color={STATUS_COLOURS[status]}>{t(`status.${status}`)}</Tag>;
}

/** Today in the plan's time zone (Asia/Shanghai unless the plan says otherwise). */
export function todayIn(timeZone = 'Asia/Shanghai'): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
}

/** The deadline with how far away it is, counted by the same rule as the traffic light. */
export function DeadlineText({ item }: { item: Pick<WorkItem, 'deadline' | 'status'> }) {
  const { t } = useI18n();
  const open = item.status !== 'done' && item.status !== 'cancelled';
  const days = daysBetween(todayIn(), item.deadline);
  const hint = !open
    ? null
    : days < 0
      ? t('item.daysOverdue', { days: -days })
      : days === 0
        ? t('item.dueToday')
        : t('item.daysLeft', { days });
  return (
    <Tooltip title={hint}>
      <span style={{ whiteSpace: 'nowrap', color: open && days < 0 ? LIGHT_COLOURS.red : undefined }}>
        {item.deadline}
        {hint && <span style={{ display: 'block', fontSize: 12, opacity: 0.75 }}>{hint}</span>}
      </span>
    </Tooltip>
  );
}
