#!/usr/bin/env node
// In-memory CouchDB-compatible HTTP server for Secretariat's sync tests.
//
//   node server.js [PORT]        (default 5984; 0 picks a free port)
//
// Listens on 127.0.0.1 only and keeps every database in memory, so each run
// starts empty. Prints exactly "listening <port>" on stdout once ready.
// If COUCH_USER is set, every request must carry HTTP Basic credentials
// COUCH_USER / COUCH_PASSWORD (like a CouchDB 3 admin), except an
// unauthenticated GET / which, as in CouchDB, stays open; set
// COUCH_REQUIRE_VALID_USER=1 to lock GET / too.
// Exits on SIGTERM/SIGINT, and when stdin reaches end-of-file if stdin is a
// pipe, socket or terminal (not when it is /dev/null or a file).
'use strict';

const fs = require('fs');
const express = require('express');
const expressPouchDB = require('express-pouchdb');
const PouchDB = require('pouchdb-core')
  .plugin(require('pouchdb-adapter-memory'))
  .plugin(require('pouchdb-mapreduce'));

const arg = process.argv[2];
const port = arg === undefined ? 5984 : Number(arg);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`usage: node server.js [PORT]  (bad port: ${arg})\n`);
  process.exit(2);
}

const user = process.env.COUCH_USER || '';
const password = process.env.COUCH_PASSWORD || '';
const lockRoot = /^(1|true|yes)$/i.test(process.env.COUCH_REQUIRE_VALID_USER || '');

const MemPouchDB = PouchDB.defaults({ adapter: 'memory' });

function unauthorized(res, reason) {
  // CouchDB's own shape; like a default CouchDB, no WWW-Authenticate header.
  res.status(401).type('application/json')
    .send(JSON.stringify({ error: 'unauthorized', reason }) + '\n');
}

function parseBasic(header) {
  const m = /^Basic\s+(\S+)\s*$/i.exec(header || '');
  if (!m) return null;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  return { name: decoded.slice(0, colon), pass: decoded.slice(colon + 1) };
}

const app = express();
app.disable('x-powered-by');

if (user) {
  app.use((req, res, next) => {
    const header = req.headers.authorization;
    if (header === undefined) {
      if (req.method === 'GET' && req.path === '/' && !lockRoot) return next();
      return unauthorized(res, 'Authentication required.');
    }
    const cred = parseBasic(header);
    if (!cred || cred.name !== user || cred.pass !== password) {
      return unauthorized(res, 'Name or password is incorrect.');
    }
    next();
  });
}

// express-pouchdb answers text/plain unless the client asks for JSON (as
// CouchDB 1.x did); CouchDB 2+ always says application/json.
app.use((req, res, next) => {
  req.headers.accept = 'application/json';
  next();
});

// CouchDB refuses database names outside this pattern; express-pouchdb
// would accept them.
const DB_NAME = /^([a-z][a-z0-9_$()+/-]*|_users|_replicator|_global_changes)$/;
app.put('/:db', (req, res, next) => {
  if (DB_NAME.test(req.params.db)) return next();
  res.status(400).type('application/json').send(JSON.stringify({
    error: 'illegal_database_name',
    reason: `Name: '${req.params.db}'. Only lowercase characters (a-z), ` +
      'digits (0-9), and any of the characters _, $, (, ), +, -, and / ' +
      'are allowed. Must begin with a letter.',
  }) + '\n');
});

app.get('/', (req, res) => {
  res.type('application/json').send(JSON.stringify({
    couchdb: 'Welcome',
    version: require('express-pouchdb/package.json').version,
    vendor: { name: 'express-pouchdb (in-memory, Secretariat tests)' },
    features: [],
  }) + '\n');
});

// minimumForPouchDB: the document/database/changes/bulk routes without
// express-pouchdb's config file, log file, _users auth and Fauxton, all of
// which would write files into the working directory.
app.use('/', expressPouchDB(MemPouchDB, { mode: 'minimumForPouchDB' }));

const server = app.listen(port, '127.0.0.1', () => {
  process.stdout.write(`listening ${server.address().port}\n`);
});
server.on('error', (err) => {
  process.stderr.write(`server.js: ${err.message}\n`);
  process.exit(1);
});

function stop() {
  process.exit(0);
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.on('SIGHUP', stop);

let stdinStat = null;
try { stdinStat = fs.fstatSync(0); } catch (e) { /* no stdin at all */ }
if (stdinStat && (stdinStat.isFIFO() || stdinStat.isSocket() || process.stdin.isTTY)) {
  process.stdin.on('end', stop);
  process.stdin.on('close', stop);
  process.stdin.on('error', stop);
  process.stdin.resume();
}
