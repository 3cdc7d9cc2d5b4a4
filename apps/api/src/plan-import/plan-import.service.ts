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
import { PlanReadError, readPlanFile } from '@xietong/plan-parser';
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
    const text = await this.readText(input);
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

  /**
   * A file is read by its content (Word, PDF or text in any supported encoding), never by its
   * name. A format we do not read is a 415; a file we read but cannot use (a scanned PDF with no
   * text layer, a `.docx` that is not one, an encrypted PDF) is a 422 saying what to do.
   */
  private async readText(input: PlanImportInput): Promise<string> {
    if (input.file) {
      try {
        return (await readPlanFile(input.file, input.fileName)).text;
      } catch (error) {
        if (!(error instanceof PlanReadError)) throw error;
        if (error.code === 'unsupported_format' || error.code === 'undecodable_text') {
          throw new UnsupportedMediaTypeException(error.message);
        }
        throw new UnprocessableEntityException(error.message);
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
