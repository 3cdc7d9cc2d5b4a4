import { TestingModule, Test } from '@nestjs/testing';
import { APP_CONFIG, AppConfig } from '@xietong/config';
import { WorkerModule } from '../src/worker.module';

/** The real worker (processors, schedulers, outbox) in-process, on the given test config. */
export async function createTestWorker(config: AppConfig): Promise<TestingModule> {
  const worker = await Test.createTestingModule({ imports: [WorkerModule] })
    .overrideProvider(APP_CONFIG)
    .useValue(config)
    .compile();
  await worker.init();
  return worker;
}
