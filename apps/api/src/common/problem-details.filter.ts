import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { Request, Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { MAX_JSON_DEPTH } from '@xietong/rules';

export interface FieldError {
  field: string;
  message: string;
}

/** RFC 9457 problem details; `errors` lists field problems for validation failures. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Postgres error codes a person can fix by changing the request. */
const PG_ERRORS: Record<string, { status: number; detail: string }> = {
  '23505': { status: 409, detail: 'This record already exists (a unique value is taken).' },
  '23503': { status: 422, detail: 'A referenced record does not exist (check the ids you sent).' },
  '23502': { status: 400, detail: 'A required value is missing (null is not allowed for this field).' },
  '23514': { status: 422, detail: 'A value is outside what is allowed (e.g. progress must be 0–100).' },
  '22P02': { status: 400, detail: 'A value has the wrong format (e.g. an id that is not a UUID).' },
  '22007': { status: 400, detail: 'A date or time is not valid.' },
  '22008': { status: 400, detail: 'A date or time is out of range.' },
};

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const problem = this.toProblem(exception);
    problem.instance = request.originalUrl;
    if (problem.status >= 500) this.logger.error(exception);
    if (problem.status === 429 && typeof problem.retryAfterSeconds === 'number') {
      response.setHeader('Retry-After', String(problem.retryAfterSeconds));
    }
    response.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown): ProblemDetails {
    // Nest 12 wraps body-parser's errors in HttpExceptions; their cause says what the person sent.
    const bodyParserError =
      exception instanceof HttpException && isBodyParserError(exception.cause) ? exception.cause : exception;
    if (isBodyParserError(bodyParserError)) return bodyParserProblem(bodyParserError);
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const fromBody = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
      const message = fromBody.message ?? (typeof body === 'string' ? body : exception.message);
      const { message: _message, statusCode: _statusCode, error, ...rest } = fromBody;
      // Nest's own bodies repeat the title as `error`; terminus puts the failing checks there.
      const extensions = typeof error === 'object' ? { ...rest, error } : rest;
      // Extensions first: a body's own `status` (terminus says "error") must not replace the code.
      return {
        ...extensions,
        type: 'about:blank',
        title: TITLES[status] ?? HttpStatus[status] ?? 'Error',
        status,
        detail: Array.isArray(message) ? message.join('; ') : String(message),
      };
    }
    if (exception instanceof QueryFailedError) {
      const code = (exception.driverError as { code?: string } | undefined)?.code ?? '';
      const known = PG_ERRORS[code];
      if (known)
        return {
          type: 'about:blank',
          title: TITLES[known.status],
          status: known.status,
          detail: known.detail,
        };
    }
    return {
      type: 'about:blank',
      title: TITLES[500],
      status: 500,
      detail: 'Something went wrong on our side; it has been logged. Please try again.',
    };
  }
}

function bodyParserProblem({ status, type }: { status: number; type: string }): ProblemDetails {
  const detail =
    status === 413
      ? '请求体过大：上限为 5 MB，请拆分文档或上传较小的文件。The request body is too large: the limit is 5 MB. Split the document or upload a smaller file.'
      : type === 'entity.too.deep'
        ? `JSON 嵌套层数过多（上限 ${MAX_JSON_DEPTH} 层）。The JSON body nests more than ${MAX_JSON_DEPTH} levels deep; no field of this API needs that many.`
        : '请求体不是有效的 JSON。The request body is not valid JSON.';
  return { type: 'about:blank', title: TITLES[status] ?? 'Bad Request', status, detail };
}

function isBodyParserError(error: unknown): error is { status: number; type: string } {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { status?: unknown }).status === 'number' &&
    typeof (error as { type?: unknown }).type === 'string'
  );
}
