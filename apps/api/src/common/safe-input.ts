import { ArgumentMetadata, BadRequestException, Injectable, PipeTransform } from '@nestjs/common';
import { NextFunction, Request, Response } from 'express';
import { describeUnsafeValue, findUnsafeValue, jsonDepthExceeds, MAX_JSON_DEPTH } from '@xietong/rules';

function refuse(value: unknown, path: string): void {
  const problem = findUnsafeValue(value, path);
  if (problem) {
    throw new BadRequestException({
      message: describeUnsafeValue(problem),
      errors: [{ field: problem.path, message: describeUnsafeValue(problem) }],
    });
  }
}

/**
 * Runs before guards, so login (whose guard reads the body) and every route refuse NUL, control
 * characters and unsafe integers in the path, the query and a JSON or text body before any of it
 * reaches Postgres. Multipart fields are parsed later, inside the route: `SafeInputPipe` sees them.
 */
export function refuseUnsafeInput(request: Request, _response: Response, next: NextFunction): void {
  try {
    let path: string | null = null;
    try {
      path = decodeURIComponent(request.path);
    } catch {
      // A malformed escape: the router answers it with its own 400.
    }
    if (path !== null) refuse(path, 'path');
    refuse(request.query, 'query');
    refuse(request.body, 'body');
    next();
  } catch (error) {
    next(error);
  }
}

/** The same check on every argument a handler receives, after validation turned strings into numbers. */
@Injectable()
export class SafeInputPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'custom')
      refuse(value, metadata.data ? `${metadata.type}.${metadata.data}` : metadata.type);
    return value;
  }
}

/** Body-parser's `verify` hook: a 10,000-deep JSON is refused before JSON.parse and every walker after it. */
export function refuseDeepJson(_request: unknown, _response: unknown, body: Buffer): void {
  if (jsonDepthExceeds(body.toString('utf8'), MAX_JSON_DEPTH)) {
    throw Object.assign(new Error('JSON nested too deeply'), { status: 400, type: 'entity.too.deep' });
  }
}
