import { MessageKey } from '../../i18n';

/** The schedules people ask for, in words; raw cron stays possible through the API. */
export const CRON_PRESETS: { cron: string; label: MessageKey }[] = [
  { cron: '0 9 * * 1', label: 'cron.mondayMorning' },
  { cron: '0 17 * * 5', label: 'cron.fridayAfternoon' },
  { cron: '0 9 * * 1-5', label: 'cron.weekdayMorning' },
  { cron: '0 9 1 * *', label: 'cron.monthFirst' },
  { cron: '0 9 25 * *', label: 'cron.monthEnd' },
];

export function presetOf(cron: string) {
  return CRON_PRESETS.find((preset) => preset.cron === cron.trim());
}
