// The committed API reference (docs/api.md) is what the router generates today: change a schema, run
// `pnpm api:reference`, commit the result.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { renderApiReference, typeOf } from '../src/api/reference.ts';
import { appRouter } from '../src/api/router.ts';

describe('API reference', () => {
  it('docs/api.md is current', () => {
    const committed = readFileSync(fileURLToPath(new URL('../../../docs/api.md', import.meta.url)), 'utf8');
    expect(committed).toBe(renderApiReference());
  });

  it('names every procedure and renders schemas as types', () => {
    const text = renderApiReference();
    for (const name of Object.keys(appRouter._def.procedures)) expect(text).toContain(`### \`${name}\``);
    const json = z.toJSONSchema(
      z.object({ code: z.string(), n: z.number().optional(), k: z.enum(['a', 'b']) }),
    );
    expect(typeOf(json as never)).toBe('{ code: string; n?: number; k: "a" | "b" }');
  });
});
