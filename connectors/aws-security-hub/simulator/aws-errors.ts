/**
 * Errors as Security Hub's REST-JSON protocol sends them (botocore securityhub 2018-10-26 shapes;
 * https://docs.aws.amazon.com/securityhub/1.0/APIReference/CommonErrors.html): the error type in the
 * `x-amzn-ErrorType` header, `{ "Message": ..., "Code": ... }` in the body.
 */
export interface Answer {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body: unknown;
}

let serial = 0;

export function requestId(): string {
  serial += 1;
  return `00000000-0000-4000-8000-${String(serial).padStart(12, '0')}`;
}

export function awsError(status: number, type: string, message: string, headers: Readonly<Record<string, string>> = {}): Answer {
  return { status, headers: { 'x-amzn-errortype': type, ...headers }, body: { Message: message, Code: type } };
}

export const errors = {
  /** Botocore InvalidInputException (400): a bad filter, MaxResults out of range, an unknown or expired NextToken. */
  invalidInput: (message: string) => awsError(400, 'InvalidInputException', message),
  /** IAM denial (403 AccessDeniedException), as for any AWS API when the policy lacks the action. */
  accessDenied: (principal: string, action: string) => awsError(403, 'AccessDeniedException', `User: ${principal} is not authorized to perform: ${action}`),
  /** No signature (403 MissingAuthenticationTokenException, the AWS-wide answer). */
  missingAuthentication: () => awsError(403, 'MissingAuthenticationTokenException', 'Missing Authentication Token'),
  /** A session whose temporary credentials expired (403 ExpiredTokenException). */
  expiredToken: () => awsError(403, 'ExpiredTokenException', 'The security token included in the request is expired'),
  /** A signature for another service or Region, or an unknown key (403 InvalidSignatureException). */
  invalidSignature: (message: string) => awsError(403, 'InvalidSignatureException', message),
  /** Throttling (429 TooManyRequestsException); Retry-After is added for the conformance suite's fault. */
  throttled: (retryAfterSeconds: number) => awsError(429, 'TooManyRequestsException', 'Rate exceeded', { 'retry-after': String(retryAfterSeconds) }),
  /** Botocore InternalException (500). */
  internal: () => awsError(500, 'InternalException', 'Internal service error'),
  /** Botocore ResourceNotFoundException (404). */
  notFound: (message: string) => awsError(404, 'ResourceNotFoundException', message),
};
