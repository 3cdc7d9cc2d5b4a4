import { createTestApp, TestApp } from '../../test/create-test-app';

describe('saved views', () => {
  let t: TestApp;
  let gx: string;
  let gd: string;

  beforeAll(async () => {
    t = await createTestApp();
    gx = await t.login('coordinator.gx@xietong.local');
    gd = await t.login('coordinator.gd@xietong.local');
  });
  afterAll(() => t.close());

  const views = async (token: string) =>
    (await t.http().get('/api/me/views').set('Authorization', token).expect(200)).body;

  it('keeps each person’s named views, replacing one saved again under its name', async () => {
    const first = await t
      .http()
      .post('/api/me/views')
      .set('Authorization', gx)
      .send({ name: '我单位未指派', path: '/items', query: 'unassigned=true&q=港口' })
      .expect(201);
    expect(first.body).toMatchObject({
      name: '我单位未指派',
      path: '/items',
      query: 'unassigned=true&q=港口',
    });
    const again = await t
      .http()
      .post('/api/me/views')
      .set('Authorization', gx)
      .send({ name: '我单位未指派', path: '/items', query: 'unassigned=true&sort=-deadline' })
      .expect(201);
    expect(again.body.id).toBe(first.body.id);
    expect(await views(gx)).toEqual([
      expect.objectContaining({ id: first.body.id, query: 'unassigned=true&sort=-deadline' }),
    ]);
    expect(await views(gd)).toEqual([]);
  });

  it('lets nobody delete another person’s view', async () => {
    const [view] = await views(gx);
    await t.http().delete(`/api/me/views/${view.id}`).set('Authorization', gd).expect(404);
    expect(await views(gx)).toHaveLength(1);
    await t.http().delete(`/api/me/views/${view.id}`).set('Authorization', gx).expect(204);
    expect(await views(gx)).toEqual([]);
  });

  it('refuses an empty or long name and a query that is not a URL query', async () => {
    const response = await t
      .http()
      .post('/api/me/views')
      .set('Authorization', gx)
      .send({ name: '视'.repeat(41), path: 'items', query: '?q=1' })
      .expect(400);
    expect(response.body.errors.map((error: { field: string }) => error.field).sort()).toEqual([
      'name',
      'path',
      'query',
    ]);
    await t
      .http()
      .post('/api/me/views')
      .set('Authorization', gx)
      .send({ name: '', path: '/items', query: '' })
      .expect(400);
  });
});
