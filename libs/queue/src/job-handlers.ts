import { Job } from 'bullmq';
import { JOBS_BY_QUEUE, JobName, QueueName } from './queue-names';

export type JobHandlers = Partial<Record<JobName, (job: Job, token?: string) => Promise<unknown>>>;

/**
 * Fails at boot when a queue's processor misses a job name or handles one that belongs elsewhere,
 * instead of jobs failing one by one in production.
 */
export function assertHandlersCoverQueue(queue: QueueName, handlers: JobHandlers): void {
  const expected = [...JOBS_BY_QUEUE[queue]].sort();
  const actual = Object.keys(handlers).sort();
  if (expected.join() !== actual.join()) {
    throw new Error(
      `Queue "${queue}" must handle exactly [${expected.join(', ')}] but handles [${actual.join(', ')}]`,
    );
  }
}

export async function dispatchJob(
  queue: QueueName,
  handlers: JobHandlers,
  job: Job,
  token?: string,
): Promise<unknown> {
  const handler = handlers[job.name as JobName];
  if (!handler) throw new Error(`No handler for job "${job.name}" on queue "${queue}"`);
  return handler(job, token);
}
