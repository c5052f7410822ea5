// test-watson-server.js
//
// Copyright 2026 The Parlance authors
//
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The Watson stand-in (watson-server.py) driven by a real client, IBM's own
// Node.js SDK (ibm-watson 12, SpeechToTextV1) with IamAuthenticator pointed
// at the stand-in's /identity/token and with BasicAuthenticator: every
// operation the stand-in implements and every error it answers, asserted
// on. If this test fails, the Watson client's tests say nothing about
// Parlance.
//
// Usage: node test-watson-server.js WATSON-SERVER.PY [PARLANCE-CLI]
// The SDK comes from $PRL_TEST_NODE_MODULES, else from
// ${XDG_CACHE_HOME:-~/.cache}/parlance-tests/node/node_modules, where
// build-aux/install-deps.sh --tests installs it. Without it the test is
// skipped (exit 77), unless PRL_TEST_REQUIRE_WATSON_SDK=1 (CI): then it fails.

'use strict';

const assert = require('assert');
const childProcess = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const http = require('http');
const os = require('os');
const path = require('path');

const SKIP = 77;
const modules = process.env.PRL_TEST_NODE_MODULES ||
  path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'),
    'parlance-tests', 'node', 'node_modules');

let SpeechToTextV1, IamAuthenticator, BasicAuthenticator, sdkVersion;
try {
  SpeechToTextV1 = require(path.join(modules, 'ibm-watson', 'speech-to-text', 'v1'));
  ({ IamAuthenticator, BasicAuthenticator } = require(path.join(modules, 'ibm-watson', 'auth')));
  sdkVersion = require(path.join(modules, 'ibm-watson', 'package.json')).version;
} catch (e) {
  const why = `IBM's Node SDK (ibm-watson) is not installed in ${modules}: ${e.message}`;
  if (process.env.PRL_TEST_REQUIRE_WATSON_SDK === '1') {
    console.log(`FAIL: ${why}; PRL_TEST_REQUIRE_WATSON_SDK=1 requires it ` +
      '(build-aux/install-deps.sh --tests installs it)');
    process.exit(1);
  }
  console.log(`SKIP: ${why}. Run build-aux/install-deps.sh --tests.`);
  process.exit(SKIP);
}
assert.match(sdkVersion, /^12\./, `ibm-watson ${sdkVersion} is not 12.x`);

const [serverScript, parlanceCli] = process.argv.slice(2);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'watson-sdk-test-'));
const apikey = crypto.randomBytes(24).toString('base64url');
const otherKey = crypto.randomBytes(24).toString('base64url');
fs.writeFileSync(path.join(tmp, 'keys'), `${apikey}\n${otherKey}\n`, { mode: 0o600 });
const TOKEN_LIFETIME = 4;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
let passed = 0;
let server;

function startServer() {
  const portFile = path.join(tmp, 'port');
  const args = [serverScript, '--apikey-file', path.join(tmp, 'keys'), '--port-file', portFile,
    '--token-lifetime', String(TOKEN_LIFETIME), '--analysis-seconds', '0.6',
    '--training-seconds', '1.2', '--upgrade-seconds', '1.2'];
  if (parlanceCli) args.push('--recognizer', parlanceCli);
  server = childProcess.spawn('/usr/bin/python3', args, { stdio: ['ignore', 'inherit', 'inherit'] });
  for (let i = 0; i < 200; i++) {
    if (fs.existsSync(portFile)) return `http://127.0.0.1:${fs.readFileSync(portFile, 'utf8').trim()}`;
    childProcess.execFileSync('sleep', ['0.05']);
  }
  throw new Error('the stand-in did not start');
}

const base = startServer();

