import { EntityManager } from 'typeorm';
import type { CoLeadUpdateMode, NotificationChannel, NotificationPreferences } from '@xietong/rules';

export interface Recipient {
  id: string;
  name: string;
  locale: string;
  timeZone: string;
  channels: NotificationChannel[];
  dailyDigest: boolean;
  coLeadUpdates: CoLeadUpdateMode;
  /** The organization the user acts for (a liaison office's province). */
  actingOrganizationId: string;
}

export interface WebhookTarget {
  id: string;
  organizationId: string;
  /** Reminders already due before this are not sent to it (no backlog for a new robot). */
  createdAt: Date;
}

/**
 * Who can be notified, loaded once per scan rather than per item: users with their channel
 * preferences, coordinators by organization (a liaison office's by its province), the plans'
 * managers and the organizations' group robots.
 */
export class RecipientDirectory {
  private constructor(
    private readonly users: Map<string, Recipient>,
    private readonly coordinators: Map<string, string[]>,
    private readonly managers: Map<string, string[]>,
    private readonly webhooks: Map<string, WebhookTarget[]>,
  ) {}

  static async load(manager: EntityManager): Promise<RecipientDirectory> {
    const [users, managers, webhooks] = await Promise.all([
      manager.query(
        `SELECT u.id, u.display_name AS name, u.locale, u.time_zone, u.role, u.notification_preferences AS preferences,
                CASE WHEN o.kind = 'liaison_office' AND o.parent_id IS NOT NULL THEN o.parent_id ELSE o.id END AS acting_org
         FROM users u JOIN organizations o ON o.id = u.organization_id WHERE u.active`,
      ) as Promise<
        {
          id: string;
          name: string;
          locale: string;
          time_zone: string;
          role: string;
          preferences: NotificationPreferences;
          acting_org: string;
        }[]
      >,
      manager.query(
        `SELECT plan_id, array_agg(user_id) AS user_ids FROM plan_managers GROUP BY plan_id`,
      ) as Promise<{ plan_id: string; user_ids: string[] }[]>,
      manager.query(
        `SELECT id, organization_id AS "organizationId", created_at AS "createdAt" FROM webhook_endpoints WHERE enabled`,
      ) as Promise<WebhookTarget[]>,
    ]);
    const coordinators = new Map<string, string[]>();
    for (const user of users) {
      if (user.role !== 'coordinator') continue;
      coordinators.set(user.acting_org, [...(coordinators.get(user.acting_org) ?? []), user.id]);
    }
    const byOrganization = new Map<string, WebhookTarget[]>();
    for (const hook of webhooks)
      byOrganization.set(hook.organizationId, [...(byOrganization.get(hook.organizationId) ?? []), hook]);
    return new RecipientDirectory(
      new Map(
        users.map((user) => [
          user.id,
          {
            id: user.id,
            name: user.name,
            locale: user.locale,
            timeZone: user.time_zone,
            channels: user.preferences?.channels ?? ['email', 'in_app'],
            dailyDigest: user.preferences?.dailyDigest ?? false,
            coLeadUpdates: user.preferences?.coLeadUpdates ?? 'digest',
            actingOrganizationId: user.acting_org,
          },
        ]),
      ),
      coordinators,
      new Map(managers.map((row) => [row.plan_id, row.user_ids])),
      byOrganization,
    );
  }

  user(id: string): Recipient | undefined {
    return this.users.get(id);
  }

  coordinatorsOf(organizationId: string): string[] {
    return this.coordinators.get(organizationId) ?? [];
  }

  managersOf(planId: string): string[] {
    return this.managers.get(planId) ?? [];
  }

  webhooksOf(organizationId: string): WebhookTarget[] {
    return this.webhooks.get(organizationId) ?? [];
  }
}
