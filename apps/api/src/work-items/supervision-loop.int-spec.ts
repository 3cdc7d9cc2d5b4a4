import { createJointPlan, createUser, JointPlanFixture } from '@xietong/testing';
import { createTestApp, TestApp } from '../../test/create-test-app';

/** A small but real PDF header: what a magic-byte sniffer recognises. */
const pdf = (bytes = 2048) =>
  Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(Math.max(0, bytes - 15), 0x20), Buffer.from('\n%%EOF')]);
/** A Windows executable's header (MZ … PE), whatever it is called. */
const executable = () => Buffer.concat([Buffer.from('MZ'), Buffer.alloc(0x3a), Buffer.from([0x80, 0, 0, 0]), Buffer.alloc(0x40), Buffer.from('PE\0\0'), Buffer.alloc(512)]);

const EXTENSION_ROUTE = 'POST /api/work-items/:id/extensions';
const liaison = 'liaison.gx@xietong.local';
const coordinator = 'coordinator.gx@xietong.local';
const managerEmail = 'manager@xietong.local';

describe('the supervision loop: deadlines, extensions, review and evidence', () => {
  let t: TestApp;
  let plan: JointPlanFixture;
  const tokens = new Map<string, string>();
  const as = async (email: string) => {
    if (!tokens.has(email)) tokens.set(email, await t.login(email));
    return tokens.get(email)!;
  };
  const userId = async (email: string) =>
    (await t.db.query(`SELECT id FROM users WHERE email = $1`, [email]))[0].id as string;
  const notificationsOf = async (email: string, kind: string, itemId: string) =>
    t.db.query(
      `SELECT payload FROM notifications WHERE recipient_id = $1 AND kind = $2 AND work_item_id = $3 AND channel = 'in_app'`,
      [await userId(email), kind, itemId],
    );

  beforeAll(async () => {
    t = await createTestApp({ ATTACHMENT_MAX_FILE_MB: '1', ATTACHMENT_MAX_ITEM_MB: '2' });
    plan = await createJointPlan(t.db, { managerEmails: [managerEmail], startDate: '2024-01-01' });
  });
  afterAll(() => t.close());

  const requestExtension = async (email: string, itemId: string, body: Record<string, unknown>) =>
    t.http().post(`/api/work-items/${itemId}/extensions`).set('Authorization', await as(email)).send(body);
  const decide = async (email: string, extensionId: string, decision: 'approve' | 'reject', body = {}) =>
    t.http().post(`/api/extensions/${extensionId}/${decision}`).set('Authorization', await as(email)).send(body);
  const patch = async (email: string, itemId: string, body: Record<string, unknown>) => {
    const [{ version }] = await t.db.query(`SELECT version FROM work_items WHERE id = $1`, [itemId]);
    return t.http().patch(`/api/work-items/${itemId}`).set('Authorization', await as(email)).send({ version, ...body });
  };
  const postUpdate = async (
    email: string,
    itemId: string,
    fields: Record<string, string>,
    files: { name: string; content: Buffer }[] = [],
  ) => {
    let request = t.http().post(`/api/work-items/${itemId}/updates`).set('Authorization', await as(email));
    for (const [name, value] of Object.entries(fields)) request = request.field(name, value);
    for (const file of files) request = request.attach('files', file.content, file.name);
    return request;
  };
  const inbox = async (email: string) =>
    (await t.http().get('/api/inbox').set('Authorization', await as(email)).expect(200)).body;
  const item = async (itemId: string) =>
    (await t.http().get(`/api/work-items/${itemId}`).set('Authorization', await as(managerEmail)).expect(200)).body;

  describe('deadlines change only through the loop', () => {
    it('lets the coordinator confirm a first deadline once; then PATCH is refused and names the extension route', async () => {
      const itemId = plan.tasks[1].items.GX;
      const first = await patch(coordinator, itemId, { deadline: '2027-03-31' });
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ deadline: '2027-03-31', originalDeadline: '2027-03-31', deadlineConfirmed: true });

      for (const deadline of ['2027-06-30', '2027-01-31']) {
        const moved = await patch(coordinator, itemId, { deadline });
        expect(moved.status).toBe(409);
        expect(moved.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(moved.body.detail).toContain(EXTENSION_ROUTE);
      }
      const byManager = await patch(managerEmail, itemId, { deadline: '2027-06-30' });
      expect(byManager.status).toBe(409);
      const [row] = await t.db.query(`SELECT deadline::text, version FROM work_items WHERE id = $1`, [itemId]);
      expect(row.deadline).toBe('2027-03-31');
    });

    it('refuses a coordinator’s PATCH of an escalated item’s deadline (issue 13, finding 8)', async () => {
      const itemId = plan.tasks[0].items.HI;
      await t.db.query(`UPDATE work_items SET escalated_at = now() WHERE id = $1`, [itemId]);
      const moved = await patch('coordinator.hi@xietong.local', itemId, { deadline: '2027-12-31' });
      expect(moved.status).toBe(409);
      expect(moved.body.detail).toMatch(/已督办/);
      expect(moved.body.detail).toContain(EXTENSION_ROUTE);
      const [row] = await t.db.query(`SELECT deadline::text FROM work_items WHERE id = $1`, [itemId]);
      expect(row.deadline).toBe('2026-12-31');
    });

    it('asks for confirmation of a past deadline, and refuses progress out of range instead of clamping it', async () => {
      const itemId = plan.tasks[0].items.GD;
      const gd = 'coordinator.gd@xietong.local';
      const past = await patch(gd, itemId, { deadline: '2025-06-30' });
      expect(past.status).toBe(400);
      expect(past.body.detail).toContain('confirmPastDeadline');
      expect((await patch(gd, itemId, { deadline: '2025-06-30', confirmPastDeadline: true })).status).toBe(200);

      expect((await patch(gd, itemId, { progress: 150 })).status).toBe(400);
      expect((await postUpdate(gd, itemId, { text: '进度', progress: '150' })).status).toBe(400);
      const [row] = await t.db.query(`SELECT progress FROM work_items WHERE id = $1`, [itemId]);
      expect(row.progress).toBe(0);
    });
  });

  describe('extension requests', () => {
    it('goes to the manager with evidence, and the requester hears the approval', async () => {
      const itemId = plan.tasks[0].items.GX;
      expect(
        (await requestExtension(liaison, itemId, { requestedDeadline: '2026-12-01', reason: '提前', progress: 10 })).status,
      ).toBe(422);
      const asked = await t
        .http()
        .post(`/api/work-items/${itemId}/extensions`)
        .set('Authorization', await as(liaison))
        .field('requestedDeadline', '2027-06-30')
        .field('reason', '用地审批尚未完成')
        .field('progress', '40')
        .attach('files', pdf(), '用地预审意见.pdf');
      expect(asked.status).toBe(201);
      expect(asked.body).toMatchObject({
        state: 'pending',
        previousDeadline: '2026-12-31',
        requestedDeadline: '2027-06-30',
        progressAtRequest: 40,
        attachments: [{ fileName: '用地预审意见.pdf', contentType: 'application/pdf', size: pdf().length }],
      });
      expect(await notificationsOf(managerEmail, 'extension_requested', itemId)).toHaveLength(1);
      expect((await inbox(managerEmail)).items).toContainEqual(
        expect.objectContaining({ kind: 'extension_to_decide', workItemId: itemId, refId: asked.body.id }),
      );
      expect((await requestExtension(coordinator, itemId, { requestedDeadline: '2027-09-30', reason: '再议', progress: 40 })).status).toBe(409);

      const byCoordinator = await decide(coordinator, asked.body.id, 'approve');
      expect(byCoordinator.status).toBe(403);
      expect(byCoordinator.body.detail).toMatch(/规划负责人/);
      const approved = await decide(managerEmail, asked.body.id, 'approve', { note: '同意' });
      expect(approved.status).toBe(200);
      expect(approved.body).toMatchObject({ state: 'approved', decisionNote: '同意' });
      expect((await decide(managerEmail, asked.body.id, 'reject', { note: '晚了' })).status).toBe(409);

      const [told] = await notificationsOf(liaison, 'extension_decided', itemId);
      expect(told.payload).toMatchObject({ approved: true, requestedDeadline: '2027-06-30', note: '同意' });
      expect(await item(itemId)).toMatchObject({
        deadline: '2027-06-30',
        originalDeadline: '2026-12-31',
        extensionCount: 1,
        deadlineConfirmed: true,
        deadlineStanding: 'extended',
        deadlineHistory: { extensions: [{ state: 'approved' }] },
      });
      expect((await inbox(managerEmail)).items.filter((entry: { refId: string }) => entry.refId === asked.body.id)).toEqual([]);
    });

    it('refuses a stale approval, needs a reason to reject, and asks to confirm a past date', async () => {
      const itemId = plan.tasks[1].items.NDRC;
      const ndrc = 'ndrc@xietong.local';
      const asked = await requestExtension(ndrc, itemId, { requestedDeadline: '2027-03-31', reason: '资金未到位', progress: 20 });
      expect(asked.status).toBe(201);
      // Someone moved the deadline past the request in the meantime: approving would shorten it.
      await t.db.query(`UPDATE work_items SET deadline = '2027-06-30' WHERE id = $1`, [itemId]);
      const stale = await decide(managerEmail, asked.body.id, 'approve');
      expect(stale.status).toBe(409);
      expect(stale.body.detail).toMatch(/已过时/);
      expect((await decide(managerEmail, asked.body.id, 'reject')).status).toBe(400);
      const rejected = await decide(managerEmail, asked.body.id, 'reject', { note: '请先落实资金' });
      expect(rejected.body.state).toBe('rejected');
      const [told] = await notificationsOf(ndrc, 'extension_decided', itemId);
      expect(told.payload).toMatchObject({ approved: false, note: '请先落实资金' });

      await t.db.query(`UPDATE work_items SET deadline = '2025-03-31' WHERE id = $1`, [itemId]);
      const past = await requestExtension(ndrc, itemId, { requestedDeadline: '2025-06-30', reason: '补办', progress: 20 });
      expect(past.status).toBe(400);
      expect(past.body.detail).toContain('confirmPastDeadline');
    });

    it('follows the plan’s policy: the lead coordinator decides, escalated items go to the manager, nobody decides their own', async () => {
      const saved = await t
        .http()
        .patch(`/api/plans/${plan.id}/settings`)
        .set('Authorization', await as(managerEmail))
        .send({ supervisionPolicy: { extensionApprover: 'lead_coordinator' } });
      expect(saved.status).toBe(200);
      const bad = await t
        .http()
        .patch(`/api/plans/${plan.id}/settings`)
        .set('Authorization', await as(managerEmail))
        .send({ supervisionPolicy: { extensionApprover: 'anyone' } });
      expect(bad.status).toBe(400);

      const itemId = plan.tasks[1].items.GX;
      const other = await createUser(t.db, { role: 'coordinator', organizationCode: 'GX' });
      const own = await requestExtension(other.email, itemId, { requestedDeadline: '2027-08-31', reason: '汛期停工', progress: 50 });
      expect(own.status).toBe(201);
      const self = await decide(other.email, own.body.id, 'approve');
      expect(self.status).toBe(403);
      expect(self.body.detail).toMatch(/不能审批自己/);
      expect((await decide(managerEmail, own.body.id, 'approve')).status).toBe(403);
      expect((await inbox(coordinator)).counts.extension_to_decide).toBe(1);

      await t.db.query(`UPDATE work_items SET escalated_at = now() WHERE id = $1`, [itemId]);
      const byCoordinator = await decide(coordinator, own.body.id, 'approve');
      expect(byCoordinator.status).toBe(403);
      expect(byCoordinator.body.detail).toBe('该事项已督办，延期须由规划负责人审批。');
      expect((await inbox(coordinator)).counts.extension_to_decide).toBe(0);
      expect((await decide(managerEmail, own.body.id, 'approve')).status).toBe(200);
      await t
        .http()
        .patch(`/api/plans/${plan.id}/settings`)
        .set('Authorization', await as(managerEmail))
        .send({ supervisionPolicy: null })
        .expect(200);
    });
  });

  describe('completion review (待审核 → 销号 or 退回)', () => {
    it('asks for evidence, waits for the reviewer, and a send-back lands in the owner’s 待办', async () => {
      const itemId = plan.tasks[0].items.GX;
      const final = { text: '北部湾港钦州港区航道工程已完工验收', progress: '100', status: 'done' };
      const bare = await postUpdate(coordinator, itemId, final);
      expect(bare.status).toBe(422);
      expect(bare.body.detail).toMatch(/佐证材料/);

      const submitted = await postUpdate(coordinator, itemId, final, [{ name: '竣工验收报告.pdf', content: pdf() }]);
      expect(submitted.status).toBe(201);
      expect(submitted.body.attachments).toEqual([expect.objectContaining({ fileName: '竣工验收报告.pdf' })]);
      expect((await item(itemId)).reviewState).toBe('pending');
      expect(await notificationsOf(managerEmail, 'completion_submitted', itemId)).toHaveLength(1);
      expect((await inbox(managerEmail)).items).toContainEqual(
        expect.objectContaining({ kind: 'completion_to_review', workItemId: itemId }),
      );
      // Waiting for review, the status is the reviewer's to change.
      expect((await patch(coordinator, itemId, { status: 'in_progress' })).status).toBe(422);
      const notReviewer = await t
        .http()
        .post(`/api/work-items/${itemId}/send-back`)
        .set('Authorization', await as('coordinator.gd@xietong.local'))
        .send({ reason: '不行' });
      expect(notReviewer.status).toBe(403);

      const sentBack = await t
        .http()
        .post(`/api/work-items/${itemId}/send-back`)
        .set('Authorization', await as(managerEmail))
        .send({ reason: '佐证材料不全，请补充验收报告签字页' });
      expect(sentBack.status).toBe(200);
      expect(sentBack.body).toMatchObject({ status: 'in_progress', reviewState: null, completedAt: null });
      const [told] = await notificationsOf(coordinator, 'sent_back', itemId);
      expect(told.payload.reason).toBe('佐证材料不全，请补充验收报告签字页');
      expect((await inbox(coordinator)).items).toContainEqual(
        expect.objectContaining({ kind: 'sent_back', workItemId: itemId, detail: expect.objectContaining({ reason: '佐证材料不全，请补充验收报告签字页' }) }),
      );
      const [audit] = await t.db.query(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id DESC LIMIT 1`, [itemId]);
      expect(audit.action).toBe('work_item.sent_back');

      expect((await postUpdate(coordinator, itemId, final, [{ name: '签字页.pdf', content: pdf() }])).status).toBe(201);
      expect((await inbox(coordinator)).items.filter((entry: { kind: string; workItemId: string }) => entry.kind === 'sent_back' && entry.workItemId === itemId)).toEqual([]);
      const accepted = await t
        .http()
        .post(`/api/work-items/${itemId}/accept`)
        .set('Authorization', await as(managerEmail))
        .send({ note: '同意销号' });
      expect(accepted.status).toBe(200);
      expect(accepted.body).toMatchObject({ status: 'done', reviewState: 'accepted' });
      expect(await notificationsOf(coordinator, 'completion_accepted', itemId)).toHaveLength(1);
      expect((await t.http().post(`/api/work-items/${itemId}/send-back`).set('Authorization', await as(managerEmail)).send({ reason: '再看看' })).status).toBe(422);
      expect((await patch(coordinator, itemId, { status: 'in_progress' })).status).toBe(422);
    });

    it('refuses to send back an item that is not waiting for review', async () => {
      const refused = await t
        .http()
        .post(`/api/work-items/${plan.tasks[1].items.GX}/send-back`)
        .set('Authorization', await as(managerEmail))
        .send({ reason: '材料不全' });
      expect(refused.status).toBe(422);
      expect(refused.body.detail).toMatch(/待审核/);
    });
  });

  describe('evidence files', () => {
    it('checks the content, not the name: a .pdf that is a program is 415 and nothing is kept', async () => {
      const itemId = plan.tasks[1].items.GX;
      const [{ count: before }] = await t.db.query(`SELECT count(*)::int AS count FROM work_item_updates WHERE work_item_id = $1`, [itemId]);
      const disguised = await postUpdate(liaison, itemId, { text: '附件见后' }, [{ name: '会议纪要.pdf', content: executable() }]);
      expect(disguised.status).toBe(415);
      expect(disguised.body.detail).toMatch(/会议纪要\.pdf/);
      const renamed = await postUpdate(liaison, itemId, { text: '附件见后' }, [{ name: '照片.docx', content: pdf() }]);
      expect(renamed.status).toBe(415);
      const [{ count: after }] = await t.db.query(`SELECT count(*)::int AS count FROM work_item_updates WHERE work_item_id = $1`, [itemId]);
      expect(after).toBe(before);
    });

    it('streams a file in chunks and serves it with its Chinese name only to people who may see the item', async () => {
      const itemId = plan.tasks[1].items.GX;
      const content = pdf(700 * 1024);
      const posted = await postUpdate(liaison, itemId, { text: '补充材料' }, [{ name: '西部陆海新通道 建设进展.pdf', content }]);
      expect(posted.status).toBe(201);
      const [attachment] = posted.body.attachments;
      const [{ chunks }] = await t.db.query(`SELECT count(*)::int AS chunks FROM attachment_chunks WHERE attachment_id = $1`, [attachment.id]);
      expect(chunks).toBe(3);

      const download = await t
        .http()
        .get(`/api/attachments/${attachment.id}`)
        .set('Authorization', await as('ndrc@xietong.local'))
        .buffer(true)
        .parse((response, callback) => {
          const parts: Buffer[] = [];
          response.on('data', (part: Buffer) => parts.push(part));
          response.on('end', () => callback(null, Buffer.concat(parts)));
        });
      expect(download.status).toBe(200);
      expect(download.headers['content-type']).toBe('application/pdf');
      expect(download.headers['content-disposition']).toContain(
        `filename*=UTF-8''${encodeURIComponent('西部陆海新通道 建设进展.pdf')}`,
      );
      expect(Buffer.compare(download.body as Buffer, content)).toBe(0);

      // Guangdong does not lead task 2: its evidence is as invisible as the item.
      const outsider = await t.http().get(`/api/attachments/${attachment.id}`).set('Authorization', await as('coordinator.gd@xietong.local'));
      expect(outsider.status).toBe(403);
      const updates = await t.http().get(`/api/work-items/${itemId}/updates`).set('Authorization', await as(coordinator)).expect(200);
      expect(updates.body.items[0].attachments).toEqual([
        { id: attachment.id, fileName: '西部陆海新通道 建设进展.pdf', size: content.length, contentType: 'application/pdf' },
      ]);
      const [audit] = await t.db.query(
        `SELECT after FROM audit_log WHERE action = 'attachment.uploaded' AND entity_id = $1 ORDER BY id DESC LIMIT 1`,
        [itemId],
      );
      expect(audit.after).toMatchObject({ fileName: '西部陆海新通道 建设进展.pdf', size: content.length });
    });

    it('refuses a file over the per-file limit and files beyond the per-item limit with 413', async () => {
      const itemId = plan.tasks[1].items.GX;
      const tooBig = await postUpdate(liaison, itemId, { text: '大文件' }, [{ name: '全景图.pdf', content: pdf(1100 * 1024) }]);
      expect(tooBig.status).toBe(413);
      expect((await postUpdate(liaison, itemId, { text: '材料二' }, [{ name: '二.pdf', content: pdf(700 * 1024) }])).status).toBe(201);
      const over = await postUpdate(liaison, itemId, { text: '材料三' }, [{ name: '三.pdf', content: pdf(700 * 1024) }]);
      expect(over.status).toBe(413);
      expect(over.body.detail).toMatch(/每个事项/);
    });
  });

  describe('待办 per role', () => {
    it('lists unassigned items and questions for the addressed unit until it answers; nothing of another province', async () => {
      const gx = await inbox(coordinator);
      const gxItems = Object.values(plan.tasks).flatMap((task) => (task.items.GX ? [task.items.GX] : []));
      const unassigned = gx.items.filter((entry: { kind: string }) => entry.kind === 'unassigned');
      expect(unassigned.map((entry: { workItemId: string }) => entry.workItemId).sort()).toEqual(
        gxItems.filter((id) => id !== plan.tasks[0].items.GX).sort(),
      );
      const gd = await inbox('coordinator.gd@xietong.local');
      expect(gd.items.some((entry: { workItemId: string }) => gxItems.includes(entry.workItemId))).toBe(false);
      expect((await inbox(liaison)).counts.unassigned).toBe(0);

      const [{ id: guangxi }] = await t.db.query(`SELECT id FROM organizations WHERE code = 'GX'`);
      const asked = await postUpdate('coordinator.gd@xietong.local', plan.tasks[0].items.GD, {
        text: '请广西提供钦州港区航道疏浚数据',
        addressedOrganizationId: guangxi,
      });
      expect(asked.status).toBe(201);
      for (const email of [coordinator, liaison]) {
        expect((await inbox(email)).items).toContainEqual(
          expect.objectContaining({ kind: 'question', workItemId: plan.tasks[0].items.GX, refId: asked.body.id }),
        );
      }
      expect((await inbox('coordinator.hi@xietong.local')).counts.question).toBe(0);
      await postUpdate(liaison, plan.tasks[0].items.GX, { text: '数据已发送至广东省' });
      expect((await inbox(coordinator)).counts.question).toBe(0);
    });
  });
});
