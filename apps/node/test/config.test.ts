// Node configuration: a file (concord.node.json) under environment under flags, validated with one line per problem.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeStartupFailure } from '@concord/service';
import { afterAll, describe, expect, it } from 'vitest';
import { loadNodeConfig } from '../src/env.ts';
import { ACME_RETAIL } from './shared-fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'concord-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

function failure(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return describeStartupFailure(error);
  }
  throw new Error('expected a failure');
}

describe('node configuration', () => {
  it('reads the file; the environment overrides it and flags override both', () => {
    const path = file('ok.json', { ...ACME_RETAIL, databaseUrl: 'postgres://acme@db:5432/concord' });
    const fromFile = loadNodeConfig(['--config', path], {});
    expect(fromFile).toMatchObject({ ...ACME_RETAIL, databaseUrl: 'postgres://acme@db:5432/concord' });
    const env = { CONCORD_NODE_CONFIG: path, CONCORD_NODE_PORT: '4200', CONCORD_NODE_DEFAULT_REGION: 'DE' };
    expect(loadNodeConfig([], env)).toMatchObject({ port: 4200, defaultRegion: 'DE', industry: 'retail' });
    expect(loadNodeConfig(['--port', '4300'], env).port).toBe(4300);
  });

  it('reads the node secret from nodeSecretFile', () => {
    const secret = file('node.secret', 'a-secret-of-at-least-16-chars\n');
    const path = file('secret.json', { name: 'Acme', nodeSecretFile: secret });
    expect(loadNodeConfig(['--config', path], {}).nodeSecret).toBe('a-secret-of-at-least-16-chars');
  });

  it('reports every problem on its own line, unknown keys included', () => {
    const path = file('bad.json', { industry: 'banking', port: 70000, prot: 1, cleanroomUrl: 'not a url' });
    const lines = failure(() => loadNodeConfig(['--config', path], {})).split('\n');
    expect(lines).toHaveLength(4);
    expect(lines.every((l) => l.startsWith('invalid configuration: '))).toBe(true);
    expect(lines.find((l) => l.includes('industry'))).toBeDefined();
    expect(lines.find((l) => l.includes('port'))).toBeDefined();
    expect(lines.find((l) => l.includes('cleanroomUrl'))).toBeDefined();
    expect(lines.find((l) => l.includes('(prot)'))).toBeDefined();
  });

  it('names a missing or broken file in one line', () => {
    expect(failure(() => loadNodeConfig(['--config', join(dir, 'none.json')], {}))).toBe(
      `configuration file ${join(dir, 'none.json')} does not exist`,
    );
    const broken = file('broken.json', '{ "name": ');
    expect(failure(() => loadNodeConfig(['--config', broken], {}))).toMatch(
      /^configuration file .*broken\.json is not valid JSON: /,
    );
  });
});
