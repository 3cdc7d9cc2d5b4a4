import ExcelJS from 'exceljs';
import { trafficLight } from '@xietong/rules';
import { createJointPlan, JointPlanFixture } from '@xietong/testing';
import { createTestApp, TestApp } from '../../test/create-test-app';
import { TRAFFIC_LIGHT_SQL } from './work-item-list.sql';

describe('work-item search and filters', () => {
  let t: TestApp;
  let plan: JointPlanFixture;
  const tokens = new Map<string, string>();
  const as = async (email: string) => {
    if (!tokens.has(email)) tokens.set(email, await t.login(email));
    return tokens.get(email)!;
  };
  const gx = 'coordinator.gx@xietong.local';
  const gd = 'coordinator.gd@xietong.local';
  const admin = 'admin@xietong.local';

  beforeAll(async () => {
    t = await createTestApp();
    plan = await createJointPlan(t.db, { managerEmails: ['manager@xietong.local'] });
  });
  afterAll(() => t.close());

  const ids = async (email: string, query: Record<string, string>) => {
    const response = await t
      .http()
      .get('/api/work-items')
      .query({ planId: plan.id, sort: 'task', pageSize: 100, ...query })
      .set('Authorization', await as(email))
      .expect(200);
    expect(response.body.total).toBe(response.body.items.length);
    return response.body.items.map((row: { id: string }) => row.id).sort();
  };
  const postUpdate = async (email: string, itemId: string, text: string) =>
    t
      .http()
      .post(`/api/work-items/${itemId}/updates`)
      .set('Authorization', await as(email))
      .send({ text })
      .expect(201);

  it('finds words in the task text, not only in titles', async () => {
    await t.db.query(`UPDATE tasks SET body = body || '加快建设平陆运河，发展海洋经济。' WHERE id = $1`, [
      plan.tasks[1].id,
    ]);
    const taskTwo = Object.values(plan.tasks[1].items).sort();
    expect(await ids(admin, { q: '平陆运河' })).toEqual(taskTwo);
    expect(await ids(admin, { q: '海洋' })).toEqual(taskTwo);
    // Both words must appear; the second is in no item.
    expect(await ids(admin, { q: '平陆运河 琼州' })).toEqual([]);
    expect(await ids(admin, { q: '平陆运河\u3000海洋' })).toEqual(taskTwo);
  });

  it('finds an item by the text of its updates, and forgets a deleted update', async () => {
    const item = plan.tasks[0].items.GX;
    await postUpdate(gx, item, '钦州港30万吨级航道已完成初步设计审查');
    expect(await ids(gx, { q: '航道' })).toEqual([item]);
    expect(await ids(gx, { q: '初步设计 钦州港' })).toEqual([item]);
    await t.db.query(`DELETE FROM work_item_updates WHERE work_item_id = $1`, [item]);
    expect(await ids(gx, { q: '航道' })).toEqual([]);
  });

  it('matches whole substrings: bigrams present in different places are not a match', async () => {
    const item = plan.tasks[2].items.GD;
    await postUpdate(gd, item, '港口建设，建设口岸');
    expect(await ids(gd, { q: '港口建设' })).toEqual([item]);
    // 港口 and 口岸 are both in the text, 港口岸 is not.
    expect(await ids(gd, { q: '港口岸' })).toEqual([]);
  });

  it('finds one character, Latin text in any case, and treats % and _ as text', async () => {
    const item = plan.tasks[2].items.HI;
    await postUpdate('coordinator.hi@xietong.local', item, 'Port of Yangpu: 洋浦港 100% 完成');
    expect(await ids(admin, { q: 'YANGPU' })).toEqual([item]);
    expect(await ids(admin, { q: '100%' })).toEqual([item]);
    expect(await ids(admin, { q: '%' })).toEqual([item]);
    expect(await ids(admin, { q: '_' })).toEqual([]);
    expect(await ids(admin, { q: '浦' })).toEqual([item]);
  });

  it('never shows another organization’s items through search', async () => {
    // Task 3 is led by Guangdong, Hainan and the ministry of transport; Guangxi leads none of it.
    const item = plan.tasks[2].items.MOT;
    await postUpdate(admin, item, '琼州海峡港航一体化秘密进展');
    expect(await ids(admin, { q: '秘密进展' })).toEqual([item]);
    expect(await ids(gd, { q: '秘密进展' })).toEqual([item]);
    expect(await ids(gx, { q: '秘密进展' })).toEqual([]);
    expect(await ids(gx, { q: '琼州' })).toEqual([]);
    // Without a plan filter too.
    const response = await t
      .http()
      .get('/api/work-items')
      .query({ q: '秘密进展' })
      .set('Authorization', await as(gx))
      .expect(200);
    expect(response.body).toMatchObject({ total: 0, items: [] });
  });

  it('follows a task renamed by a re-import', async () => {
    await t.db.query(`UPDATE tasks SET title = '共建北部湾国际枢纽海港' WHERE id = $1`, [plan.tasks[0].id]);
    expect(await ids(admin, { q: '枢纽海港' })).toEqual(Object.values(plan.tasks[0].items).sort());
  });

  it('answers from the bigram index', async () => {
    const plans = await t.db.transaction(async (manager) => {
      await manager.query(`SET LOCAL enable_seqscan = off`);
      return manager.query(
        `EXPLAIN SELECT id FROM work_items w
         WHERE search_bigrams(w.search_text) @> search_bigrams($1::text) AND strpos(w.search_text, $1) > 0`,
        ['平陆运河'],
      );
    });
    expect(plans.map((row: { 'QUERY PLAN': string }) => row['QUERY PLAN']).join('\n')).toMatch(
      /work_items_search_idx/,
    );
  });

  it('pages a search by deadline the same whether the page fills from the first deadlines or not', async () => {
    // 1,200 sub-items of a Guangxi item (task 2: Guangxi and the NDRC), one a day: a common word in
    // every third, a rare one only in the ten latest (beyond what the deadline walk reads before it
    // asks the index instead).
    const parent = plan.tasks[1].items.GX;
    await t.db.query(
      `INSERT INTO work_items (plan_id, task_id, organization_id, parent_id, title, deadline, original_deadline, start_date)
       SELECT w.plan_id, w.task_id, w.organization_id, w.id,
              '分项' || n || CASE WHEN n % 3 = 0 THEN '常见词' ELSE '' END || CASE WHEN n > 1190 THEN '后期词' ELSE '' END,
              DATE '2027-01-01' + n, DATE '2027-01-01' + n, DATE '2026-01-01'
       FROM work_items w, generate_series(1, 1200) n WHERE w.id = $1`,
      [parent],
    );
    const expected = async (word: string): Promise<string[]> =>
      (
        await t.db.query(
          `SELECT id FROM work_items WHERE search_text LIKE '%' || $1 || '%' ORDER BY deadline, id`,
          [word],
        )
      ).map((row: { id: string }) => row.id);
    const page = async (email: string, query: Record<string, string | number>) =>
      (
        await t
          .http()
          .get('/api/work-items')
          .query({ sort: 'deadline', pageSize: 5, ...query })
          .set('Authorization', await as(email))
          .expect(200)
      ).body as { items: { id: string }[]; nextCursor: string | null; total: number };
    const byCursor = async (email: string, q: string, pages: number) => {
      const seen: string[] = [];
      let after: string | null = null;
      for (let i = 0; i < pages; i++) {
        const body = await page(email, after ? { q, after } : { q });
        seen.push(...body.items.map((item) => item.id));
        if (!(after = body.nextCursor)) break;
      }
      return seen;
    };

    const common = await expected('常见词');
    expect(common).toHaveLength(400);
    expect(await byCursor(gx, '常见词', 6)).toEqual(common.slice(0, 30));
    expect((await page(admin, { q: '常见词', page: 7 })).items.map((item) => item.id)).toEqual(
      common.slice(30, 35),
    );
    const rare = await expected('后期词');
    expect(rare).toHaveLength(10);
    expect(await byCursor(admin, '后期词', 5)).toEqual(rare);
    expect((await page(gx, { q: '后期词 常见词', page: 2 })).items.map((item) => item.id)).toEqual(
      (await expected('常见词')).filter((id) => rare.includes(id)).slice(5, 10),
    );
    // Another province's coordinator sees none of them, either way.
    expect((await page(gd, { q: '常见词' })).items).toEqual([]);
    expect((await page(gd, { q: '后期词' })).items).toEqual([]);
    await t.db.query(`DELETE FROM work_items WHERE parent_id = $1`, [parent]);
  });

  it('refuses a search longer than 100 characters', async () => {
    const response = await t
      .http()
      .get('/api/work-items')
      .query({ q: '港'.repeat(101) })
      .set('Authorization', await as(gx))
      .expect(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'q' })]);
  });

  it('exports the list as filtered, every row, to XLSX, and nothing another province may not see', async () => {
    const download = async (email: string, query: Record<string, string>) => {
      const response = await t
        .http()
        .get('/api/work-items/export.xlsx')
        .query({ planId: plan.id, sort: 'task', ...query })
        .set('Authorization', await as(email))
        .buffer(true)
        .parse((res, callback) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => callback(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect(response.headers['content-disposition']).toContain("filename*=UTF-8''%E4%BA%8B%E9%A1%B9");
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(response.body);
      const rows: unknown[][] = [];
      workbook.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
      return rows;
    };
    const all = await download(admin, {});
    expect(all[0]).toEqual(
      expect.arrayContaining(['规划', '任务', '事项', '牵头单位', '负责人', '截止日期', '状态', '进度']),
    );
    expect(all).toHaveLength(1 + 9);
    const gxRows = await download(gx, { q: '琼州' });
    expect(gxRows).toHaveLength(1);
    const gdRows = await download(gd, { q: '琼州' });
    expect(
      gdRows
        .slice(1)
        .map((cells) => cells[4])
        .sort(),
    ).toEqual(['交通运输部', '广东省', '海南省']);
    expect(gdRows[1]).toEqual(expect.arrayContaining(['未指派', '未开始']));
  });

  describe('filters', () => {
    it('unassigned, role and light', async () => {
      const owned = plan.tasks[1].items.GX;
      const [owner] = await t.db.query(`SELECT id FROM users WHERE email = $1`, [gx]);
      await t.db.query(`UPDATE work_items SET owner_id = $2 WHERE id = $1`, [owned, owner.id]);
      const gxItems = [plan.tasks[0].items.GX, plan.tasks[1].items.GX];
      const gxUnassigned = await ids(gx, { unassigned: 'true' });
      expect(gxUnassigned).not.toContain(owned);
      expect(gxUnassigned).toContain(plan.tasks[0].items.GX);
      expect(await ids(gx, { unassigned: 'false' })).toEqual([owned]);
      expect((await ids(admin, { role: 'lead_ministry' })).sort()).toEqual(
        [plan.tasks[0].items.NDRC, plan.tasks[1].items.NDRC, plan.tasks[2].items.MOT].sort(),
      );
      const provinces = await ids(admin, { role: 'lead_province' });
      expect(provinces).toHaveLength(6);
      expect(provinces).toEqual(expect.arrayContaining(gxItems));

      await t.db.query(`UPDATE work_items SET status = 'blocked', progress = 10 WHERE id = $1`, [
        plan.tasks[2].items.HI,
      ]);
      expect(await ids(admin, { light: 'red' })).toEqual([plan.tasks[2].items.HI]);
      expect((await ids(admin, { light: 'red,green,yellow,grey' })).length).toBe(9);
    });

    it('lights items in SQL exactly as the shared rule does', async () => {
      const item = plan.tasks[0].items.HI;
      const cases = [
        { status: 'in_progress', progress: 0, startDate: '2020-01-01', deadline: '2099-12-31' },
        { status: 'in_progress', progress: 90, startDate: '2020-01-01', deadline: '2030-01-01' },
        { status: 'in_progress', progress: 10, startDate: '2020-01-01', deadline: '2030-01-01' },
        { status: 'not_started', progress: 0, startDate: '2020-01-01', deadline: '2021-01-01' },
        { status: 'in_progress', progress: 50, startDate: '2099-01-01', deadline: '2099-01-01' },
        { status: 'blocked', progress: 50, startDate: '2020-01-01', deadline: '2099-01-01' },
        { status: 'cancelled', progress: 50, startDate: '2020-01-01', deadline: '2021-01-01' },
        { status: 'done', progress: 100, startDate: '2020-01-01', deadline: '2021-01-01' },
      ];
      const dueSoon = await t.db.query(
        `SELECT (now() AT TIME ZONE 'Asia/Shanghai')::date + 20 AS soon, (now() AT TIME ZONE 'Asia/Shanghai')::date - 200 AS start`,
      );
      cases.push(
        { status: 'in_progress', progress: 79, startDate: dueSoon[0].start, deadline: dueSoon[0].soon },
        { status: 'in_progress', progress: 95, startDate: dueSoon[0].start, deadline: dueSoon[0].soon },
      );
      for (const c of cases) {
        // TypeORM answers an UPDATE … RETURNING with [rows, affected count].
        const [[row]] = await t.db.query(
          `UPDATE work_items w SET status = $2, progress = $3, start_date = $4, deadline = $5,
                  completed_at = CASE WHEN $2 = 'done' THEN now() END
           FROM plans p WHERE w.id = $1 AND p.id = w.plan_id
           RETURNING (${TRAFFIC_LIGHT_SQL}) AS light, (now() AT TIME ZONE p.time_zone)::date::text AS today,
                     w.start_date::text AS "startDate", w.deadline::text AS deadline`,
          [item, c.status, c.progress, c.startDate, c.deadline],
        );
        expect({ ...c, light: row.light }).toEqual({
          ...c,
          light: trafficLight({ ...c, status: c.status as 'in_progress', ...row }),
        });
      }
    });
  });
});
