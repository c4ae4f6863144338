import { describe, expect, it } from 'vitest';
import { agentConfigEnv } from '../../src/util/env.js';

describe('agentConfigEnv', () => {
  it('passes agent CLI configuration: servers and config homes are not secrets', () => {
    const config = {
      OPENAI_BASE_URL: 'http://127.0.0.1:1/v1',
      ANTHROPIC_BASE_URL: 'http://127.0.0.1:2',
      CLAUDE_CONFIG_DIR: '/c',
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
      CODEX_HOME: '/h',
    };
    expect(agentConfigEnv({ ...config, PATH: '/bin', HOME: '/home/x' })).toEqual(config);
  });

  it('withholds secrets whatever their prefix, even configuration-looking names', () => {
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
    expect(agentConfigEnv(Object.fromEntries(secrets.map((name) => [name, 'x'])))).toEqual({});
  });
});
