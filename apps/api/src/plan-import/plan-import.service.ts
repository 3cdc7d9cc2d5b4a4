import {
  BadRequestException,
  ForbiddenException,
  Injectable,
  UnprocessableEntityException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PlanImporter, PlanImportResult, PlanNotManagedError, PlanStructureError } from '@xietong/domain';
import { decodePlanText, PlanDecodeError, toContractJson } from '@xietong/plan-parser';
import { AuthUser } from '../auth/auth-user';

export interface PlanImportInput {
  text?: string;
  file?: Buffer;
  title?: string;
  dryRun?: boolean;
}

@Injectable()
export class PlanImportService {
  private readonly importer: PlanImporter;

  constructor(@InjectDataSource() dataSource: DataSource) {
    this.importer = new PlanImporter(dataSource);
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
        actorId: user.id,
        actorIsManager: user.role === 'manager',
        ip,
        requestId,
      });
    } catch (error) {
      if (error instanceof PlanStructureError) throw new UnprocessableEntityException(error.message);
      if (error instanceof PlanNotManagedError) throw new ForbiddenException(error.message);
      throw error;
    }
    const { parsed, ...outcome } = result;
    const contract = toContractJson(parsed);
    return {
      ...outcome,
      preview: {
        ...contract,
        // The preview shows which tasks took their provinces from a "以下任务均需…落实" note.
        tasks: contract.tasks.map((task, index) => ({
          ...task,
          inheritedProvinces: parsed.tasks[index].inheritedProvinces,
        })),
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
