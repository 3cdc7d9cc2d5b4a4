import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { openStatusSql } from '@xietong/db';
import { APP_CONFIG, AppConfig } from '@xietong/config';
import { DeliveryProducer } from '@xietong/queue';
import { NotificationKind } from '@xietong/domain';
import {
  alreadyDueAt,
  cadenceReminders,
  DEFAULT_REMINDER_POLICY,
  dueReminders,
  formatLocalDateTime,
  nextReminderCheck,
  parseReminderPolicy,
  parseReportingCadence,
  ReminderPolicy,
  reminderRecipients,
  ReportingCadence,
  silenceReminder,
} from '@xietong/rules';
import { NotificationDraft } from './notification-draft';
import { writeNotifications } from './outbox-writer';
import { RecipientDirectory } from './recipient-directory';
import { draftsForUsers } from './user-drafts';

const BATCH_SIZE = 5000;

interface ScannedItem {
  id: string;
  plan_id: string;
  organization_id: string;
  owner_id: string | null;
  deadline: string;
  status: string;
  title: string;
  task_code: string;
  organization_name: string;
  last_activity_at: Date;
  /** The row version read: the scan records the item's next check only if nobody changed it since. */
  xmin: string;
}

interface Decision {
  kind: NotificationKind;
  dedupeKey: string;
  sendAfter: Date;
  recipients: string[];
  /** The organization's group robots hear about deadlines, not about one person's silence. */
  toGroupRobots: boolean;
  payload: Record<string, unknown>;
}

interface PlanSettings {
  title: string;
  policy: ReminderPolicy;
  cadence: ReportingCadence | null;
}

interface PlanRow {
  id: string;
  title: string;
  time_zone: string;
  reminder_policy: Record<string, unknown> | null;
  reporting_cadence: unknown;
}

interface CadenceSubjectRow {
  plan_id: string;
  organization_id: string;
  organization_name: string;
  owner_ids: string[];
  last_update_at: Date | null;
}

export interface ReminderScanResult {
  itemsScanned: number;
  notificationsCreated: number;
  deliveriesEnqueued: number;
}

/**
 * Decides which reminders are due and writes them to the outbox. Each batch of items is written in
 * one transaction and only then enqueued; unique dedupe keys make a repeated or concurrent scan
 * (two workers, a retry) write nothing twice.
 */
@Injectable()
export class ReminderScanner {
  private readonly logger = new Logger(ReminderScanner.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly producer: DeliveryProducer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Incremental: reads only open items within the horizon whose next threshold has come (or that
   * changed since, which deletes their check, or were last judged "as of" a later time), and
   * records for each the start of the day its reminders can next change (`nextReminderCheck`). A scan soon after
   * another reads almost nothing.
   */
  async scan(now = new Date(), workItemIds?: string[]): Promise<ReminderScanResult> {
    const plans = await this.loadPlans();
    const directory = await RecipientDirectory.load(this.dataSource.manager);
    const horizon = scanHorizon(
      now,
      [...plans.values()].map((plan) => plan.policy),
    );
    const result: ReminderScanResult = { itemsScanned: 0, notificationsCreated: 0, deliveriesEnqueued: 0 };
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const items: ScannedItem[] = await this.dataSource.query(
        `SELECT w.id, w.plan_id, w.organization_id, w.owner_id, w.deadline::text AS deadline, w.status, w.title,
                t.code AS task_code, o.name AS organization_name,
                coalesce(w.last_update_at, w.updated_at) AS last_activity_at, w.xmin::text AS xmin
         FROM work_items w JOIN tasks t ON t.id = w.task_id JOIN organizations o ON o.id = w.organization_id
           LEFT JOIN work_item_reminder_checks c ON c.work_item_id = w.id
         WHERE ${openStatusSql('w.status')} AND w.id > $1
           AND (w.deadline <= $2::date OR w.status = 'in_progress')
           -- Items named explicitly (their deadline just changed) are read whatever their check says.
           AND CASE WHEN $3::uuid[] IS NULL THEN c.work_item_id IS NULL OR c.check_at <= $5 OR c.scanned_at > $5
                    ELSE w.id = ANY($3::uuid[]) END
         ORDER BY w.id LIMIT $4`,
        [after, horizon, workItemIds ?? null, BATCH_SIZE, now],
      );
      if (!items.length) break;
      after = items[items.length - 1].id;
      result.itemsScanned += items.length;
      const drafts = items.flatMap((item) => this.draftsFor(item, plans, directory, now));
      const escalated = [...new Set(drafts.filter((d) => d.kind === 'escalation').map((d) => d.workItemId))];
      const written = await this.dataSource.transaction(async (manager) => {
        await this.recordNextChecks(manager, items, plans, now);
        if (escalated.length) {
          await manager.query(
            `UPDATE work_items SET escalated_at = $2 WHERE id = ANY($1::uuid[]) AND escalated_at IS NULL`,
            [escalated, now],
          );
        }
        return writeNotifications(manager, drafts);
      });
      result.notificationsCreated += written.length;
      result.deliveriesEnqueued += await this.producer.enqueue(written);
    }
    if (!workItemIds) {
      const drafts = await this.cadenceDrafts(plans, directory, now);
      const written = await this.dataSource.transaction((manager) => writeNotifications(manager, drafts));
      result.notificationsCreated += written.length;
      result.deliveriesEnqueued += await this.producer.enqueue(written);
    }
    if (result.notificationsCreated) this.logger.log(result, 'reminder scan');
    return result;
  }

