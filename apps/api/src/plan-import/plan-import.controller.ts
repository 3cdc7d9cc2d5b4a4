import { Body, Controller, HttpCode, Post, Req, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { Request } from 'express';
import 'multer';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/decorators/current-user.decorator';
import { Roles } from '../auth/decorators/roles.decorator';
import { ImportPlanDto } from './dto/import-plan.dto';
import { PlanImportService } from './plan-import.service';

const MAX_PLAN_BYTES = 5 * 1024 * 1024;

@ApiTags('plans')
@ApiBearerAuth()
@Controller('plans')
export class PlanImportController {
  constructor(private readonly imports: PlanImportService) {}

  /** Dry run: the preview with diagnostics. Otherwise creates or updates the plan and its work items. */
  @Post('import')
  @HttpCode(200)
  @Roles('admin', 'manager')
  @ApiConsumes('application/json', 'multipart/form-data')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_PLAN_BYTES, files: 1 } }))
  import(
    @Body() body: ImportPlanDto,
    @UploadedFile() file: Express.Multer.File | undefined,
    @CurrentUser() user: AuthUser,
    @Req() request: Request,
  ) {
    return this.imports.import(
      { ...body, file: file?.buffer, fileName: file?.originalname },
      user,
      request.ip,
      String(request.id ?? ''),
    );
  }
}
