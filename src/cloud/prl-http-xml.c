/* prl-http-xml.c
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
#include "prl-http-xml.h"

/* S3's documents are a few levels deep; these bounds only stop abuse. */
#define MAX_DEPTH 32
#define MAX_NODES 500000

struct _PrlXmlNode
{
  char      *name;
  GString   *text;
  GPtrArray *children; /* (element-type PrlXmlNode) (owned) (nullable) */
};

typedef struct
{
  PrlXmlNode *root;
  GPtrArray  *stack; /* (element-type PrlXmlNode) (unowned) */
  guint       n_nodes;
} ParseState;

void
prl_xml_node_free (PrlXmlNode *node)
{
  if (node == NULL)
    return;
  g_free (node->name);
  g_string_free (node->text, TRUE);
  g_clear_pointer (&node->children, g_ptr_array_unref);
  g_free (node);
}

static const char *
local_name (const char *name)
{
  const char *colon = strrchr (name, ':');

  return colon != NULL ? colon + 1 : name;
}

static void
start_element_cb (GMarkupParseContext *context,
                  const char          *element_name,
                  const char         **attribute_names,
                  const char         **attribute_values,
                  gpointer             user_data,
                  GError             **error)
{
  ParseState *state = user_data;
  PrlXmlNode *node;

  if (state->stack->len >= MAX_DEPTH || ++state->n_nodes > MAX_NODES)
    {
      g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                   "the document is nested too deeply or has too many elements");
      return;
    }
  if (state->stack->len == 0 && state->root != NULL)
    {
      g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                   "the document has more than one root element");
      return;
    }

  node = g_new0 (PrlXmlNode, 1);
  node->name = g_strdup (local_name (element_name));
  node->text = g_string_new (NULL);

  if (state->stack->len == 0)
    state->root = node;
  else
    {
      PrlXmlNode *parent = g_ptr_array_index (state->stack, state->stack->len - 1);

      if (parent->children == NULL)
        parent->children
            = g_ptr_array_new_with_free_func ((GDestroyNotify)prl_xml_node_free);
      g_ptr_array_add (parent->children, node);
    }
  g_ptr_array_add (state->stack, node);
}

static void
end_element_cb (GMarkupParseContext *context,
                const char          *element_name,
                gpointer             user_data,
                GError             **error)
{
  ParseState *state = user_data;
  PrlXmlNode *node = g_ptr_array_steal_index (state->stack, state->stack->len - 1);

  /* Indentation between child elements is not content. */
  if (node->children != NULL)
    g_string_truncate (node->text, 0);
}

static void
text_cb (GMarkupParseContext *context,
         const char          *text,
         gsize                text_len,
         gpointer             user_data,
         GError             **error)
{
  ParseState *state = user_data;

  if (state->stack->len > 0)
    {
      PrlXmlNode *node = g_ptr_array_index (state->stack, state->stack->len - 1);

      g_string_append_len (node->text, text, text_len);
    }
}

static const GMarkupParser parser = {
  start_element_cb, end_element_cb, text_cb, NULL, NULL,
};

PrlXmlNode *
prl_xml_parse (const char *data, gssize length, GError **error)
{
  g_autoptr (GMarkupParseContext) context = NULL;
  g_autoptr (GError) local_error = NULL;
  ParseState state = { NULL, NULL, 0 };

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  state.stack = g_ptr_array_new ();
  context = g_markup_parse_context_new (&parser, G_MARKUP_PREFIX_ERROR_POSITION, &state,
                                        NULL);
  if (!g_markup_parse_context_parse (context, data != NULL ? data : "", length,
                                     &local_error)
      || !g_markup_parse_context_end_parse (context, &local_error) || state.root == NULL)
    {
      g_ptr_array_unref (state.stack);
      prl_xml_node_free (state.root);
      g_set_error (error, PRL_HTTP_ERROR, PRL_HTTP_ERROR_BAD_RESPONSE,
                   _ ("The server’s answer is not the XML document it should be (%s). "
                      "Check that the endpoint URL points at an S3-compatible service."),
                   local_error != NULL ? local_error->message : _ ("no root element"));
      return NULL;
    }
  g_ptr_array_unref (state.stack);
  return state.root;
}

const char *
prl_xml_node_get_name (const PrlXmlNode *node)
{
  g_return_val_if_fail (node != NULL, NULL);
  return node->name;
}

const char *
prl_xml_node_get_text (const PrlXmlNode *node)
{
  g_return_val_if_fail (node != NULL, NULL);
  return node->text->str;
}

guint
prl_xml_node_get_n_children (const PrlXmlNode *node)
{
  g_return_val_if_fail (node != NULL, 0);
  return node->children != NULL ? node->children->len : 0;
}

PrlXmlNode *
prl_xml_node_get_nth_child (const PrlXmlNode *node, guint n)
{
  g_return_val_if_fail (node != NULL, NULL);
  if (node->children == NULL || n >= node->children->len)
    return NULL;
  return g_ptr_array_index (node->children, n);
}

PrlXmlNode *
prl_xml_node_get_child (const PrlXmlNode *node, const char *name)
{
  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; node->children != NULL && i < node->children->len; i++)
    {
      PrlXmlNode *child = g_ptr_array_index (node->children, i);

      if (g_str_equal (child->name, name))
        return child;
    }
  return NULL;
}

const char *
prl_xml_node_get_child_text (const PrlXmlNode *node, const char *name)
{
  PrlXmlNode *child = prl_xml_node_get_child (node, name);

  return child != NULL ? child->text->str : NULL;
}
