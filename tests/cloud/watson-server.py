#!/usr/bin/python3
# watson-server.py
#
# Copyright 2026 The Parlance authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""A stand-in for IBM Watson Speech to Text (language-model customization)
and IBM Cloud IAM on 127.0.0.1, for the tests: no real Watson server can run
offline. It follows the published API (IBM's API reference and the
ibm-watson SDKs' generated code) for what Parlance uses, and is itself
checked by IBM's own Node.js SDK (test-watson-server.js).

What it does, exactly:

* IAM: POST /identity/token, Content-Type application/x-www-form-urlencoded,
  grant_type=urn:ibm:params:oauth:grant-type:apikey&apikey=KEY ->
  {"access_token", "refresh_token", "token_type": "Bearer", "expires_in",
  "expiration", "scope"}. The access token is a JWT (the SDKs decode its
  "iat"/"exp" claims to plan the refresh); IAM signs with RS256, the
  stand-in with HS256 and a secret of its own (clients never verify it).
  Lifetime --token-lifetime seconds (IAM: 3600), so a test sees a refresh.
  IAM's own error shape: {"errorCode": "BXNIM...", "errorMessage", "context"}
  with 400 (unknown API key, missing or wrong grant type), as IAM answers.
* Service auth: "Authorization: Bearer TOKEN" (a token this stand-in issued,
  not expired, not revoked) or "Authorization: Basic base64(apikey:KEY)".
  Anything else: 401.
* GET /v1/models, /v1/models/{name}: a fixed catalogue of base models.
  Next-generation (*_Multimedia, *_Telephony) and previous-generation
  (*_BroadbandModel, *_NarrowbandModel) bases, each with a list of versions
  (newest last) that a test can extend (hook below), so upgrades can be
  tried. IBM's real catalogue no longer has previous-generation bases (removed
  31 July 2023); they are here because upgrade_model only applies to them.
* /v1/customizations: create (201 {"customization_id"}), list
  (?language=xx-XX), get, delete; corpora (POST multipart/form-data with a
  part "corpus_file", ?allow_overwrite=true; 201 then asynchronous analysis:
  "being_processed" for --analysis-seconds, then "analyzed" with total_words
  and out_of_vocabulary_words really counted: words are lower-cased runs of
  letters, digits and apostrophes; a word is out of vocabulary when it is
  not in the pronunciation dictionary given with --dictionary, by default
  the CMU dictionary PocketSphinx's Debian package ships; OOV words become
  words of the model with source [corpus]); a corpus that is not UTF-8 text
  or has no words ends "undetermined" with an "error". List/get/delete
  corpora. Words: list (?word_type=all|user|corpora|grammars,
  ?sort=[+-]alphabetical|[+-]count), add (POST {"words": [...]}), put, get,
  delete, with sounds_like (<= 5, each <= 40 chars) and display_as.
  IBM documents a limit of 10 million words from all sources of a custom
  model; a corpus that would pass --max-words (default that limit) is
  refused with 400 when it is added (where IBM refuses is not documented).
  IBM's service counts OOV words only for previous-generation bases; the
  stand-in counts them for every base (documented deviation: Parlance's
  pronunciation view needs them, and a test sees the real count).
* Train: ?word_type_to_add=all|user, customization_weight 0..1 (becomes the
  model's default), strict (default true), force. 400 when the model has no
  valid data, or with strict=true when a corpus is undetermined; with
  strict=false such corpora are skipped and named in "warnings". Without
  force, a trained model with no new data is not retrained (200, status
  stays "available"). Status: pending (no data yet, or analysis running) ->
  ready (has data) -> training (--training-seconds) -> available | failed.
  reset (back to pending, data removed). upgrade_model: only a trained
  ("available") model of a previous-generation base whose base has a newer
  version; "upgrading" for --upgrade-seconds, then "available" with the new
  version appended to "versions" (the old one keeps working); refused (400)
  for next-generation bases, as IBM documents ("retrain with force=true").
  A model is busy while it trains, upgrades or analyses a corpus: train,
  reset, upgrade, delete and adding data are then refused.
* POST /v1/recognize (?model, language_customization_id or its deprecated
  name customization_id, customization_weight, base_model_version,
  timestamps, word_confidence): the audio's Content-Type must be one Watson
  accepts (else 415); audio/l16 is read as IBM documents it (`rate`
  required, big-endian unless `endianness=little-endian`). The stand-in
  cannot run IBM's recognizer. Given
  --recognizer PARLANCE-CLI it runs Parlance's own offline recognizer
  (`parlance-cli transcribe --format json`, PocketSphinx with the stock
  model; the custom model is checked to exist, to be usable with the base
  and version, and its weight range, but is NOT applied to the audio) and
  answers in Watson's shape: {"results": [{"final": true, "alternatives":
  [{"transcript", "confidence", "timestamps": [[w, start, end]...],
  "word_confidence": [[w, c]...]}]}], "result_index": 0}. Media the
  recognizer cannot read -> 400 "unable to transcode data stream ...". No
  --recognizer -> 500 saying so. Never a made-up transcript.
  With --apply-customizations as well, a language_customization_id IS
  applied: the customization's analyzed corpora train a local model (once
  per customization and training, in a private workspace of the stand-in,
  `parlance-cli models create / datasets add / train --wait`), and the
  audio is transcribed with it, so that a trained version hears better
  than the stock model, as on the real service.
* Errors: {"code", "code_description", "error"} as IBM documents, with a
  X-Global-Transaction-Id header. Statuses used: 400 (bad input, invalid
  state), 401 (credentials), 404 (unknown model, customization, corpus,
  word, path), 405 (method), 409 (busy model; name in use), 413 (body over
  the limit), 415 (media type), 500 (no recognizer), 503 (fault hook).
  What IBM's docs do not pin down, and the choice made here:
  - busy model: IBM's API reference lists "409 Conflict: The service is
    currently busy handling a previous request for the custom model" for
    train, reset, upgrade and delete; cloud-apis.md says it was not verified
    on the wire. The stand-in answers 409 for those and for adding corpora
    and words to a busy model.
  - a corpus name in use without allow_overwrite: 400 ("already exists"), so
    that 409 always means "busy".
  - names of custom models: IBM does not document them as unique (the
    customization_id is the key); the stand-in accepts duplicates.
  - upgrade_model of a model already on its base's newest version: 200 and
    nothing changes (the docs only say the request starts an upgrade).
  - upgrade_model of a model that is not trained: 400.
  - recognize with a customization that is not usable (never trained, or
    not for that base/version): 400.
