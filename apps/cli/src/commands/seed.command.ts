import { DataSource } from 'typeorm';
import { AppConfig } from '@xietong/config';
import { seedDemoUsers } from '../../../../seeds/seed-demo-users';
import { seedOrganizations } from '../../../../seeds/seed-organizations';
import { seedSamplePlan } from '../../../../seeds/seed-sample-plan';

/** Idempotent: safe on every start. */
export async function seedAll(
  dataSource: DataSource,
  config: AppConfig,
  log: (line: string) => void,
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
}
