/**
 * The errors domain code throws (lib/ingest, lib/otlp, lib/stats, lib/catalog, lib/projects,
 * lib/users, lib/auth...). They know nothing of HTTP: the one route wrapper (lib/http/route.ts)
 * maps each kind to a status and a problem+json body, and a CLI command or a background job
 * reads the same message. Modelled on formbricks' `packages/types/errors.ts`.
 *
 * `slug` names the problem for clients (`urn:codewatch:problem:<slug>`); each kind has a
 * default, and a thrower may be more specific ("unknown-code" rather than "not-found").
 */

/** A field that was wrong: "query.category", "params.code", "body.events[3].code". */
export interface FieldError {
  field: string;
  message: string;
}

export abstract class DomainError extends Error {
  abstract readonly kind: string;
  readonly slug: string;

  protected constructor(message: string, slug: string) {
    super(message);
    this.slug = slug;
    this.name = new.target.name;
  }
}

/** The thing asked for does not exist (or is not visible to the caller). */
export class NotFoundError extends DomainError {
  readonly kind = "not-found";
  constructor(message: string, slug = "not-found") {
    super(message, slug);
  }
}

/** The change collides with what exists (a slug or an email taken). */
export class ConflictError extends DomainError {
  readonly kind = "conflict";
  constructor(message: string, slug = "conflict") {
    super(message, slug);
  }
}

/** The input is wrong; `errors` names each wrong field and why. */
export class InvalidInputError extends DomainError {
  readonly kind = "invalid-input";
  constructor(
    message: string,
    readonly errors: FieldError[] = [],
    slug = "invalid-request",
  ) {
    super(message, slug);
  }
}

/** The input is larger than a documented limit. */
export class TooLargeError extends DomainError {
  readonly kind = "too-large";
  constructor(message: string, slug = "body-too-large") {
    super(message, slug);
  }
}

/** The input comes in a form codewatch does not read (a media type, an encoding). */
export class UnsupportedError extends DomainError {
  readonly kind = "unsupported";
  constructor(message: string, slug = "unsupported-media-type") {
    super(message, slug);
  }
}

/** Too much, too fast: try again after `retryAfterSeconds`. */
export class RateLimitedError extends DomainError {
  readonly kind = "rate-limited";
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
    slug = "rate-limited",
  ) {
    super(message, slug);
  }
}

/** A dependency (the database) cannot do it now; nothing was changed, so retrying is safe. */
export class UnavailableError extends DomainError {
  readonly kind = "unavailable";
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
    slug = "unavailable",
  ) {
    super(message, slug);
  }
}

/** No credentials, or credentials that name nobody (an unknown, revoked or malformed key). */
export class UnauthenticatedError extends DomainError {
  readonly kind = "unauthenticated";
  constructor(message: string, slug = "unauthenticated") {
    super(message, slug);
  }
}

/** Authenticated, but not allowed to do this. */
export class ForbiddenError extends DomainError {
  readonly kind = "forbidden";
  constructor(message: string, slug = "forbidden") {
    super(message, slug);
  }
}
