/**
 * AWS rest-json error answers as GuardDuty sends them: the error type in `x-amzn-ErrorType` and a body
 * `{ "message", "__type" }` (GuardDuty's BadRequestException, InternalServerErrorException,
 * AccessDeniedException shapes in botocore guardduty/2017-11-28; the common 403 and throttling errors at
 * https://docs.aws.amazon.com/guardduty/latest/APIReference/CommonErrors.html).
 */
export interface Answer {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** JSON (an object) or, for STS, XML text. */
  readonly body: unknown;
}

let requestSerial = 0;

export function awsError(status: number, type: string, message: string, headers: Readonly<Record<string, string>> = {}): Answer {
  requestSerial += 1;
  return {
    status,
    headers: { 'x-amzn-errortype': type, 'x-amzn-requestid': `sim-${requestSerial}`, ...headers },
    body: { message, __type: type },
  };
}

export const badRequest = (message: string) => awsError(400, 'BadRequestException', message);
export const accessDenied = (action: string) =>
  awsError(403, 'AccessDeniedException', `User: arn:aws:iam::123456789012:user/simulated is not authorized to perform: guardduty:${action}`);
export const throttled = (retryAfterSeconds: number) => awsError(429, 'TooManyRequestsException', 'Rate exceeded', { 'retry-after': String(retryAfterSeconds) });
export const internalError = () => awsError(500, 'InternalServerErrorException', 'The request failed because of an internal error. Try again later.');
export const missingToken = () => awsError(403, 'MissingAuthenticationTokenException', 'Missing Authentication Token');
export const notFound = (method: string, path: string) => awsError(404, 'UnknownOperationException', `No operation ${method} ${path}`);
