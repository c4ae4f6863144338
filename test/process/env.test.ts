// The environment of untrusted processes is an allow-list: whatever else ghost's own
// environment holds (credentials a deny-list would miss included) never reaches them.
import { describe, expect, it } from 'vitest';
import { allowListedEnv } from '../../src/process/index.js';

const base = {
  PATH: '/usr/bin',
  HOME: '/home/user',
  LANG: 'C.UTF-8',
  LC_ALL: 'C',
  TZ: 'UTC',
  DATABASE_URL: 'postgres://secret@db/prod',
  FOO_DSN: 'dsn',
  X_PEM: 'pem',
  SVC_CREDS_JSON: '{}',
  WEBHOOK_URL: 'https://hooks.example/x',
  OPENAI_API_KEY: 'sk',
  HARMLESS: 'h',
  WANTED: 'w',
};

describe('allowListedEnv', () => {
  it('keeps PATH, HOME, the locale and the time zone, and nothing else', () => {
    expect(allowListedEnv({}, base)).toEqual({
      PATH: '/usr/bin',
      HOME: '/home/user',
      LANG: 'C.UTF-8',
      LC_ALL: 'C',
      TZ: 'UTC',
    });
  });

  it('adds the names the user allows and the variables the caller sets; set wins, undefined removes', () => {
    const env = allowListedEnv(
      { allow: ['WANTED', 'MISSING'], set: { GHOST_ENTRY: 'x.py', TZ: undefined, LANG: 'en_US.UTF-8' } },
      base,
    );
    expect(env).toEqual({
      PATH: '/usr/bin',
      HOME: '/home/user',
      LANG: 'en_US.UTF-8',
      LC_ALL: 'C',
      WANTED: 'w',
      GHOST_ENTRY: 'x.py',
    });
  });

  it("takes the jail's PATH and HOME when given", () => {
    const env = allowListedEnv({ path: '/opt/py/bin:/usr/bin', home: '/home/ghost' }, base);
    expect(env.PATH).toBe('/opt/py/bin:/usr/bin');
    expect(env.HOME).toBe('/home/ghost');
  });
});
