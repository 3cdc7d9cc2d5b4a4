import {
  BadRequestException,
  ForbiddenException,
  Inject,
  Injectable,
  UnprocessableEntityException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@xietong/config';
import {
  PlanCorrectionError,
  PlanImporter,
  PlanImportLimitError,
  PlanImportResult,
  PlanNotManagedError,
  PlanStructureError,
  TaskCorrection,
} from '@xietong/domain';
import { decodePlanText, PlanDecodeError } from '@xietong/plan-parser';
import { AuthUser } from '../auth/auth-user';

export interface PlanImportInput {
  text?: string;
  file?: Buffer;
  fileName?: string;
  title?: string;
  dryRun?: boolean;
  corrections?: TaskCorrection[];
}

@Injectable()
export class PlanImportService {
  private readonly importer: PlanImporter;

  constructor(@InjectDataSource() dataSource: DataSource, @Inject(APP_CONFIG) config: AppConfig) {
    this.importer = new PlanImporter(dataSource, {
      maxTasks: config.importMaxTasks,
      maxWorkItems: config.importMaxWorkItems,
    });
  }

  async import(
    input: PlanImportInput,
    user: AuthUser,
    ip: string | undefined,
    requestId: string | undefined,
  ) {
    const text = this.readText(input);
    let result: PlanImportResult;
    try {
      result = await this.importer.import({
        text,
        title: input.title,
        dryRun: input.dryRun,
        corrections: input.corrections,
        actorId: user.id,
        actorIsManager: user.role === 'manager',
        ip,
        requestId,
      });
    } catch (error) {
      if (
        error instanceof PlanStructureError ||
        error instanceof PlanCorrectionError ||
        error instanceof PlanImportLimitError
      ) {
        throw new UnprocessableEntityException(error.message);
      }
      if (error instanceof PlanNotManagedError) throw new ForbiddenException(error.message);
      throw error;
    }
    const { parsed, tasks, ...outcome } = result;
    return {
      ...outcome,
      preview: {
        plan: {
          title: parsed.title,
          period: parsed.period ?? null,
          chapters: parsed.chapters.map(({ number, title }) => ({ number, title })),
        },
        tasks,
        reportingCadence: parsed.reportingCadence,
        diagnostics: parsed.diagnostics,
        indicators: parsed.indicators,
        provinces: parsed.provinces,
      },
    };
  }

  private readText(input: PlanImportInput): string {
    if (input.file) {
      try {
        return decodePlanText(input.file).text;
      } catch (error) {
        if (error instanceof PlanDecodeError) throw new UnsupportedMediaTypeException(error.message);
        throw error;
      }
    }
    if (input.text === undefined) {
      throw new BadRequestException(
        'Send the plan as JSON {"text": "…"} or as a multipart upload with a `file` field.',
      );
    }
    if (!input.text.trim()) {
      throw new UnprocessableEntityException(
        'The plan text is empty: paste the whole plan, starting with its title.',
      );
    }
    return input.text;
  }
}
