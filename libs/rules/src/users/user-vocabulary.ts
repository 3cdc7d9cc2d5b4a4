/** The languages the product speaks: Chinese for its users, English for visitors. */
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export const USER_ROLES = ['admin', 'manager', 'coordinator', 'liaison', 'viewer'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const NOTIFICATION_CHANNELS = ['email', 'in_app', 'webhook'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/**
 * Progress updates that other lead units of a shared task post: `digest` gathers their mail into
 * the daily digest (the default: on a task five provinces share, a mail per post is noise), `each`
 * mails every post as it comes.
 */
export const CO_LEAD_UPDATE_MODES = ['digest', 'each'] as const;
export type CoLeadUpdateMode = (typeof CO_LEAD_UPDATE_MODES)[number];

export interface NotificationPreferences {
  channels: NotificationChannel[];
  /** One mail a day with everything instead of one mail per reminder. */
  dailyDigest: boolean;
  /** Absent in rows stored before it existed: `digest`. */
  coLeadUpdates?: CoLeadUpdateMode;
}

export const DEFAULT_NOTIFICATION_PREFERENCES: NotificationPreferences = {
  channels: ['email', 'in_app'],
  dailyDigest: false,
  coLeadUpdates: 'digest',
};
