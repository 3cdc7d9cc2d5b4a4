import { DataSource } from 'typeorm';
import { AppConfig } from '@xietong/config';
import { seedDemoActivity, untouchedDemoPlan, withApiServices } from '../../../../seeds/seed-demo-activity';
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
  if (password && (await untouchedDemoPlan(dataSource))) {
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
