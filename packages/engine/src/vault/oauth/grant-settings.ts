/** How the vault talks to token endpoints. */
export interface GrantSettings {
  /** Permit http:// token endpoints (tests against a local authorization server only). */
  readonly allowInsecureHttp?: boolean;
  /** Seconds before a token request is abandoned (default 30). */
  readonly timeoutSeconds?: number;
}