* Asynchronous recognition jobs, as IBM's RecognitionJob: POST
  /v1/recognitions (the query of /v1/recognize; its parameters are checked
  at once, 4xx as there) -> 201 {"id", "status": "waiting", "created",
  "url"}; the job then runs the same recognition on a thread ("processing";
  at least --job-seconds) and ends "completed" with "results": [the
  SpeechRecognitionResults /v1/recognize returns], or "failed" with
  "warnings" saying why. GET /v1/recognitions lists the owner's jobs
  {"recognitions": [...]} without results; GET /v1/recognitions/{id} one,
  with them; DELETE /v1/recognitions/{id}: 204, or 400 while it is
  processing; another owner's or an unknown id: 404.
  - 401 body: the same {"code", "code_description", "error"} shape.
* State lives in memory only.

Test hooks (not part of IBM's API; under /_standin so they cannot be taken
for it): GET /_standin/requests returns every API request received
(method, path, query, headers, body as text or base64), DELETE clears them;
POST /_standin/next {"fault": "html"|"truncate"|"503"|"500"|"none", "count": N,
"delay": SECONDS, "path": SUFFIX} makes the next N API requests (with "path",
only those whose path ends with SUFFIX) wait DELAY seconds, then fail that
way ("none": only wait, then answer as usual);
POST /_standin/revoke-tokens makes every issued token invalid (a 401 in the
middle of a long operation); POST /_standin/bases/{name}/release {"version"}
adds a newer version of a base; POST /_standin/bases/{name}/remove retires a
base (gone from /v1/models, recognize 404); GET /_standin/recognizing {"peak"}: the
most recognize requests answered at once since requests were last cleared; POST /_standin/customizations/{id}/fail-training
{"error", "warnings"} makes the next training of that model end "failed" with that
text (and that LanguageModel "warnings" string, when given).

API keys come from --apikey-file (one a line; test keys made at run time).

Usage: watson-server.py --apikey-file FILE [--port N] [--port-file FILE]
         [--token-lifetime S] [--analysis-seconds S] [--training-seconds S]
         [--upgrade-seconds S] [--job-seconds S] [--dictionary PATH] [--max-words N]
         [--recognizer PARLANCE-CLI]
         [--base-without-customization NAME]... [--exit-with-parent]
