import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { JOBS, QUEUES, ReminderScanJob } from './queue-names';

/** Where a scan someone asked for stands; `result` is the scanner's summary once it is done. */
export interface ReminderScanStatus {
  id: string;
  state: 'waiting' | 'active' | 'delayed' | 'completed' | 'failed' | 'unknown';
  result?: unknown;
  failedReason?: string;
}

/**
 * Scans asked for now — by an admin, or right after a deadline changed — on the `reminders` queue
 * (the periodic scan and sweep are job schedulers the worker's scheduler healer keeps).
 */
@Injectable()
export class ReminderJobsProducer {
  constructor(@InjectQueue(QUEUES.reminders) private readonly reminders: Queue<ReminderScanJob>) {}

  async enqueueScan(scan: ReminderScanJob): Promise<string> {
    const job = await this.reminders.add(JOBS.reminderScan, scan);
    return job.id as string;
  }

  async scanStatus(id: string): Promise<ReminderScanStatus | undefined> {
    // State first: a job read before it finished would still carry no result once it reads as completed.
    const state = await this.reminders.getJobState(id);
    const job: Job | undefined = await this.reminders.getJob(id);
    if (!job || job.name !== JOBS.reminderScan) return undefined;
    return {
      id,
      state: state as ReminderScanStatus['state'],
      ...(state === 'completed' ? { result: job.returnvalue } : {}),
      ...(state === 'failed' ? { failedReason: job.failedReason } : {}),
    };
  }
}
