import { Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { RequestActor } from '../audit/request-actor.decorator';

@Injectable()
export class PlanManagersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Replaces the plan's managers; only active users with the manager role qualify. */
  replace(actor: RequestActor, planId: string, userIds: string[]) {
    const wanted = [...new Set(userIds)];
    return this.db.transaction(async (manager) => {
      const [plan] = await manager.query(`SELECT id FROM plans WHERE id = $1 FOR UPDATE`, [planId]);
      if (!plan) throw new NotFoundException(`没有 id 为 ${planId} 的规划。`);
      const users: { id: string; role: string; active: boolean; displayName: string }[] = await manager.query(
        `SELECT id, role, active, display_name AS "displayName" FROM users WHERE id = ANY($1::uuid[])`,
        [wanted],
      );
      const missing = wanted.filter((id) => !users.some((user) => user.id === id));
      if (missing.length) throw new UnprocessableEntityException(`没有这些用户：${missing.join(', ')}。`);
      const unfit = users.filter((user) => user.role !== 'manager' || !user.active);
      if (unfit.length) {
        throw new UnprocessableEntityException(
          `规划负责人须是在用的 manager 角色用户；${unfit.map((user) => user.displayName).join('、')}不是。`,
        );
      }
      const before: string[] = (
        await manager.query(`SELECT user_id FROM plan_managers WHERE plan_id = $1 ORDER BY user_id`, [planId])
      ).map((row: { user_id: string }) => row.user_id);
      await manager.query(
        `DELETE FROM plan_managers WHERE plan_id = $1 AND NOT (user_id = ANY($2::uuid[]))`,
        [planId, wanted],
      );
      await manager.query(
        `INSERT INTO plan_managers (plan_id, user_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`,
        [planId, wanted],
      );
      const managers = await manager.query(
        `SELECT u.id, u.display_name AS "displayName", u.email FROM plan_managers m JOIN users u ON u.id = m.user_id
         WHERE m.plan_id = $1 ORDER BY u.display_name`,
        [planId],
      );
      await this.audit.record(manager, actor, {
        action: 'plan.managers_set',
        entityType: 'plan',
        entityId: planId,
        before: { managerIds: before },
        after: { managerIds: [...wanted].sort() },
      });
      return managers;
    });
  }
}
