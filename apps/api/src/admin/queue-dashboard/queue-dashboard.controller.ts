import { Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Request, Response } from 'express';
import { Roles } from '../../auth/decorators/roles.decorator';
import { QUEUE_DASHBOARD_PATH, QueueDashboard } from './queue-dashboard';

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/queue-dashboard')
export class QueueDashboardController {
  constructor(private readonly dashboard: QueueDashboard) {}

  /** Sets the dashboard's pass cookie for this session and says where the dashboard is. */
  @Post('pass')
  @HttpCode(200)
  open(@Req() request: Request, @Res({ passthrough: true }) response: Response): { url: string } {
    // The guard has verified this bearer token already.
    const pass = this.dashboard.passFor(request.headers.authorization!.replace(/^Bearer /i, ''));
    response.cookie(pass.name, pass.value, pass.options);
    return { url: `${QUEUE_DASHBOARD_PATH}/` };
  }
}
