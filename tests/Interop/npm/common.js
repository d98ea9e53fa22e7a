'use strict';
// Shared by the three interop scripts: the simulator's address and test credentials, a guard that keeps every
// request on loopback (redirecting Safaricom's sandbox host to the simulator for libraries that cannot be given a
// base URL), a loopback listener for the simulator's callbacks and results, and the run/report harness.
// Nothing here changes a library's code: the libraries are installed from npm and used through their public API.

const fs = require('fs');
const http = require('http');
const https = require('https');

const SANDBOX_HOST = 'sandbox.safaricom.co.ke';

/** The standalone simulator's defaults (src/DarajaSimulator/Standalone/StandaloneDefaults.cs), overridable by env. */
function settings() {
  const env = process.env;
  return {
    baseUrl: (env.DARAJA_SIMULATOR_URL || 'http://127.0.0.1:5090').replace(/\/+$/, ''),
    consumerKey: env.DARAJA_SIMULATOR_CONSUMER_KEY || 'simulator-consumer-key',
    consumerSecret: env.DARAJA_SIMULATOR_CONSUMER_SECRET || 'simulator-consumer-secret',
    shortCode: env.DARAJA_SIMULATOR_SHORTCODE || '174379',
    passkey: env.DARAJA_SIMULATOR_PASSKEY || 'bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919',
    initiatorName: env.DARAJA_SIMULATOR_INITIATOR || 'testapi',
    initiatorPassword: env.DARAJA_SIMULATOR_INITIATOR_PASSWORD || 'Safaricom999!*!',
    // The PEM the simulator printed at start ("Certificate (PEM)"); Transaction Status needs it.
    certificateFile: env.DARAJA_SIMULATOR_CERTIFICATE || '',
    // A paying customer in the simulator's scenario table (any number not ending in a scenario code pays).
    phone: '254708374149',
  };
}

function isLoopback(host) {
  const name = String(host || '').replace(/^\[|\]$/g, '').toLowerCase();
  return name === 'localhost' || name === '::1' || /^127\.\d+\.\d+\.\d+$/.test(name);
}

/** http(s).request's argument forms (url[, options][, callback] or options[, callback]) as one options object. */
function normalise(args) {
  let url;
  let options;
  let callback;
  let rest = args;
  if (typeof rest[0] === 'string' || rest[0] instanceof URL) {
    url = new URL(rest[0]);
    rest = rest.slice(1);
  }
  if (typeof rest[0] === 'function') {
    callback = rest[0];
  } else {
    options = rest[0];
    callback = rest[1];
  }
  const merged = {};
  if (url) {
    merged.protocol = url.protocol;
    merged.hostname = url.hostname;
    if (url.port) merged.port = url.port;
    merged.path = url.pathname + url.search;
  }
  Object.assign(merged, options || {});
  if (!merged.hostname && merged.host) merged.hostname = String(merged.host).replace(/:\d+$/, '');
  return { options: merged, callback };
}

/**
 * Wraps http/https request and get for this process only. A request to Safaricom's sandbox host goes to the
 * simulator instead (plain http, same path, method, headers and body); any other host that is not loopback is
 * refused with an error, so a library that calls somewhere unexpected fails here instead of leaving the machine.
 */
function keepTrafficOnLoopback(baseUrl) {
  const simulator = new URL(baseUrl);
  if (!isLoopback(simulator.hostname)) throw new Error(`the simulator must be on loopback, not ${simulator.hostname}`);
  const log = [];
  const originals = {
    httpRequest: http.request,
    httpsRequest: https.request,
  };

  function route(args) {
    const { options, callback } = normalise(args);
    const host = options.hostname;
    if (String(host).toLowerCase() === SANDBOX_HOST) {
      log.push(`${options.method || 'GET'} ${host}${options.path || '/'} -> ${simulator.host}`);
      const redirected = { ...options };
      delete redirected.host;
      delete redirected.agent; // an https agent cannot carry a plain-http request
      redirected.protocol = 'http:';
      redirected.hostname = simulator.hostname;
      redirected.port = simulator.port || 80;
      return originals.httpRequest.call(http, redirected, callback);
    }
    if (!isLoopback(host)) {
      throw new Error(`interop: refused a request to ${host}: these tests send traffic to loopback only`);
    }
    return null;
  }

  http.request = function request(...args) {
    return route(args) || originals.httpRequest.apply(http, args);
  };
  https.request = function request(...args) {
    return route(args) || originals.httpsRequest.apply(https, args);
  };
  // Node's get() calls its module's own request(), not the exported one, so both are wrapped.
  http.get = function get(...args) {
    const req = http.request(...args);
    req.end();
    return req;
  };
  https.get = function get(...args) {
    const req = https.request(...args);
    req.end();
    return req;
  };
  return log;
}

