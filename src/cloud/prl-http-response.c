/* prl-http-response.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-http"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "prl-http-error.h"
#include "prl-http-private.h"

struct _PrlHttpResponse
{
  GObject parent_instance;

  guint               status;
  char               *reason;
  SoupMessageHeaders *headers;
  GBytes             *body; /* (nullable): streamed to the request's sink */
  guint64             body_size;
  guint               attempts;
};

G_DEFINE_FINAL_TYPE (PrlHttpResponse, prl_http_response, G_TYPE_OBJECT)

static void
prl_http_response_finalize (GObject *object)
{
  PrlHttpResponse *self = PRL_HTTP_RESPONSE (object);

  g_free (self->reason);
  g_clear_pointer (&self->headers, soup_message_headers_unref);
  g_clear_pointer (&self->body, g_bytes_unref);

  G_OBJECT_CLASS (prl_http_response_parent_class)->finalize (object);
}

static void
prl_http_response_class_init (PrlHttpResponseClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = prl_http_response_finalize;
}

static void
prl_http_response_init (PrlHttpResponse *self)
{
}

PrlHttpResponse *
_prl_http_response_new (guint               status,
                        const char         *reason,
                        SoupMessageHeaders *headers,
                        GBytes             *body,
                        guint64             body_size,
                        guint               attempts)
{
  PrlHttpResponse *self = g_object_new (PRL_TYPE_HTTP_RESPONSE, NULL);

  self->status = status;
  self->reason = g_strdup (reason != NULL ? reason : soup_status_get_phrase (status));
  self->headers = soup_message_headers_ref (headers);
  self->body = body != NULL ? g_bytes_ref (body) : NULL;
  self->body_size = body_size;
  self->attempts = attempts;
  return self;
}

guint
prl_http_response_get_status (PrlHttpResponse *self)
{
  g_return_val_if_fail (PRL_IS_HTTP_RESPONSE (self), 0);
  return self->status;
}

const char *
prl_http_response_get_reason (PrlHttpResponse *self)
{
  g_return_val_if_fail (PRL_IS_HTTP_RESPONSE (self), NULL);
  return self->reason;
}

gboolean
prl_http_response_is_success (PrlHttpResponse *self)
{
  g_return_val_if_fail (PRL_IS_HTTP_RESPONSE (self), FALSE);
  return SOUP_STATUS_IS_SUCCESSFUL (self->status);
}

SoupMessageHeaders *
prl_http_response_get_headers (PrlHttpResponse *self)
{
  g_return_val_if_fail (PRL_IS_HTTP_RESPONSE (self), NULL);
  return self->headers;
}

const char *
prl_http_response_get_header (PrlHttpResponse *self, const char *name)
{
  g_return_val_if_fail (PRL_IS_HTTP_RESPONSE (self), NULL);
  return soup_message_headers_get_one (self->headers, name);
}

/* (nullable): NULL when a successful body went to the request's sink. */
GBytes *
prl_http_response_get_body (PrlHttpResponse *self)
{
  g_return_val_if_fail (PRL_IS_HTTP_RESPONSE (self), NULL);
  return self->body;
}

/* Bytes received, in memory or written to the sink. */
guint64
prl_http_response_get_body_size (PrlHttpResponse *self)
{
  g_return_val_if_fail (PRL_IS_HTTP_RESPONSE (self), 0);
  return self->body_size;
}

guint
prl_http_response_get_attempts (PrlHttpResponse *self)
{
  g_return_val_if_fail (PRL_IS_HTTP_RESPONSE (self), 0);
  return self->attempts;
}

JsonNode *
prl_http_response_get_json (PrlHttpResponse *self, GError **error)
{
  g_autoptr (JsonParser) parser = NULL;
  g_autoptr (GError) local_error = NULL;
  const char *data;
  gsize       size = 0;

  g_return_val_if_fail (PRL_IS_HTTP_RESPONSE (self), NULL);

  data = self->body != NULL ? g_bytes_get_data (self->body, &size) : NULL;
  parser = json_parser_new_immutable ();
  if (data == NULL || !json_parser_load_from_data (parser, data, size, &local_error)
      || json_parser_get_root (parser) == NULL)
    {
      g_set_error (
          error, PRL_HTTP_ERROR, PRL_HTTP_ERROR_BAD_RESPONSE,
          _ ("The server’s answer (status %u) is not the JSON it should be (%s). "
             "Check the endpoint URL and region of the account."),
          self->status,
          local_error != NULL ? local_error->message : _ ("the body is empty"));
      return NULL;
    }
  return json_parser_steal_root (parser);
}

PrlXmlNode *
prl_http_response_get_xml (PrlHttpResponse *self, GError **error)
{
  const char *data;
  gsize       size = 0;

  g_return_val_if_fail (PRL_IS_HTTP_RESPONSE (self), NULL);

  data = self->body != NULL ? g_bytes_get_data (self->body, &size) : NULL;
  return prl_xml_parse (data != NULL ? data : "", size, error);
}

static char *
json_error_code (GBytes *body)
{
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  gsize       size = 0;
  const char *data = g_bytes_get_data (body, &size);
  const char *code = NULL;
  JsonObject *object;

  if (!json_parser_load_from_data (parser, data, size, NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  object = json_node_get_object (json_parser_get_root (parser));
  for (guint i = 0; code == NULL && i < 3; i++)
    {
      static const char *const keys[] = { "__type", "code", "Code" };
      JsonNode                *member = json_object_get_member (object, keys[i]);

      if (member != NULL && JSON_NODE_HOLDS_VALUE (member)
          && json_node_get_value_type (member) == G_TYPE_STRING)
        code = json_node_get_string (member);
    }
  if (code == NULL)
    return NULL;
  /* "com.amazonaws.transcribe#ThrottlingException" -> "ThrottlingException" */
  if (strchr (code, '#') != NULL)
    code = strrchr (code, '#') + 1;
  return g_strdup (code);
}

/* The service's error code (S3's <Error><Code>, AWS JSON's __type or the
 * x-amzn-ErrorType header), or NULL when the answer carries none. */
char *
prl_http_response_dup_error_code (PrlHttpResponse *self)
{
  const char *header;
  const char *data;
  gsize       size = 0;

  g_return_val_if_fail (PRL_IS_HTTP_RESPONSE (self), NULL);

  header = soup_message_headers_get_one (self->headers, "x-amzn-ErrorType");
  if (header != NULL && *header != '\0')
    return g_strndup (header, strcspn (header, ":"));

  if (self->body == NULL || g_bytes_get_size (self->body) == 0)
    return NULL;
  data = g_bytes_get_data (self->body, &size);
  while (size > 0 && g_ascii_isspace (*data))
    data++, size--;
  if (size > 0 && *data == '{')
    return json_error_code (self->body);
  if (size > 0 && *data == '<')
    {
      g_autoptr (PrlXmlNode) root = prl_xml_parse (data, size, NULL);
      const char *code;

      if (root == NULL || !g_str_equal (prl_xml_node_get_name (root), "Error"))
        return NULL;
      code = prl_xml_node_get_child_text (root, "Code");
      return code != NULL && *code != '\0' ? g_strdup (code) : NULL;
    }
  return NULL;
}
