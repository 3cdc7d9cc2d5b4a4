import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthUser } from '../auth/auth-user';
import { SqlParams } from '@xietong/db';
import { Page, pageOffset } from '../work-items/dto/page-query.dto';
import { AuditLogQueryDto } from './dto/audit-log-query.dto';

@Injectable()
export class AuditLogService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Admins read everything; managers the entries about their plans and those plans' work items. */
  async list(user: AuthUser, query: AuditLogQueryDto): Promise<Page<Record<string, unknown>>> {
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

    const [items, [{ total }]] = await Promise.all([
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
    return { items, total, page: query.page, pageSize: query.pageSize };
  }
}
