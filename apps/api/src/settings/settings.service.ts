import {
  BadRequestException,
  ForbiddenException,
  Inject,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@xietong/config';
import { assertWebhookUrlAllowed, WebhookAddressError } from '@xietong/notify';
import {
  InvalidSettingsError,
  isValidTimeZone,
  parseReminderPolicy,
  parseReportingCadence,
  parseSupervisionPolicy,
} from '@xietong/rules';
import { AuditService } from '../audit/audit.service';
import { RequestActor } from '../audit/request-actor.decorator';
import { PolicyService } from '../authorization/policy.service';
import { CreateWebhookEndpointDto, UpdateMySettingsDto, UpdatePlanSettingsDto } from './settings.dto';

const WEBHOOK_COLUMNS = `id, organization_id AS "organizationId", name, url, format, enabled, created_at AS "createdAt"`;

function assertTimeZone(timeZone: string | undefined): void {
  if (timeZone !== undefined && !isValidTimeZone(timeZone)) {
    throw new BadRequestException(
      `未知的时区“${timeZone}”。timeZone must be an IANA zone such as Asia/Shanghai.`,
    );
  }
}

/**
 * The settings people change themselves: their notification channels and digest, a plan's
 * reminder policy and reporting cadence (its managers), an organization's group robots (its
 * coordinators). Every change is audited in the same transaction.
 */
@Injectable()
export class SettingsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly policy: PolicyService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async updateMine(actor: RequestActor, dto: UpdateMySettingsDto) {
    assertTimeZone(dto.timeZone);
    return this.db.transaction(async (manager) => {
      const select = `SELECT notification_preferences AS "notificationPreferences", locale, time_zone AS "timeZone"
                      FROM users WHERE id = $1`;
      const [before] = await manager.query(`${select} FOR UPDATE`, [actor.user.id]);
      await manager.query(
        `UPDATE users SET notification_preferences = CASE WHEN $2::jsonb IS NULL THEN notification_preferences
                                                          ELSE coalesce(notification_preferences, '{}') || $2::jsonb END,
                          locale = coalesce($3, locale), time_zone = coalesce($4, time_zone), updated_at = now()
         WHERE id = $1`,
        [
          actor.user.id,
          dto.notificationPreferences ? JSON.stringify(dto.notificationPreferences) : null,
          dto.locale ?? null,
          dto.timeZone ?? null,
        ],
      );
      const [after] = await manager.query(select, [actor.user.id]);
      await this.audit.record(manager, actor, {
        action: 'user.settings_changed',
        entityType: 'user',
        entityId: actor.user.id,
        before,
        after,
      });
      return after;
    });
  }

  async planSettings(actor: RequestActor, planId: string) {
    const plan = await this.findPlan(planId);
    await this.policy.assertPlan(actor.user, plan);
    return plan.settings;
  }

  async updatePlanSettings(actor: RequestActor, planId: string, dto: UpdatePlanSettingsDto) {
    const plan = await this.findPlan(planId);
    await this.policy.assertPlan(actor.user, plan);
    if (actor.user.role !== 'admin' && !plan.managerIds.includes(actor.user.id)) {
      throw new ForbiddenException(`只有《${plan.title}》的规划负责人或管理员可以修改它的提醒设置。`);
    }
    assertTimeZone(dto.timeZone);
    const next = {
      reminderPolicy: dto.reminderPolicy === undefined ? plan.settings.reminderPolicy : dto.reminderPolicy,
      reportingCadence:
        dto.reportingCadence === undefined ? plan.settings.reportingCadence : dto.reportingCadence,
      timeZone: dto.timeZone ?? plan.settings.timeZone,
      supervisionPolicy:
        dto.supervisionPolicy === undefined ? plan.settings.supervisionPolicy : dto.supervisionPolicy,
    };
    try {
      parseReminderPolicy({ ...(next.reminderPolicy ?? {}), timeZone: next.timeZone });
      if (next.reportingCadence) parseReportingCadence(next.reportingCadence);
      parseSupervisionPolicy(next.supervisionPolicy);
    } catch (error) {
      if (error instanceof InvalidSettingsError) throw new BadRequestException(error.message);
      throw error;
    }
    return this.db.transaction(async (manager) => {
      await manager.query(
        `UPDATE plans SET reminder_policy = $2, reporting_cadence = $3, time_zone = $4, supervision_policy = $5, updated_at = now() WHERE id = $1`,
        [
          planId,
          next.reminderPolicy && JSON.stringify(next.reminderPolicy),
          next.reportingCadence && JSON.stringify(next.reportingCadence),
          next.timeZone,
          next.supervisionPolicy && JSON.stringify(next.supervisionPolicy),
        ],
      );
      await this.audit.record(manager, actor, {
        action: 'plan.settings_changed',
        entityType: 'plan',
        entityId: planId,
        before: plan.settings,
        after: next,
      });
      return next;
    });
  }

  async webhooks(actor: RequestActor, organizationId: string) {
    this.assertOwnOrganization(actor, organizationId);
    return this.db.query(
      `SELECT ${WEBHOOK_COLUMNS} FROM webhook_endpoints WHERE organization_id = $1 ORDER BY name`,
      [organizationId],
    );
  }

  async addWebhook(actor: RequestActor, organizationId: string, dto: CreateWebhookEndpointDto) {
    this.assertOwnOrganization(actor, organizationId);
    // The worker checks again at every send, after DNS resolution: a name may point elsewhere later.
    try {
      await assertWebhookUrlAllowed(dto.url, { allowedHosts: this.config.webhookAllowedHosts });
    } catch (error) {
      if (error instanceof WebhookAddressError) throw new BadRequestException(error.message);
      throw error;
    }
    return this.db.transaction(async (manager) => {
      const [created] = await manager.query(
        `INSERT INTO webhook_endpoints (organization_id, name, url, format, secret)
         VALUES ($1, $2, $3, $4, $5) RETURNING ${WEBHOOK_COLUMNS}`,
        [organizationId, dto.name, dto.url, dto.format, dto.secret ?? null],
      );
      // The robot's URL and secret are credentials: the audit trail records that one was added, not them.
      await this.audit.record(manager, actor, {
        action: 'webhook.created',
        entityType: 'webhook_endpoint',
        entityId: created.id,
        after: { name: created.name, format: created.format },
      });
      return created;
    });
  }

  async removeWebhook(actor: RequestActor, organizationId: string, webhookId: string): Promise<void> {
    this.assertOwnOrganization(actor, organizationId);
    await this.db.transaction(async (manager) => {
      const removed: { name: string }[] = await manager.query(
        `WITH removed AS (DELETE FROM webhook_endpoints WHERE id = $1 AND organization_id = $2 RETURNING name)
         SELECT name FROM removed`,
        [webhookId, organizationId],
      );
      if (!removed.length)
        throw new NotFoundException('该单位没有这个群机器人。No such webhook for this organization.');
      await this.audit.record(manager, actor, {
        action: 'webhook.removed',
        entityType: 'webhook_endpoint',
        entityId: webhookId,
        before: removed[0],
      });
    });
  }

  /** Group robots belong to an organization: its coordinators (or an admin) manage them. */
  private assertOwnOrganization(actor: RequestActor, organizationId: string): void {
    const { role, actingOrganizationId } = actor.user;
    if (role === 'admin' || (role === 'coordinator' && actingOrganizationId === organizationId)) return;
    throw new ForbiddenException('只有本单位的协调员或管理员可以管理本单位的群机器人。');
  }

  private async findPlan(planId: string) {
    const [plan] = await this.db.query(
      `SELECT p.id, p.title, p.time_zone, p.reminder_policy, p.reporting_cadence, p.supervision_policy,
              coalesce(array_agg(m.user_id) FILTER (WHERE m.user_id IS NOT NULL), '{}') AS manager_ids
       FROM plans p LEFT JOIN plan_managers m ON m.plan_id = p.id WHERE p.id = $1 GROUP BY p.id`,
      [planId],
    );
    if (!plan) throw new NotFoundException('没有这个规划。No such plan.');
    return {
      id: plan.id as string,
      title: plan.title as string,
      managerIds: plan.manager_ids as string[],
      settings: {
        reminderPolicy: plan.reminder_policy as Record<string, unknown> | null,
        reportingCadence: plan.reporting_cadence as Record<string, unknown> | null,
        timeZone: plan.time_zone as string,
        supervisionPolicy: plan.supervision_policy as Record<string, unknown> | null,
      },
    };
  }
}