  /**
   * One statement per batch. Guarded by the item's row version read (before this transaction's
   * own escalation update) and taken under a share lock, so an item edited meanwhile — committed
   * or not yet — gets no check and is read by the next scan.
   */
  private async recordNextChecks(
    manager: EntityManager,
    items: ScannedItem[],
    plans: Map<string, PlanSettings>,
    now: Date,
  ): Promise<void> {
    const checks = items.map((item) => {
      const policy = plans.get(item.plan_id)?.policy;
      const next =
        policy &&
        nextReminderCheck({ ...item, lastActivityAt: new Date(item.last_activity_at) }, policy, now);
      return next ? next.toISOString() : 'infinity';
    });
    await manager.query(
      `INSERT INTO work_item_reminder_checks (work_item_id, check_at, scanned_at)
       SELECT w.id, c.check_at, $4
       FROM unnest($1::uuid[], $2::xid[], $3::timestamptz[]) AS c(id, seen, check_at)
       JOIN work_items w ON w.id = c.id AND w.xmin = c.seen
       FOR SHARE OF w
       ON CONFLICT (work_item_id) DO UPDATE SET check_at = excluded.check_at, scanned_at = excluded.scanned_at`,
      [items.map((item) => item.id), items.map((item) => item.xmin), checks, now],
    );
  }

  /** Organizations that have not posted their periodic update (weekly, monthly) on a plan that asks for one. */
  private async cadenceDrafts(
    plans: Map<string, PlanSettings>,
    directory: RecipientDirectory,
    now: Date,
  ): Promise<NotificationDraft[]> {
    const planIds = [...plans].filter(([, plan]) => plan.cadence).map(([id]) => id);
    if (!planIds.length) return [];
    const subjects: CadenceSubjectRow[] = await this.dataSource.query(
      `SELECT w.plan_id, w.organization_id, o.name AS organization_name,
              array_remove(array_agg(DISTINCT w.owner_id), NULL) AS owner_ids,
              -- An update counts for the organization whose item it is about: a liaison office reports for its province.
              (SELECT max(u.created_at) FROM work_item_updates u JOIN work_items uw ON uw.id = u.work_item_id
               WHERE uw.plan_id = w.plan_id AND uw.organization_id = w.organization_id) AS last_update_at
       FROM work_items w JOIN organizations o ON o.id = w.organization_id
       WHERE w.plan_id = ANY($1::uuid[]) AND ${openStatusSql('w.status')}
       GROUP BY w.plan_id, w.organization_id, o.name`,
      [planIds],
    );
    return subjects.flatMap((subject) => {
      const plan = plans.get(subject.plan_id) as PlanSettings & { cadence: ReportingCadence };
      const reminders = cadenceReminders(
        {
          planId: subject.plan_id,
          organizationId: subject.organization_id,
          lastUpdateAt: subject.last_update_at && new Date(subject.last_update_at),
        },
        plan.cadence,
        plan.policy,
        now,
      );
      return reminders.flatMap((reminder) => {
        const coordinators = directory.coordinatorsOf(subject.organization_id);
        const reporters =
          reminder.audience === 'organization' && subject.owner_ids.length ? subject.owner_ids : coordinators;
        return draftsForUsers(directory, reporters, {
          kind: 'cadence',
          dedupeKey: reminder.dedupeKey,
          workItemId: null,
          sendAfter: reminder.sendAfter,
          payload: {
            planTitle: plan.title,
            organizationName: subject.organization_name,
            periodKey: reminder.periodKey,
            dueAt: formatLocalDateTime(reminder.dueAt, plan.policy.timeZone),
            link: `${this.config.publicUrl}/plans/${subject.plan_id}`,
          },
        });
      });
    });
  }

