import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Global, INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@xietong/config';
import { actingOrganizationSql } from '@xietong/domain';
import { DatabaseModule } from '@xietong/db';
import { QueueModule, RedisModule } from '@xietong/queue';
import { addCalendarDays, daysInMonth, localDate, WorkItemStatus, zonedInstant } from '@xietong/rules';
import { RequestActor } from '../apps/api/src/audit/request-actor.decorator';
import { AuthUser } from '../apps/api/src/auth/auth-user';
import { UpdatesModule } from '../apps/api/src/updates/updates.module';
import { UpdatesService } from '../apps/api/src/updates/updates.service';
import { CompletionReviewService } from '../apps/api/src/work-items/completion-review.service';
import { DeadlineExtensionsService } from '../apps/api/src/work-items/deadline-extensions.service';
import { WorkItemEditsService } from '../apps/api/src/work-items/work-item-edits.service';
import { WorkItemsModule } from '../apps/api/src/work-items/work-items.module';
import { DEMO_STAFF, seedDemoUsers } from './seed-demo-users';

/** The plan the demo works on: the one `seedSamplePlan` imports. */
export const DEMO_PLAN_TITLE = '北部湾城市群建设“十四五”实施方案';
export const DEMO_TIME_ZONE = 'Asia/Shanghai';

/** A small but real PDF: evidence is checked by content, as every upload is. */
const EVIDENCE_PDF = Buffer.from(
  '%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
);

export interface DemoActivitySummary {
  today: string;
  deadlinesSet: number;
  owned: number;
  updates: number;
}

/** What the demo needs from the api: the services its controllers call, nothing underneath them. */
interface DemoServices {
  db: DataSource;
  edits: WorkItemEditsService;
  updates: UpdatesService;
  extensions: DeadlineExtensionsService;
  reviews: CompletionReviewService;
}

function endOfMonth(today: string, monthsAhead: number): string {
  const [year, month] = today.split('-').map(Number);
  const index = year * 12 + (month - 1) + monthsAhead;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return `${y}-${String(m).padStart(2, '0')}-${String(daysInMonth(y, m)).padStart(2, '0')}`;
}

/**
 * The sample plan's id while nobody has worked on it (no owner, no confirmed deadline, no update):
 * a plan that has any of these is someone's work, or an earlier demo, and is left alone.
 */
export async function untouchedDemoPlan(db: DataSource): Promise<string | null> {
  const [plan] = await db.query(
    `SELECT p.id FROM plans p WHERE p.title = $1
       AND NOT EXISTS (SELECT 1 FROM work_items w WHERE w.plan_id = p.id AND (w.owner_id IS NOT NULL OR w.deadline_confirmed_at IS NOT NULL))
       AND NOT EXISTS (SELECT 1 FROM work_item_updates up JOIN work_items w ON w.id = up.work_item_id WHERE w.plan_id = p.id)`,
    [DEMO_PLAN_TITLE],
  );
  return plan?.id ?? null;
}

/**
 * Gives the sample plan the life a newcomer needs to see every screen at work — owners, deadlines
 * spread over the coming months, threads, one extension and one completion waiting for a decision,
 * overdue and sent-back items — all dated from `today`, so the demo never goes stale. Every change
 * goes through the api's own services (policy, deadline rule, status machine, optimistic lock,
 * audit, notifications) as the demo users; only the threads' timestamps are moved back afterwards,
 * so they read as the last few weeks' work. Runs once: a plan that has an owner or an update
 * anywhere is someone's work (or an earlier demo) and is left alone.
 */
