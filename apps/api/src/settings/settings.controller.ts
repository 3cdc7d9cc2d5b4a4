import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor, RequestActor } from '../audit/request-actor.decorator';
import { CreateWebhookEndpointDto, UpdateMySettingsDto, UpdatePlanSettingsDto } from './settings.dto';
import { SettingsService } from './settings.service';

@ApiTags('settings')
@ApiBearerAuth()
@Controller()
export class SettingsController {
  constructor(private readonly settings: SettingsService) {}

  /** Channels (email, in-app), daily digest, language and time zone of the signed-in user. */
  @Patch('me/settings')
  updateMine(@Actor() actor: RequestActor, @Body() dto: UpdateMySettingsDto) {
    return this.settings.updateMine(actor, dto);
  }

  @Get('plans/:id/settings')
  planSettings(@Actor() actor: RequestActor, @Param('id', ParseUUIDPipe) id: string) {
    return this.settings.planSettings(actor, id);
  }

  /** Reminder policy, reporting cadence and time zone of a plan: its managers and admins. */
  @Patch('plans/:id/settings')
  updatePlanSettings(
    @Actor() actor: RequestActor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdatePlanSettingsDto,
  ) {
    return this.settings.updatePlanSettings(actor, id, dto);
  }

  /** WeCom / DingTalk / Feishu group robots and generic webhooks of an organization. */
  @Get('organizations/:id/webhooks')
  webhooks(@Actor() actor: RequestActor, @Param('id', ParseUUIDPipe) id: string) {
    return this.settings.webhooks(actor, id);
  }

  @Post('organizations/:id/webhooks')
  addWebhook(
    @Actor() actor: RequestActor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CreateWebhookEndpointDto,
  ) {
    return this.settings.addWebhook(actor, id, dto);
  }

  @Delete('organizations/:id/webhooks/:webhookId')
  @HttpCode(204)
  removeWebhook(
    @Actor() actor: RequestActor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('webhookId', ParseUUIDPipe) webhookId: string,
  ): Promise<void> {
    return this.settings.removeWebhook(actor, id, webhookId);
  }
}
