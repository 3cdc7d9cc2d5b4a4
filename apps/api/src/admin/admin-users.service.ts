import {
  ConflictException,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { hash } from 'argon2';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { SessionRegistry } from '../auth/session-registry';
import { RequestActor } from '../audit/request-actor.decorator';
import { SqlParams } from '@xietong/db';
import { Page, pageOffset } from '../work-items/dto/page-query.dto';
import { CreateUserDto, UpdateUserDto, UserListQueryDto } from './dto/user.dto';

const USER_COLUMNS = `
  u.id, u.email, u.display_name AS "displayName", u.role, u.locale, u.time_zone AS "timeZone", u.active,
  u.created_at AS "createdAt", u.updated_at AS "updatedAt",
  json_build_object('id', o.id, 'code', o.code, 'name', o.name, 'kind', o.kind) AS organization`;

/** Changing these must end the user's sessions: the access token carries role and organization. */
const SESSION_FIELDS: readonly (keyof UpdateUserDto)[] = ['role', 'organizationId', 'password', 'active'];

@Injectable()
export class AdminUsersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly sessions: SessionRegistry,
  ) {}

  async list(query: UserListQueryDto): Promise<Page<unknown>> {
    const params = new SqlParams();
    const where = ['TRUE'];
    if (query.organizationId) where.push(`u.organization_id = ${params.add(query.organizationId)}`);
    if (query.role) where.push(`u.role = ${params.add(query.role)}`);
    if (query.q?.trim()) {
      const q = params.add(query.q.trim().toLowerCase());
      where.push(`(strpos(u.email, ${q}) > 0 OR strpos(lower(u.display_name), ${q}) > 0)`);
    }
    const whereSql = where.join(' AND ');
    const filterValues = [...params.values];
    const [items, [{ total }]] = await Promise.all([
      this.db.query(
        `SELECT ${USER_COLUMNS} FROM users u JOIN organizations o ON o.id = u.organization_id
         WHERE ${whereSql} ORDER BY o.code, u.email
         LIMIT ${params.add(query.pageSize)} OFFSET ${params.add(pageOffset(query))}`,
        params.values,
      ),
      this.db.query(`SELECT count(*)::int AS total FROM users u WHERE ${whereSql}`, filterValues),
    ]);
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  create(actor: RequestActor, dto: CreateUserDto) {
    const email = dto.email.trim().toLowerCase();
    return this.db.transaction(async (manager) => {
      const [taken] = await manager.query(`SELECT 1 FROM users WHERE email = $1`, [email]);
      if (taken) throw new ConflictException(`邮箱 ${email} 已有账号；请修改那个账号，或换一个邮箱。`);
      await assertOrganizationExists(manager, dto.organizationId);
      const [{ id }] = await manager.query(
        `INSERT INTO users (email, password_hash, display_name, organization_id, role, locale, time_zone)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [
          email,
          await hash(dto.password),
          dto.displayName,
          dto.organizationId,
          dto.role,
          dto.locale ?? 'zh-CN',
          dto.timeZone ?? 'Asia/Shanghai',
        ],
      );
      const user = await findUser(manager, id);
      await this.audit.record(manager, actor, {
        action: 'user.created',
        entityType: 'user',
        entityId: id,
        after: user,
      });
      return user;
    });
  }

  async update(actor: RequestActor, id: string, dto: UpdateUserDto) {
    let endedSessions: string[] = [];
    const updated = await this.db.transaction(async (manager) => {
      const before = await findUser(manager, id, { lock: true });
      if (id === actor.user.id && (dto.active === false || (dto.role && dto.role !== 'admin'))) {
        throw new UnprocessableEntityException('不能停用自己或取消自己的管理员角色；请让另一位管理员操作。');
      }
      if (dto.organizationId) await assertOrganizationExists(manager, dto.organizationId);
      const params = new SqlParams();
      const assignments: string[] = [];
      if (dto.displayName !== undefined) assignments.push(`display_name = ${params.add(dto.displayName)}`);
      if (dto.organizationId !== undefined)
        assignments.push(`organization_id = ${params.add(dto.organizationId)}`);
      if (dto.role !== undefined) assignments.push(`role = ${params.add(dto.role)}`);
      if (dto.locale !== undefined) assignments.push(`locale = ${params.add(dto.locale)}`);
      if (dto.timeZone !== undefined) assignments.push(`time_zone = ${params.add(dto.timeZone)}`);
      if (dto.active !== undefined) assignments.push(`active = ${params.add(dto.active)}`);
      if (dto.password !== undefined)
        assignments.push(`password_hash = ${params.add(await hash(dto.password))}`);
      if (!assignments.length) return before;
      await manager.query(
        `UPDATE users SET ${assignments.join(', ')}, updated_at = now() WHERE id = ${params.add(id)}`,
        params.values,
      );
      if (SESSION_FIELDS.some((field) => dto[field] !== undefined)) {
        endedSessions = await this.sessions.revokeUserSessions(manager, id);
      }
      const after = await findUser(manager, id);
      await this.audit.record(manager, actor, {
        action: 'user.changed',
        entityType: 'user',
        entityId: id,
        before,
        after: { ...after, ...(dto.password !== undefined && { passwordChanged: true }) },
      });
      return after;
    });
    // After the commit, or a request in between would read the old rows and cache them again.
    await this.sessions.forget(endedSessions);
    return updated;
  }
}

async function findUser(manager: EntityManager, id: string, options: { lock?: boolean } = {}) {
  const [user] = await manager.query(
    `SELECT ${USER_COLUMNS} FROM users u JOIN organizations o ON o.id = u.organization_id WHERE u.id = $1
     ${options.lock ? 'FOR UPDATE OF u' : ''}`,
    [id],
  );
  if (!user) throw new NotFoundException(`没有 id 为 ${id} 的用户。`);
  return user;
}

async function assertOrganizationExists(manager: EntityManager, organizationId: string): Promise<void> {
  const [organization] = await manager.query(`SELECT 1 FROM organizations WHERE id = $1`, [organizationId]);
  if (!organization)
    throw new UnprocessableEntityException(`没有 id 为 ${organizationId} 的单位；请从单位列表中选择。`);
}
