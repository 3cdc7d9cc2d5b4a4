import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { LeadUnitRole } from '@xietong/domain';

export interface JointLeadUnit {
  /** An organization code from the seeded dictionary, e.g. GX, GD, HI, NDRC, MOT. */
  code: string;
  role: LeadUnitRole;
}

export interface JointTaskSpec {
  number: number;
  chapter: number;
  title: string;
  leadUnits: JointLeadUnit[];
}

export interface JointPlanSpec {
  title?: string;
  tasks?: readonly JointTaskSpec[];
  /** Emails of users to add to plan_managers. */
  managerEmails?: string[];
  startDate?: string;
  deadline?: string;
}

export interface JointTaskFixture {
  id: string;
  number: number;
  code: string;
  title: string;
  /** Top-level work item id by lead unit code. */
  items: Record<string, string>;
}

export interface JointPlanFixture {
  id: string;
  title: string;
  tasks: JointTaskFixture[];
}

const province = (code: string): JointLeadUnit => ({ code, role: 'lead_province' });
const ministry = (code: string): JointLeadUnit => ({ code, role: 'lead_ministry' });

/**
 * Three tasks shaped like the Beibu Gulf plan's: one the three provinces and the NDRC share, one
 * Guangxi leads with the NDRC, and one Guangxi does not lead at all.
 */
export const JOINT_PLAN_TASKS: readonly JointTaskSpec[] = [
  {
    number: 1,
    chapter: 1,
    title: '共建北部湾国际门户港',
    leadUnits: [province('GX'), province('GD'), province('HI'), ministry('NDRC')],
  },
  { number: 2, chapter: 1, title: '共建西部陆海新通道', leadUnits: [province('GX'), ministry('NDRC')] },
  {
    number: 3,
    chapter: 2,
    title: '推进琼州海峡客货运输一体化',
    leadUnits: [province('GD'), province('HI'), ministry('MOT')],
  },
];

const CHINESE_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/**
 * A plan whose tasks each name their own lead units, with one work item per task × lead unit:
 * for specs about who sees and changes what across provinces.
 */
export async function createJointPlan(db: DataSource, spec: JointPlanSpec = {}): Promise<JointPlanFixture> {
  const title = spec.title ?? `协同测试规划 ${randomBytes(4).toString('hex')}`;
  const tasks = spec.tasks ?? JOINT_PLAN_TASKS;
  return db.transaction(async (manager) => {
    const [plan] = await manager.query(
      `INSERT INTO plans (title, issuer, period_start, period_end, source_original, source_normalized, source_sha256)
       VALUES ($1::text, '国家发展改革委', 2026, 2027, $1::text, $1::text, md5($1::text)) RETURNING id`,
      [title],
    );
    await manager.query(
      `INSERT INTO chapters (plan_id, number, title)
       SELECT $1, n, '第' || n || '章' FROM unnest($2::int[]) n`,
      [plan.id, [...new Set(tasks.map((task) => task.chapter))]],
    );
    const taskFixtures: JointTaskFixture[] = [];
    for (const task of tasks) {
      const code = `（${CHINESE_NUMERALS[task.number - 1] ?? task.number}）`;
      const [row] = await manager.query(
        `INSERT INTO tasks (plan_id, chapter_id, number, code, ref, title, body, kind)
         SELECT $1, id, $3, $4, number || $4::text, $5, $5, 'task' FROM chapters WHERE plan_id = $1 AND number = $2
         RETURNING id`,
        [plan.id, task.chapter, task.number, code, task.title],
      );
      const items: Record<string, string> = {};
      for (const unit of task.leadUnits) {
        const [item] = await manager.query(
          `WITH unit AS (
             INSERT INTO task_lead_units (task_id, organization_id, role, written)
             SELECT $1::uuid, id, $3::text, name FROM organizations WHERE code = $2::text
             RETURNING organization_id
           )
           INSERT INTO work_items (plan_id, task_id, organization_id, title, deadline, original_deadline, start_date)
           SELECT $4::uuid, $1::uuid, organization_id, $5::text, $6::date, $6::date, $7::date FROM unit
           RETURNING id`,
          [
            row.id,
            unit.code,
            unit.role,
            plan.id,
            task.title,
            spec.deadline ?? '2026-12-31',
            spec.startDate ?? '2026-01-01',
          ],
        );
        if (!item) throw new Error(`No organization with code ${unit.code} in the seeded dictionary`);
        items[unit.code] = item.id;
      }
      taskFixtures.push({ id: row.id, number: task.number, code, title: task.title, items });
    }
    if (spec.managerEmails?.length) {
      await manager.query(
        `INSERT INTO plan_managers (plan_id, user_id) SELECT $1, id FROM users WHERE email = ANY($2::text[])`,
        [plan.id, spec.managerEmails],
      );
    }
    return { id: plan.id, title, tasks: taskFixtures };
  });
}