"""

import argparse
import array
import base64
import email.parser
import email.policy
import hashlib
import hmac
import io
import http.server
import json
import os
import re
import secrets
import socketserver
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid
import wave

GRANT = "urn:ibm:params:oauth:grant-type:apikey"
MAX_BODY = 50 * 1024 * 1024
DEFAULT_DICTIONARY = "/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict"
AUDIO_TYPES = {
    "application/octet-stream", "audio/alaw", "audio/basic", "audio/flac", "audio/g729",
    "audio/l16", "audio/mp3", "audio/mpeg", "audio/mulaw", "audio/ogg", "audio/wav",
    "audio/webm", "audio/x-wav", "audio/wave",
}
DESCRIPTIONS = {
    400: "Bad Request", 401: "Unauthorized", 404: "Not Found",
    405: "Method Not Allowed", 409: "Conflict", 413: "Payload Too Large",
    415: "Unsupported Media Type", 500: "Internal Server Error",
    503: "Service Unavailable",
}

# Bases retired by the hook below: no longer listed nor recognized with;
# customizations on them stay listed, as IBM's did.
RETIRED = set()

# name -> (language, rate, next generation, versions oldest first)
BASES = {
    "en-US_Multimedia": ["en-US", 16000, True, ["2023-06-01"]],
    "en-US_Telephony": ["en-US", 8000, True, ["2023-06-01"]],
    "en-GB_Multimedia": ["en-GB", 16000, True, ["2023-06-01"]],
    "de-DE_Multimedia": ["de-DE", 16000, True, ["2023-06-01"]],
    "en-US_BroadbandModel": ["en-US", 16000, False, ["2020-01-16"]],
    "en-US_NarrowbandModel": ["en-US", 8000, False, ["2020-01-16"]],
}


class ApiError(Exception):
    def __init__(self, status, message):
        super().__init__(message)
        self.status = status
        self.message = message


class IamError(Exception):
    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def iso(t):
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(t)) + f".{int(t * 1000) % 1000:03d}Z"


def parse_bool(value, name):
    if value is None:
        return None
    if value in ("true", "false"):
        return value == "true"
    raise ApiError(400, f"The value '{value}' of the query parameter '{name}' is not a "
                   "valid boolean (true or false).")


def parse_weight(value):
    if value is None:
        return None
    try:
        weight = float(value)
    except ValueError:
        weight = -1.0
    if not 0.0 <= weight <= 1.0:
        raise ApiError(400, f"The value of customization_weight '{value}' is invalid. "
                       "It must be a number between 0.0 and 1.0.")
    return weight


# Parlance's hooks for measuring accuracy (docs/accuracy.md) and a default
# workspace: set in the caller's shell they would change what the stand-in's
# "stock" Watson hears from one run to the next.
MEASURING_HOOKS = ("PRL_DECODER_OPTIONS", "PRL_DECODER_FRONTEND", "PRL_BENCH_LM_WEIGHT",
                   "PRL_BENCH_NO_SPELLING", "PARLANCE_WORKSPACE")


def recognizer_environ():
    """The environment of the recognizer: the caller's, without the hooks
    above, so one audio file always gives the same transcript."""
    return {k: v for k, v in os.environ.items() if k not in MEASURING_HOOKS}


def l16_to_wav(content_type, audio):
    """IBM's audio/l16: headerless signed 16-bit PCM; `rate` is required,
    `channels` defaults to 1 and `endianness` to big-endian. As a WAV for
    the recognizer."""
    params = {}
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        params[key.strip().lower()] = value.strip()
    try:
        rate = int(params["rate"])
        channels = int(params.get("channels", "1"))
    except (KeyError, ValueError):
        raise ApiError(400, "audio/l16 needs an integer rate parameter, e.g. "
                       "audio/l16;rate=16000.")
    endianness = params.get("endianness", "big-endian")
    if endianness not in ("big-endian", "little-endian"):
        raise ApiError(400, f"Invalid endianness '{endianness}' for audio/l16.")
    if not 8000 <= rate <= 192000 or not 1 <= channels <= 16 \
            or len(audio) % (2 * channels):
        raise ApiError(400, "unable to transcode data stream audio/l16 -> "
                       "audio/x-float-array")
    samples = array.array("h", audio)
    if (endianness == "big-endian") != (sys.byteorder == "big"):
        samples.byteswap()
    if sys.byteorder == "big":
        samples.byteswap()  # WAV is little-endian
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(samples.tobytes())
    return out.getvalue()


def load_vocabulary(path):
    words = set()
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            word = line.split(" ", 1)[0]
            words.add(re.sub(r"\(\d+\)$", "", word).lower())
    return words


WORD_RE = re.compile(r"[^\W_]+(?:'[^\W_]+)*")


class Model:
    """One customization; its status is derived from its clocks."""

    def __init__(self, owner, body, base):
        self.id = str(uuid.uuid4())
        self.owner = owner
        self.name = body["name"]
        self.description = body.get("description") or ""
        self.dialect = body.get("dialect") or BASES[base][0]
        self.base = base
        self.created = time.time()
        self.updated = self.created
        self.corpora = {}       # name -> dict
        self.words = {}         # word -> dict
        self.versions = []      # base versions the model was trained for
        self.trained = False
        self.dirty = False      # data changed since the last training
        self.busy_until = 0.0   # training/upgrading ends
        self.busy_kind = None
        self.busy_result = None  # callable run when the operation ends
        self.failed_error = None
        self.fail_next = None
        self.fail_warnings = None
        self.weight = None
        self.warnings = None


class State:
    def __init__(self, options):
        self.options = options
        self.lock = threading.Lock()
        self.keys = options.keys
        self.secret = secrets.token_bytes(32)
        self.live_tokens = {}  # jti -> when it expires, for every token not revoked
        self.models = {}
        self.requests = []
        self.faults = []
        self.vocabulary = load_vocabulary(options.dictionary)
        self.local_models = {}  # (customization id, updated) -> (workspace, env)
        self.local_locks = {}   # customization id -> lock of its local build
        self.jobs = {}             # recognition job id -> dict (with its "owner")
        self.recognizing = 0       # recognize requests being answered
        self.peak_recognizing = 0  # the most at once since the last DELETE requests

    # --- IAM -----------------------------------------------------------
    def issue_token(self, form):
        if form.get("grant_type") is None:
            raise IamError("BXNIM0109E", "Property missing or empty. Property: grant_type")
        if form["grant_type"] != GRANT:
            raise IamError("BXNIM0104E", "Unsupported grant type: " + form["grant_type"])
        key = form.get("apikey")
        if not key:
            raise IamError("BXNIM0109E", "Property missing or empty. Property: apikey")
        if key not in self.keys:
            raise IamError("BXNIM0415E", "Provided API key could not be found.")
        now = int(time.time())
        lifetime = self.options.token_lifetime
        header = b64url(json.dumps({"kid": "standin", "alg": "HS256"}).encode())
        claims = {"iam_id": "iam-ServiceId-" + self.account(key), "sub": "ServiceId",
                  "account": {"bss": self.account(key)}, "iat": now, "exp": now + lifetime,
                  "iss": "https://iam.cloud.ibm.com/identity", "jti": str(uuid.uuid4()),
                  "grant_type": GRANT, "scope": "ibm openid"}
        # exp is whole seconds; the token lives exactly expires_in from now.
        self.live_tokens[claims["jti"]] = time.time() + lifetime
        payload = b64url(json.dumps(claims, separators=(",", ":")).encode())
        signature = b64url(hmac.new(self.secret, f"{header}.{payload}".encode(),
                                    hashlib.sha256).digest())
        return {"access_token": f"{header}.{payload}.{signature}",
                "refresh_token": "not_supported", "ims_user_id": 0,
                "token_type": "Bearer", "expires_in": lifetime,
                "expiration": now + lifetime, "scope": "ibm openid"}

    def account(self, key):
        return hashlib.sha256(key.encode()).hexdigest()[:32]

    def authenticate(self, header):
        """Returns the owner (account) of a request or raises a 401."""
        if header and header.startswith("Basic "):
            try:
                user, _, password = base64.b64decode(header[6:]).decode().partition(":")
            except Exception:
                user, password = "", ""
            if user == "apikey" and password in self.keys:
                return self.account(password)
            raise ApiError(401, "Unauthorized: the user name must be 'apikey' and the "
                           "password a valid API key.")
        if header and header.startswith("Bearer "):
            token = header[7:].strip()
            parts = token.split(".")
            if len(parts) == 3:
                expected = b64url(hmac.new(self.secret, f"{parts[0]}.{parts[1]}".encode(),
                                           hashlib.sha256).digest())
                if hmac.compare_digest(expected, parts[2]):
                    claims = json.loads(base64.urlsafe_b64decode(parts[1] + "=="))
                    if claims["jti"] not in self.live_tokens:
                        raise ApiError(401, "Unauthorized: the access token was revoked.")
                    if self.live_tokens[claims["jti"]] <= time.time():
                        raise ApiError(401, "Unauthorized: the access token has expired.")
                    return claims["account"]["bss"]
            raise ApiError(401, "Unauthorized: the access token is not valid.")
        raise ApiError(401, "Unauthorized")

    # --- status machine ---------------------------------------------------
    def advance(self, model):
        now = time.time()
        if model.busy_kind and now >= model.busy_until:
            result = model.busy_result
            model.busy_kind = None
            model.busy_result = None
            model.updated = model.busy_until
            result(model)
        for corpus in model.corpora.values():
            if corpus["status"] == "being_processed" and now >= corpus["ready_at"]:
                corpus["status"] = corpus.pop("outcome")
                if corpus["status"] == "analyzed":
                    for word, count in corpus.pop("oov").items():
                        self.add_corpus_word(model, corpus["name"], word, count)

    def status(self, model):
        self.advance(model)
        if model.busy_kind:
            return model.busy_kind
        if model.failed_error is not None:
            return "failed"
        if self.analysing(model):
            return "pending"
        if model.trained and not model.dirty:
            return "available"
        return "ready" if self.has_data(model) else "pending"

    def analysing(self, model):
        return any(c["status"] == "being_processed" for c in model.corpora.values())

    def has_data(self, model):
        return bool(model.words) or any(c["status"] == "analyzed"
                                        for c in model.corpora.values())

    def check_idle(self, model):
        self.advance(model)
        if model.busy_kind or self.analysing(model):
            raise ApiError(409, "The service is currently busy handling a previous request "
                           f"for the custom model {model.id}. Wait until its status is "
                           "'ready' or 'available' and try again.")

    def model_json(self, model):
        status = self.status(model)
        out = {"customization_id": model.id, "created": iso(model.created),
               "updated": iso(model.updated), "language": BASES[model.base][0],
               "dialect": model.dialect,
               "versions": [f"{model.base}.v{v}" for v in model.versions],
               "owner": model.owner, "name": model.name,
               "description": model.description, "base_model_name": model.base,
               "status": status,
               "progress": 100 if status == "available" else 0}
        if model.busy_kind:
            total = self.options.training_seconds if model.busy_kind == "training" \
                else self.options.upgrade_seconds
            left = max(0.0, model.busy_until - time.time())
            out["progress"] = int(100 * (1 - left / total)) if total > 0 else 0
        if status == "failed":
            out["error"] = model.failed_error
        if model.warnings:
            out["warnings"] = model.warnings
        return out

    # --- customizations ---------------------------------------------------
    def find(self, owner, cid):
        model = self.models.get(cid)
        if model is None or model.owner != owner:
            raise ApiError(404, f"Customization ID '{cid}' not found. Check the ID and "
                           "the credentials of the service instance that owns it.")
        return model

    def create(self, owner, body):
        if not isinstance(body, dict):
            raise ApiError(400, "The request body must be a JSON object.")
        name, base = body.get("name"), body.get("base_model_name")
        if not isinstance(name, str) or not name:
            raise ApiError(400, "Required parameter 'name' is missing.")
        if len(name) > 256:
            raise ApiError(400, "The name of a custom model may have at most 256 characters.")
        if not isinstance(base, str) or not base:
            raise ApiError(400, "Required parameter 'base_model_name' is missing.")
        if base not in BASES:
            raise ApiError(400, f"Model {base} is not a valid base model for "
                           "language model customization.")
        if len(body.get("description") or "") > 128:
            raise ApiError(400, "The description may have at most 128 characters.")
        model = Model(owner, body, base)
        self.models[model.id] = model
        return model

    def delete(self, owner, cid):
        model = self.find(owner, cid)
        self.check_idle(model)
        del self.models[cid]

    # --- corpora --------------------------------------------------------
    def add_corpus(self, model, name, data, overwrite):
        self.check_idle(model)
        if len(name) > 128 or "/" in name or name.lower() == "user":
            raise ApiError(400, f"The corpus name '{name}' is not valid: at most 128 "
                           "characters, no slash, and not the reserved word 'user'.")
        if name in model.corpora and not overwrite:
            raise ApiError(400, f"Corpus '{name}' already exists; add it with "
                           "allow_overwrite=true to replace it.")
        if name in model.corpora:
            self.drop_corpus(model, name)
        corpus = {"name": name, "total_words": 0, "text": None, "out_of_vocabulary_words": 0,
                  "status": "being_processed",
                  "ready_at": time.time() + self.options.analysis_seconds}
        try:
            text = data.decode("utf-8")
            if "\0" in text:
                raise ValueError
        except (UnicodeDecodeError, ValueError):
            corpus["outcome"] = "undetermined"
            corpus["error"] = (f"Analysis of corpus '{name}' failed: the corpus file is "
                               "not plain text in UTF-8.")
        else:
            words = [w.lower() for w in WORD_RE.findall(text)]
            oov = {}
            for word in words:
                if word not in self.vocabulary:
                    oov[word] = oov.get(word, 0) + 1
            others = sum(c["total_words"] for n, c in model.corpora.items() if n != name)
            if others + len(words) > self.options.max_words:
                raise ApiError(400, f"Adding corpus '{name}' ({len(words)} words) would "
                               f"exceed the maximum of {self.options.max_words} total "
                               f"words for custom model {model.id} ({others} words "
                               "already).")
            corpus["total_words"] = len(words)
            corpus["text"] = text
            corpus["out_of_vocabulary_words"] = len(oov)
            if words:
                corpus["outcome"] = "analyzed"
                corpus["oov"] = oov
            else:
                corpus["outcome"] = "undetermined"
                corpus["error"] = f"Analysis of corpus '{name}' failed: it holds no words."
        model.corpora[name] = corpus
        model.dirty = True
        model.failed_error = None
        model.updated = time.time()

    def corpus_json(self, model, name):
        self.advance(model)
        corpus = model.corpora.get(name)
        if corpus is None:
            raise ApiError(404, f"Corpus '{name}' not found in custom model {model.id}.")
        out = {k: corpus[k] for k in ("name", "total_words", "out_of_vocabulary_words",
                                      "status")}
        if corpus["status"] == "being_processed":
            out["total_words"] = 0
            out["out_of_vocabulary_words"] = 0
        if corpus.get("error") and corpus["status"] == "undetermined":
            out["error"] = corpus["error"]
        return out

    def drop_corpus(self, model, name):
        del model.corpora[name]
        for word in list(model.words):
            entry = model.words[word]
            if name in entry["source"]:
                entry["source"].remove(name)
                entry["count"] = max(0, entry["count"] - entry["counts"].pop(name, 0))
                if not entry["source"]:
                    del model.words[word]
        model.dirty = True

    # --- words --------------------------------------------------------
    def add_corpus_word(self, model, corpus, word, count):
        entry = model.words.setdefault(word, {"word": word, "sounds_like": [word],
                                              "display_as": word, "count": 0,
                                              "source": [], "counts": {}})
        if corpus not in entry["source"]:
            entry["source"].append(corpus)
        entry["counts"][corpus] = count
        entry["count"] += count

    def check_word(self, item):
        if not isinstance(item, dict) or not isinstance(item.get("word"), str) \
                or not item["word"].strip():
            raise ApiError(400, "Required parameter 'word' is missing.")
        sounds = item.get("sounds_like", [])
        if not isinstance(sounds, list) or len(sounds) > 5 or \
                any(not isinstance(s, str) or not s or len(s) > 40 for s in sounds):
            raise ApiError(400, f"Invalid sounds_like for word '{item['word']}': at most "
                           "5 pronunciations of at most 40 characters each.")
        display = item.get("display_as")
        if display is not None and not isinstance(display, str):
            raise ApiError(400, f"Invalid display_as for word '{item['word']}'.")

    def put_word(self, model, word, item):
        entry = model.words.setdefault(word, {"word": word, "count": 0, "source": [],
                                              "counts": {}})
        entry["sounds_like"] = list(item.get("sounds_like") or [])
        entry["display_as"] = item.get("display_as") or word
        if "user" not in entry["source"]:
            entry["source"].append("user")
        model.dirty = True
        model.failed_error = None
        model.updated = time.time()

    def word_json(self, entry):
        return {k: entry[k] for k in ("word", "sounds_like", "display_as", "count",
                                      "source")}

    def list_words(self, model, query):
        self.advance(model)
        kind = query.get("word_type", "all")
        if kind not in ("all", "user", "corpora", "grammars"):
            raise ApiError(400, f"Invalid word_type '{kind}': use all, user, corpora or "
                           "grammars.")
        sort = query.get("sort", "alphabetical")
        order = sort.lstrip("+-")
        if order not in ("alphabetical", "count"):
            raise ApiError(400, f"Invalid sort '{sort}': use alphabetical or count, "
                           "optionally with + or -.")
        words = []
        for entry in model.words.values():
            user = "user" in entry["source"]
            if kind == "user" and not user or kind == "corpora" and \
                    not any(s != "user" for s in entry["source"]) or kind == "grammars":
                continue
            words.append(self.word_json(entry))
        if order == "alphabetical":
            words.sort(key=lambda w: w["word"], reverse=sort.startswith("-"))
        else:
            # IBM: count sorts descending by default, "+count" ascending.
            words.sort(key=lambda w: (w["count"], w["word"]),
                       reverse=not sort.startswith("+"))
        return {"words": words}

    # --- train, reset, upgrade ---------------------------------------------
    def train(self, model, query):
        kind = query.get("word_type_to_add", "all")
        if kind not in ("all", "user"):
            raise ApiError(400, f"Invalid word_type_to_add '{kind}': use all or user.")
        weight = parse_weight(query.get("customization_weight"))
        strict = parse_bool(query.get("strict"), "strict")
        force = parse_bool(query.get("force"), "force")
        self.check_idle(model)
        bad = sorted(c["name"] for c in model.corpora.values()
                     if c["status"] == "undetermined")
        if bad and strict is not False:
            raise ApiError(400, "Training failed: the custom model holds invalid resources "
                           f"(corpora {', '.join(bad)}). Delete or correct them, or train "
                           "with strict=false to skip them.")
        if not self.has_data(model):
            raise ApiError(400, f"No input data available for training custom model "
                           f"{model.id}. Add a corpus or words first.")
        warnings = [{"code": "invalid_corpus_files",
                     "message": f"Analysis of corpus '{n}' failed; it was not used."}
                    for n in bad]
        if weight is not None:
            model.weight = weight
        if model.trained and not model.dirty and not force:
            return {"warnings": warnings} if warnings else {}
        # LanguageModel.warnings is one string in IBM's schema.
        model.warnings = " ".join(w["message"] for w in warnings) or None
        version = BASES[model.base][3][-1]

        def done(m):
            if m.fail_next is not None:
                m.failed_error, m.fail_next = m.fail_next, None
                if m.fail_warnings is not None:
                    m.warnings, m.fail_warnings = m.fail_warnings, None
                return
            m.trained, m.dirty, m.failed_error = True, False, None
            if version not in m.versions:
                m.versions.append(version)
        model.failed_error = None
        model.busy_kind, model.busy_result = "training", done
        model.busy_until = time.time() + self.options.training_seconds
        return {"warnings": warnings} if warnings else {}

    def reset(self, model):
        self.check_idle(model)
        model.corpora.clear()
        model.words.clear()
        model.trained, model.dirty, model.failed_error = False, False, None
        model.versions = []
        model.warnings = None
        model.updated = time.time()

    def upgrade(self, model):
        self.check_idle(model)
        language, _, next_gen, versions = BASES[model.base]
        if next_gen:
            raise ApiError(400, f"Custom model {model.id} is based on the next-generation "
                           f"model {model.base}, which upgrade_model does not apply to: "
                           "retrain it with force=true to use the improved base model.")
        if self.status(model) != "available":
            raise ApiError(400, f"Custom model {model.id} must be trained (status "
                           "'available') before it can be upgraded.")
        newest = versions[-1]
        if newest in model.versions:
            return

        def done(m):
            m.versions.append(newest)
        model.busy_kind, model.busy_result = "upgrading", done
        model.busy_until = time.time() + self.options.upgrade_seconds

    # --- recognize ----------------------------------------------------------
    # --- asynchronous recognition jobs ---------------------------------------
    def create_job(self, owner, query, content_type, audio, url_root):
        # Everything /v1/recognize would refuse is refused now, before a job.
        self.recognize(owner, query, content_type, audio, check_only=True)
        now = time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime())
        job_id = str(uuid.uuid4())
        job = {"id": job_id, "status": "waiting", "created": now, "updated": now,
               "url": f"{url_root}/v1/recognitions/{job_id}", "owner": owner}
        with self.lock:
            self.jobs[job_id] = job

        def work():
            started = time.time()
            with self.lock:
                job["status"] = "processing"
            try:
                answer = self.recognize(owner, query, content_type, audio)
                status, extra = "completed", {"results": [answer]}
            except ApiError as e:
                status, extra = "failed", {"warnings": [e.message]}
            time.sleep(max(0.0, self.options.job_seconds - (time.time() - started)))
            with self.lock:
                job.update(extra)
                job["status"] = status
                job["updated"] = time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime())

        threading.Thread(target=work, daemon=True).start()
        return {k: job[k] for k in ("id", "status", "created", "url")}

    def find_job(self, owner, job_id):
        job = self.jobs.get(job_id)
        if job is None or job["owner"] != owner:
            raise ApiError(404, f"Job {job_id} not found.")
        return job

    def recognize(self, owner, query, content_type, audio, check_only=False):
        mime = (content_type or "").split(";", 1)[0].strip().lower()
        if not mime:
            raise ApiError(400, "No Content-Type was given for the audio; set one of "
                           "audio/wav, audio/flac, audio/mp3, audio/ogg, ...")
        if mime not in AUDIO_TYPES:
            raise ApiError(415, f"Unsupported content type '{content_type}'. Use one of "
                           "audio/wav, audio/flac, audio/mp3, audio/ogg, audio/l16, ...")
        base = query.get("model", "en-US_BroadbandModel")
        if base not in BASES or base in RETIRED:
            raise ApiError(404, f"Model {base} not found.")
        cid = query.get("language_customization_id") or query.get("customization_id")
        weight = parse_weight(query.get("customization_weight"))
        version = query.get("base_model_version")
        if version is not None and version not in [f"{base}.v{v}" for v in BASES[base][3]]:
            raise ApiError(400, f"Invalid base_model_version '{version}' for model {base}.")
        if cid is not None:
            with self.lock:
                model = self.find(owner, cid)
                self.advance(model)
                usable = [f"{model.base}.v{v}" for v in model.versions]
            if model.base != base:
                raise ApiError(400, f"Custom model {cid} is based on {model.base}, not on "
                               f"{base}; recognize with model={model.base}.")
            if not usable:
                raise ApiError(400, f"Custom model {cid} is not available: it has not been "
                               "trained.")
            if version is not None and version not in usable:
                raise ApiError(400, f"Custom model {cid} is not available for "
                               f"base_model_version {version}; it exists for "
                               f"{', '.join(usable)}.")
        elif weight is not None:
            raise ApiError(400, "customization_weight needs a language_customization_id.")
        if not audio:
            raise ApiError(400, "No audio data was received; the request body is empty.")
        if mime == "audio/l16":
            audio, mime = l16_to_wav(content_type, audio), "audio/wav"
        if check_only:
            return None
        workspace = None
        if cid is not None and self.options.apply_customizations:
            workspace = self.local_model(model)
        with self.lock:
            self.recognizing += 1
            self.peak_recognizing = max(self.peak_recognizing, self.recognizing)
        try:
            heard = self.run_recognizer(mime, audio, workspace)
        finally:
            with self.lock:
                self.recognizing -= 1
        timestamps = query.get("timestamps") == "true"
        confidence = query.get("word_confidence") == "true"
        alternative = {"transcript": heard["text"] + " " if heard["text"] else "",
                       "confidence": round(sum(w["confidence"] for w in heard["words"])
                                           / len(heard["words"]), 2)
                       if heard["words"] else 0.0}
        if timestamps:
            alternative["timestamps"] = [[w["word"], round(w["start"], 2),
                                          round(w["end"], 2)] for w in heard["words"]]
        if confidence:
            alternative["word_confidence"] = [[w["word"], round(w["confidence"], 2)]
                                              for w in heard["words"]]
        return {"result_index": 0,
                "results": [{"final": True, "alternatives": [alternative]}]
                if heard["words"] else []}

    def local_model(self, model):
        """A private workspace with a local model trained on @model's
        analyzed corpora, made once per training of @model."""
        with self.lock:
            key = (model.id, model.updated)
            texts = [c["text"] for c in model.corpora.values()
                     if c["status"] == "analyzed" and c.get("text")]
            language = BASES[model.base][0]
            build_lock = self.local_locks.setdefault(model.id, threading.Lock())
        with build_lock:
            if key in self.local_models:
                return self.local_models[key]
            root = tempfile.mkdtemp(prefix="watson-standin-model-")
            corpus = os.path.join(root, "corpus.txt")
            with open(corpus, "w", encoding="utf-8") as f:
                f.write("\n".join(texts) + "\n")
            env = dict(recognizer_environ(), XDG_DATA_HOME=os.path.join(root, "data"),
                       XDG_CONFIG_HOME=os.path.join(root, "config"),
                       GSETTINGS_BACKEND="memory", LANGUAGE="C")
            workspace = os.path.join(root, "ws")
            for step in (["models", "create", "model", "--language", language],
                         ["datasets", "add", "model", corpus, "--type", "TRANSCRIPT"],
                         ["train", "model", "--wait"]):
                done = subprocess.run([self.options.recognizer, "--workspace", workspace]
                                      + step, capture_output=True, text=True, timeout=600,
                                      env=env, stdin=subprocess.DEVNULL)
                if done.returncode != 0:
                    raise ApiError(500, "The stand-in could not apply the custom model "
                                   f"{model.id} ({' '.join(step[:2])}): "
                                   f"{done.stderr.strip()}")
            self.local_models[key] = (workspace, env)
            return self.local_models[key]

    def run_recognizer(self, mime, audio, local=None):
        if not self.options.recognizer:
            raise ApiError(500, "This Watson stand-in has no recognizer (start it with "
                           "--recognizer PARLANCE-CLI); it never invents a transcript.")
        suffix = {"audio/flac": ".flac", "audio/mp3": ".mp3", "audio/mpeg": ".mp3",
                  "audio/ogg": ".ogg", "audio/webm": ".webm"}.get(mime, ".wav")
        with tempfile.TemporaryDirectory(prefix="watson-standin-") as tmp:
            path = os.path.join(tmp, "audio" + suffix)
            with open(path, "wb") as f:
                f.write(audio)
            args = [self.options.recognizer, "transcribe", "--format", "json",
                    "--threads", "1", path]
            env = dict(recognizer_environ(), XDG_DATA_HOME=tmp)
            if local is not None:
                args[1:1] = ["--workspace", local[0]]
                args[4:4] = ["--model", "model"]
                env = local[1]
            done = subprocess.run(args, capture_output=True, text=True, timeout=600,
                                  env=env)
        if done.returncode != 0:
            raise ApiError(400, f"unable to transcode data stream {mime} -> "
                           "audio/x-float-array")
        return json.loads(done.stdout)[0]


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "watson-standin"

    def log_message(self, fmt, *args):
        if self.server.state.options.verbose:
            sys.stderr.write("watson-server: " + fmt % args + "\n")

    def send(self, status, body=None, content_type="application/json", headers=()):
        data = b"" if body is None else \
            body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(status)
        if data or status not in (204,):
            self.send_header("Content-Type", content_type + "; charset=utf-8"
                             if content_type.startswith(("application/json", "text/"))
                             else content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("X-Global-Transaction-Id", uuid.uuid4().hex)
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        try:
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            # The client gave up (a cancelled call): nothing to answer.
            self.close_connection = True

    def api_error(self, status, message):
        self.send(status, {"code": status, "code_description": DESCRIPTIONS.get(status, ""),
                           "error": message})

    def read_body(self):
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            chunks = []
            total = 0
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    break
                total += size
                if total > MAX_BODY:
                    raise ApiError(413, "The request body is too large.")
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
            return b"".join(chunks)
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self.close_connection = True
            raise ApiError(413, "The request body is too large.")
        return self.rfile.read(length) if length else b""

    def do_GET(self):
        self.dispatch()

    def do_POST(self):
        self.dispatch()

    def do_PUT(self):
        self.dispatch()

    def do_DELETE(self):
        self.dispatch()

    def dispatch(self):
        state = self.server.state
        url = urllib.parse.urlsplit(self.path)
        query = dict(urllib.parse.parse_qsl(url.query, keep_blank_values=True))
        path = url.path
        try:
            body = self.read_body()
        except ApiError as e:
            self.api_error(e.status, e.message)
            return
        if path.startswith("/_standin/"):
            self.hook(path, body)
            return
        with state.lock:
            state.requests.append({
                "method": self.command, "path": path, "query": dict(sorted(query.items())),
                "headers": {k.lower(): v for k, v in self.headers.items()},
                "body": body.decode("utf-8", "replace") if self.is_text(body) else None,
                "body_base64": None if self.is_text(body) else
                base64.b64encode(body).decode(),
                "body_size": len(body)})
            fault = None
            # A fault with "path" waits for a request whose path ends so.
            for i, pending in enumerate(state.faults):
                if path.endswith(pending.get("path", "")):
                    fault = pending
                    fault["count"] -= 1
                    if fault["count"] <= 0:
                        state.faults.pop(i)
                    break
        if fault is not None and self.inject(fault):
            return
        try:
            if path == "/identity/token":
                self.token(body)
                return
            if not path.startswith("/v1/"):
                raise ApiError(404, f"The path {path} does not exist.")
            with state.lock:
                owner = state.authenticate(self.headers.get("Authorization"))
            self.api(owner, path, query, body)
        except ApiError as e:
            self.api_error(e.status, e.message)
        except IamError as e:
            self.send(400, {"errorCode": e.code, "errorMessage": e.message,
                            "context": {"requestId": uuid.uuid4().hex}})

    def is_text(self, body):
        try:
            body.decode("utf-8")
            return True
        except UnicodeDecodeError:
            return False

    def inject(self, fault):
        time.sleep(fault.get("delay", 0))
        kind = fault.get("fault")
        if kind == "html":
            self.send(200, b"<!DOCTYPE html><html><body><h1>Welcome to nginx!</h1>"
                      b"</body></html>", "text/html")
        elif kind == "truncate":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", "400")
            self.end_headers()
            self.wfile.write(b'{"customizations": [{"customization_id": "')
            self.wfile.flush()
            self.close_connection = True
        elif kind in ("503", "500"):
            self.api_error(int(kind), "The service is temporarily unavailable; "
                           "try again later." if kind == "503" else "Internal error.")
        else:
            return False
        return True

    def token(self, body):
        if self.command != "POST":
            raise ApiError(405, "Use POST for /identity/token.")
        ctype = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if ctype != "application/x-www-form-urlencoded":
            raise IamError("BXNIM0109E", "Content-Type must be "
                           "application/x-www-form-urlencoded.")
        form = dict(urllib.parse.parse_qsl(body.decode("utf-8", "replace")))
        with self.server.state.lock:
            answer = self.server.state.issue_token(form)
        self.send(200, answer)

    def json_body(self, body):
        try:
            return json.loads(body or b"null")
        except ValueError:
            raise ApiError(400, "The request body is not valid JSON.")

    def api(self, owner, path, query, body):
        state = self.server.state
        parts = [urllib.parse.unquote(p) for p in path[len("/v1/"):].split("/")]
        method = self.command
        if parts[0] == "models":
            if method != "GET" or len(parts) > 2:
                raise ApiError(405 if len(parts) <= 2 else 404, "Not allowed.")
            if len(parts) == 1:
                self.send(200, {"models": [model_info(n) for n in sorted(BASES)
                                           if n not in RETIRED]})
            elif parts[1] in BASES and parts[1] not in RETIRED:
                self.send(200, model_info(parts[1]))
            else:
                raise ApiError(404, f"Model {parts[1]} not found.")
            return
        if parts == ["recognize"]:
            if method != "POST":
                raise ApiError(405, "Use POST for /v1/recognize.")
            self.send(200, state.recognize(owner, query, self.headers.get("Content-Type"),
                                           body))
            return
        if parts[0] == "recognitions":
            self.recognitions(owner, parts[1:], method, query, body)
            return
        if parts[0] != "customizations":
            raise ApiError(404, f"The path {path} does not exist.")
        with state.lock:
            status, answer = self.customizations(owner, parts[1:], method, query, body)
        self.send(status, answer)

    def recognitions(self, owner, parts, method, query, body):
        state = self.server.state
        if not parts or parts == [""]:
            if method == "POST":
                host = self.headers.get("Host", "127.0.0.1")
                self.send(201, state.create_job(owner, query, self.headers.get("Content-Type"),
                                                body, f"http://{host}"))
                return
            if method == "GET":
                with state.lock:
                    jobs = [{k: v for k, v in j.items() if k not in ("owner", "results")}
                            for j in state.jobs.values() if j["owner"] == owner]
                self.send(200, {"recognitions": jobs})
                return
            raise ApiError(405, "Use GET or POST for /v1/recognitions.")
        if len(parts) != 1:
            raise ApiError(404, "The path does not exist.")
        with state.lock:
            job = state.find_job(owner, parts[0])
            if method == "GET":
                answer = {k: v for k, v in job.items() if k != "owner"}
            elif method == "DELETE":
                if job["status"] == "processing":
                    raise ApiError(400, f"Job {job['id']} is being processed and cannot "
                                   "be deleted until it completes.")
                del state.jobs[job["id"]]
                answer = None
            else:
                raise ApiError(405, "Use GET or DELETE for a recognition job.")
        self.send(204 if answer is None else 200, answer)

    def customizations(self, owner, parts, method, query, body):
        state = self.server.state
        if not parts or parts == [""]:
            if method == "POST":
                model = state.create(owner, self.json_body(body))
                return 201, {"customization_id": model.id}
            if method == "GET":
                language = query.get("language")
                return 200, {"customizations": [
                    state.model_json(m) for m in state.models.values()
                    if m.owner == owner and (language is None or
                                             BASES[m.base][0] == language)]}
            raise ApiError(405, "Not allowed.")
        model = state.find(owner, parts[0])
        rest = parts[1:]
        if not rest:
            if method == "GET":
                return 200, state.model_json(model)
            if method == "DELETE":
                state.delete(owner, model.id)
                return 200, {}
            raise ApiError(405, "Not allowed.")
        if rest == ["train"] and method == "POST":
            return 200, state.train(model, query)
        if rest == ["reset"] and method == "POST":
            state.reset(model)
            return 200, {}
        if rest == ["upgrade_model"] and method == "POST":
            state.upgrade(model)
            return 200, {}
        if rest[0] == "corpora":
            return self.corpora(model, rest[1:], method, query, body)
        if rest[0] == "words":
            return self.words(model, rest[1:], method, query, body)
        if rest == ["grammars"] and method == "GET":
            return 200, {"grammars": []}
        raise ApiError(404, f"The path {self.path} does not exist.")

    def corpora(self, model, rest, method, query, body):
        state = self.server.state
        if not rest:
            if method != "GET":
                raise ApiError(405, "Not allowed.")
            return 200, {"corpora": [state.corpus_json(model, n) for n in model.corpora]}
        name = rest[0]
        if len(rest) > 1:
            raise ApiError(404, "Not found.")
        if method == "GET":
            return 200, state.corpus_json(model, name)
        if method == "DELETE":
            state.corpus_json(model, name)
            state.check_idle(model)
            state.drop_corpus(model, name)
            return 200, {}
        if method != "POST":
            raise ApiError(405, "Not allowed.")
        overwrite = parse_bool(query.get("allow_overwrite"), "allow_overwrite")
        data = self.corpus_file(body)
        state.add_corpus(model, name, data, bool(overwrite))
        return 201, {}

    def corpus_file(self, body):
        ctype = self.headers.get("Content-Type", "")
        if not ctype.lower().startswith("multipart/form-data"):
            raise ApiError(415, f"Unsupported content type '{ctype}': send the corpus as "
                           "multipart/form-data with a part named corpus_file.")
        if "boundary=" not in ctype:
            raise ApiError(400, "The multipart/form-data body has no boundary.")
        message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
            b"Content-Type: " + ctype.encode() + b"\r\n\r\n" + body)
        if not message.is_multipart():
            raise ApiError(400, "The multipart/form-data body could not be parsed.")
        for part in message.iter_parts():
            if part.get_param("name", header="content-disposition") == "corpus_file":
                return part.get_payload(decode=True) or b""
        raise ApiError(400, "No input data: the form has no part named corpus_file.")

    def words(self, model, rest, method, query, body):
        state = self.server.state
        if not rest:
            if method == "GET":
                return 200, state.list_words(model, query)
            if method != "POST":
                raise ApiError(405, "Not allowed.")
            data = self.json_body(body)
            if not isinstance(data, dict) or not isinstance(data.get("words"), list) \
                    or not data["words"]:
                raise ApiError(400, "The request body must be {\"words\": [...]} with at "
                               "least one word.")
            for item in data["words"]:
                state.check_word(item)
            state.check_idle(model)
            for item in data["words"]:
                state.put_word(model, item["word"], item)
            return 201, {}
        word = rest[0]
        entry = model.words.get(word)
        if method == "GET" or method == "DELETE":
            state.advance(model)
            entry = model.words.get(word)
            if entry is None:
                raise ApiError(404, f"Word '{word}' not found in custom model {model.id}.")
            if method == "GET":
                return 200, state.word_json(entry)
            state.check_idle(model)
            del model.words[word]
            model.dirty = True
            return 200, {}
        if method != "PUT":
            raise ApiError(405, "Not allowed.")
        item = self.json_body(body)
        if not isinstance(item, dict):
            raise ApiError(400, "The request body must be a JSON object.")
        item = dict(item, word=word)
        state.check_word(item)
        state.check_idle(model)
        state.put_word(model, word, item)
        return 201, {}

    def hook(self, path, body):
        state = self.server.state
        parts = path.split("/")[2:]
        with state.lock:
            if parts == ["requests"] and self.command == "GET":
                self.send(200, state.requests)
            elif parts == ["requests"] and self.command == "DELETE":
                state.requests.clear()
                state.peak_recognizing = state.recognizing
                self.send(200, {})
            elif parts == ["recognizing"] and self.command == "GET":
                self.send(200, {"peak": state.peak_recognizing})
            elif parts == ["next"] and self.command == "POST":
                fault = json.loads(body)
                fault.setdefault("count", 1)
                state.faults.append(fault)
                self.send(200, {})
            elif parts == ["revoke-tokens"] and self.command == "POST":
                state.live_tokens.clear()
                self.send(200, {})
            elif len(parts) == 3 and parts[0] == "bases" and parts[2] == "release" \
                    and parts[1] in BASES:
                BASES[parts[1]][3].append(json.loads(body)["version"])
                self.send(200, model_info(parts[1]))
            elif len(parts) == 3 and parts[0] == "bases" and parts[2] == "remove" \
                    and parts[1] in BASES:
                # IBM retires bases (previous generation, 31 July 2023):
                # /v1/models stops listing it and recognize refuses it.
                RETIRED.add(parts[1])
                self.send(200, {})
            elif len(parts) == 3 and parts[0] == "customizations" and \
                    parts[2] == "fail-training" and parts[1] in state.models:
                request = json.loads(body)
                state.models[parts[1]].fail_next = request["error"]
                state.models[parts[1]].fail_warnings = request.get("warnings")
                self.send(200, {})
            else:
                self.send(404, {"error": "no such hook"})


# Bases listed without language customization (--base-without-customization),
# as IBM lists some of its models, so clients' filters can be tested.
NO_CUSTOMIZATION = set()


def model_info(name):
    language, rate, next_gen, versions = BASES[name]
    return {"name": name, "language": language, "rate": rate,
            "url": f"/v1/models/{name}",
            "supported_features": {"custom_language_model": name not in NO_CUSTOMIZATION,
                                   "custom_acoustic_model": not next_gen,
                                   "speaker_labels": True,
                                   "low_latency": next_gen},
            "description": f"{language} {'next-generation' if next_gen else 'previous-generation'} "
                           f"{'telephony' if rate == 8000 else 'multimedia'} model.",
            # The base's versions, newest last (what Parlance compares a
            # customization's "versions" with to offer an upgrade).
            "versions": [f"{name}.v{v}" for v in versions],
            # Kept for older callers: the same list.
            "x_standin_versions": [f"{name}.v{v}" for v in versions]}


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--apikey-file", required=True)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--port-file")
    parser.add_argument("--token-lifetime", type=int, default=3600)
    parser.add_argument("--analysis-seconds", type=float, default=1.0)
    parser.add_argument("--training-seconds", type=float, default=2.0)
    parser.add_argument("--upgrade-seconds", type=float, default=2.0)
    parser.add_argument("--job-seconds", type=float, default=0.5)
    parser.add_argument("--dictionary", default=DEFAULT_DICTIONARY)
    parser.add_argument("--max-words", type=int, default=10_000_000,
                        help="the most words of all corpora of one custom model "
                        "(IBM: 10 million); smaller in tests")
    parser.add_argument("--recognizer", help="the path of parlance-cli")
    parser.add_argument("--apply-customizations", action="store_true",
                        help="with --recognizer: apply a customization by training a "
                        "local model on its corpora")
    parser.add_argument("--base-without-customization", action="append", default=[],
                        metavar="LANGUAGE_Telephony|LANGUAGE_Multimedia",
                        help="list one more next-generation base that does not accept "
                        "language customization")
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--exit-with-parent", action="store_true",
                        help="stop when the process that started it ends")
    options = parser.parse_args()
    with open(options.apikey_file, encoding="utf-8") as f:
        options.keys = {line.strip() for line in f if line.strip()}

    for name in options.base_without_customization:
        language, _, kind = name.partition("_")
        BASES[name] = [language, 8000 if kind == "Telephony" else 16000, True, ["2023-06-01"]]
        NO_CUSTOMIZATION.add(name)

    server = Server(("127.0.0.1", options.port), Handler)
    server.state = State(options)
    port = server.server_address[1]
    if options.port_file:
        tmp = options.port_file + ".tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(f"{port}\n")
        os.replace(tmp, options.port_file)
    print(f"watson-server: listening on http://127.0.0.1:{port}", flush=True)
    if options.exit_with_parent:
        parent = os.getppid()

        def watch():
            while os.getppid() == parent:
                time.sleep(0.5)
            os._exit(0)
        threading.Thread(target=watch, daemon=True).start()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
