/* prl-dataset-group.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-dataset-group"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "prl-dataset-row.h"

#include "prl-dataset-group.h"

/* A dataset as the user sees it: the files uploaded together under one
 * name and one type, as in the console this app mirrors. The store keeps
 * the files (PrlDataset) with the id and name of their dataset; this
 * read-only object gathers them for the lists (the GUI's table, the CLI's
 * rows) and sums what a row shows. A test dataset holds audio with its
 * reference transcripts, a manifest dataset a manifest with the audio it
 * names, so a dataset's type is its kind, not every file's type.
 */
struct _PrlDatasetGroup
{
  GObject parent_instance;

  GPtrArray *files;  /* (owned) (element-type PrlDataset): in position order */
  char      *label;  /* (owned) */
  char      *source; /* (owned) */
  double     duration;
  guint64    size;
};

enum
{
  PROP_N_FILES = PRL_DATASET_ROW_N_PROPS,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (PrlDatasetGroup, prl_dataset_group, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

/**
 * prl_dataset_group_kinds:
 * @types: (array length=n_files): each file's decided type
 * @kinds: (out caller-allocates) (array length=n_files): each file's
 *   dataset kind
 *
 * Which dataset each file of an upload joins, by kind: one dataset per
 * kind. Audio goes with the test transcripts it is paired with, or with
 * the manifest that names it when the upload has one.
 */
void
prl_dataset_group_kinds (const PrlDatasetType *types,
                         guint                 n_files,
                         PrlDatasetType       *kinds)
{
  gboolean manifest = FALSE;

  for (guint i = 0; i < n_files; i++)
    manifest |= types[i] == PRL_DATASET_TYPE_MANIFEST;

  for (guint i = 0; i < n_files; i++)
    {
      kinds[i] = types[i];
      if (types[i] == PRL_DATASET_TYPE_AUDIO)
        kinds[i] = manifest ? PRL_DATASET_TYPE_MANIFEST : PRL_DATASET_TYPE_TEST;
    }
}

/* The name without its extension and a trailing number, e.g. "clinic"
 * for "clinic3.wav". */
static char *
stem (GFile *file)
{
  g_autofree char *base = g_file_get_basename (file);
  char            *dot = strrchr (base, '.');
  gsize            len;

  if (dot != NULL && dot != base)
    *dot = '\0';
  len = strlen (base);
  while (len > 1 && (g_ascii_isdigit (base[len - 1]) || strchr ("-_ .", base[len - 1])))
    len--;
  return g_strndup (base, len);
}

/**
 * prl_dataset_default_name:
 * @files: (array length=n_files): the files of one dataset
 *
 * What a new dataset is called until the user names it: a single file's
 * name, the name several files share ("clinic" for clinic1.wav …
 * clinic4.txt), else the first file's name.
 *
 * Returns: (transfer full): the name
 */
char *
prl_dataset_default_name (GFile **files, guint n_files)
{
  g_autofree char *first = NULL;

  g_return_val_if_fail (n_files > 0, NULL);

  /* One file keeps its whole name, as a dataset of one file always was. */
  if (n_files == 1)
    return g_file_get_basename (files[0]);

  first = stem (files[0]);
  for (guint i = 1; i < n_files; i++)
    {
      g_autofree char *other = stem (files[i]);

      if (g_strcmp0 (first, other) != 0)
        g_clear_pointer (&first, g_free);
      if (first == NULL)
        break;
    }
  if (first != NULL && *first != '\0')
    return g_steal_pointer (&first);

  return g_file_get_basename (files[0]);
}

/**
 * prl_dataset_names_taken:
 * @files: a #GListModel of #PrlDataset: a model's files
 *
 * Returns: (transfer full) (element-type utf8 utf8): the names of the
 *   datasets @files belong to, case-folded (names compare without case)
 */
GHashTable *
prl_dataset_names_taken (GListModel *files)
{
  GHashTable *taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint       n = g_list_model_get_n_items (files);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (PrlDataset) file = g_list_model_get_item (files, i);

      g_hash_table_add (taken, g_utf8_casefold (prl_dataset_get_group_name (file), -1));
    }
  return taken;
}

/**
 * prl_dataset_unused_name:
 * @taken: (element-type utf8 utf8): case-folded names in use, see
 *   prl_dataset_names_taken()
 *
 * Returns: (transfer full): @name, or "@name (2)", "@name (3)"… when
 *   @taken has it already
 */
char *
prl_dataset_unused_name (GHashTable *taken, const char *name)
{
  char *candidate = g_strdup (name);

  for (guint n = 2;; n++)
    {
      g_autofree char *folded = g_utf8_casefold (candidate, -1);

      if (!g_hash_table_contains (taken, folded))
        return candidate;
      g_free (candidate);
      /* Translators: a dataset's name made unique, e.g. "clinic (2)" */
      candidate = g_strdup_printf (_ ("%s (%u)"), name, n);
    }
}

/**
 * prl_dataset_kind_get_label:
 * @kind: a kind from prl_dataset_group_kinds()
 *
 * Returns: the kind as people read it, e.g. "Test audio and transcripts"
 */
const char *
prl_dataset_kind_get_label (PrlDatasetType kind)
{
  return kind == PRL_DATASET_TYPE_TEST ? _ ("Test audio and transcripts")
                                       : prl_dataset_type_get_label (kind);
}

static void
prl_dataset_group_finalize (GObject *object)
{
  PrlDatasetGroup *self = PRL_DATASET_GROUP (object);

  g_ptr_array_unref (self->files);
  g_free (self->label);
  g_free (self->source);

  G_OBJECT_CLASS (prl_dataset_group_parent_class)->finalize (object);
}

static void
prl_dataset_group_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PrlDatasetGroup *self = PRL_DATASET_GROUP (object);

