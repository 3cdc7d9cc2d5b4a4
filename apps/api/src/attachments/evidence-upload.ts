import { unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import {
  applyDecorators,
  CallHandler,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  UseInterceptors,
} from '@nestjs/common';
import { FilesInterceptor, MulterModule } from '@nestjs/platform-express';
import { ApiConsumes } from '@nestjs/swagger';
import { Request } from 'express';
import { diskStorage } from 'multer';
import { finalize, Observable } from 'rxjs';
import { APP_CONFIG, AppConfig } from '@xietong/config';

/** Files per post: enough for a report, its annexes and a few photos. */
export const MAX_FILES_PER_POST = 10;

/**
 * Uploads stream to temporary files (never into memory), are refused past the per-file limit
 * while they arrive (413), and keep their UTF-8 names: browsers send 佐证材料.pdf raw, which
 * multer would read as Latin-1 by default.
 */
export function evidenceUploadModule() {
  return MulterModule.registerAsync({
    inject: [APP_CONFIG],
    useFactory: (config: AppConfig) => ({
      storage: diskStorage({ destination: tmpdir() }),
      limits: { fileSize: config.attachments.maxFileBytes, files: MAX_FILES_PER_POST },
      defParamCharset: 'utf8',
    }),
  });
}

/** Temporary upload files go when the request ends, answered or refused (a 400 from validation too). */
@Injectable()
class RemoveUploadsInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    return next.handle().pipe(
      finalize(() => {
        const files = (request.files ?? []) as Express.Multer.File[];
        void Promise.all(files.map((file) => unlink(file.path).catch(() => undefined)));
      }),
    );
  }
}

/** The `files` field of a multipart post (JSON posts pass through untouched). */
export const EvidenceFiles = () =>
  applyDecorators(
    ApiConsumes('application/json', 'multipart/form-data'),
    UseInterceptors(FilesInterceptor('files', MAX_FILES_PER_POST), RemoveUploadsInterceptor),
  );
