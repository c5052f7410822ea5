/* prl-transcribe-transcript.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-cloud"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "prl-transcribe-client.h"
#include "prl-transcribe-transcript.h"

/* Amazon's transcript file: {"jobName", "accountId", "status",
 * "results": {"transcripts": [{"transcript"}], "items": [{"type",
 * "start_time", "end_time", "alternatives": [{"confidence", "content"}]}]}}.
 * Times and confidences are decimal strings. Punctuation items have no
 * times. Other members (speaker labels, audio segments) are ignored. */

static gboolean
fail (GError **error, const char *what)
{
  g_set_error (error, PRL_TRANSCRIBE_ERROR, PRL_TRANSCRIBE_ERROR_FAILED,
               _ ("Amazon Transcribe’s transcript could not be read: %s"), what);
  return FALSE;
}

/* A decimal string (Amazon's form) or a JSON number. */
static gboolean
read_number (JsonObject *object, const char *member, double *out)
{
  JsonNode   *node = json_object_get_member (object, member);
  const char *text;
  char       *end = NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE
      || json_node_get_value_type (node) == G_TYPE_INT64)
    {
      *out = json_node_get_double (node);
      return TRUE;
    }
  if (json_node_get_value_type (node) != G_TYPE_STRING)
    return FALSE;
  text = json_node_get_string (node);
  *out = g_ascii_strtod (text, &end);
  return end != text && *end == '\0';
}

static gboolean
read_item (PrlTranscript *t, JsonNode *node, guint index, GError **error)
{
  g_autofree char *where = NULL;
  JsonObject      *item, *best;
  JsonArray       *alternatives;
  const char      *type, *content;
  double           start = 0, end = 0, confidence = 0;

  where = g_strdup_printf (_ ("item %u"), index + 1);
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (error, where);
  item = json_node_get_object (node);
  type = json_object_get_string_member_with_default (item, "type", NULL);
  if (!json_object_has_member (item, "alternatives")
      || !JSON_NODE_HOLDS_ARRAY (json_object_get_member (item, "alternatives"))
      || json_array_get_length (
             (alternatives = json_object_get_array_member (item, "alternatives")))
             == 0
      || !JSON_NODE_HOLDS_OBJECT (json_array_get_element (alternatives, 0)))
    {
      g_autofree char *what = g_strdup_printf (_ ("%s has no alternatives"), where);
      return fail (error, what);
    }
  best = json_array_get_object_element (alternatives, 0);
  content = json_object_get_string_member_with_default (best, "content", NULL);
  if (content == NULL || *content == '\0' || !g_utf8_validate (content, -1, NULL))
    {
      g_autofree char *what = g_strdup_printf (_ ("%s has no content"), where);
      return fail (error, what);
    }

  if (g_strcmp0 (type, "punctuation") == 0)
    {
      /* Shown after the word it follows, never scored or timed. */
      char *text = g_strconcat (t->text, content, NULL);

      g_free (t->text);
      t->text = text;
      return TRUE;
    }
  if (g_strcmp0 (type, "pronunciation") != 0)
    {
      g_autofree char *what = g_strdup_printf (_ ("%s has the unknown type “%s”"), where,
                                               type != NULL ? type : "");
      return fail (error, what);
    }
  if (!read_number (item, "start_time", &start) || !read_number (item, "end_time", &end)
      || start < 0 || end < start)
    {
      g_autofree char *what = g_strdup_printf (
          _ ("%s (“%s”) has no valid start and end times"), where, content);
      return fail (error, what);
    }
  if (!read_number (best, "confidence", &confidence) || confidence < 0 || confidence > 1)
    {
      g_autofree char *what = g_strdup_printf (
          _ ("%s (“%s”) has no confidence between 0 and 1"), where, content);
      return fail (error, what);
    }
  prl_transcript_add_word (t, content, start, end, confidence);
  return TRUE;
}

PrlTranscript *
prl_transcribe_transcript_parse (const char *data,
                                 gssize      length,
                                 const char *audio_path,
                                 GError    **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (PrlTranscript) t = NULL;
  g_autoptr (GError) parse_error = NULL;
  JsonNode   *root;
  JsonObject *results;
  JsonArray  *items;
  const char *status;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (audio_path != NULL, NULL);

  if (!json_parser_load_from_data (parser, data, length, &parse_error))
    {
      fail (error, parse_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      fail (error, _ ("it is not a JSON object"));
      return NULL;
    }
  status = json_object_get_string_member_with_default (json_node_get_object (root),
                                                       "status", NULL);
  if (status != NULL && g_strcmp0 (status, "COMPLETED") != 0)
    {
      g_autofree char *what
          = g_strdup_printf (_ ("its status is “%s”, not COMPLETED"), status);

      fail (error, what);
      return NULL;
    }
  if (!json_object_has_member (json_node_get_object (root), "results")
      || !JSON_NODE_HOLDS_OBJECT (
          json_object_get_member (json_node_get_object (root), "results")))
    {
      fail (error, _ ("it has no “results”"));
      return NULL;
    }
  results = json_object_get_object_member (json_node_get_object (root), "results");
  if (!json_object_has_member (results, "items")
      || !JSON_NODE_HOLDS_ARRAY (json_object_get_member (results, "items")))
    {
      fail (error, _ ("it has no “items”"));
      return NULL;
    }
  items = json_object_get_array_member (results, "items");

  t = prl_transcript_new (audio_path);
  for (guint i = 0; i < json_array_get_length (items); i++)
    if (!read_item (t, json_array_get_element (items, i), i, error))
      return NULL;
  if (t->words->len > 0)
    t->duration = g_array_index (t->words, PrlTranscriptWord, t->words->len - 1).end;
  return g_steal_pointer (&t);
}

const char *
prl_transcribe_media_format (const char *container, const char *codec)
{
  static const struct
  {
    const char *needle; /* in GStreamer's description, any case */
    const char *format;
  } formats[] = {
    { "wav", "wav" },       { "riff", "wav" }, { "flac", "flac" },   { "webm", "webm" },
    { "ogg", "ogg" },       { "amr", "amr" },  { "mp4", "mp4" },     { "m4a", "mp4" },
    { "quicktime", "mp4" }, { "mp3", "mp3" },  { "layer 3", "mp3" }, { "id3", "mp3" },
  };
  /* The container decides (an Ogg file of FLAC is ogg, a Matroska file of
   * Opus is nothing Transcribe reads); the codec only when nothing
   * describes a container. */
  const char      *described = container != NULL && *container ? container : codec;
  g_autofree char *lower = NULL;

  if (described == NULL)
    return NULL;
  lower = g_ascii_strdown (described, -1);
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (strstr (lower, formats[i].needle) != NULL)
      return formats[i].format;
  return NULL;
}
