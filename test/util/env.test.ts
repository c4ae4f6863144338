import { describe, expect, it } from 'vitest';
import { isCredentialVar, scrubbedEnv } from '../../src/util/env.js';

describe('isCredentialVar', () => {
  it('lets agent CLI configuration through: servers and config homes are not secrets', () => {
    for (const name of [
      'OPENAI_BASE_URL',
      'ANTHROPIC_BASE_URL',
      'CLAUDE_CONFIG_DIR',
      'CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC',
      'CODEX_HOME',
    ]) {
      expect(isCredentialVar(name), name).toBe(false);
    }
  });

  it('withholds secrets whatever their prefix, including connection strings and keys in files', () => {
    const secrets = [
      'OPENAI_API_KEY',
      'ANTHROPIC_API_KEY',
      'CLAUDE_CODE_OAUTH_TOKEN',
      'OPENAI_ORG_ID',
      'DATABASE_URL',
      'ANALYTICS_DSN',
      'TLS_PEM',
      'GCP_CREDS_JSON',
      'SLACK_WEBHOOK_URL',
      'MY_SECRET_BASE_URL',
    ];
    for (const name of secrets) expect(isCredentialVar(name), name).toBe(true);
  });

  it('keeps an allowed key (the one the CLI needs) and nothing else secret', () => {
    const env = scrubbedEnv(
      { OPENAI_API_KEY: 'k', ANTHROPIC_API_KEY: 'a', ANTHROPIC_BASE_URL: 'http://127.0.0.1:1', PATH: '/bin' },
      ['ANTHROPIC_API_KEY'],
    );
    expect(env).toEqual({ ANTHROPIC_API_KEY: 'a', ANTHROPIC_BASE_URL: 'http://127.0.0.1:1', PATH: '/bin' });
  });
});
