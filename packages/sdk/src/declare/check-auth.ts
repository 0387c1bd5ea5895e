import { authTypes, jwtAlgorithms, type AuthMethod } from './auth-methods.ts';
import { isOneOf } from './catalogue.ts';
import { apiKeyFormats, builtInFieldsOf, formatPlaceholders } from './credential-fields.ts';
import { hostMatches, isHostPattern } from './host-patterns.ts';
import type { DeclarationIssues } from './issues.ts';
import { checkHttpsUrl, checkText, SNAKE_CASE } from './names.ts';

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const AWS_REGION = /^[a-z]{2}(?:-[a-z]+)+-\d+$/;

/** What the auth checks need to know about the rest of the connector. */
export interface AuthCheckContext {
  readonly configFields: ReadonlySet<string>;
  readonly allowedHosts: readonly string[];
}

function checkUrl(issues: DeclarationIssues, field: string, value: unknown): void {
  if (typeof value !== 'function') checkHttpsUrl(issues, field, value);
}

function checkScopes(issues: DeclarationIssues, field: string, scopes: unknown, required: boolean): void {
  if (scopes === undefined && !required) return;
  if (!Array.isArray(scopes) || scopes.some((scope) => typeof scope !== 'string' || scope === '' || /\s/.test(scope))) {
    issues.add(field, 'must be a list of scope names without spaces');
  } else if (new Set(scopes).size !== scopes.length) {
    issues.add(field, 'lists a scope twice');
  }
}

function checkFieldOverrides(issues: DeclarationIssues, field: string, method: AuthMethod<never>): void {
  const known =
    method.type === 'api_key'
      ? new Set(apiKeyFormats(method).flatMap(formatPlaceholders))
      : new Set(builtInFieldsOf(method).map((f) => f.name));
  for (const [name, override] of Object.entries(method.fields ?? {})) {
    const at = `${field}.fields.${name}`;
    if (!known.has(name)) issues.add(at, `is not a credential field of ${method.type}`, `Known fields: ${[...known].join(', ')}.`);
    if (override?.label !== undefined) checkText(issues, `${at}.label`, override.label, 100);
    if (override?.help !== undefined) checkText(issues, `${at}.help`, override.help, 1000);
    if (override?.required !== undefined && typeof override.required !== 'boolean') issues.add(`${at}.required`, 'must be true or false');
  }
}

function checkApiKey(issues: DeclarationIssues, field: string, method: Extract<AuthMethod, { type: 'api_key' }>): void {
  const placements = [method, ...(method.additional ?? [])];
  const seen = new Set<string>();
  placements.forEach((placement, index) => {
    const at = index === 0 ? field : `${field}.additional[${index - 1}]`;
    if (placement.in !== 'header' && placement.in !== 'query') issues.add(`${at}.in`, 'must be header or query');
    if (typeof placement.name !== 'string' || !HEADER_NAME.test(placement.name)) issues.add(`${at}.name`, 'must be a header or query parameter name');
    const key = `${placement.in}:${String(placement.name).toLowerCase()}`;
    if (seen.has(key)) issues.add(`${at}.name`, `${placement.in} "${placement.name}" is set twice`);
    seen.add(key);
    const format: unknown = placement.format ?? '{api_key}';
    const names = typeof format === 'string' ? formatPlaceholders(format) : [];
    if (typeof format !== 'string' || names.length === 0) {
      issues.add(`${at}.format`, 'must contain a {field} placeholder, like "SSWS {api_key}"');
      return;
    }
    for (const name of names) {
      if (!SNAKE_CASE.test(name)) issues.add(`${at}.format`, `placeholder {${name}} is not a snake_case field name`);
    }
    if (format.replace(/\{[^{}]*\}/g, '').match(/[{}]/)) issues.add(`${at}.format`, 'has an unmatched brace');
  });
}

