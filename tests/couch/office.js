#!/usr/bin/env node
// A third office for Secretariat's sync tests that is not Secretariat: a
// plain PouchDB client (memory adapter) that edits documents offline and
// replicates with the server through PouchDB's own replicator, as a web
// form or a phone app built on PouchDB would.
//
//   node office.js URL            (credentials: COUCH_USER, COUCH_PASSWORD)
//
// With OFFICE set, every document it writes names that office, as this
// app's offices do; a deletion is PouchDB's plain remove(), which names
// no one.
//
// Reads one JSON command per line on stdin and answers each with one JSON
// line on stdout, {"ok": …} or {"error": "…"}:
//
//   {"do": "pull"}                  replicate the server into this office
//   {"do": "push"}                  replicate this office to the server
//   {"do": "get", "id": ID}         the winning revision, with _conflicts
//   {"do": "edit", "id": ID, "set": {FIELD: VALUE, …}}
//                                   change fields of the winner (null removes)
//   {"do": "create", "doc": DOC}    a new document
//   {"do": "remove", "id": ID}      delete the winner
//   {"do": "all"}                   every live document, with _conflicts
//
// It exits when stdin reaches end-of-file.
'use strict';

const readline = require('readline');
const PouchDB = require('pouchdb-core')
  .plugin(require('pouchdb-adapter-memory'))
  .plugin(require('pouchdb-adapter-http'))
  .plugin(require('pouchdb-replication'));

const url = process.argv[2];
if (!url) {
  process.stderr.write('usage: node office.js URL\n');
  process.exit(2);
}

const local = new PouchDB('office', { adapter: 'memory' });
const remote = new PouchDB(url, {
  auth: { username: process.env.COUCH_USER || '', password: process.env.COUCH_PASSWORD || '' },
});

async function edit(id, set) {
  const doc = await local.get(id);
  for (const [field, value] of Object.entries(set)) {
    if (value === null) delete doc[field];
    else doc[field] = value;
  }
  doc.updated_at = new Date().toISOString();
  if (process.env.OFFICE) doc.office = process.env.OFFICE;
  return local.put(doc);
}

async function all() {
  const result = await local.allDocs({ include_docs: true, conflicts: true });
  return result.rows.map((row) => row.doc);
}

async function perform(command) {
  switch (command.do) {
    case 'pull': {
      const info = await PouchDB.replicate(remote, local);
      return { docs_written: info.docs_written };
    }
    case 'push': {
      const info = await PouchDB.replicate(local, remote);
      return { docs_written: info.docs_written };
    }
    case 'get':
      return local.get(command.id, { conflicts: true }).catch((err) => {
        if (err.status === 404) return null;
        throw err;
      });
    case 'edit':
      return edit(command.id, command.set);
    case 'create':
      if (process.env.OFFICE) command.doc.office = process.env.OFFICE;
      return local.put(command.doc);
    case 'remove': {
      const doc = await local.get(command.id);
      return local.remove(doc);
    }
    case 'all':
      return all();
    default:
      throw new Error(`unknown command ${command.do}`);
  }
}

// One command at a time, in order: the tests wait for each answer.
const lines = readline.createInterface({ input: process.stdin });
let queue = Promise.resolve();
lines.on('line', (line) => {
  queue = queue.then(async () => {
    let answer;
    try {
      answer = { ok: await perform(JSON.parse(line)) };
    } catch (err) {
      answer = { error: String(err && (err.message || err.name || err)) };
    }
    process.stdout.write(JSON.stringify(answer) + '\n');
  });
});
lines.on('close', () => queue.then(() => process.exit(0)));
