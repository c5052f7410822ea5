// test-watson-sdk-calls.js
//
// Copyright 2026 The Parlance authors
//
// SPDX-License-Identifier: GPL-3.0-or-later
//
// One fixed sequence of Watson calls made with IBM's Node SDK (ibm-watson
// 12), for test-watson-client's /watson/same-as-sdk: the stand-in records
// the requests, PrlWatsonClient then makes the same calls, and the test
// compares both. Prints the customization id. Reads WATSON_URL and
// WATSON_APIKEY from the environment (a test key made at run time).
//
// Usage: node test-watson-sdk-calls.js CORPUS.TXT AUDIO.WAV
// Exit status 77 when the SDK is not installed (see test-watson-server.js).

'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');

const modules = process.env.PRL_TEST_NODE_MODULES ||
  path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'),
    'parlance-tests', 'node', 'node_modules');
let SpeechToTextV1, IamAuthenticator;
try {
  SpeechToTextV1 = require(path.join(modules, 'ibm-watson', 'speech-to-text', 'v1'));
  ({ IamAuthenticator } = require(path.join(modules, 'ibm-watson', 'auth')));
} catch (e) {
  console.log(`IBM's Node SDK (ibm-watson) is not installed in ${modules}`);
  process.exit(77);
}

const [corpus, audio] = process.argv.slice(2);
const base = process.env.WATSON_URL;
const stt = new SpeechToTextV1({
  authenticator: new IamAuthenticator({ apikey: process.env.WATSON_APIKEY, url: base + '/identity/token' }),
  serviceUrl: base,
});
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function main() {
  const id = (await stt.createLanguageModel({ name: 'same as the SDK', baseModelName: 'en-US_BroadbandModel',
    description: 'made by test-watson-client' })).result.customization_id;
  await stt.addCorpus({ customizationId: id, corpusName: 'corpus one', corpusFile: fs.createReadStream(corpus),
    allowOverwrite: true });
  while ((await stt.getCorpus({ customizationId: id, corpusName: 'corpus one' })).result.status === 'being_processed') {
    await sleep(100);
  }
  await stt.addWords({ customizationId: id, words: [{ word: 'Parlance', sounds_like: ['par lance'], display_as: 'Parlance' }] });
  await stt.addWord({ customizationId: id, wordName: 'IBM', soundsLike: ['I. B. M.'], displayAs: 'IBM' });
  await stt.listWords({ customizationId: id, wordType: 'user' });
  await stt.trainLanguageModel({ customizationId: id, wordTypeToAdd: 'user', customizationWeight: 0.3,
    strict: false, force: true });
  while ((await stt.getLanguageModel({ customizationId: id })).result.status !== 'available') {
    await sleep(100);
  }
  try {
    await stt.recognize({ audio: fs.createReadStream(audio), contentType: 'audio/wav', model: 'en-US_BroadbandModel',
      languageCustomizationId: id, customizationWeight: 0.25, timestamps: true, wordConfidence: true });
  } catch (e) {
    // Without a recognizer the stand-in answers 500; the request is what counts.
  }
  await stt.listLanguageModels({ language: 'en-US' });
  await stt.deleteLanguageModel({ customizationId: id });
  console.log(id);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
