import { applyDecorators } from '@nestjs/common';
import { IsISO8601, Matches } from 'class-validator';

/**
 * A calendar date as YYYY-MM-DD that exists: 2026-02-30 and 2026-13-01 are refused, as are
 * date-times, because deadlines are dates in the plan's time zone.
 */
export function IsCalendarDate(): PropertyDecorator {
  return applyDecorators(
    Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '$property must be a date as YYYY-MM-DD' }),
    IsISO8601({ strict: true }, { message: '$property must be a date that exists in the calendar' }),
  );
}