function raw(method, urlPath, body, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(base + urlPath, { method, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', (e) => resolve({ status: res.statusCode, error: e, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

const hook = async (urlPath, body, method = 'POST') =>
  JSON.parse((await raw(method, '/_standin/' + urlPath, body ? JSON.stringify(body) : undefined)).body);

function client(authenticator) {
  return new SpeechToTextV1({ authenticator, serviceUrl: base });
}

const iam = client(new IamAuthenticator({ apikey, url: base + '/identity/token' }));

async function check(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`ok - ${name}`);
  } catch (e) {
    console.log(`not ok - ${name}\n${e.stack}`);
    throw e;
  }
}

// Asserts that @promise fails with @status and Watson's error body.
async function refused(promise, status, pattern) {
  let err;
  try {
    await promise;
  } catch (e) {
    err = e;
  }
  assert.ok(err, `expected ${status}, but the call succeeded`);
  assert.strictEqual(err.status, status, `status ${err.status} (${err.message})`);
  if (status !== 401) {
    assert.deepStrictEqual(Object.keys(err.result).sort(), ['code', 'code_description', 'error']);
    assert.strictEqual(err.result.code, status);
    assert.match(err.message, pattern);
  }
  assert.ok(err.headers['x-global-transaction-id']);
  return err;
}

async function waitFor(id, statuses, what = 'model') {
  for (let i = 0; i < 200; i++) {
    const m = (await iam.getLanguageModel({ customizationId: id })).result;
    if (statuses.includes(m.status)) return m;
    await sleep(100);
  }
  throw new Error(`${what} ${id} never reached ${statuses}`);
}

async function waitCorpus(id, name) {
  for (let i = 0; i < 200; i++) {
    const c = (await iam.getCorpus({ customizationId: id, corpusName: name })).result;
    if (c.status !== 'being_processed') return c;
    await sleep(100);
  }
  throw new Error(`corpus ${name} never analysed`);
}

async function requests() {
  return hook('requests', null, 'GET');
}

async function main() {
  let id, nextGen;
  const speech = path.join(tmp, 'speech.wav');

  await check('IAM token: a JWT with iat/exp, Bearer, expires_in', async () => {
    const res = await raw('POST', '/identity/token',
      `grant_type=urn%3Aibm%3Aparams%3Aoauth%3Agrant-type%3Aapikey&apikey=${apikey}`,
      { 'Content-Type': 'application/x-www-form-urlencoded' });
    assert.strictEqual(res.status, 200);
    const t = JSON.parse(res.body);
    assert.strictEqual(t.token_type, 'Bearer');
    assert.strictEqual(t.expires_in, TOKEN_LIFETIME);
    const claims = JSON.parse(Buffer.from(t.access_token.split('.')[1], 'base64url'));
    assert.strictEqual(claims.exp - claims.iat, TOKEN_LIFETIME);
    assert.strictEqual(t.expiration, claims.exp);
  });

  await check('listModels: bases with language customization', async () => {
    const { result, status } = await iam.listModels();
    assert.strictEqual(status, 200);
    const names = result.models.map((m) => m.name);
    assert.ok(names.includes('en-US_Multimedia') && names.includes('en-US_BroadbandModel'));
    for (const m of result.models) assert.strictEqual(m.supported_features.custom_language_model, true);
    const one = (await iam.getModel({ modelId: 'en-US_Telephony' })).result;
    assert.strictEqual(one.rate, 8000);
    await refused(iam.getModel({ modelId: 'xx-XX_Nothing' }), 404, /not found/);
  });

  await check('createLanguageModel and getLanguageModel (pending)', async () => {
    const res = await iam.createLanguageModel({ name: 'sdk-model', baseModelName: 'en-US_BroadbandModel',
      description: 'made by the SDK test' });
    assert.strictEqual(res.status, 201);
    id = res.result.customization_id;
    assert.match(id, /^[0-9a-f-]{36}$/);
    const m = (await iam.getLanguageModel({ customizationId: id })).result;
    assert.strictEqual(m.status, 'pending');
    assert.strictEqual(m.name, 'sdk-model');
    assert.strictEqual(m.base_model_name, 'en-US_BroadbandModel');
    assert.strictEqual(m.language, 'en-US');
    assert.deepStrictEqual(m.versions, []);
    assert.match(m.created, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  await check('createLanguageModel errors: 400 unknown base, 400 no name', async () => {
    await refused(iam.createLanguageModel({ name: 'x', baseModelName: 'en-US_Nothing' }), 400,
      /not a valid base model/);
    // The SDK checks required parameters itself; a raw request shows the service's answer.
    const res = await raw('POST', '/v1/customizations', JSON.stringify({ base_model_name: 'en-US_Multimedia' }), {
      'Content-Type': 'application/json', Authorization: 'Basic ' + Buffer.from('apikey:' + apikey).toString('base64') });
    assert.strictEqual(res.status, 400);
    assert.deepStrictEqual(JSON.parse(res.body), { code: 400, code_description: 'Bad Request',
      error: "Required parameter 'name' is missing." });
  });

  await check('listLanguageModels with and without language', async () => {
    const all = (await iam.listLanguageModels()).result.customizations;
    assert.deepStrictEqual(all.map((m) => m.customization_id), [id]);
    assert.strictEqual((await iam.listLanguageModels({ language: 'en-US' })).result.customizations.length, 1);
    assert.strictEqual((await iam.listLanguageModels({ language: 'de-DE' })).result.customizations.length, 0);
  });

  await check('addCorpus (multipart corpus_file): being_processed, then analyzed with real counts', async () => {
    const res = await iam.addCorpus({ customizationId: id, corpusName: 'corpus1',
      corpusFile: Buffer.from('Hello world, hello QWZXV.\nThe blorptastic speech model!\n') });
    assert.strictEqual(res.status, 201);
    const first = (await iam.getCorpus({ customizationId: id, corpusName: 'corpus1' })).result;
    assert.strictEqual(first.status, 'being_processed');
    assert.strictEqual((await iam.getLanguageModel({ customizationId: id })).result.status, 'pending');
    const c = await waitCorpus(id, 'corpus1');
    assert.deepStrictEqual(c, { name: 'corpus1', total_words: 8, out_of_vocabulary_words: 2,
      status: 'analyzed' });
    assert.strictEqual((await iam.getLanguageModel({ customizationId: id })).result.status, 'ready');
    const list = (await iam.listCorpora({ customizationId: id })).result.corpora;
    assert.deepStrictEqual(list.map((x) => x.name), ['corpus1']);
  });

  await check('addCorpus: 400 name in use, allowOverwrite replaces, 404 unknown model', async () => {
    await refused(iam.addCorpus({ customizationId: id, corpusName: 'corpus1',
      corpusFile: Buffer.from('more words') }), 400, /already exists/);
    const res = await iam.addCorpus({ customizationId: id, corpusName: 'corpus1', allowOverwrite: true,
      corpusFile: fs.createReadStream(__filename.replace(/[^/]*$/, 'watson-server.py')) });
    assert.strictEqual(res.status, 201);
    const c = await waitCorpus(id, 'corpus1');
    assert.strictEqual(c.status, 'analyzed');
    assert.ok(c.total_words > 1000 && c.out_of_vocabulary_words > 10, JSON.stringify(c));
    await iam.addCorpus({ customizationId: id, corpusName: 'corpus1', allowOverwrite: true,
      corpusFile: Buffer.from('Hello world, hello QWZXV.\nThe blorptastic speech model!\n') });
    await waitCorpus(id, 'corpus1');
    await refused(iam.addCorpus({ customizationId: '00000000-0000-0000-0000-000000000000',
      corpusName: 'c', corpusFile: Buffer.from('x') }), 404, /not found/);
    await refused(iam.getCorpus({ customizationId: id, corpusName: 'nothing' }), 404, /not found/);
  });

  await check('listWords: the corpus OOV words, by type and sorted', async () => {
    const words = (await iam.listWords({ customizationId: id, wordType: 'corpora' })).result.words;
    assert.deepStrictEqual(words, [
      { word: 'blorptastic', sounds_like: ['blorptastic'], display_as: 'blorptastic', count: 1, source: ['corpus1'] },
      { word: 'qwzxv', sounds_like: ['qwzxv'], display_as: 'qwzxv', count: 1, source: ['corpus1'] },
    ]);
    const desc = (await iam.listWords({ customizationId: id, sort: '-alphabetical' })).result.words;
    assert.deepStrictEqual(desc.map((w) => w.word), ['qwzxv', 'blorptastic']);
    await refused(iam.listWords({ customizationId: id, wordType: 'bogus' }), 400, /word_type/);
  });

  await check('addWords, addWord (sounds_like, display_as), getWord, deleteWord', async () => {
    let res = await iam.addWords({ customizationId: id, words: [
      { word: 'Parlance', sounds_like: ['par lance'], display_as: 'Parlance' },
      { word: 'gnome', sounds_like: ['nome', 'g. nome'] }] });
    assert.strictEqual(res.status, 201);
    res = await iam.addWord({ customizationId: id, wordName: 'IBM', soundsLike: ['I. B. M.'], displayAs: 'IBM' });
    assert.strictEqual(res.status, 201);
    const w = (await iam.getWord({ customizationId: id, wordName: 'IBM' })).result;
    assert.deepStrictEqual(w, { word: 'IBM', sounds_like: ['I. B. M.'], display_as: 'IBM', count: 0, source: ['user'] });
    const user = (await iam.listWords({ customizationId: id, wordType: 'user' })).result.words;
    assert.deepStrictEqual(user.map((x) => x.word), ['IBM', 'Parlance', 'gnome']);
    assert.deepStrictEqual(user[2].sounds_like, ['nome', 'g. nome']);
    assert.strictEqual((await iam.deleteWord({ customizationId: id, wordName: 'gnome' })).status, 200);
    await refused(iam.getWord({ customizationId: id, wordName: 'gnome' }), 404, /not found/);
    await refused(iam.addWord({ customizationId: id, wordName: 'six', soundsLike: ['a', 'b', 'c', 'd', 'e', 'f'] }),
      400, /at most 5/);
    await refused(iam.addWords({ customizationId: id, words: [] }), 400, /at least one word/);
  });

  await check('train: 400 for bad parameters', async () => {
    await refused(iam.trainLanguageModel({ customizationId: id, customizationWeight: 1.5 }), 400,
      /customization_weight/);
    await refused(iam.trainLanguageModel({ customizationId: id, wordTypeToAdd: 'bogus' }), 400,
      /word_type_to_add/);
  });

  await check('train: training, busy refusals (409), then available with the base version', async () => {
    const res = await iam.trainLanguageModel({ customizationId: id, wordTypeToAdd: 'all',
      customizationWeight: 0.5, strict: true });
    assert.strictEqual(res.status, 200);
    assert.strictEqual((await iam.getLanguageModel({ customizationId: id })).result.status, 'training');
    const busy = /busy handling a previous request/;
    await refused(iam.trainLanguageModel({ customizationId: id }), 409, busy);
    await refused(iam.resetLanguageModel({ customizationId: id }), 409, busy);
    await refused(iam.upgradeLanguageModel({ customizationId: id }), 409, busy);
    await refused(iam.deleteLanguageModel({ customizationId: id }), 409, busy);
    await refused(iam.addCorpus({ customizationId: id, corpusName: 'c2', corpusFile: Buffer.from('x') }), 409, busy);
    await refused(iam.addWord({ customizationId: id, wordName: 'w' }), 409, busy);
    const m = await waitFor(id, ['available', 'failed']);
    assert.strictEqual(m.status, 'available');
    assert.strictEqual(m.progress, 100);
    assert.deepStrictEqual(m.versions, ['en-US_BroadbandModel.v2020-01-16']);
    // No new data, no force: nothing to do.
    await iam.trainLanguageModel({ customizationId: id });
    assert.strictEqual((await iam.getLanguageModel({ customizationId: id })).result.status, 'available');
  });

  await check('recognize with the custom model: Watson results/alternatives/timestamps', async () => {
    if (!parlanceCli) {
      await refused(iam.recognize({ audio: Buffer.from('RIFF'), contentType: 'audio/wav' }), 500,
        /no recognizer/);
      return;
    }
    childProcess.execFileSync('espeak-ng', ['-v', 'en-us', '-s', '140', '-w', speech,
      'the quick brown fox jumps over the lazy dog']);
    const direct = JSON.parse(childProcess.execFileSync(parlanceCli,
      ['transcribe', '--format', 'json', '--threads', '1', speech],
      { env: { ...process.env, XDG_DATA_HOME: tmp } }))[0];
    assert.ok(direct.words.length >= 3, direct.text);
    const res = await iam.recognize({ audio: fs.createReadStream(speech), contentType: 'audio/wav',
      model: 'en-US_BroadbandModel', languageCustomizationId: id, customizationWeight: 0.4,
      timestamps: true, wordConfidence: true });
    assert.strictEqual(res.status, 200);
    assert.strictEqual(res.result.result_index, 0);
    const alt = res.result.results[0].alternatives[0];
    assert.strictEqual(res.result.results[0].final, true);
    assert.strictEqual(alt.transcript.trim(), direct.text);
    assert.deepStrictEqual(alt.timestamps.map((t) => t[0]), direct.words.map((w) => w.word));
    for (const [, start, end] of alt.timestamps) assert.ok(end >= start);
    assert.deepStrictEqual(alt.word_confidence.map((t) => t[0]), direct.words.map((w) => w.word));
    assert.ok(alt.confidence >= 0 && alt.confidence <= 1);
  });

  await check('recognition jobs: createJob, checkJobs, checkJob (results), deleteJob, errors', async () => {
    if (!parlanceCli) return;
    const direct = JSON.parse(childProcess.execFileSync(parlanceCli,
      ['transcribe', '--format', 'json', '--threads', '1', speech],
      { env: { ...process.env, XDG_DATA_HOME: tmp } }))[0];
    const created = await iam.createJob({ audio: fs.createReadStream(speech),
      contentType: 'audio/wav', model: 'en-US_BroadbandModel', languageCustomizationId: id,
      timestamps: true, wordConfidence: true });
    assert.strictEqual(created.status, 201);
    assert.ok(created.result.id && created.result.created && created.result.url, created.result);
    assert.ok(['waiting', 'processing'].includes(created.result.status), created.result.status);
    const jobId = created.result.id;
    const listed = await iam.checkJobs();
    assert.ok(listed.result.recognitions.some((j) => j.id === jobId));
    let job;
    for (let i = 0; i < 200; i++) {
      job = (await iam.checkJob({ id: jobId })).result;
      if (job.status === 'completed' || job.status === 'failed') break;
      await sleep(100);
    }
    assert.strictEqual(job.status, 'completed', JSON.stringify(job));
    const alt = job.results[0].results[0].alternatives[0];
    assert.strictEqual(alt.transcript.trim(), direct.text);
    assert.deepStrictEqual(alt.timestamps.map((t) => t[0]), direct.words.map((w) => w.word));
    assert.strictEqual((await iam.deleteJob({ id: jobId })).status, 204);
    await refused(iam.checkJob({ id: jobId }), 404, /not found/);
    await refused(iam.createJob({ audio: Buffer.from('x'), contentType: 'video/x-nothing' }), 415,
      /Unsupported content type/);
  });

  await check('recognize errors: 415 media type, 400 unreadable audio, weight, wrong base, 404', async () => {
    await refused(iam.recognize({ audio: Buffer.from('x'), contentType: 'video/x-nothing' }), 415,
      /Unsupported content type/);
    await refused(iam.recognize({ audio: Buffer.from('x'), contentType: 'audio/wav',
      model: 'en-US_BroadbandModel', languageCustomizationId: id, customizationWeight: 2 }), 400,
    /customization_weight/);
    await refused(iam.recognize({ audio: Buffer.from('x'), contentType: 'audio/wav',
      model: 'en-US_Multimedia', languageCustomizationId: id }), 400, /is based on en-US_BroadbandModel/);
    await refused(iam.recognize({ audio: Buffer.from('x'), contentType: 'audio/wav',
      languageCustomizationId: '00000000-0000-0000-0000-000000000000' }), 404, /not found/);
    if (parlanceCli) {
      await refused(iam.recognize({ audio: Buffer.from('RIFF not really a wave file'),
        contentType: 'audio/wav' }), 400, /unable to transcode/);
    }
  });

  await check('upgradeLanguageModel: no newer base is a no-op; a new base version -> upgrading -> both versions', async () => {
    assert.strictEqual((await iam.upgradeLanguageModel({ customizationId: id })).status, 200);
    let m = (await iam.getLanguageModel({ customizationId: id })).result;
    assert.strictEqual(m.status, 'available');
    await hook('bases/en-US_BroadbandModel/release', { version: '2026-11-01' });
    assert.strictEqual((await iam.upgradeLanguageModel({ customizationId: id })).status, 200);
    assert.strictEqual((await iam.getLanguageModel({ customizationId: id })).result.status, 'upgrading');
    await refused(iam.trainLanguageModel({ customizationId: id, force: true }), 409, /busy/);
    if (parlanceCli) {
      // The old version keeps working while the model upgrades.
      const res = await iam.recognize({ audio: fs.readFileSync(speech), contentType: 'audio/wav',
        model: 'en-US_BroadbandModel', languageCustomizationId: id,
        baseModelVersion: 'en-US_BroadbandModel.v2020-01-16' });
      assert.ok(res.result.results.length > 0);
    }
    m = await waitFor(id, ['available']);
    assert.deepStrictEqual(m.versions, ['en-US_BroadbandModel.v2020-01-16', 'en-US_BroadbandModel.v2026-11-01']);
    await refused(iam.recognize({ audio: Buffer.from('x'), contentType: 'audio/wav', model: 'en-US_BroadbandModel',
      languageCustomizationId: id, baseModelVersion: 'en-US_BroadbandModel.v1999-01-01' }), 400,
    /base_model_version/);
  });

  await check('next-generation base: upgrade refused (400), retrain with force', async () => {
    nextGen = (await iam.createLanguageModel({ name: 'sdk-next', baseModelName: 'en-US_Multimedia' })).result.customization_id;
    await refused(iam.trainLanguageModel({ customizationId: nextGen }), 400, /No input data/);
    await refused(iam.upgradeLanguageModel({ customizationId: nextGen }), 400, /next-generation/);
    await iam.addWord({ customizationId: nextGen, wordName: 'Parlance', soundsLike: ['par lance'] });
    await iam.trainLanguageModel({ customizationId: nextGen });
    await waitFor(nextGen, ['available']);
    await refused(iam.upgradeLanguageModel({ customizationId: nextGen }), 400, /retrain it with force=true/);
    await iam.trainLanguageModel({ customizationId: nextGen, force: true });
    assert.strictEqual((await iam.getLanguageModel({ customizationId: nextGen })).result.status, 'training');
    await waitFor(nextGen, ['available']);
  });

  await check('a corpus that is not UTF-8: undetermined; strict train 400, strict=false with warnings', async () => {
    await iam.addCorpus({ customizationId: nextGen, corpusName: 'binary',
      corpusFile: Buffer.from([0xff, 0xfe, 0x00, 0x41, 0xc3]) });
    const c = await waitCorpus(nextGen, 'binary');
    assert.strictEqual(c.status, 'undetermined');
    assert.match(c.error, /not plain text in UTF-8/);
    await refused(iam.trainLanguageModel({ customizationId: nextGen }), 400, /invalid resources/);
    const res = await iam.trainLanguageModel({ customizationId: nextGen, strict: false });
    assert.deepStrictEqual(res.result.warnings.map((w) => w.code), ['invalid_corpus_files']);
    const m = await waitFor(nextGen, ['available']);
    assert.match(m.warnings, /corpus 'binary' failed/);
    assert.strictEqual((await iam.deleteCorpus({ customizationId: nextGen, corpusName: 'binary' })).status, 200);
    await refused(iam.deleteCorpus({ customizationId: nextGen, corpusName: 'binary' }), 404, /not found/);
  });

  await check('training that fails: status failed with the error', async () => {
    await hook(`customizations/${nextGen}/fail-training`, { error: 'Training failed: out of cheese.' });
    await iam.trainLanguageModel({ customizationId: nextGen, force: true });
    const m = await waitFor(nextGen, ['failed', 'available']);
    assert.strictEqual(m.status, 'failed');
    assert.strictEqual(m.error, 'Training failed: out of cheese.');
  });

  await check('resetLanguageModel: back to pending, data gone', async () => {
    assert.strictEqual((await iam.resetLanguageModel({ customizationId: nextGen })).status, 200);
    const m = (await iam.getLanguageModel({ customizationId: nextGen })).result;
    assert.strictEqual(m.status, 'pending');
    assert.deepStrictEqual((await iam.listWords({ customizationId: nextGen })).result.words, []);
    assert.deepStrictEqual((await iam.listCorpora({ customizationId: nextGen })).result.corpora, []);
  });

  await check('BasicAuthenticator apikey:KEY works; a wrong key gets 401', async () => {
    const basic = client(new BasicAuthenticator({ username: 'apikey', password: apikey }));
    assert.strictEqual((await basic.listLanguageModels()).result.customizations.length, 2);
    const other = client(new BasicAuthenticator({ username: 'apikey', password: otherKey }));
    assert.strictEqual((await other.listLanguageModels()).result.customizations.length, 0);
    await refused(other.getLanguageModel({ customizationId: id }), 404, /not found/);
    const wrong = client(new BasicAuthenticator({ username: 'apikey', password: 'wrong' }));
    await refused(wrong.listLanguageModels(), 401);
    const noUser = client(new BasicAuthenticator({ username: 'user', password: apikey }));
    await refused(noUser.listLanguageModels(), 401);
  });

  await check('IAM: a wrong API key is refused by the token endpoint (400, IAM error shape)', async () => {
    const bad = client(new IamAuthenticator({ apikey: 'not-a-key', url: base + '/identity/token' }));
    let err;
    try {
      await bad.listLanguageModels();
    } catch (e) {
      err = e;
    }
    assert.ok(err);
    assert.strictEqual(err.status, 400);
    assert.strictEqual(err.message, 'Provided API key could not be found.');
    assert.strictEqual(err.result.errorCode, 'BXNIM0415E');
  });

  await check('IAM token refresh: the SDK fetches a new token before the old one expires', async () => {
    await hook('requests', null, 'DELETE');
    const fresh = client(new IamAuthenticator({ apikey, url: base + '/identity/token' }));
    await fresh.listLanguageModels();
    await sleep(TOKEN_LIFETIME * 1000 + 300);
    await fresh.listLanguageModels();
    const log = await requests();
    const tokens = log.filter((r) => r.path === '/identity/token');
    assert.strictEqual(tokens.length, 2);
    for (const t of tokens) {
      assert.strictEqual(t.method, 'POST');
      assert.match(t.headers['content-type'], /^application\/x-www-form-urlencoded/);
      assert.match(t.body, /grant_type=urn%3Aibm%3Aparams%3Aoauth%3Agrant-type%3Aapikey/);
    }
    const auths = log.filter((r) => r.path.startsWith('/v1/')).map((r) => r.headers.authorization);
    assert.strictEqual(auths.length, 2);
    assert.notStrictEqual(auths[0], auths[1]);
    for (const a of auths) assert.match(a, /^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
  });

  await check('expired or revoked token: 401', async () => {
    const res = await raw('POST', '/identity/token', `grant_type=urn%3Aibm%3Aparams%3Aoauth%3Agrant-type%3Aapikey&apikey=${apikey}`,
      { 'Content-Type': 'application/x-www-form-urlencoded' });
    const token = JSON.parse(res.body).access_token;
    assert.strictEqual((await raw('GET', '/v1/customizations', null, { Authorization: 'Bearer ' + token })).status, 200);
    await hook('revoke-tokens');
    const after = await raw('GET', '/v1/customizations', null, { Authorization: 'Bearer ' + token });
    assert.strictEqual(after.status, 401);
    assert.deepStrictEqual(JSON.parse(after.body), { code: 401, code_description: 'Unauthorized',
      error: 'Unauthorized: the access token was revoked.' });
    const forged = token.slice(0, -4) + 'AAAA';
    assert.strictEqual((await raw('GET', '/v1/customizations', null, { Authorization: 'Bearer ' + forged })).status, 401);
    assert.strictEqual((await raw('GET', '/v1/customizations')).status, 401);
    // A token issued after the revocation works.
    assert.strictEqual((await iam.listLanguageModels()).status, 200);
    // IAM endpoint errors.
    const noGrant = await raw('POST', '/identity/token', 'apikey=x', { 'Content-Type': 'application/x-www-form-urlencoded' });
    assert.strictEqual(JSON.parse(noGrant.body).errorCode, 'BXNIM0109E');
  });

  await check('faults: 503 and 500 with the error shape, HTML, truncated body; 404, 405, 415, 400 shapes', async () => {
    const basic = client(new BasicAuthenticator({ username: 'apikey', password: apikey }));
    await hook('next', { fault: '503' });
    await refused(basic.listLanguageModels(), 503, /temporarily unavailable/);
    await hook('next', { fault: '500' });
    await refused(basic.listLanguageModels(), 500, /Internal error/);
    await hook('next', { fault: 'html' });
    const html = await raw('GET', '/v1/customizations');
    assert.match(html.headers['content-type'], /^text\/html/);
    await hook('next', { fault: 'truncate' });
    const cut = await raw('GET', '/v1/customizations').catch((e) => ({ error: e }));
    assert.ok(cut.error || cut.body.length < 400);
    const auth = { Authorization: 'Basic ' + Buffer.from('apikey:' + apikey).toString('base64') };
    const shape = (res, status) => {
      assert.strictEqual(res.status, status);
      const body = JSON.parse(res.body);
      assert.deepStrictEqual(Object.keys(body).sort(), ['code', 'code_description', 'error']);
      assert.strictEqual(body.code, status);
    };
    shape(await raw('GET', '/v1/nothing', null, auth), 404);
    shape(await raw('PUT', '/v1/customizations', '{}', { ...auth, 'Content-Type': 'application/json' }), 405);
    const m = (await iam.createLanguageModel({ name: 'shapes', baseModelName: 'en-US_Multimedia' })).result;
    shape(await raw('POST', `/v1/customizations/${m.customization_id}/corpora/c`, 'plain text',
      { ...auth, 'Content-Type': 'text/plain' }), 415);
    shape(await raw('POST', '/v1/customizations', 'not json', { ...auth, 'Content-Type': 'application/json' }), 400);
    await iam.deleteLanguageModel({ customizationId: m.customization_id });
  });

  await check('deleteLanguageModel, then 404 with Watson\'s error body', async () => {
    assert.strictEqual((await iam.deleteLanguageModel({ customizationId: id })).status, 200);
    const err = await refused(iam.getLanguageModel({ customizationId: id }), 404, /not found/);
    assert.strictEqual(err.result.code_description, 'Not Found');
    await iam.deleteLanguageModel({ customizationId: nextGen });
    assert.deepStrictEqual((await iam.listLanguageModels()).result.customizations, []);
  });

  await check('what the SDK sent: paths, query parameters and bodies as documented', async () => {
    await hook('requests', null, 'DELETE');
    const m = (await iam.createLanguageModel({ name: 'shape', baseModelName: 'en-US_BroadbandModel' })).result;
    await iam.addCorpus({ customizationId: m.customization_id, corpusName: 'a b', corpusFile: Buffer.from('hello') });
    await waitCorpus(m.customization_id, 'a b');
    await iam.trainLanguageModel({ customizationId: m.customization_id, customizationWeight: 0.3, strict: false });
    const log = (await requests()).filter((r) => r.path.startsWith('/v1/'));
    assert.deepStrictEqual(JSON.parse(log[0].body), { name: 'shape', base_model_name: 'en-US_BroadbandModel' });
    assert.match(log[0].headers['content-type'], /^application\/json/);
    assert.strictEqual(log[1].path, `/v1/customizations/${m.customization_id}/corpora/a%20b`);
    assert.match(log[1].headers['content-type'], /^multipart\/form-data; boundary=/);
    assert.match(log[1].body, /Content-Disposition: form-data; name="corpus_file"/);
    const train = log.find((r) => r.path.endsWith('/train'));
    assert.deepStrictEqual(train.query, { customization_weight: '0.3', strict: 'false' });
    await waitFor(m.customization_id, ['available']);
    await iam.deleteLanguageModel({ customizationId: m.customization_id });
  });
}

main().then(() => {
  console.log(`PASS: ${passed} checks with ibm-watson ${sdkVersion}`);
  server.kill();
  fs.rmSync(tmp, { recursive: true, force: true });
  process.exit(0);
}, (e) => {
  console.log(`FAIL after ${passed} checks: ${e.message}`);
  server.kill();
  fs.rmSync(tmp, { recursive: true, force: true });
  process.exit(1);
});
