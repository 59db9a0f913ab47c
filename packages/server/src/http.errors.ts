// Typed errors turned into HTTP responses, in one place. Every error leaves the API as
// `{error: {code, message, details}}` with a status chosen by the error's class; an error nobody
// typed is a bug: it is logged with its stack for the operator and answered as a bare 500, so no
// stack trace, SQL or path ever reaches a client.
import {
  ConflictError,
  InputError,
  NotFoundError,
  OperationalError,
  QuerySyntaxError,
  UsageError,
} from '@echotrace/core';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';

/** Who is asking is not known (no session, no token, or a bad one). */
export class AuthenticationError extends Error {
  constructor(message = 'log in or send an API token') {
    super(message);
    this.name = 'AuthenticationError';
  }
}

/** The user is known but their role does not allow this. */
export class ForbiddenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ForbiddenError';
  }
}

/** A request whose parameters or body do not match the route's schema. */
export class RequestValidationError extends Error {
  readonly issues: Array<{ path: string; message: string }>;
  constructor(where: string, error: ZodError) {
    super(`invalid ${where}`);
    this.name = 'RequestValidationError';
    this.issues = error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      message: issue.message,
    }));
  }
}

/** Too many attempts (login): try again after `retryAfterSeconds`. */
export class RateLimitError extends Error {
  readonly retryAfterSeconds: number;
  constructor(message: string, retryAfterSeconds: number) {
    super(message);
    this.name = 'RateLimitError';
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export interface ErrorBody {
  error: { code: string; message: string; details: Record<string, unknown> };
}

interface Mapped {
  status: ContentfulStatusCode;
  body: ErrorBody;
  headers?: Record<string, string>;
}

const body = (code: string, message: string, details: Record<string, unknown> = {}): ErrorBody => ({
  error: { code, message, details },
});

const HTTP_CODES: Partial<Record<number, string>> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
};

/** The one mapping from an error to a status and body. */
export function mapError(error: unknown): Mapped | null {
  if (error instanceof RequestValidationError)
    return { status: 400, body: body('invalid_request', error.message, { issues: error.issues }) };
  if (error instanceof QuerySyntaxError)
    return {
      status: 400,
      body: body('query_syntax', error.message, {
        input: error.input,
        problem: error.problem,
        position: error.position,
      }),
    };
  if (error instanceof InputError)
    return {
      status: 400,
      body: body('invalid_input', error.message, { input: error.input, problem: error.problem }),
    };
  if (error instanceof UsageError)
    return {
      status: 400,
      body: body('invalid_input', error.message, { input: error.input, problem: error.problem }),
    };
  if (error instanceof NotFoundError) return { status: 404, body: body('not_found', error.message) };
  if (error instanceof ConflictError) return { status: 409, body: body('conflict', error.message) };
  if (error instanceof AuthenticationError)
    return { status: 401, body: body('unauthenticated', error.message) };
  if (error instanceof ForbiddenError) return { status: 403, body: body('forbidden', error.message) };
  if (error instanceof RateLimitError)
    return {
      status: 429,
      body: body('rate_limited', error.message, { retryAfterSeconds: error.retryAfterSeconds }),
      headers: { 'Retry-After': String(error.retryAfterSeconds) },
    };
  if (error instanceof OperationalError)
    return { status: 503, body: body('unavailable', 'the store is busy or unreachable; try again') };
  if (error instanceof HTTPException) {
    const status = error.status;
    // Hono's own messages (malformed JSON, body too large) name no internals.
    return { status, body: body(HTTP_CODES[status] ?? 'http_error', error.message || 'request refused') };
  }
  return null;
}

/** Hono's onError: typed errors mapped, the rest logged and answered without detail. */
export function errorHandler(log: (message: string) => void) {
  return (error: unknown, c: Context): Response => {
    const mapped = mapError(error);
    if (mapped) return c.json(mapped.body, mapped.status, mapped.headers);
    log(
      `${c.req.method} ${c.req.path}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    return c.json(body('internal', 'internal error'), 500);
  };
}

export const notFoundBody = (path: string): ErrorBody => body('not_found', `no route ${path}`);
