#!/usr/bin/env node
// A dependency-free static file server for the page (www/ by default).
//
//   node scripts/serve.mjs [--root DIR] [--port N]      (PORT env also works)
//
// Binds 127.0.0.1 only. Serves files with the right MIME types (the browser
// refuses to stream-compile wasm without application/wasm, and module scripts
// need a JavaScript type), never outside the root, with `Cache-Control: no-cache`
// so a rebuilt wasm is picked up, and gzip when the client accepts it so the
// load benchmark sees the sizes a static host would send.
//
// Every response carries the security headers a static host should send
// (docs/hosting.md, www/_headers): the Content-Security-Policy as an HTTP
// header — the <meta> in index.html does not reach workers, which take their
// policy from their own script's response, and cannot say frame-ancestors —,
// X-Content-Type-Options: nosniff and Referrer-Policy: no-referrer.
//
// Also a module: `startServer({ root, port: 0 })` → `{ url, port, close() }`.

import { createReadStream, promises as fs } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import zlib from 'node:zlib';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.tsv': 'text/tab-separated-values; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.svg': 'image/svg+xml; charset=utf-8',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.ts': 'text/plain; charset=utf-8', // the .d.ts files: shown, not executed
};

/**
 * The page's Content-Security-Policy: the <meta> of index.html plus
 * frame-ancestors (only a header can say it). Workers need script-src 'self'
 * 'wasm-unsafe-eval' (module imports, wasm compilation), connect-src 'self'
 * (the wasm fetch) and nothing else; worker-src 'self' lets the page start them.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
].join('; ');

/** Sent with every response (docs/hosting.md lists them for static hosts). */
export const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

// Worth compressing; images and fonts are compressed already.
const COMPRESSIBLE = /^(text\/|application\/(wasm|json|manifest\+json)|image\/svg\+xml)/;

export function mimeType(file) {
  return TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

// The file a URL path names inside `root`, or null when it would leave it.
// Decoding first and checking the resolved path catches `..`, `%2e%2e`, encoded
// slashes and absolute paths alike.
export function resolveInside(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const file = path.resolve(root, '.' + path.posix.normalize('/' + decoded));
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  return file;
}

function send(res, status, text) {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-cache',
  });
  res.end(text + '\n');
}

async function handle(root, req, res) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    return send(res, 405, 'Method Not Allowed');
  }
  const urlPath = (req.url ?? '/').split(/[?#]/)[0];
  let file = resolveInside(root, urlPath);
  if (file === null) return send(res, 404, 'Not Found');
  let stat;
  try {
    stat = await fs.stat(file);
    if (stat.isDirectory()) {
      if (!urlPath.endsWith('/')) {
        res.writeHead(301, { ...SECURITY_HEADERS, Location: urlPath + '/', 'Cache-Control': 'no-cache' });
        return res.end();
      }
      file = path.join(file, 'index.html');
      stat = await fs.stat(file);
    }
    if (!stat.isFile()) return send(res, 404, 'Not Found');
    // A symlink inside root may point elsewhere: check where it really is.
    const real = await fs.realpath(file);
    if (real !== root && !real.startsWith(root + path.sep)) return send(res, 404, 'Not Found');
  } catch {
    return send(res, 404, 'Not Found');
  }

  const type = mimeType(file);
  const headers = {
    ...SECURITY_HEADERS,
    'Content-Type': type,
    'Cache-Control': 'no-cache',
    'Last-Modified': stat.mtime.toUTCString(),
  };
  const gzip = COMPRESSIBLE.test(type) && stat.size > 512 &&
    /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  if (gzip) {
    headers['Content-Encoding'] = 'gzip';
    headers['Vary'] = 'Accept-Encoding';
  } else {
    headers['Content-Length'] = stat.size;
  }
  res.writeHead(200, headers);
  if (req.method === 'HEAD') return res.end();
  const stream = createReadStream(file);
  stream.on('error', () => res.destroy());
  if (gzip) {
    // Level 6: what static hosts typically use; fast enough per request.
    stream.pipe(zlib.createGzip({ level: 6 })).pipe(res);
  } else {
    stream.pipe(res);
  }
}

/** Start serving `root` on 127.0.0.1:`port` (0 = any free port). */
export async function startServer({ root = path.join(REPO, 'www'), port = 8080, host = '127.0.0.1', log = false } = {}) {
  const absRoot = await fs.realpath(path.resolve(root));
  const server = http.createServer((req, res) => {
    if (log) {
      res.on('finish', () => console.log(`${res.statusCode} ${req.method} ${req.url}`));
    }
    handle(absRoot, req, res).catch(() => {
      if (!res.headersSent) send(res, 500, 'Internal Server Error');
      else res.destroy();
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const actualPort = server.address().port;
  return {
    url: `http://${host}:${actualPort}`,
    port: actualPort,
    root: absRoot,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function parseArgs(argv) {
  const opts = { root: path.join(REPO, 'www'), port: Number(process.env.PORT ?? 8080), log: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--root' && i + 1 < argv.length) opts.root = argv[++i];
    else if (a === '--port' && i + 1 < argv.length) opts.port = Number(argv[++i]);
    else if (a === '--quiet') opts.log = false;
    else throw new Error(`usage: node scripts/serve.mjs [--root DIR] [--port N] [--quiet]\nunknown argument: ${a}`);
  }
  if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535) {
    throw new Error(`not a port: ${opts.port}`);
  }
  return opts;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(e.message);
    process.exit(2);
  }
  const server = await startServer(opts);
  console.log(`Serving ${server.root} at ${server.url}/  (Ctrl-C to stop)`);
  const stop = () => server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