  if (prop_id == PROP_N_FILES)
    g_value_set_uint (value, self->files->len);
  else if (prop_id > 0 && prop_id < PRL_DATASET_ROW_N_PROPS)
    {
      PrlDatasetRow row = {
        .id = prl_dataset_group_get_id (self),
        .name = prl_dataset_group_get_name (self),
        .type_label = self->label,
        .duration = self->duration,
        .source = self->source,
        .started = prl_dataset_group_get_started (self),
        .ended = prl_dataset_group_get_ended (self),
      };

      _prl_dataset_row_get_property (&row, prop_id, value);
    }
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
prl_dataset_group_class_init (PrlDatasetGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = prl_dataset_group_finalize;
  object_class->get_property = prl_dataset_group_get_property;

  _prl_dataset_row_install_properties (properties, flags);
  properties[PROP_N_FILES]
      = g_param_spec_uint ("n-files", NULL, NULL, 0, G_MAXUINT, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
prl_dataset_group_init (PrlDatasetGroup *self)
{
  self->files = g_ptr_array_new_with_free_func (g_object_unref);
  self->duration = -1;
}

/**
 * prl_dataset_group_type_of:
 * @files: (element-type PrlDataset): files of one dataset
 * @first: the first of them in @files
 * @n: how many
 *
 * The type a dataset is filed under: its files' one type, TEST for audio
 * with its reference transcripts, MANIFEST for a manifest with its audio.
 */
PrlDatasetType
prl_dataset_group_type_of (GPtrArray *files, guint first, guint n)
{
  PrlDatasetType type = prl_dataset_get_dataset_type (g_ptr_array_index (files, first));

  for (guint i = first; i < first + n; i++)
    {
      PrlDatasetType other = prl_dataset_get_dataset_type (g_ptr_array_index (files, i));

      if (other == PRL_DATASET_TYPE_MANIFEST)
        return other;
      if (other != type)
        type = PRL_DATASET_TYPE_TEST;
    }
  return type;
}

/**
 * prl_dataset_group_get_dataset_type:
 *
 * Returns: the type the dataset is filed under, see
 *   prl_dataset_group_type_of()
 */
PrlDatasetType
prl_dataset_group_get_dataset_type (PrlDatasetGroup *self)
{
  g_return_val_if_fail (PRL_IS_DATASET_GROUP (self), PRL_DATASET_TYPE_AUTO);
  return prl_dataset_group_type_of (self->files, 0, self->files->len);
}

static char *
describe_type (GPtrArray *files)
{
  gboolean       audio = FALSE, test = FALSE;
  PrlDatasetType first = prl_dataset_get_dataset_type (g_ptr_array_index (files, 0));

  for (guint i = 0; i < files->len; i++)
    {
      PrlDatasetType type = prl_dataset_get_dataset_type (g_ptr_array_index (files, i));

      audio |= type == PRL_DATASET_TYPE_AUDIO;
      test |= type == PRL_DATASET_TYPE_TEST;
    }

  if (audio && test)
    return g_strdup (_ ("Test audio and transcripts"));
  if (audio && first != PRL_DATASET_TYPE_AUDIO)
    /* A manifest with the audio it names. */
    return g_strdup (prl_dataset_type_get_label (PRL_DATASET_TYPE_MANIFEST));
  return g_strdup (prl_dataset_type_get_label (first));
}

/* The folder all of @paths are in, or NULL. */
static char *
common_folder (GPtrArray *files)
{
  g_autofree char *folder = NULL;

  for (guint i = 0; i < files->len; i++)
    {
      const char      *source = prl_dataset_get_source (g_ptr_array_index (files, i));
      g_autofree char *dir = NULL;

      if (*source == '\0')
        return NULL;
      dir = g_path_get_dirname (source);
      if (folder == NULL)
        folder = g_steal_pointer (&dir);
      else if (strcmp (folder, dir) != 0)
        return NULL;
    }
  return g_steal_pointer (&folder);
}

static char *
describe_source (GPtrArray *files)
{
  PrlDataset      *first = g_ptr_array_index (files, 0);
  g_autofree char *folder = NULL;

  if (files->len == 1)
    return g_strdup (*prl_dataset_get_source (first) != '\0'
                         ? prl_dataset_get_source (first)
                         : prl_dataset_get_name (first));

  folder = common_folder (files);
  if (folder != NULL)
    /* Translators: %s is a folder, %u how many files were uploaded from it */
    return g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "%s (%u file)", "%s (%u files)", files->len),
        folder, files->len);

  /* Translators: %s is a file name, %u how many more files there are */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s and %u more file",
                                       "%s and %u more files", files->len - 1),
                          *prl_dataset_get_source (first) != '\0'
                              ? prl_dataset_get_source (first)
                              : prl_dataset_get_name (first),
                          files->len - 1);
}

