import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '@xietong/db';
import { createTestDatabase, TestDatabase } from '@xietong/testing';
import { trafficLight, type TrafficLightInput, type TrafficLightStatus } from '@xietong/rules';
import { trafficLightSql } from './joint-report-baseline.sql';

const TODAY = '2026-03-16';
const STATUSES: TrafficLightStatus[] = ['not_started', 'in_progress', 'blocked', 'done', 'cancelled'];
const PROGRESS = [0, 14, 15, 16, 50, 79, 80, 100];
/** Days from today: around the deadline, the due-soon window and the 15-point margin (30 of 200 days). */
const DEADLINE_OFFSETS = [-40, -1, 0, 1, 29, 30, 31, 170, 400];
const START_OFFSETS = [-300, -45, -30, -1, 0, 1, 40];

const dayOffset = (offset: number) =>
  new Date(Date.parse(`${TODAY}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);

describe(trafficLightSql.name, () => {
  let database: TestDatabase;
  let db: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new DataSource(buildDataSourceOptions({ databaseUrl: database.url, poolSize: 1 }));
    await db.initialize();
  });

  afterAll(async () => {
    await db.destroy();
    await database.drop();
  });

  it('lights every case as trafficLight() does', async () => {
    const cases: TrafficLightInput[] = STATUSES.flatMap((status) =>
      PROGRESS.flatMap((progress) =>
        DEADLINE_OFFSETS.flatMap((deadline) =>
          START_OFFSETS.map((start) => ({
            status,
            progress,
            startDate: dayOffset(start),
            deadline: dayOffset(deadline),
            today: TODAY,
          })),
        ),
      ),
    );
    const rows: Array<{ light: string }> = await db.query(
      `SELECT ${trafficLightSql({
        status: 'c.status',
        progress: 'c.progress',
        startDate: 'c.start_date',
        deadline: 'c.deadline',
        today: '$5::date',
      })} AS light
       FROM unnest($1::text[], $2::smallint[], $3::date[], $4::date[]) WITH ORDINALITY
            AS c(status, progress, start_date, deadline, position)
       ORDER BY c.position`,
      [
        cases.map((c) => c.status),
        cases.map((c) => c.progress),
        cases.map((c) => c.startDate),
        cases.map((c) => c.deadline),
        TODAY,
      ],
    );

    const expected = cases.map((c) => trafficLight(c));
    expect(new Set(expected)).toEqual(new Set(['green', 'yellow', 'red', 'grey']));
    const disagreements = cases.flatMap((c, index) =>
      rows[index].light === expected[index] ? [] : [{ ...c, sql: rows[index].light, ts: expected[index] }],
    );
    expect(disagreements).toEqual([]);
    expect(rows).toHaveLength(cases.length);
  });
});
