/* prl-trn.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The largest transcript file read (256 MiB, some 40 million words) and the
 * longest line (16 MiB, some 2 million words). */
#define PRL_TRN_MAX_FILE_SIZE (G_GUINT64_CONSTANT (256) << 20)
#define PRL_TRN_MAX_LINE      ((gsize)16 << 20)

typedef enum
{
  PRL_TRN_FORMAT_AUTO,
  PRL_TRN_FORMAT_TRN,
  PRL_TRN_FORMAT_PLAIN,
} PrlTrnFormat;

/* One utterance; the strings live as long as their PrlTrn. */
typedef struct
{
  const char *id;
  const char *text;
  guint       line;
} PrlTrnEntry;

typedef struct
{
  const PrlTrnEntry *ref;
  const PrlTrnEntry *hyp;
} PrlTrnPair;

typedef struct _PrlTrn PrlTrn;

#define PRL_TYPE_TRN (prl_trn_get_type ())

GType                     prl_trn_get_type        (void) G_GNUC_CONST;
PrlTrn            *prl_trn_load            (const char           *path,
                                                          PrlTrnFormat   format,
                                                          GError              **error) G_GNUC_WARN_UNUSED_RESULT;
PrlTrn            *prl_trn_parse           (const char           *name,
                                                          const char           *data,
                                                          gssize                length,
                                                          PrlTrnFormat   format,
                                                          GError              **error) G_GNUC_WARN_UNUSED_RESULT;
PrlTrn            *prl_trn_ref             (PrlTrn        *self);
void                      prl_trn_unref           (PrlTrn        *self);
PrlTrnFormat       prl_trn_get_format      (PrlTrn        *self);
guint                     prl_trn_get_n_entries   (PrlTrn        *self);
const PrlTrnEntry *prl_trn_get_entry       (PrlTrn        *self,
                                                          guint                 index);
const PrlTrnEntry *prl_trn_lookup          (PrlTrn        *self,
                                                          const char           *id);
GArray                   *prl_trn_pair            (PrlTrn        *ref,
                                                          PrlTrn        *hyp,
                                                          GError              **error) G_GNUC_WARN_UNUSED_RESULT;
char                     *prl_trn_speaker_for_id  (const char           *id) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrlTrn, prl_trn_unref)

G_END_DECLS