static PrlDatasetGroup *
group_new (GPtrArray *files)
{
  PrlDatasetGroup *self = g_object_new (PRL_TYPE_DATASET_GROUP, NULL);

  for (guint i = 0; i < files->len; i++)
    g_ptr_array_add (self->files, g_object_ref (g_ptr_array_index (files, i)));
  for (guint i = 0; i < self->files->len; i++)
    {
      PrlDataset *file = g_ptr_array_index (self->files, i);

      self->size += prl_dataset_get_size (file);
      if (prl_dataset_get_duration (file) >= 0)
        self->duration = MAX (self->duration, 0) + prl_dataset_get_duration (file);
    }
  self->label = describe_type (self->files);
  self->source = describe_source (self->files);
  return self;
}

static int
compare_position (gconstpointer a, gconstpointer b)
{
  guint pa = prl_dataset_get_position (*(PrlDataset **)a);
  guint pb = prl_dataset_get_position (*(PrlDataset **)b);

  return pa < pb ? -1 : pa > pb;
}

/**
 * prl_dataset_group_collect:
 * @files: a #GListModel of #PrlDataset, e.g. prl_workspace_get_datasets()
 *
 * Gathers the files into their datasets, in the order each dataset's
 * first file comes in @files (upload order for the workspace's list).
 *
 * Returns: (transfer full) (element-type PrlDatasetGroup): the datasets
 */
GPtrArray *
prl_dataset_group_collect (GListModel *files)
{
  g_autoptr (GHashTable) by_id = g_hash_table_new_full (
      g_int64_hash, g_int64_equal, g_free, (GDestroyNotify)g_ptr_array_unref);
  g_autoptr (GPtrArray) order = g_ptr_array_new ();
  GPtrArray *groups = g_ptr_array_new_with_free_func (g_object_unref);
  guint      n;

  g_return_val_if_fail (G_IS_LIST_MODEL (files), groups);

  n = g_list_model_get_n_items (files);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (PrlDataset) file = g_list_model_get_item (files, i);
      gint64    *id = g_new (gint64, 1);
      GPtrArray *members;

      *id = prl_dataset_get_group_id (file);
      if (!(members = g_hash_table_lookup (by_id, id)))
        {
          members = g_ptr_array_new_with_free_func (g_object_unref);
          g_ptr_array_add (order, id);
          g_hash_table_insert (by_id, id, members);
        }
      else
        g_free (id);
      g_ptr_array_add (members, g_steal_pointer (&file));
    }

  for (guint i = 0; i < order->len; i++)
    {
      GPtrArray *members = g_hash_table_lookup (by_id, g_ptr_array_index (order, i));

      g_ptr_array_sort (members, compare_position);
      g_ptr_array_add (groups, group_new (members));
    }
  return groups;
}

