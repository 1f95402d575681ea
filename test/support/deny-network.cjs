'use strict';
/**
 * A Node preload (`node --require test/support/deny-network.cjs …`, or through NODE_OPTIONS)
 * that makes every way of reaching the network throw, and records each attempt as one JSON
 * line in the file named by CREEPYLINE_NETWORK_LOG. Used by test/safety.test.ts to prove
 * that the CLI and the language server open no connection while analysing.
 *
 * Denied: net/tls connections (TCP, and Unix sockets other than the ones the process
 * was given), dns lookups and resolvers, http/https/http2 requests, UDP sockets, and the
 * global fetch/WebSocket/EventSource. Allowed: the process's own stdio and IPC channel
 * (the LSP transports), which are handed over as file descriptors and never `connect`, and
 * the endpoints named in CREEPYLINE_NETWORK_ALLOW.
 *
 * On load it writes `{"kind":"loaded","pid":…}` so a test can tell the guard was active.
 */
const fs = require('node:fs');

const logFile = process.env.CREEPYLINE_NETWORK_LOG;

function record(entry) {
  if (!logFile) return;
  try {
    fs.appendFileSync(logFile, `${JSON.stringify({ pid: process.pid, ...entry })}\n`);
  } catch {
    // the log is best effort; the throw below is what stops the connection
  }
}

function deny(api, detail) {
  record({ kind: 'attempt', api, detail: String(detail ?? '') });
  const error = new Error(`creepyline test guard: network access denied (${api} ${detail ?? ''})`);
  error.code = 'ECREEPYLINE_NETWORK_DENIED';
  throw error;
}

function describe(args) {
  const [first, second] = args;
  if (first && typeof first === 'object') return first.path ?? `${first.host ?? first.hostname ?? ''}:${first.port ?? ''}`;
  return second !== undefined && typeof second !== 'function' ? `${second}:${first}` : String(first);
}

/**
 * Endpoints let through, exactly as `describe` prints them (CREEPYLINE_NETWORK_ALLOW, comma
 * separated): the LSP `--pipe`/`--socket` transport a test starts the server with.
 */
const allowed = new Set((process.env.CREEPYLINE_NETWORK_ALLOW ?? '').split(',').filter(Boolean));

function guard(moduleObject, name, api) {
  const original = moduleObject[name];
  if (typeof original !== 'function') return;
  moduleObject[name] = function denied(...args) {
    const endpoint = describe(args);
    if (allowed.has(endpoint)) {
      record({ kind: 'allowed', api, detail: endpoint });
      return original.apply(this, args);
    }
    return deny(api, endpoint);
  };
  Object.defineProperty(moduleObject[name], 'name', { value: original.name });
}

const net = require('node:net');
guard(net.Socket.prototype, 'connect', 'net.Socket.connect');
guard(net, 'connect', 'net.connect');
guard(net, 'createConnection', 'net.createConnection');

const tls = require('node:tls');
guard(tls, 'connect', 'tls.connect');

const dns = require('node:dns');
for (const name of ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCname', 'resolveMx', 'resolveNs', 'resolveTxt', 'resolveSrv', 'reverse']) {
  guard(dns, name, `dns.${name}`);
  if (dns.promises) guard(dns.promises, name, `dns.promises.${name}`);
}
guard(dns.Resolver.prototype, 'resolve', 'dns.Resolver.resolve');

for (const moduleName of ['http', 'https']) {
  const m = require(`node:${moduleName}`);
  guard(m, 'request', `${moduleName}.request`);
  guard(m, 'get', `${moduleName}.get`);
}
guard(require('node:http2'), 'connect', 'http2.connect');

const dgram = require('node:dgram');
guard(dgram, 'createSocket', 'dgram.createSocket');

for (const name of ['fetch', 'WebSocket', 'EventSource']) {
  if (typeof globalThis[name] === 'function') {
    globalThis[name] = function denied(input) {
      return deny(name, input && typeof input === 'object' ? input.url ?? input.href : input);
    };
  }
}

require('node:module').syncBuiltinESMExports();
record({ kind: 'loaded', argv: process.argv.slice(1).join(' ') });
