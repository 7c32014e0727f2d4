// Serves the built console (a single-page app) with an HTML fallback for client-side routes. The node falls back
// to index.html (its console); the clean room to operator.html (the operator console, same build).
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { ConcordError } from '@concord/protocol/errors';
import type { Handler } from './http.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** A malformed %-escape or a NUL in the path is the client's mistake (400), not a crash of the file server. */
function decodePath(raw: string): string {
  let path: string;
  try {
    path = decodeURIComponent(raw);
  } catch {
    throw new ConcordError('BAD_INPUT', 'malformed %-escape in the path');
  }
  if (path.includes('\0')) throw new ConcordError('BAD_INPUT', 'NUL in the path');
  return path;
}

export function staticFiles(dir: string, opts: { index?: string } = {}): Handler {
  const root = resolve(dir);
  const index = opts.index ?? 'index.html';
  return (req, res) => {
    const path = decodePath((req.url ?? '/').split('?')[0] ?? '/');
    const candidate = normalize(join(root, path));
    // Never serve outside the web root (the separator matters: `/srv/dist-old` starts with `/srv/dist`).
    const inside = candidate === root || candidate.startsWith(root + sep);
    // The other entry's HTML is not served here: each service answers with its own console only.
    const isFile = inside && existsSync(candidate) && statSync(candidate).isFile();
    const otherEntry = isFile && extname(candidate) === '.html' && candidate !== join(root, index);
    const file = isFile && !otherEntry ? candidate : join(root, index);
    if (!existsSync(file)) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('console not built: run `pnpm --filter @concord/web build`');
      return;
    }
    const immutable = file.includes(`${join(root, 'assets')}`);
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    createReadStream(file).pipe(res);
  };
}
