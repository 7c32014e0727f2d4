import { describe, expect, it } from 'vitest';
import { readSettings, serviceSources } from '../src/boot.ts';

describe('serviceSources', () => {
  const sources = serviceSources('CONCORD_X');

  it('reads the prefixed variables first, then PORT and DATABASE_URL', () => {
    const env = {
      CONCORD_X_PORT: '4100',
      PORT: '9',
      DATABASE_URL: 'postgres://fallback/db',
      LOG_LEVEL: 'warn',
    };
    expect(readSettings(sources, [], env)).toEqual({
      port: '4100',
      databaseUrl: 'postgres://fallback/db',
      logLevel: 'warn',
    });
    expect(readSettings(sources, [], { PORT: '9' }).port).toBe('9');
  });

  it('lets a --flag win over every variable, and the prefix pick the variables', () => {
    const env = { CONCORD_X_HOST: 'a', CONCORD_Y_DATA_DIR: '/y' };
    expect(readSettings(sources, ['--host', 'b'], env)).toEqual({ host: 'b' });
    expect(readSettings(serviceSources('CONCORD_Y'), [], env)).toEqual({ dataDir: '/y' });
  });
});
