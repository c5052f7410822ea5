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
#define PRL_TRANSCRIPT_MAX_FILE_SIZE (G_GUINT64_CONSTANT (256) << 20)
#define PRL_TRANSCRIPT_MAX_LINE      ((gsize)16 << 20)

typedef enum
{
  PRL_TRANSCRIPT_FORMAT_AUTO,
  PRL_TRANSCRIPT_FORMAT_TRN,
  PRL_TRANSCRIPT_FORMAT_PLAIN,
} PrlTranscriptFormat;

/* One utterance; the strings live as long as their PrlTranscript. */
typedef struct
{
  const char *id;
  const char *text;
  guint       line;
} PrlTranscriptEntry;

typedef struct
{
  const PrlTranscriptEntry *ref;
  const PrlTranscriptEntry *hyp;
} PrlTranscriptPair;

typedef struct _PrlTranscript PrlTranscript;

#define PRL_TYPE_TRANSCRIPT (prl_transcript_get_type ())

GType                     prl_transcript_get_type        (void) G_GNUC_CONST;
PrlTranscript            *prl_transcript_load            (const char           *path,
                                                          PrlTranscriptFormat   format,
                                                          GError              **error) G_GNUC_WARN_UNUSED_RESULT;
PrlTranscript            *prl_transcript_parse           (const char           *name,
                                                          const char           *data,
                                                          gssize                length,
                                                          PrlTranscriptFormat   format,
                                                          GError              **error) G_GNUC_WARN_UNUSED_RESULT;
PrlTranscript            *prl_transcript_ref             (PrlTranscript        *self);
void                      prl_transcript_unref           (PrlTranscript        *self);
const char               *prl_transcript_get_name        (PrlTranscript        *self);
PrlTranscriptFormat       prl_transcript_get_format      (PrlTranscript        *self);
guint                     prl_transcript_get_n_entries   (PrlTranscript        *self);
const PrlTranscriptEntry *prl_transcript_get_entry       (PrlTranscript        *self,
                                                          guint                 index);
const PrlTranscriptEntry *prl_transcript_lookup          (PrlTranscript        *self,
                                                          const char           *id);
GArray                   *prl_transcript_pair            (PrlTranscript        *ref,
                                                          PrlTranscript        *hyp,
                                                          GError              **error) G_GNUC_WARN_UNUSED_RESULT;
char                     *prl_transcript_speaker_for_id  (const char           *id) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrlTranscript, prl_transcript_unref)

G_END_DECLS
