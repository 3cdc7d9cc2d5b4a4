import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { auditActionLabel } from '@xietong/rules';
import { AuthUser } from '../auth/auth-user';
import { SqlParams } from '@xietong/db';
import { Page, pageOffset } from '../work-items/dto/page-query.dto';
import { AuditLogQueryDto } from './dto/audit-log-query.dto';

@Injectable()
export class AuditLogService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Admins read everything; managers the entries about their plans and those plans' work items. */
  async list(
    user: AuthUser,
    query: AuditLogQueryDto,
  ): Promise<Page<Record<string, unknown>> & { names: Record<string, string> }> {
    const params = new SqlParams();
    const where: string[] = [];
    if (user.role === 'manager') {
      const managed = `(SELECT plan_id FROM plan_managers WHERE user_id = ${params.add(user.id)})`;
      where.push(`((a.entity_type = 'plan' AND a.entity_id IN (SELECT plan_id::text FROM ${managed} m))
        OR (a.entity_type = 'work_item' AND a.entity_id IN (SELECT id::text FROM work_items WHERE plan_id IN ${managed})))`);
    }
    if (query.actorId) where.push(`a.actor_id = ${params.add(query.actorId)}`);
    if (query.entityType) where.push(`a.entity_type = ${params.add(query.entityType)}`);
    if (query.entityId) where.push(`a.entity_id = ${params.add(query.entityId)}`);
    if (query.action?.endsWith('.')) where.push(`starts_with(a.action, ${params.add(query.action)})`);
    else if (query.action) where.push(`a.action = ${params.add(query.action)}`);
    if (query.from) where.push(`a.created_at >= ${params.add(query.from)}::timestamptz`);
    if (query.to) where.push(`a.created_at < ${params.add(query.to)}::timestamptz`);
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const filterValues = [...params.values];

    const [items, [{ total }]]: [AuditRow[], [{ total: number }]] = await Promise.all([
      this.db.query(
        `SELECT a.id, a.action, a.entity_type AS "entityType", a.entity_id AS "entityId", a.before, a.after,
                a.ip, a.request_id AS "requestId", a.created_at AS "createdAt",
                CASE WHEN u.id IS NULL THEN NULL
                     ELSE json_build_object('id', u.id, 'email', u.email, 'displayName', u.display_name) END AS actor,
                CASE WHEN o.id IS NULL THEN NULL ELSE json_build_object('id', o.id, 'name', o.name) END AS organization
         FROM audit_log a
         LEFT JOIN users u ON u.id = a.actor_id
         LEFT JOIN organizations o ON o.id = a.organization_id
         ${whereSql}
         ORDER BY a.id DESC
         LIMIT ${params.add(query.pageSize)} OFFSET ${params.add(pageOffset(query))}`,
        params.values,
      ),
      this.db.query(`SELECT count(*)::int AS total FROM audit_log a ${whereSql}`, filterValues),
    ]);
    return {
      items: items.map((item) => ({ ...item, actionLabel: auditActionLabel(item.action) })),
      total,
      page: query.page,
      pageSize: query.pageSize,
      names: await this.names(items),
    };
  }

  /**
   * Entries keep ids (an owner, an organization, a plan's managers); readers want names. Every id in
   * the page's before/after values and entity ids, looked up once for the page: people, units,
   * plans and items.
   */
  private async names(items: AuditRow[]): Promise<Record<string, string>> {
    const ids = new Set<string>();
    const collect = (value: unknown): void => {
      if (typeof value === 'string' && UUID.test(value)) ids.add(value);
      else if (Array.isArray(value)) value.forEach(collect);
    };
    for (const item of items) {
      collect(item.entityId);
      for (const side of [item.before, item.after])
        if (side && typeof side === 'object') Object.values(side).forEach(collect);
    }
    if (!ids.size) return {};
    const rows: { id: string; name: string }[] = await this.db.query(
      `SELECT id::text, display_name AS name FROM users WHERE id = ANY($1::uuid[])
       UNION ALL SELECT id::text, name FROM organizations WHERE id = ANY($1::uuid[])
       UNION ALL SELECT id::text, title FROM plans WHERE id = ANY($1::uuid[])
       UNION ALL SELECT id::text, title FROM work_items WHERE id = ANY($1::uuid[])`,
      [[...ids]],
    );
    return Object.fromEntries(rows.map((row) => [row.id, row.name]));
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface AuditRow {
  action: string;
  entityId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}
