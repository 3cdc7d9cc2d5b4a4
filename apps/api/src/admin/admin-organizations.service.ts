import {
  ConflictException,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { RequestActor } from '../audit/request-actor.decorator';
import { SqlParams } from '@xietong/db';
import { ORGANIZATION_COLUMNS } from '../organizations/organizations.service';
import { CreateOrganizationDto, UpdateOrganizationDto } from './dto/organization.dto';

const COLUMNS: Readonly<Record<keyof CreateOrganizationDto, string>> = {
  code: 'code',
  name: 'name',
  kind: 'kind',
  shortNames: 'short_names',
  aliases: 'aliases',
  parentId: 'parent_id',
  verified: 'verified',
};

@Injectable()
export class AdminOrganizationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  create(actor: RequestActor, dto: CreateOrganizationDto) {
    return this.db.transaction(async (manager) => {
      await assertUnique(manager, dto, null);
      if (dto.parentId) await assertParentExists(manager, dto.parentId);
      const [{ id }] = await manager.query(
        `INSERT INTO organizations (code, name, kind, short_names, aliases, parent_id, verified)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [
          dto.code,
          dto.name,
          dto.kind,
          dto.shortNames ?? [],
          dto.aliases ?? [],
          dto.parentId ?? null,
          dto.verified ?? true,
        ],
      );
      const created = await findOrganization(manager, id);
      await this.audit.record(manager, actor, {
        action: 'organization.created',
        entityType: 'organization',
        entityId: id,
        after: created,
      });
      return created;
    });
  }

  update(actor: RequestActor, id: string, dto: UpdateOrganizationDto) {
    return this.db.transaction(async (manager) => {
      const before = await findOrganization(manager, id, { lock: true });
      await assertUnique(manager, dto, id);
      if (dto.parentId) await assertNoCycle(manager, id, dto.parentId);
      const params = new SqlParams();
      const assignments = (Object.keys(dto) as (keyof UpdateOrganizationDto)[])
        .filter((field) => dto[field] !== undefined)
        .map((field) => `${COLUMNS[field]} = ${params.add(dto[field])}`);
      if (!assignments.length) return before;
      await manager.query(
        `UPDATE organizations SET ${assignments.join(', ')} WHERE id = ${params.add(id)}`,
        params.values,
      );
      const after = await findOrganization(manager, id);
      await this.audit.record(manager, actor, {
        action: 'organization.changed',
        entityType: 'organization',
        entityId: id,
        before,
        after,
      });
      return after;
    });
  }
}

async function findOrganization(manager: EntityManager, id: string, options: { lock?: boolean } = {}) {
  const [organization] = await manager.query(
    `SELECT ${ORGANIZATION_COLUMNS} FROM organizations o WHERE o.id = $1 ${options.lock ? 'FOR UPDATE' : ''}`,
    [id],
  );
  if (!organization) throw new NotFoundException(`没有 id 为 ${id} 的单位。`);
  return organization;
}

/**
 * Codes are unique, and so is every name a plan may use for a unit — full name, short forms and
 * aliases alike — across the dictionary: import resolves a written name to exactly one unit, so a
 * second 广西 would make every plan that writes it ambiguous.
 */
async function assertUnique(
  manager: EntityManager,
  dto: UpdateOrganizationDto,
  id: string | null,
): Promise<void> {
  if (dto.code) {
    const [clash] = await manager.query(
      `SELECT code, name FROM organizations WHERE code = $1 AND id IS DISTINCT FROM $2 LIMIT 1`,
      [dto.code, id],
    );
    if (clash)
      throw new ConflictException(
        `代码 ${dto.code} 已被“${clash.name}”使用；请换一个代码。The code ${dto.code} is taken.`,
      );
  }
  const terms = [dto.name, ...(dto.shortNames ?? []), ...(dto.aliases ?? [])].filter((term): term is string =>
    Boolean(term),
  );
  if (!terms.length) return;
  const [clash] = await manager.query(
    `SELECT o.code, o.name, t.term FROM organizations o CROSS JOIN unnest($1::text[]) AS t(term)
     WHERE o.id IS DISTINCT FROM $2
       AND (o.name = t.term OR t.term = ANY(o.short_names) OR t.term = ANY(o.aliases))
     LIMIT 1`,
    [terms, id],
  );
  if (clash) {
    const what = clash.term === clash.name ? '名称' : '简称或别名';
    throw new ConflictException(
      `“${clash.term}”已是“${clash.name}”（${clash.code}）的${what}；同一个名称只能指一个单位，导入时才不会认错。` +
        `"${clash.term}" already names ${clash.code}.`,
    );
  }
}

/** A parent chain that loops back would make "acting organization" undefined. */
async function assertNoCycle(manager: EntityManager, id: string, parentId: string): Promise<void> {
  await assertParentExists(manager, parentId);
  const [loop] = await manager.query(
    `WITH RECURSIVE ancestors AS (
       SELECT id, parent_id FROM organizations WHERE id = $1
       UNION SELECT o.id, o.parent_id FROM organizations o JOIN ancestors a ON o.id = a.parent_id
     ) SELECT 1 FROM ancestors WHERE id = $2`,
    [parentId, id],
  );
  if (loop) throw new UnprocessableEntityException('上级单位不能是这个单位自己或它的下级单位。');
}

async function assertParentExists(manager: EntityManager, parentId: string): Promise<void> {
  const [parent] = await manager.query(`SELECT 1 FROM organizations WHERE id = $1`, [parentId]);
  if (!parent)
    throw new UnprocessableEntityException(`没有 id 为 ${parentId} 的上级单位；请从单位列表中选择。`);
}
