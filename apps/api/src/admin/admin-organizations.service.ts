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
      if (dto.parentId) await findOrganization(manager, dto.parentId);
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

async function assertUnique(
  manager: EntityManager,
  dto: UpdateOrganizationDto,
  id: string | null,
): Promise<void> {
  if (!dto.code && !dto.name) return;
  const [clash] = await manager.query(
    `SELECT code, name FROM organizations WHERE (code = $1 OR name = $2) AND id IS DISTINCT FROM $3 LIMIT 1`,
    [dto.code ?? null, dto.name ?? null, id],
  );
  if (clash) throw new ConflictException(`已有单位使用这个代码或名称：${clash.name}（${clash.code}）。`);
}

/** A parent chain that loops back would make "acting organization" undefined. */
async function assertNoCycle(manager: EntityManager, id: string, parentId: string): Promise<void> {
  await findOrganization(manager, parentId);
  const [loop] = await manager.query(
    `WITH RECURSIVE ancestors AS (
       SELECT id, parent_id FROM organizations WHERE id = $1
       UNION SELECT o.id, o.parent_id FROM organizations o JOIN ancestors a ON o.id = a.parent_id
     ) SELECT 1 FROM ancestors WHERE id = $2`,
    [parentId, id],
  );
  if (loop) throw new UnprocessableEntityException('上级单位不能是这个单位自己或它的下级单位。');
}
