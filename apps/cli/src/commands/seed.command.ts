import { DataSource } from 'typeorm';
import { AppConfig } from '@xietong/config';
import { seedDemoActivity, withApiServices } from '../../../../seeds/seed-demo-activity';
import { seedDemoUsers } from '../../../../seeds/seed-demo-users';
import { seedOrganizations } from '../../../../seeds/seed-organizations';
import { seedSamplePlan } from '../../../../seeds/seed-sample-plan';

/**
 * Idempotent: safe on every start. `today` (YYYY-MM-DD, default: today in Asia/Shanghai) is the
 * day the demo's deadlines and threads are dated from; tests fix it.
 */
export async function seedAll(
  dataSource: DataSource,
  config: AppConfig,
  log: (line: string) => void,
  options: { today?: string } = {},
): Promise<void> {
  const organizations = await seedOrganizations(dataSource);
  log(`organizations: ${organizations} in the dictionary`);
  if (config.demoPassword) {
    const created = await seedDemoUsers(dataSource, config.demoPassword);
    if (created) log(`demo users: created ${created}`);
  } else {
    log('demo users: skipped (production without DEMO_PASSWORD)');
  }
  const samplePlan = await seedSamplePlan(dataSource);
  if (samplePlan) log(`sample plan: imported ${samplePlan}`);
  const password = config.demoPassword;
  if (password && (await demoActivityWanted(dataSource))) {
    // The demo is a courtesy: a refusal (a demo user deactivated or moved, say) must not keep the
    // product from starting. What was written before it stays, and the plan counts as worked on.
    try {
      const demo = await withApiServices(config, (app) =>
        seedDemoActivity(app, { password, today: options.today }),
      );
      if (demo)
        log(
          `demo activity (dated from ${demo.today}): ${demo.deadlinesSet} deadlines, ${demo.owned} owners, ${demo.updates} updates, one extension and one completion waiting`,
        );
    } catch (error) {
      log(`demo activity: stopped part-way, the rest of the seed went on (${(error as Error).message})`);
    }
  }
}

/** Cheap check before starting the api's services: the sample plan exists and nobody has worked on it yet. */
async function demoActivityWanted(dataSource: DataSource): Promise<boolean> {
  const [row] = await dataSource.query(
    `SELECT 1 FROM plans p WHERE p.title = '北部湾城市群建设“十四五”实施方案'
       AND NOT EXISTS (SELECT 1 FROM work_items w WHERE w.plan_id = p.id AND (w.owner_id IS NOT NULL OR w.deadline_confirmed_at IS NOT NULL))
       AND NOT EXISTS (SELECT 1 FROM work_item_updates up JOIN work_items w ON w.id = up.work_item_id WHERE w.plan_id = p.id)`,
  );
  return Boolean(row);
}
