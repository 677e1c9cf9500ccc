import { ErrorCode, JobParamsSchemas, type FieldError, type JobParams, type JobType } from '@ark-asa/contracts';
import type { z } from 'zod';
import { AppError } from '../domain/app-error.ts';

function fieldsOf(error: z.ZodError): FieldError[] {
  return error.issues.flatMap((issue) => {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: [...path, key].join('.'), message: 'Unknown field' }));
    }
    return [{ field: path.join('.'), message: issue.message }];
  });
}

/**
 * A job's params checked against its type's schema, with defaults applied; otherwise an AppError
 * `validation-failed` whose message names each bad field (`params.buildId: …`).
 */
export function parseJobParams<T extends JobType>(type: T, params: unknown): JobParams<T> {
  const parsed = JobParamsSchemas[type].safeParse(params);
  if (parsed.success) return parsed.data as JobParams<T>;
  const fields = fieldsOf(parsed.error).map((f) => ({ ...f, field: f.field ? `params.${f.field}` : 'params' }));
  const summary = fields.map((f) => `${f.field}: ${f.message}`).join('; ');
  throw new AppError(ErrorCode.VALIDATION_FAILED, `Invalid ${type} params: ${summary}`, { fields });
}
