import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { WEBHOOK_FORMATS, WebhookFormat } from '@xietong/domain';
import {
  CO_LEAD_UPDATE_MODES,
  CoLeadUpdateMode,
  Locale,
  LOCALES,
  NOTIFICATION_CHANNELS,
  NotificationChannel,
} from '@xietong/rules';

export class NotificationPreferencesDto {
  @ApiProperty({ enum: NOTIFICATION_CHANNELS, isArray: true, example: ['email', 'in_app'] })
  @IsArray()
  @ArrayUnique()
  @IsIn(NOTIFICATION_CHANNELS, { each: true })
  channels!: NotificationChannel[];

  @ApiProperty({ description: 'One mail a day at 08:00 instead of one per reminder' })
  @IsBoolean()
  dailyDigest!: boolean;

  @ApiPropertyOptional({
    enum: CO_LEAD_UPDATE_MODES,
    default: 'digest',
    description:
      'Updates by the other lead units of a shared task: `digest` (their mail joins the daily digest) or `each` (a mail per post)',
  })
  @IsOptional()
  @IsIn(CO_LEAD_UPDATE_MODES)
  coLeadUpdates?: CoLeadUpdateMode;
}

export class UpdateMySettingsDto {
  @ApiPropertyOptional({ type: NotificationPreferencesDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => NotificationPreferencesDto)
  notificationPreferences?: NotificationPreferencesDto;

  @ApiPropertyOptional({ enum: LOCALES })
  @IsOptional()
  @IsIn(LOCALES)
  locale?: Locale;

  @ApiPropertyOptional({ example: 'Asia/Shanghai' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  timeZone?: string;
}

/** Validated by the domain's own schemas (zod), which say which setting is wrong and why. */
export class UpdatePlanSettingsDto {
  @ApiPropertyOptional({
    description:
      'Overrides of the default reminder policy, e.g. {"workingDays": true, "daysBefore": [7, 3, 1]}; null resets',
  })
  @IsOptional()
  @IsObject()
  reminderPolicy?: Record<string, unknown> | null;

  @ApiPropertyOptional({
    description: 'e.g. {"kind": "weekly", "weekday": 5, "time": "12:00"}; null turns it off',
  })
  @IsOptional()
  @IsObject()
  reportingCadence?: Record<string, unknown> | null;

  @ApiPropertyOptional({ example: 'Asia/Shanghai' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  timeZone?: string;

  @ApiPropertyOptional({
    description:
      'Who approves extensions and reviews completions: {"extensionApprover": "manager" | "lead_coordinator", "completionReviewer": …}; null resets to managers',
  })
  @IsOptional()
  @IsObject()
  supervisionPolicy?: Record<string, unknown> | null;
}

export class CreateWebhookEndpointDto {
  @ApiProperty({ example: '广西协调群' })
  @IsString()
  @MaxLength(100)
  name!: string;

  /** Checked by the service against the private-address policy, which says what is wrong with it. */
  @ApiProperty({
    example: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…',
    description: 'http(s), a public address (no loopback, private, link-local…), no user:pass@',
  })
  @IsString()
  @MaxLength(2000)
  url!: string;

  @ApiProperty({ enum: WEBHOOK_FORMATS })
  @IsIn(WEBHOOK_FORMATS)
  format!: WebhookFormat;

  @ApiPropertyOptional({ description: 'Signing secret (generic JSON, DingTalk, Feishu)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  secret?: string;
}
