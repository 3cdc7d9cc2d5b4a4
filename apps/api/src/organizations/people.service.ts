import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { actingOrganizationSql, taskScopeSql } from '@xietong/domain';
import { SqlParams } from '@xietong/db';
import { AuthUser } from '../auth/auth-user';
import { PeopleQueryDto } from './dto/people-query.dto';

/** Enough for a picker: a person types more to narrow it. */
export const PEOPLE_LIMIT = 20;

export interface PersonView {
  id: string;
  displayName: string;
  email: string;
  organizationId: string;
  organizationName: string;
}

/**
 * People who may own items this user sees: those of the organizations leading the tasks in the
 * user's scope (the same scope as the item lists), their liaison offices included, and the user's
 * own organization. Nobody else's name or address is given out.
 */
@Injectable()
export class PeopleService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  search(user: AuthUser, query: PeopleQueryDto): Promise<PersonView[]> {
    const params = new SqlParams();
    const acting = actingOrganizationSql('o');
    const where = ['u.active'];
    if (user.role !== 'admin') {
      const scope = taskScopeSql(user, { planId: 't.plan_id', taskId: 't.id' }, params);
      where.push(`(${acting} = ${params.add(user.actingOrganizationId)}
        OR ${acting} IN (SELECT l.organization_id FROM task_lead_units l JOIN tasks t ON t.id = l.task_id WHERE ${scope}))`);
    }
    if (query.id) where.push(`u.id = ${params.add(query.id)}`);
    const q = query.q?.trim();
    if (q) {
      const term = params.add(q.toLowerCase());
      where.push(`(strpos(lower(u.display_name), ${term}) > 0 OR strpos(lower(u.email), ${term}) > 0)`);
    }
    return this.db.query(
      `SELECT u.id, u.display_name AS "displayName", u.email, ${acting} AS "organizationId",
              acting_org.name AS "organizationName"
       FROM users u JOIN organizations o ON o.id = u.organization_id
       JOIN organizations acting_org ON acting_org.id = ${acting}
       WHERE ${where.join(' AND ')}
       ORDER BY ${acting} = ${params.add(user.actingOrganizationId)} DESC, acting_org.code, u.display_name
       LIMIT ${PEOPLE_LIMIT}`,
      params.values,
    );
  }
}
