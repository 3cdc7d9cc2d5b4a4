import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SqlParams } from '../authorization/sql-params';
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
}