gint64
prl_dataset_group_get_id (PrlDatasetGroup *self)
{
  g_return_val_if_fail (PRL_IS_DATASET_GROUP (self), 0);
  return prl_dataset_get_group_id (g_ptr_array_index (self->files, 0));
}

const char *
prl_dataset_group_get_name (PrlDatasetGroup *self)
{
  g_return_val_if_fail (PRL_IS_DATASET_GROUP (self), NULL);
  return prl_dataset_get_group_name (g_ptr_array_index (self->files, 0));
}

/**
 * prl_dataset_group_get_type_label:
 *
 * Returns: the dataset's type as people read it, e.g. "Training text" or
 *   "Test audio and transcripts"
 */
const char *
prl_dataset_group_get_type_label (PrlDatasetGroup *self)
{
  g_return_val_if_fail (PRL_IS_DATASET_GROUP (self), NULL);
  return self->label;
}

guint
prl_dataset_group_get_n_files (PrlDatasetGroup *self)
{
  g_return_val_if_fail (PRL_IS_DATASET_GROUP (self), 0);
  return self->files->len;
}

/**
 * prl_dataset_group_get_file:
 *
 * Returns: (transfer none): the file at @position
 */
PrlDataset *
prl_dataset_group_get_file (PrlDatasetGroup *self, guint position)
{
  g_return_val_if_fail (PRL_IS_DATASET_GROUP (self), NULL);
  g_return_val_if_fail (position < self->files->len, NULL);
  return g_ptr_array_index (self->files, position);
}

double
prl_dataset_group_get_duration (PrlDatasetGroup *self)
{
  g_return_val_if_fail (PRL_IS_DATASET_GROUP (self), -1);
  return self->duration;
}

guint64
prl_dataset_group_get_size (PrlDatasetGroup *self)
{
  g_return_val_if_fail (PRL_IS_DATASET_GROUP (self), 0);
  return self->size;
}

const char *
prl_dataset_group_get_source (PrlDatasetGroup *self)
{
  g_return_val_if_fail (PRL_IS_DATASET_GROUP (self), NULL);
  return self->source;
}

/* The dataset's provenance (see prl_dataset_get_provenance()), or NULL. */
const char *
prl_dataset_group_get_provenance (PrlDatasetGroup *self)
{
  g_return_val_if_fail (PRL_IS_DATASET_GROUP (self), NULL);
  return self->files->len > 0
             ? prl_dataset_get_provenance (g_ptr_array_index (self->files, 0))
             : NULL;
}

/* The earliest (@sign -1) or latest (@sign 1) time @get gives of a file. */
static GDateTime *
extreme_time (GPtrArray *files, GDateTime *(*get) (PrlDataset *), int sign)
{
  GDateTime *found = get (g_ptr_array_index (files, 0));

  for (guint i = 1; i < files->len; i++)
    {
      GDateTime *t = get (g_ptr_array_index (files, i));

      if (g_date_time_compare (t, found) * sign > 0)
        found = t;
    }
  return found;
}

/**
 * prl_dataset_group_get_started:
 *
 * Returns: (transfer none): when copying the first file began
 */
GDateTime *
prl_dataset_group_get_started (PrlDatasetGroup *self)
{
  g_return_val_if_fail (PRL_IS_DATASET_GROUP (self), NULL);
  return extreme_time (self->files, prl_dataset_get_started, -1);
}

/**
 * prl_dataset_group_get_ended:
 *
 * Returns: (transfer none): when the last file was copied and checked
 */
GDateTime *
prl_dataset_group_get_ended (PrlDatasetGroup *self)
{
  g_return_val_if_fail (PRL_IS_DATASET_GROUP (self), NULL);
  return extreme_time (self->files, prl_dataset_get_ended, 1);
}
