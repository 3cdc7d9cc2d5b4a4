import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError } from './problem-details.filter';

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** Whitelisting DTO validation whose failures become 400 problem details with field errors. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const fieldErrors = flatten(errors);
      return new BadRequestException({
        message: `The request has ${fieldErrors.length} invalid field(s): ${fieldErrors.map((e) => e.message).join('; ')}`,
        errors: fieldErrors,
      });
    },
  });
}
