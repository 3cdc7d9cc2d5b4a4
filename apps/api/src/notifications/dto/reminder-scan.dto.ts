import { IsISO8601, IsOptional } from 'class-validator';

export class ReminderScanRequest {
  /**
   * Scan as if it were this time. The scan really notifies and uses up the reminders it sends, so
   * this is for test and staging systems only; production refuses it.
   */
  @IsOptional()
  @IsISO8601({ strict: true })
  asOf?: string;
}
