/* media-test-util.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "media-test-util.h"

static void
set_rank (GHashTable *saved, const char *name, guint rank)
{
  g_autoptr (GstPluginFeature) feature = NULL;

  feature = gst_registry_lookup_feature (gst_registry_get (), name);
  if (feature == NULL)
    return;

  if (saved != NULL)
    g_hash_table_insert (saved, g_strdup (name),
                         GUINT_TO_POINTER (gst_plugin_feature_get_rank (feature)));
  gst_plugin_feature_set_rank (feature, rank);
}

static void
restore_rank (gpointer key, gpointer value, gpointer user_data)
{
  set_rank (NULL, key, GPOINTER_TO_UINT (value));
}

GHashTable *
prl_test_hide_decoders (const char *caps_text)
{
  GHashTable *saved = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GstCaps) caps = gst_caps_from_string (caps_text);
  GList *decoders = gst_element_factory_list_get_elements (
      GST_ELEMENT_FACTORY_TYPE_DECODER, GST_RANK_NONE);

  for (GList *l = decoders; l != NULL; l = l->next)
    {
      GstElementFactory *factory = l->data;

      if (gst_element_factory_can_sink_any_caps (factory, caps))
        set_rank (saved, gst_plugin_feature_get_name (factory), GST_RANK_NONE);
    }
  gst_plugin_feature_list_free (decoders);
  return saved;
}

void
prl_test_restore_decoders (GHashTable *hidden)
{
  g_hash_table_foreach (hidden, restore_rank, NULL);
  g_hash_table_unref (hidden);
}
