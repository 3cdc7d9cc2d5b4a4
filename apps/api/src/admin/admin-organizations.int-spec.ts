import { createTestApp, TestApp } from '../../test/create-test-app';

/** Admins keep the organization dictionary; a name may mean one unit only, or imports would guess. */
describe('admin: organizations', () => {
  let t: TestApp;
  let admin: string;
  let guangxi: { id: string };

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login('admin@xietong.local');
    [guangxi] = await t.db.query(`SELECT id FROM organizations WHERE code = 'GX'`);
  });
  afterAll(() => t.close());

  const create = (body: object, token = admin) =>
    t.http().post('/api/admin/organizations').set('Authorization', token).send(body);
  const update = (id: string, body: object, token = admin) =>
    t.http().patch(`/api/admin/organizations/${id}`).set('Authorization', token).send(body);

  it('creates and edits a unit with its short names, kind and province', async () => {
    const created = await create({
      code: 'GX-LO-HI',
      name: '广西壮族自治区人民政府驻海南办事处',
      kind: 'liaison_office',
      shortNames: ['广西驻琼办'],
      parentId: guangxi.id,
    }).expect(201);
    expect(created.body).toMatchObject({
      code: 'GX-LO-HI',
      kind: 'liaison_office',
      shortNames: ['广西驻琼办'],
      parentId: guangxi.id,
      verified: true,
    });
    const edited = await update(created.body.id, {
      name: '广西壮族自治区驻海南联络处',
      shortNames: ['广西驻琼办', '桂驻琼联络处'],
    }).expect(200);
    expect(edited.body).toMatchObject({ name: '广西壮族自治区驻海南联络处', code: 'GX-LO-HI' });
    // Saving a unit with its own names unchanged is no clash with itself.
    await update(created.body.id, { name: '广西壮族自治区驻海南联络处', shortNames: ['广西驻琼办'] }).expect(
      200,
    );
    const [entry] = await t.db.query(
      `SELECT before->>'name' AS before, after->>'name' AS after FROM audit_log
       WHERE action = 'organization.changed' AND entity_id = $1 ORDER BY id LIMIT 1`,
      [created.body.id],
    );
    expect(entry).toEqual({
      before: '广西壮族自治区人民政府驻海南办事处',
      after: '广西壮族自治区驻海南联络处',
    });
  });

  it('refuses a code, name, short name or alias another unit has (409), saying which', async () => {
    const code = await create({ code: 'GX', name: '另一个单位', kind: 'city' }).expect(409);
    expect(code.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(code.body.detail).toContain('代码 GX 已被“广西壮族自治区”使用');
    const name = await create({ code: 'GX-2', name: '广西壮族自治区', kind: 'province' }).expect(409);
    expect(name.body.detail).toContain('“广西壮族自治区”已是“广西壮族自治区”（GX）的名称');
    const alias = await create({ code: 'NN', name: '南宁市', kind: 'city', aliases: ['桂'] }).expect(409);
    expect(alias.body.detail).toContain('“桂”已是“广西壮族自治区”（GX）的简称或别名');
    const [guangdong] = await t.db.query(`SELECT id FROM organizations WHERE code = 'GD'`);
    const rename = await update(guangdong.id, { shortNames: ['广西'] }).expect(409);
    expect(rename.body.detail).toContain('“广西”');
    expect(await t.db.query(`SELECT 1 FROM organizations WHERE code IN ('GX-2', 'NN')`)).toEqual([]);
  });

  it('refuses bad input with the field and a reason (400), an unknown unit or parent (404/422)', async () => {
    const bad = await create({
      code: 'gx lo',
      name: ' ',
      kind: 'village',
      shortNames: ['a', 'a', ' '],
    }).expect(400);
    // One entry per broken rule (a blank name is both too short and blank), each naming its field.
    expect([...new Set(bad.body.errors.map((error: { field: string }) => error.field))].sort()).toEqual([
      'code',
      'kind',
      'name',
      'shortNames',
    ]);
    await update('00000000-0000-4000-8000-000000000000', { name: '不存在的单位' }).expect(404);
    const orphan = await create({
      code: 'GX-LO-XZ',
      name: '广西驻西藏联络处',
      kind: 'liaison_office',
      parentId: '00000000-0000-4000-8000-000000000000',
    }).expect(422);
    expect(orphan.body.detail).toContain('上级单位');
    await update(guangxi.id, { parentId: 'not-a-uuid' }).expect(400);
  });

  it('is for admins only: coordinators and managers get a 403 with a reason', async () => {
    for (const email of ['coordinator.gx@xietong.local', 'manager@xietong.local']) {
      const token = await t.login(email);
      const refused = await create(
        { code: 'GX-LO-SC', name: '广西驻四川办事处', kind: 'liaison_office' },
        token,
      ).expect(403);
      expect(refused.body.detail).toEqual(expect.any(String));
      await update(guangxi.id, { name: '广西' }, token).expect(403);
      await t.http().get('/api/admin/organizations').set('Authorization', token).expect(403);
    }
    expect((await t.db.query(`SELECT name FROM organizations WHERE id = $1`, [guangxi.id]))[0].name).toBe(
      '广西壮族自治区',
    );
  });
});
