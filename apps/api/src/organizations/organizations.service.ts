import { ForbiddenException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthUser } from '../auth/auth-user';
import { SqlParams } from '@xietong/db';
import { OrganizationListQueryDto } from './dto/organization-list-query.dto';

export const ORGANIZATION_COLUMNS = `
  o.id, o.code, o.name, o.kind, o.short_names AS "shortNames", o.aliases, o.parent_id AS "parentId",
  o.verified, o.created_at AS "createdAt"`;

/** The organization dictionary (about 150 rows), whole, for pickers and administration. */
@Injectable()
export class OrganizationsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  list(query: OrganizationListQueryDto) {
    const params = new SqlParams();
    const where = ['TRUE'];
    if (query.kind) where.push(`o.kind = ${params.add(query.kind)}`);
    if (query.verified !== undefined) where.push(`o.verified = ${params.add(query.verified)}`);
    if (query.q?.trim()) {
      const q = params.add(query.q.trim());
      where.push(`(strpos(o.name, ${q}) > 0 OR strpos(o.code, upper(${q})) > 0
                   OR ${q} = ANY(o.short_names) OR ${q} = ANY(o.aliases))`);
    }
    return this.db.query(
      `SELECT ${ORGANIZATION_COLUMNS} FROM organizations o WHERE ${where.join(' AND ')}
       ORDER BY array_position(ARRAY['province', 'central', 'city', 'liaison_office', 'enterprise'], o.kind), o.code`,
      params.values,
    );
  }

  async members(organizationId: string, user: AuthUser) {
    if (!(await this.mayListMembers(organizationId, user))) {
      throw new ForbiddenException('只能查看本单位（或所代表省份），或你负责的规划中牵头单位的人员。');
    }
    return this.db.query(
      `SELECT u.id, u.display_name AS "displayName", u.email, u.role, o.name AS "organizationName"
       FROM users u JOIN organizations o ON o.id = u.organization_id
       WHERE u.active AND (o.id = $1 OR (o.kind = 'liaison_office' AND o.parent_id = $1))
       ORDER BY u.role, u.display_name`,
      [organizationId],
    );
  }

  /** Own people for everyone; for managers, the lead units of the plans they manage. */
  private async mayListMembers(organizationId: string, user: AuthUser): Promise<boolean> {
    if (user.role === 'admin' || user.actingOrganizationId === organizationId) return true;
    if (user.role !== 'manager') return false;
    const [row] = await this.db.query(
      `SELECT EXISTS (
         SELECT 1 FROM task_lead_units l JOIN tasks t ON t.id = l.task_id
         JOIN plan_managers m ON m.plan_id = t.plan_id AND m.user_id = $2
         WHERE l.organization_id = $1) AS leads`,
      [organizationId, user.id],
    );
    return row.leads;
  }
}