  private async loadPlans(): Promise<Map<string, PlanSettings>> {
    const rows: PlanRow[] = await this.dataSource.query(
      `SELECT id, title, time_zone, reminder_policy, reporting_cadence FROM plans`,
    );
    return new Map(rows.map((row) => [row.id, this.planSettings(row)]));
  }

  /** A plan whose stored settings no longer validate is still reminded, with the defaults, and logged. */
  private planSettings(row: PlanRow): PlanSettings {
    const defaults: PlanSettings = {
      title: row.title,
      policy: { ...DEFAULT_REMINDER_POLICY, timeZone: row.time_zone },
      cadence: null,
    };
    try {
      return {
        title: row.title,
        policy: parseReminderPolicy({ ...(row.reminder_policy ?? {}), timeZone: row.time_zone }),
        cadence: row.reporting_cadence ? parseReportingCadence(row.reporting_cadence) : null,
      };
    } catch (error) {
      this.logger.warn({ planId: row.id, err: error }, 'invalid reminder settings; using the defaults');
      return defaults;
    }
  }

  private draftsFor(
    item: ScannedItem,
    plans: Map<string, PlanSettings>,
    directory: RecipientDirectory,
    now: Date,
  ): NotificationDraft[] {
    const plan = plans.get(item.plan_id);
    if (!plan) return [];
    const people = {
      ownerId: item.owner_id,
      coordinatorIds: directory.coordinatorsOf(item.organization_id),
      managerIds: directory.managersOf(item.plan_id),
    };
    const context = {
      itemTitle: item.title,
      taskCode: item.task_code,
      planTitle: plan.title,
      organizationName: item.organization_name,
      deadline: item.deadline,
      link: `${this.config.publicUrl}/work-items/${item.id}`,
      workingDays: plan.policy.workingDays,
    };
    const decisions = dueReminders(item, plan.policy, now).map((reminder): Decision => ({
      kind: reminder.kind,
      dedupeKey: reminder.dedupeKey,
      sendAfter: reminder.sendAfter,
      recipients: reminderRecipients(reminder.audience, people),
      toGroupRobots: reminder.audience === 'owner',
      payload: {
        ...context,
        daysLeft: Math.max(0, reminder.daysToDeadline),
        daysOverdue: Math.max(0, -reminder.daysToDeadline),
      },
    }));
    const silence = silenceReminder(
      { ...item, lastActivityAt: new Date(item.last_activity_at) },
      plan.policy,
      now,
    );
    if (silence) {
      decisions.push({
        kind: 'silent',
        dedupeKey: silence.dedupeKey,
        sendAfter: silence.sendAfter,
        recipients: reminderRecipients('owner', people),
        toGroupRobots: false,
        payload: { ...context, daysSilent: silence.daysSilent },
      });
    }
    return decisions.flatMap((decision) => [
      ...draftsForUsers(directory, decision.recipients, {
        kind: decision.kind,
        dedupeKey: decision.dedupeKey,
        workItemId: item.id,
        sendAfter: decision.sendAfter,
        payload: decision.payload,
      }),
      ...(decision.toGroupRobots ? directory.webhooksOf(item.organization_id) : [])
        .filter((hook) => !alreadyDueAt(item, plan.policy, decision.dedupeKey, hook.createdAt, now))
        .map((hook): NotificationDraft => ({
          recipientId: null,
          webhookEndpointId: hook.id,
          channel: 'webhook',
          kind: decision.kind,
          dedupeKey: `${decision.dedupeKey}:webhook:${hook.id}`,
          workItemId: item.id,
          payload: { ...decision.payload, recipientName: item.organization_name, locale: 'zh-CN' },
          sendAfter: decision.sendAfter,
        })),
    ]);
  }
}

/** Items due later than the largest "days before" of any plan cannot need a deadline reminder yet. */
function scanHorizon(now: Date, policies: ReminderPolicy[]): string {
  const largest = Math.max(0, ...policies.map((p) => Math.max(0, ...p.daysBefore) * (p.workingDays ? 2 : 1)));
  // Working days can stretch across a week-long holiday; the slack keeps such items in the scan.
  const horizon = new Date(now.getTime() + (largest + 10) * 86_400_000);
  return horizon.toISOString().slice(0, 10);
}
