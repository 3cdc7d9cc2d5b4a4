import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor, RequestActor } from '../audit/request-actor.decorator';
import { BulkOutcome, BulkWorkDto } from './dto/bulk-work.dto';
import { BulkWorkService } from './bulk-work.service';

@ApiTags('work-items')
@ApiBearerAuth()
@Controller('work-items')
export class BulkWorkController {
  constructor(private readonly bulk: BulkWorkService) {}

  /** Assign an owner, set a first deadline or post one update to many items; 200 with what changed and what was refused. */
  @Post('bulk')
  @HttpCode(200)
  apply(@Actor() actor: RequestActor, @Body() body: BulkWorkDto): Promise<BulkOutcome> {
    return this.bulk.apply(actor, body);
  }
}