/** A loopback HTTP listener that records every POST (the simulator's callbacks and results) and answers 200. */
function startListener() {
  const received = [];
  const waiters = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body;
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
      const entry = { method: req.method, path: req.url, headers: req.headers, body };
      received.push(entry);
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"ResultCode":0,"ResultDesc":"Accepted"}');
      for (const waiter of waiters.splice(0)) {
        if (!waiter.match(entry)) waiters.push(waiter);
        else waiter.resolve(entry);
      }
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({
        url: (path) => `http://127.0.0.1:${port}${path}`,
        received,
        /** The first POST to exactly this path, waiting up to timeoutMs for it. */
        waitFor(path, timeoutMs = 15000) {
          const match = (entry) => entry.method === 'POST' && entry.path === path;
          const already = received.find(match);
          if (already) return Promise.resolve(already);
          return new Promise((done, fail) => {
            const timer = setTimeout(() => fail(new Error(`no POST to ${path} within ${timeoutMs} ms`)), timeoutMs);
            waiters.push({ match, resolve: (entry) => { clearTimeout(timer); done(entry); } });
          });
        },
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

/** The value of a callback item by Name (never by index: REFERENCE.md §3.3). */
function callbackItem(callback, name) {
  const items = (((callback || {}).Body || {}).stkCallback || {}).CallbackMetadata;
  const item = ((items || {}).Item || []).find((i) => i.Name === name);
  return item ? item.Value : undefined;
}

function check(condition, message, detail) {
  if (!condition) {
    const suffix = detail === undefined ? '' : `: ${typeof detail === 'string' ? detail : JSON.stringify(detail)}`;
    throw new Error(message + suffix);
  }
}

/** What a library rejected with (an axios error, an mpesa-api result object, an Error) as one line. */
function describe(error) {
  if (!error) return String(error);
  if (error.response && error.response.data !== undefined) {
    return `HTTP ${error.response.status} ${JSON.stringify(error.response.data)}`;
  }
  if (error.statusCode !== undefined) return `HTTP ${error.statusCode} ${JSON.stringify(error.data)}`;
  return error.stack || error.message || JSON.stringify(error);
}

/**
 * Runs one library's steps with a listener and the loopback guard in place, prints one line per step, and sets the
 * exit code: 0 when every step passed.
 */
async function run(library, steps) {
  const config = settings();
  const redirected = keepTrafficOnLoopback(config.baseUrl);
  const listener = await startListener();
  const started = Date.now();
  let step = 'start';
  const say = (line) => console.log(`  ${library}: ${line}`);
  try {
    await steps({
      config,
      listener,
      step: (name) => { step = name; },
      ok: (line) => say(`ok   ${step}: ${line}`),
      check,
      callbackItem,
    });
    if (redirected.length > 0) say(`(${redirected.length} requests to ${SANDBOX_HOST} went to the simulator)`);
    say(`passed in ${Date.now() - started} ms`);
    process.exitCode = 0;
  } catch (error) {
    say(`FAIL ${step}: ${describe(error)}`);
    process.exitCode = 1;
  } finally {
    await listener.close();
  }
}

/** The simulator's certificate, for libraries that take the PEM's path or a ready SecurityCredential. */
function requireCertificate(config) {
  check(config.certificateFile && fs.existsSync(config.certificateFile),
    'DARAJA_SIMULATOR_CERTIFICATE must name the PEM the simulator printed at start', config.certificateFile);
  return config.certificateFile;
}

module.exports = { run, requireCertificate, settings };
