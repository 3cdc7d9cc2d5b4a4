import { pipeline } from 'node:stream/promises';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Request, Response } from 'express';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/decorators/current-user.decorator';
import { attachmentDisposition } from './content-disposition';
import { DownloadReportQueryDto } from './dto/download-report-query.dto';
import { RequestReportDto } from './dto/request-report.dto';
import { ReportRunsService } from './report-runs.service';

@ApiTags('reports')
@ApiBearerAuth()
@Controller()
export class ReportsController {
  constructor(private readonly runs: ReportRunsService) {}

  /** Queues a joint report; the worker builds it. Poll the run, then download. */
  @Post('plans/:id/reports')
  @HttpCode(202)
  request(
    @Param('id', ParseUUIDPipe) planId: string,
    @Body() body: RequestReportDto,
    @CurrentUser() user: AuthUser,
    @Req() request: Request,
  ) {
    return this.runs.request(planId, body, user, { ip: request.ip, requestId: String(request.id ?? '') });
  }

  @Get('plans/:id/reports')
  list(@Param('id', ParseUUIDPipe) planId: string, @CurrentUser() user: AuthUser) {
    return this.runs.listForPlan(planId, user);
  }

  @Get('reports/:runId')
  get(@Param('runId', ParseUUIDPipe) runId: string, @CurrentUser() user: AuthUser) {
    return this.runs.get(runId, user);
  }

  @Get('reports/:runId/download')
  async download(
    @Param('runId', ParseUUIDPipe) runId: string,
    @Query() query: DownloadReportQueryDto,
    @CurrentUser() user: AuthUser,
    @Res() response: Response,
  ): Promise<void> {
    const file = await this.runs.download(runId, query.format, user);
    response
      .status(200)
      .type(file.contentType)
      .setHeader('Content-Length', String(file.size))
      .setHeader('Content-Disposition', attachmentDisposition(file.fileName));
    await pipeline(file.content, response);
  }
}
