import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  StreamableFile,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor, RequestActor } from '../audit/request-actor.decorator';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/decorators/current-user.decorator';
import { attachmentDisposition } from '../reports/content-disposition';
import { CompletionReviewService } from './completion-review.service';
import { AcceptCompletionDto } from './dto/accept-completion.dto';
import { CreateSubItemDto } from './dto/create-sub-item.dto';
import { SendBackDto } from './dto/send-back.dto';
import { UpdateWorkItemDto } from './dto/update-work-item.dto';
import { WorkItemListQueryDto } from './dto/work-item-list-query.dto';
import { WorkItemEditsService } from './work-item-edits.service';
import { WorkItemPage } from './work-item-list.sql';
import { WorkItemView } from './work-item-row';
import { WorkItemDetail, WorkItemsQueryService } from './work-items-query.service';

@ApiTags('work-items')
@ApiBearerAuth()
@Controller('work-items')
export class WorkItemsController {
  constructor(
    private readonly queries: WorkItemsQueryService,
    private readonly edits: WorkItemEditsService,
    private readonly reviews: CompletionReviewService,
  ) {}

  @Get()
  list(@CurrentUser() user: AuthUser, @Query() query: WorkItemListQueryDto): Promise<WorkItemPage> {
    return this.queries.list(user, query);
  }

  /** The same list (filters, search, sort) as an XLSX workbook, every row rather than one page. */
  @Get('export.xlsx')
  @Header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @Header('Content-Disposition', attachmentDisposition('事项清单.xlsx'))
  export(@CurrentUser() user: AuthUser, @Query() query: WorkItemListQueryDto): Promise<StreamableFile> {
    return this.queries.exportWorkbook(user, query).then((buffer) => new StreamableFile(buffer));
  }

  @Get(':id')
  detail(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<WorkItemDetail> {
    return this.queries.detail(user, id);
  }

  /** Owner, deadline, status, progress, priority; `version` must be the one read (else 409). */
  @Patch(':id')
  update(
    @Actor() actor: RequestActor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateWorkItemDto,
  ): Promise<WorkItemView> {
    return this.edits.update(actor, id, body);
  }

  @Post(':id/sub-items')
  addSubItem(
    @Actor() actor: RequestActor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CreateSubItemDto,
  ): Promise<WorkItemView> {
    return this.edits.addSubItem(actor, id, body);
  }

  /** 退回: reopens an item waiting for review; the reason is posted as an update and the owner told. */
  @Post(':id/send-back')
  @HttpCode(200)
  sendBack(
    @Actor() actor: RequestActor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: SendBackDto,
  ): Promise<WorkItemView> {
    return this.reviews.decide(actor, id, 'send_back', body.reason);
  }

  /** 销号: the reviewer accepts an item waiting for review; it is closed for good. */
  @Post(':id/accept')
  @HttpCode(200)
  accept(
    @Actor() actor: RequestActor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: AcceptCompletionDto,
  ): Promise<WorkItemView> {
    return this.reviews.decide(actor, id, 'accept', body.note);
  }
}
