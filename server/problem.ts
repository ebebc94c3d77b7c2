/**
 * RFC 9457 problem details. Routes and helpers throw HttpProblem; the one error middleware
 * (server/middleware/errors.ts) renders it as application/problem+json.
 */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  /** Stable machine-readable code; clients switch on this, never on `detail`. */
  code: string;
  detail?: string;
  /** The request parameter at fault, where there is one. */
  param?: string;
  [extra: string]: unknown;
}

export class HttpProblem extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly param: string | undefined;
  readonly extra: Record<string, unknown>;
  readonly headers: Record<string, string>;
  constructor(
    status: number,
    code: string,
    title: string,
    opts: { detail?: string; param?: string; extra?: Record<string, unknown>; headers?: Record<string, string> } = {},
  ) {
    super(opts.detail ?? title);
    this.name = 'HttpProblem';
    this.status = status;
    this.code = code;
    this.title = title;
    this.param = opts.param;
    this.extra = opts.extra ?? {};
    this.headers = opts.headers ?? {};
  }

  toBody(): ProblemBody {
    return {
      type: `https://newsfacets.dev/problems/${this.code}`,
      title: this.title,
      status: this.status,
      code: this.code,
      ...(this.message !== this.title ? { detail: this.message } : {}),
      ...(this.param ? { param: this.param } : {}),
      ...this.extra,
    };
  }
}

/** 400 for one bad request parameter. */
export function invalidParam(param: string, detail: string, code = 'invalid_parameter'): HttpProblem {
  return new HttpProblem(400, code, 'Invalid request parameter', { detail, param });
}
