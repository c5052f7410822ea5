/* prl-transcription-page.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "prl-provider.h"
#include "prl-workspace.h"

G_BEGIN_DECLS

#define PRL_TYPE_TRANSCRIPTION_PAGE (prl_transcription_page_get_type ())

G_DECLARE_FINAL_TYPE (PrlTranscriptionPage, prl_transcription_page, PRL, TRANSCRIPTION_PAGE, GtkWidget)

GtkWidget           *prl_transcription_page_new               (void);
void                 prl_transcription_page_set_workspace     (PrlTranscriptionPage *self,
                                                               PrlWorkspace         *workspace);
void                 prl_transcription_page_set_audio         (PrlTranscriptionPage *self,
                                                               GFile                *audio);
void                 prl_transcription_page_set_known_text    (PrlTranscriptionPage *self,
                                                               const char           *text);
void                 prl_transcription_page_load_known_text   (PrlTranscriptionPage *self,
                                                               GFile                *file);
void                 prl_transcription_page_set_align_mode    (PrlTranscriptionPage *self,
                                                               gboolean              align);
gboolean             prl_transcription_page_get_busy          (PrlTranscriptionPage *self);
const PrlTranscript *prl_transcription_page_get_transcript    (PrlTranscriptionPage *self);
double               prl_transcription_page_get_seek_position (PrlTranscriptionPage *self);
gboolean             prl_transcription_page_play_from_offset  (PrlTranscriptionPage *self,
                                                               int                   offset);
char                *prl_transcription_page_dup_text          (PrlTranscriptionPage *self) G_GNUC_WARN_UNUSED_RESULT;
void                 prl_transcription_page_export            (PrlTranscriptionPage *self,
                                                               const char           *format,
                                                               GFile                *dest);

G_END_DECLS
