// Apps talk through package entry points (`@concord/node/contract`, `@concord/node/testing`, `@concord/node/router`),
// never by reaching into another app's files with a relative path: such an import couples two deployables by file
// layout and lets types and schemas be copied around the contract (issue #10).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const APPS = resolve(import.meta.dirname, '../../..');
const SPECIFIER = /(?:\bfrom|\bimport)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g;

function* sourceFiles(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === 'dist' || e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* sourceFiles(p);
    else if (/\.(ts|tsx|mts)$/.test(e.name)) yield p;
  }
}

/** Every relative import in apps/<a>/… whose target lies in apps/<b>/… with b ≠ a, as "file:line → specifier". */
export function crossAppImports(appsDir: string): string[] {
  const found: string[] = [];
  for (const app of readdirSync(appsDir)) {
    for (const file of sourceFiles(join(appsDir, app))) {
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          for (const m of line.matchAll(SPECIFIER)) {
            const target = relative(appsDir, resolve(dirname(file), m[1] as string));
            if (target.split(sep)[0] !== app) found.push(`${relative(appsDir, file)}:${i + 1} → ${m[1]}`);
          }
        });
    }
  }
  return found;
}

describe('imports between apps', () => {
  it('no file in one app imports another app by a relative path', () => {
    expect(crossAppImports(APPS)).toEqual([]);
  });

  it('the scan finds such an import when one exists', () => {
    const fixture = resolve(import.meta.dirname, 'fixtures/apps');
    expect(crossAppImports(fixture)).toEqual([`web${sep}bad.ts:1 → ../node/src/secret.ts`]);
  });
});
