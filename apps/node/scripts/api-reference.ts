// `pnpm api:reference`: regenerates docs/api.md from the node's router (apps/node/test/api-reference.test.ts
// fails when the committed file is out of date).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderApiReference } from '../src/api/reference.ts';

const target = fileURLToPath(new URL('../../../docs/api.md', import.meta.url));
writeFileSync(target, renderApiReference());
process.stdout.write(`wrote ${target}\n`);