export async function seedDemoActivity(
  app: INestApplicationContext,
  options: { password: string; today?: string },
): Promise<DemoActivitySummary | null> {
  const db = app.get(DataSource);
  const planId = await untouchedDemoPlan(db);
  if (!planId) return null;
  await seedDemoUsers(db, options.password, DEMO_STAFF);
  const services: DemoServices = {
    db,
    edits: app.get(WorkItemEditsService),
    updates: app.get(UpdatesService),
    extensions: app.get(DeadlineExtensionsService),
    reviews: app.get(CompletionReviewService),
  };
  const today = options.today ?? localDate(new Date(), DEMO_TIME_ZONE);
  const scratch = await mkdtemp(join(tmpdir(), 'xietong-demo-'));
  try {
    return await new DemoStory(services, planId, today, scratch).run();
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

interface DemoItem {
  id: string;
  organizationId: string;
  taskId: string;
  organizationCode: string;
  version: number;
}

class DemoStory {
  private readonly actors = new Map<string, RequestActor>();
  private files = 0;
  /** Rows already given their day, by what was dated. */
  private readonly dates = {
    updates: new Set<string>(),
    extensionsRequested: new Set<string>(),
    extensionsDecided: new Set<string>(),
    notifications: new Set<string>(),
  };
  private summary: DemoActivitySummary;

  constructor(
    private readonly s: DemoServices,
    private readonly planId: string,
    private readonly today: string,
    private readonly scratch: string,
  ) {
    this.summary = { today, deadlinesSet: 0, owned: 0, updates: 0 };
  }

  async run(): Promise<DemoActivitySummary> {
    await this.loadActors();
    const items: DemoItem[] = await this.s.db.query(
      `SELECT w.id, w.organization_id AS "organizationId", w.task_id AS "taskId", o.code AS "organizationCode", w.version
       FROM work_items w JOIN organizations o ON o.id = w.organization_id JOIN tasks t ON t.id = w.task_id
       WHERE w.plan_id = $1 AND w.parent_id IS NULL
       ORDER BY t.source_line, t.id, o.code`,
      [this.planId],
    );
    const gx = items.filter((item) => item.organizationCode === 'GX');
    // The stories play on Guangxi items whose task Guangdong leads too, so both threads show side by side.
    const sharedWithGd = new Set(items.filter((i) => i.organizationCode === 'GD').map((i) => i.taskId));
    const stories = [
      ...gx.filter((i) => sharedWithGd.has(i.taskId)),
      ...gx.filter((i) => !sharedWithGd.has(i.taskId)),
    ];
    const [
      steady,
      extensionPending,
      reviewPending,
      sentBack,
      overdue,
      blocked,
      extended,
      accepted,
      liaisonPosted,
      asked,
    ] = stories;
    const storyIds = new Set(stories.slice(0, 10).map((item) => item.id));

    // 1. Every unit's first deadline, and owners for the provinces and the NDRC, as each
    //    unit's coordinator (a ministry without users gets its date from the plan's manager).
    const offsets = [1, 2, 'soon', 3, 'overdue', 1, 4, 2, 'soon', 5, 6, 3] as const;
    const owners: Record<string, string[]> = {
      GX: ['huang.haiyan@xietong.local', 'wei.zhiqiang@xietong.local', 'coordinator.gx@xietong.local'],
      GD: ['coordinator.gd@xietong.local', 'chen.lixin@xietong.local'],
      HI: ['coordinator.hi@xietong.local'],
      NDRC: ['ndrc@xietong.local'],
    };
    const coordinators: Record<string, string> = {
      GX: 'coordinator.gx@xietong.local',
      GD: 'coordinator.gd@xietong.local',
      HI: 'coordinator.hi@xietong.local',
      NDRC: 'ndrc@xietong.local',
    };
    const byOrganization = new Map<string, number>();
    let k = 0;
    for (const item of items) {
      if (storyIds.has(item.id)) continue;
      k++;
      const n = byOrganization.get(item.organizationCode) ?? 0;
      byOrganization.set(item.organizationCode, n + 1);
      const offset = offsets[n % offsets.length];
      const deadline =
        offset === 'overdue'
          ? addCalendarDays(this.today, -(3 + ((k * 7) % 40)))
          : offset === 'soon'
            ? addCalendarDays(this.today, 6 + ((k * 3) % 20))
            : endOfMonth(this.today, offset);
      const coordinator = coordinators[item.organizationCode];
      const people = owners[item.organizationCode];
      // Two in three of a province's items have an owner; the rest wait in its 待办 as unassigned.
      const owner = people && n % 3 !== 2 ? people[n % people.length] : undefined;
      const progress = owner ? [10, 25, 40, 60, 80, 35][n % 6] : undefined;
      await this.patch(coordinator ?? 'manager@xietong.local', item, {
        deadline,
        ownerId: owner ? this.userId(owner) : undefined,
        progress,
      });
    }

    // 2. The stories, oldest first, each step dated so many days before today.
    const gxCoordinator = 'coordinator.gx@xietong.local';
    await this.patch(gxCoordinator, steady, {
      deadline: endOfMonth(this.today, 1),
      ownerId: this.userId('huang.haiyan@xietong.local'),
    });
    await this.post(
      30,
      'huang.haiyan@xietong.local',
      steady,
      '已完成项目建议书编制，报自治区发展改革委审查。',
      20,
    );
    await this.post(
      9,
      'huang.haiyan@xietong.local',
      steady,
      '建议书通过专家评审，正在办理用地预审和环评手续。',
      45,
    );
    const gdPartner = await this.partner(steady, 'GD');
    if (gdPartner) {
      await this.patch('coordinator.gd@xietong.local', gdPartner, {
        ownerId: this.userId('chen.lixin@xietong.local'),
        deadline: endOfMonth(this.today, 2),
      });
      await this.post(
        14,
        'chen.lixin@xietong.local',
        gdPartner,
        '广东段已完成线位比选，与广西段衔接点待两省区联合确认。',
        30,
      );
    }

    await this.patch(gxCoordinator, extensionPending, {
      deadline: addCalendarDays(this.today, 9),
      ownerId: this.userId(gxCoordinator),
    });
    await this.post(21, gxCoordinator, extensionPending, '征地拆迁完成约一半，剩余地块涉及林地审批。', 50);
    await this.dated(2, () =>
      this.s.extensions.request(this.actor(gxCoordinator), extensionPending.id, {
        requestedDeadline: endOfMonth(this.today, 3),
        reason: '林地占用审批须报国家林草局，预计两个月后批复，申请顺延。',
        progress: 50,
      }),
    );

    await this.patch(gxCoordinator, reviewPending, {
      deadline: endOfMonth(this.today, 2),
      ownerId: this.userId(gxCoordinator),
    });
    await this.post(25, gxCoordinator, reviewPending, '主体工程完工，进入联调联试。', 80);
    await this.post(
      3,
      gxCoordinator,
      reviewPending,
      '项目已竣工并通过验收，附竣工验收报告。',
      100,
      'done',
      '竣工验收报告.pdf',
    );

    await this.patch(gxCoordinator, sentBack, {
      deadline: endOfMonth(this.today, 1),
      ownerId: this.userId(gxCoordinator),
    });
    await this.post(
      12,
      gxCoordinator,
      sentBack,
      '合作平台已挂牌运行，附挂牌文件。',
      100,
      'done',
      '挂牌文件.pdf',
    );
    await this.dated(5, () =>
      this.s.reviews.decide(
        this.actor('manager@xietong.local'),
        sentBack.id,
        'send_back',
        '佐证材料只有挂牌文件，请补充运行情况和入驻企业名单。',
      ),
    );

    await this.patch(gxCoordinator, overdue, {
      deadline: addCalendarDays(this.today, -12),
      ownerId: this.userId('wei.zhiqiang@xietong.local'),
    });
    await this.post(40, 'wei.zhiqiang@xietong.local', overdue, '已启动前期研究，正在征求沿线市县意见。', 30);

    await this.patch(gxCoordinator, blocked, {
      deadline: addCalendarDays(this.today, -4),
      ownerId: this.userId('huang.haiyan@xietong.local'),
    });
    await this.post(
      8,
      'huang.haiyan@xietong.local',
      blocked,
      '受用地指标未落实影响，工程暂停，已报请自治区协调。',
      40,
      'blocked',
    );

    await this.patch(gxCoordinator, extended, {
      deadline: addCalendarDays(this.today, 3),
      ownerId: this.userId('wei.zhiqiang@xietong.local'),
    });
    await this.post(20, 'wei.zhiqiang@xietong.local', extended, '设备采购招标两次流标，重新组织招标。', 55);
    const extension = await this.dated(15, () =>
      this.s.extensions.request(this.actor('wei.zhiqiang@xietong.local'), extended.id, {
        requestedDeadline: endOfMonth(this.today, 2),
        reason: '招标流标两次，重新招标需 45 天。',
        progress: 55,
      }),
    );
    await this.dated(13, () =>
      this.s.extensions.decide(
        this.actor('manager@xietong.local'),
        extension.id,
        'approved',
        '同意延期，请倒排工期。',
      ),
    );

    await this.patch(gxCoordinator, accepted, {
      deadline: endOfMonth(this.today, 1),
      ownerId: this.userId('huang.haiyan@xietong.local'),
    });
    await this.post(
      18,
      'huang.haiyan@xietong.local',
      accepted,
      '规划已印发实施，附印发文件。',
      100,
      'done',
      '印发通知.pdf',
    );
    await this.dated(16, () =>
      this.s.reviews.decide(
        this.actor('manager@xietong.local'),
        accepted.id,
        'accept',
        '材料齐全，予以销号。',
      ),
    );

    await this.patch(gxCoordinator, liaisonPosted, {
      deadline: addCalendarDays(this.today, 20),
      ownerId: this.userId(gxCoordinator),
    });
    await this.post(
      6,
      'liaison.gx@xietong.local',
      liaisonPosted,
      '驻粤办已与广东省商务厅对接，双方商定下月召开专题协调会。',
      70,
    );

    const gdAsking = await this.partner(asked, 'GD');
    await this.patch(gxCoordinator, asked, { deadline: endOfMonth(this.today, 4) });
    if (gdAsking) {
      await this.patch('coordinator.gd@xietong.local', gdAsking, {
        deadline: endOfMonth(this.today, 4),
        ownerId: this.userId('coordinator.gd@xietong.local'),
      });
      await this.post(
        4,
        'coordinator.gd@xietong.local',
        gdAsking,
        '请广西方面提供省界段项目的审批进度，以便同步报批。',
        35,
        undefined,
        undefined,
        asked.organizationId,
      );
    }
    return this.summary;
  }

  private async loadActors(): Promise<void> {
    const users: (AuthUser & { email: string })[] = await this.s.db.query(
      `SELECT u.id, u.email, u.role, u.organization_id AS "organizationId", ${actingOrganizationSql('o')} AS "actingOrganizationId"
       FROM users u JOIN organizations o ON o.id = u.organization_id WHERE u.email LIKE '%@xietong.local'`,
    );
    for (const user of users) this.actors.set(user.email, { user, ip: null, requestId: 'demo-seed' });
  }

  private actor(email: string): RequestActor {
    const actor = this.actors.get(email);
    if (!actor) throw new Error(`demo user ${email} is missing`);
    return actor;
  }

  private userId(email: string): string {
    return this.actor(email).user.id;
  }

  private async partner(item: DemoItem, organizationCode: string): Promise<DemoItem | undefined> {
    const [row] = await this.s.db.query(
      `SELECT w.id, w.organization_id AS "organizationId", w.task_id AS "taskId", o.code AS "organizationCode", w.version
       FROM work_items w JOIN organizations o ON o.id = w.organization_id
       WHERE w.task_id = $1 AND o.code = $2 AND w.parent_id IS NULL`,
      [item.taskId, organizationCode],
    );
    return row;
  }

  /** PATCH as the api takes it, with the version read now; a past deadline is confirmed on purpose. */
  private async patch(
    email: string,
    item: DemoItem,
    changes: { deadline?: string; ownerId?: string; progress?: number },
  ): Promise<void> {
    const [{ version, confirmed }] = await this.s.db.query(
      `SELECT version, deadline_confirmed_at IS NOT NULL AS confirmed FROM work_items WHERE id = $1`,
      [item.id],
    );
    const deadline = confirmed ? undefined : changes.deadline;
    await this.s.db.transaction((manager) =>
      this.s.edits.updateIn(manager, this.actor(email), item.id, {
        version,
        deadline,
        confirmPastDeadline: deadline !== undefined && deadline < this.today ? true : undefined,
        ownerId: changes.ownerId,
        progress: changes.progress,
      }),
    );
    if (deadline) this.summary.deadlinesSet++;
    if (changes.ownerId) this.summary.owned++;
  }

  private async post(
    daysAgo: number,
    email: string,
    item: DemoItem,
    text: string,
    progress: number,
    status?: WorkItemStatus,
    evidence?: string,
    addressedOrganizationId?: string,
  ): Promise<void> {
    const uploads = evidence ? [await this.evidenceFile(evidence)] : [];
    await this.dated(daysAgo, () =>
      this.s.updates.post(
        this.actor(email),
        item.id,
        { text, progress, status, addressedOrganizationId },
        uploads,
      ),
    );
    this.summary.updates++;
  }

  private async evidenceFile(name: string) {
    const path = join(this.scratch, `evidence-${++this.files}.pdf`);
    await writeFile(path, EVIDENCE_PDF);
    return { path, originalname: name, size: EVIDENCE_PDF.length };
  }

  /**
   * Runs one step through the api, then moves what it wrote in the threads (updates, the
   * extension request or decision, the notices it sent, the item's "last reported") to that day, 09:00–17:00 local.
   */
  private async dated<T>(daysAgo: number, step: () => Promise<T>): Promise<T> {
    const [{ mark }] = await this.s.db.query(`SELECT clock_timestamp() AS mark`);
    const result = await step();
    const minutes = (daysAgo * 37) % 480;
    const time = `${String(9 + Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
    const at = zonedInstant(addCalendarDays(this.today, -daysAgo), time, DEMO_TIME_ZONE);
    // Rows an earlier step moved are left out: with a `today` after the clock's, they lie ahead of the mark too.
    const done = this.dates;
    await this.s.db.transaction(async (manager) => {
      const move = async (
        table: string,
        column: string,
        key: keyof typeof done,
      ): Promise<{ id: string }[]> => {
        // TypeORM answers an UPDATE with [rows, rowCount].
        const [rows]: [{ id: string }[], number] = await manager.query(
          `UPDATE ${table} SET ${column} = $2 WHERE ${column} >= $1 AND NOT (id = ANY($3::uuid[])) RETURNING id`,
          [mark, at, [...done[key]]],
        );
        for (const row of rows) done[key].add(row.id);
        return rows;
      };
      const updates = await move('work_item_updates', 'created_at', 'updates');
      await move('deadline_extensions', 'created_at', 'extensionsRequested');
      await move('deadline_extensions', 'decided_at', 'extensionsDecided');
      await move('notifications', 'created_at', 'notifications');
      await manager.query(
        `UPDATE work_items w SET last_update_at = $2
         WHERE w.id IN (SELECT work_item_id FROM work_item_updates WHERE id = ANY($3::uuid[])) AND w.last_update_at >= $1`,
        [mark, at, updates.map((row) => row.id)],
      );
    });
    return result;
  }
}

/**
 * The api's services in an application context of their own (no HTTP), for the CLI's `seed`
 * and `start`: the same modules the api runs, on the configuration the CLI was given.
 */
export async function withApiServices<T>(
  config: AppConfig,
  use: (app: INestApplicationContext) => Promise<T>,
): Promise<T> {
  @Global()
  @Module({ providers: [{ provide: APP_CONFIG, useValue: config }], exports: [APP_CONFIG] })
  class GivenConfigModule {}

  @Module({
    imports: [GivenConfigModule, DatabaseModule, RedisModule, QueueModule, WorkItemsModule, UpdatesModule],
  })
  class DemoSeedModule {}

  const app = await NestFactory.createApplicationContext(DemoSeedModule, { logger: ['error', 'warn'] });
  try {
    return await use(app);
  } finally {
    await app.close();
  }
}
