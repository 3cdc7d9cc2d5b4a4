/** Queues and job names shared by producers (api) and processors (worker). */
export const QUEUES = {
  reminders: 'reminders',
  deliveries: 'deliveries',
  reports: 'reports',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const JOBS = {
  reminderScan: 'reminder-scan',
  outboxSweep: 'outbox-sweep',
  deliverNotification: 'deliver-notification',
  buildReport: 'build-report',
  scheduledReport: 'scheduled-report',
  reportRunSweep: 'report-run-sweep',
} as const;
export type JobName = (typeof JOBS)[keyof typeof JOBS];

/** Every job name each queue's processor must handle; the worker checks this at boot. */
export const JOBS_BY_QUEUE: Record<QueueName, readonly JobName[]> = {
  [QUEUES.reminders]: [JOBS.reminderScan, JOBS.outboxSweep],
  [QUEUES.deliveries]: [JOBS.deliverNotification],
  [QUEUES.reports]: [JOBS.buildReport, JOBS.scheduledReport, JOBS.reportRunSweep],
};

export interface DeliverNotificationJob {
  notificationId: string;
}

export interface BuildReportJob {
  runId: string;
}

export interface ScheduledReportJob {
  scheduleId: string;
}

export interface ReminderScanJob {
  /** ISO time to scan "as of"; tests and the admin endpoint pin it, the scheduler leaves it out. */
  asOf?: string;
  /** Only these items, e.g. right after their deadline changed. */
  workItemIds?: string[];
}
