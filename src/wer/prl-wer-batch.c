/* prl-wer-batch.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-wer-batch"

#include "config.h"

#include "prl-wer-batch.h"
#include "prl-wer-private.h"

/*
 * PrlWerBatch is the list of (id, reference, hypothesis) texts that
 * PrlWerService scores in one go. While it is being scored it is frozen:
 * worker threads read its items without locks. Its "progress" and
 * "n-scored" properties are updated on the scoring caller's main context,
 * at most four times a second, so they can be bound to widgets directly.
 */

typedef struct
{
  const char *id;
  const char *ref_text;
  const char *hyp_text;
} Item;

struct _PrlWerBatch
{
  GObject parent_instance;

  GStringChunk *strings;     /* (owned) */
  GArray       *items;       /* (owned) Item, pointing into strings or transcripts */
  GPtrArray    *transcripts; /* (owned) (nullable) PrlTrn the items point into */
  guint         n_scored;
  gboolean      running;
};

enum
{
  PROP_0,
  PROP_N_ITEMS,
  PROP_N_SCORED,
  PROP_PROGRESS,
  PROP_RUNNING,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (PrlWerBatch, prl_wer_batch, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static void
prl_wer_batch_finalize (GObject *object)
{
  PrlWerBatch *self = PRL_WER_BATCH (object);

  g_clear_pointer (&self->strings, g_string_chunk_free);
  g_clear_pointer (&self->items, g_array_unref);
  g_clear_pointer (&self->transcripts, g_ptr_array_unref);

  G_OBJECT_CLASS (prl_wer_batch_parent_class)->finalize (object);
}

static void
prl_wer_batch_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  PrlWerBatch *self = PRL_WER_BATCH (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->items->len);
      break;

    case PROP_N_SCORED:
      g_value_set_uint (value, self->n_scored);
      break;

    case PROP_PROGRESS:
      g_value_set_double (value, prl_wer_batch_get_progress (self));
      break;

    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
prl_wer_batch_class_init (PrlWerBatchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = prl_wer_batch_finalize;
  object_class->get_property = prl_wer_batch_get_property;

  properties[PROP_N_ITEMS] = g_param_spec_uint (
      "n-items", NULL, NULL, 0, G_MAXUINT, 0,
      (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_N_SCORED] = g_param_spec_uint (
      "n-scored", NULL, NULL, 0, G_MAXUINT, 0,
      (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * PrlWerBatch:progress:
   *
   * Fraction of the items scored in the current run, from 0 to 1.
   */
  properties[PROP_PROGRESS] = g_param_spec_double (
      "progress", NULL, NULL, 0.0, 1.0, 0.0,
      (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_RUNNING] = g_param_spec_boolean (
      "running", NULL, NULL, FALSE,
      (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
prl_wer_batch_init (PrlWerBatch *self)
{
  self->strings = g_string_chunk_new (4096);
  self->items = g_array_new (FALSE, FALSE, sizeof (Item));
}

PrlWerBatch *
prl_wer_batch_new (void)
{
  return g_object_new (PRL_TYPE_WER_BATCH, NULL);
}

/**
 * prl_wer_batch_new_from_pairs:
 * @pairs: (element-type PrlTrnPair): pairs from prl_trn_pair()
 *
 * Returns: (transfer full): a batch holding copies of the texts
 */
PrlWerBatch *
prl_wer_batch_new_from_pairs (GArray *pairs)
{
  PrlWerBatch *self = prl_wer_batch_new ();

  g_return_val_if_fail (pairs != NULL, self);

  /* One notification, not one per item. */
  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 0; i < pairs->len; i++)
    {
      const PrlTrnPair *pair = &g_array_index (pairs, PrlTrnPair, i);

      prl_wer_batch_add (self, pair->hyp->id, pair->ref->text, pair->hyp->text);
    }
  g_object_thaw_notify (G_OBJECT (self));

  return self;
}

/**
 * prl_wer_batch_new_for_trns:
 * @ref: the reference transcript
 * @hyp: the hypothesis transcript
 *
 * Pairs @hyp with @ref (see prl_trn_pair()) and holds a reference
 * on both instead of copying their texts, which is faster for large files.
 *
 * Returns: (transfer full) (nullable): the batch, or %NULL with @error set
 */
PrlWerBatch *
prl_wer_batch_new_for_trns (PrlTrn *ref, PrlTrn *hyp, GError **error)
{
  g_autoptr (GArray) pairs = NULL;
  PrlWerBatch *self;

  g_return_val_if_fail (ref != NULL, NULL);
  g_return_val_if_fail (hyp != NULL, NULL);

  if (!(pairs = prl_trn_pair (ref, hyp, error)))
    return NULL;

  self = prl_wer_batch_new ();
  self->transcripts = g_ptr_array_new_with_free_func ((GDestroyNotify)prl_trn_unref);
  g_ptr_array_add (self->transcripts, prl_trn_ref (ref));
  g_ptr_array_add (self->transcripts, prl_trn_ref (hyp));
  g_array_set_size (self->items, pairs->len);
  for (guint i = 0; i < pairs->len; i++)
    {
      const PrlTrnPair *pair = &g_array_index (pairs, PrlTrnPair, i);
      Item             *item = &g_array_index (self->items, Item, i);

      item->id = pair->hyp->id;
      item->ref_text = pair->ref->text;
      item->hyp_text = pair->hyp->text;
    }

  return self;
}

void
prl_wer_batch_add (PrlWerBatch *self,
                   const char  *id,
                   const char  *ref_text,
                   const char  *hyp_text)
{
  Item item;

  g_return_if_fail (PRL_IS_WER_BATCH (self));
  g_return_if_fail (!self->running);
  g_return_if_fail (id != NULL && ref_text != NULL && hyp_text != NULL);

  item.id = g_string_chunk_insert (self->strings, id);
  item.ref_text = g_string_chunk_insert (self->strings, ref_text);
  item.hyp_text = g_string_chunk_insert (self->strings, hyp_text);
  g_array_append_val (self->items, item);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

guint
prl_wer_batch_get_n_items (PrlWerBatch *self)
{
  g_return_val_if_fail (PRL_IS_WER_BATCH (self), 0);

  return self->items->len;
}

/* Safe from any thread while the batch is running: items are frozen. */
void
prl_wer_batch_get_item (PrlWerBatch *self,
                        guint        index,
                        const char **id,
                        const char **ref_text,
                        const char **hyp_text)
{
  const Item *item;

  g_return_if_fail (PRL_IS_WER_BATCH (self));
  g_return_if_fail (index < self->items->len);

  item = &g_array_index (self->items, Item, index);
  if (id != NULL)
    *id = item->id;
  if (ref_text != NULL)
    *ref_text = item->ref_text;
  if (hyp_text != NULL)
    *hyp_text = item->hyp_text;
}

gboolean
prl_wer_batch_get_running (PrlWerBatch *self)
{
  g_return_val_if_fail (PRL_IS_WER_BATCH (self), FALSE);

  return self->running;
}

guint
prl_wer_batch_get_n_scored (PrlWerBatch *self)
{
  g_return_val_if_fail (PRL_IS_WER_BATCH (self), 0);

  return self->n_scored;
}

double
prl_wer_batch_get_progress (PrlWerBatch *self)
{
  g_return_val_if_fail (PRL_IS_WER_BATCH (self), 0.0);

  if (self->items->len == 0)
    return self->running ? 0.0 : 1.0;
  return (double)self->n_scored / self->items->len;
}

void
_prl_wer_batch_set_running (PrlWerBatch *self, gboolean running)
{
  g_assert (PRL_IS_WER_BATCH (self));

  if (self->running == running)
    return;

  self->running = running;
  if (running)
    _prl_wer_batch_set_n_scored (self, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

void
_prl_wer_batch_set_n_scored (PrlWerBatch *self, guint n_scored)
{
  g_assert (PRL_IS_WER_BATCH (self));

  if (self->n_scored == n_scored)
    return;

  self->n_scored = n_scored;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SCORED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
}