function checkPerHost(issues: DeclarationIssues, field: string, method: Extract<AuthMethod<never>, { type: 'oauth2_client_credentials' }>, ctx: AuthCheckContext): void {
  (method.perHost ?? []).forEach((target, index) => {
    const at = `${field}.perHost[${index}]`;
    if (!isHostPattern(target.host)) issues.add(`${at}.host`, `${JSON.stringify(target.host)} is not a host pattern`);
    else if (!ctx.allowedHosts.some((allowed) => allowed === target.host || hostMatches(allowed, target.host.replace(/^\*\./, 'x.')))) {
      issues.add(`${at}.host`, `"${target.host}" is not in allowedHosts`);
    }
    if (target.audience !== undefined) checkText(issues, `${at}.audience`, target.audience, 500);
    checkScopes(issues, `${at}.scopes`, target.scopes, false);
    if (target.audience === undefined && target.scopes === undefined) issues.add(at, 'sets neither audience nor scopes');
  });
}

/** Records every problem in one auth method declaration under `field` (`auth[0]`). */
export function checkAuthMethod(issues: DeclarationIssues, field: string, method: AuthMethod<never>, ctx: AuthCheckContext): void {
  if (!isOneOf(authTypes, method.type)) {
    issues.add(`${field}.type`, `${JSON.stringify(method.type)} is not an auth type`, `Use one of ${authTypes.join(', ')}.`);
    return;
  }
  if (method.label !== undefined) checkText(issues, `${field}.label`, method.label, 100);
  if (method.description !== undefined) checkText(issues, `${field}.description`, method.description, 1000);
  switch (method.type) {
    case 'api_key':
      checkApiKey(issues, field, method);
      break;
    case 'bearer':
      if (method.header !== undefined && !HEADER_NAME.test(method.header)) issues.add(`${field}.header`, 'must be a header name');
      if (method.prefix !== undefined && (typeof method.prefix !== 'string' || /\s/.test(method.prefix))) {
        issues.add(`${field}.prefix`, 'must be a single word such as "Bearer" or "Token"');
      }
      break;
    case 'aws':
      if (typeof method.service !== 'string' || !/^[a-z0-9-]+$/.test(method.service)) issues.add(`${field}.service`, 'must be an AWS signing name such as "guardduty"');
      if (typeof method.region === 'string') {
        if (!AWS_REGION.test(method.region)) issues.add(`${field}.region`, `"${method.region}" is not an AWS region`);
      } else if (!ctx.configFields.has(method.region?.fromConfig)) {
        issues.add(`${field}.region.fromConfig`, `config has no field ${JSON.stringify(method.region?.fromConfig)}`);
      }
      break;
    case 'oauth2_client_credentials':
      checkUrl(issues, `${field}.tokenUrl`, method.tokenUrl);
      checkScopes(issues, `${field}.scopes`, method.scopes, false);
      if (method.audience !== undefined) checkText(issues, `${field}.audience`, method.audience, 500);
      checkPerHost(issues, field, method, ctx);
      break;
    case 'oauth2_authorization_code':
      checkUrl(issues, `${field}.authorizeUrl`, method.authorizeUrl);
      checkUrl(issues, `${field}.tokenUrl`, method.tokenUrl);
      checkScopes(issues, `${field}.scopes`, method.scopes, true);
      if (typeof method.pkce !== 'boolean') issues.add(`${field}.pkce`, 'must be true or false');
      for (const [key, value] of Object.entries(method.authorizeParams ?? {})) {
        if (typeof value !== 'string') issues.add(`${field}.authorizeParams.${key}`, 'must be a string');
      }
      break;
    case 'jwt_bearer':
      checkUrl(issues, `${field}.tokenUrl`, method.tokenUrl);
      checkScopes(issues, `${field}.scopes`, method.scopes, false);
      if (method.audience !== undefined) checkText(issues, `${field}.audience`, method.audience, 500);
      if (method.algorithm !== undefined && !isOneOf(jwtAlgorithms, method.algorithm)) {
        issues.add(`${field}.algorithm`, `must be one of ${jwtAlgorithms.join(', ')}`);
      }
      break;
    case 'basic':
    case 'client_certificate':
      break;
  }
  if (method.type === 'oauth2_client_credentials' || method.type === 'oauth2_authorization_code') {
    if (method.clientAuth !== undefined && method.clientAuth !== 'basic' && method.clientAuth !== 'body' && method.clientAuth !== 'private_key_jwt') {
      issues.add(`${field}.clientAuth`, 'must be basic, body or private_key_jwt');
    }
  }
  checkFieldOverrides(issues, field, method);
}
