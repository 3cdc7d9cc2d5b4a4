import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Req,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Request } from 'express';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/decorators/current-user.decorator';
import { Roles } from '../auth/decorators/roles.decorator';
import { CreateReportScheduleDto } from './dto/create-report-schedule.dto';
import { ListReportSchedulesQueryDto } from './dto/list-report-schedules-query.dto';
import { UpdateReportScheduleDto } from './dto/update-report-schedule.dto';
import { ReportSchedulesService } from './report-schedules.service';

const contextOf = (request: Request) => ({ ip: request.ip, requestId: String(request.id ?? '') });

@ApiTags('reports')
@ApiBearerAuth()
@Roles('admin', 'manager')
@Controller('report-schedules')
export class ReportSchedulesController {
  constructor(private readonly schedules: ReportSchedulesService) {}

  @Get()
  list(@Query() query: ListReportSchedulesQueryDto, @CurrentUser() user: AuthUser) {
    return this.schedules.list(user, query.planId);
  }

  @Get(':id')
  get(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: AuthUser) {
    return this.schedules.get(id, user);
  }

  @Post()
  create(@Body() body: CreateReportScheduleDto, @CurrentUser() user: AuthUser, @Req() request: Request) {
    return this.schedules.create(body, user, contextOf(request));
  }

  @Patch(':id')
  update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateReportScheduleDto,
    @CurrentUser() user: AuthUser,
    @Req() request: Request,
  ) {
    return this.schedules.update(id, body, user, contextOf(request));
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: AuthUser, @Req() request: Request) {
    return this.schedules.remove(id, user, contextOf(request));
  }
}
