import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/decorators/current-user.decorator';
import { Inbox, InboxService } from './inbox.service';

@ApiTags('inbox')
@ApiBearerAuth()
@Controller('inbox')
export class InboxController {
  constructor(private readonly inboxes: InboxService) {}

  /** Extensions to decide, completions to review, items sent back, unassigned items, questions. */
  @Get()
  inbox(@CurrentUser() user: AuthUser): Promise<Inbox> {
    return this.inboxes.inbox(user);
  }
}
