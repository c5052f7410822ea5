/* prl-quick-setup-dialog-private.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "prl-cloud-account-store.h"
#include "prl-job.h"
#include "prl-quick-setup-dialog.h"

G_BEGIN_DECLS

struct _PrlQuickSetupDialog
{
  AdwWindow parent_instance;

  /* Template widgets */
  GtkWidget      *add_files_button;
  GtkWidget      *add_folder_button;
  GtkLabel       *audio_error;
  GtkWidget      *back_button;
  GtkWidget      *clear_button;
  GtkWidget      *drop_unpaired_button;
  AdwEntryRow    *keywords_row;
  GtkWidget      *load_button;
  AdwEntryRow    *name_row;
  GtkWidget      *next_button;
  GtkLabel       *options_error;
  GtkLabel       *pairs_label;
  GtkListBox     *pairs_list;
  GtkProgressBar *progress_bar;
  GtkWidget      *propose_button;
  AdwPreferencesGroup *provider_group;
  GtkSpinButton  *rounds_spin;
  GtkLabel       *run_error;
  AdwStatusPage  *run_page;
  GtkStack       *stack;
  GtkWidget      *text_clear_button;
  GtkLabel       *text_error;
  AdwActionRow   *text_row;
  GtkWidget      *unpaired_box;
  GtkLabel       *unpaired_label;
  AdwActionRow   *wiki_row;

  /* Owned references */
  PrlWorkspace     *workspace;       /* (owned) */
  PrlCloudAccounts *accounts;        /* (owned) */
  GCancellable     *cancellable;     /* (owned): what the dialog waits for */
  GPtrArray        *paths;           /* (owned) (element-type filename): chosen */
  GPtrArray        *pairs;           /* (owned) (element-type PrlQuickSetupPair) */
  GPtrArray        *unpaired;        /* (owned) (element-type utf8) */
  GPtrArray        *provider_checks; /* (owned) (element-type GtkCheckButton) */
  char             *text_path;       /* (nullable): the training text */
  char             *api_url;
  char             *link_dir;        /* (nullable): the pairs, linked by name */
  PrlJob           *job;             /* (owned) (nullable): the pipeline followed */

  gboolean busy;
  gboolean name_edited;
  gboolean naming; /* the dialog itself sets the name */
};

void     _prl_quick_setup_dialog_show_error      (PrlQuickSetupDialog *self,
                                                  GtkLabel            *label,
                                                  const char          *message);
void     _prl_quick_setup_dialog_update          (PrlQuickSetupDialog *self);
void     _prl_quick_setup_dialog_propose_name    (PrlQuickSetupDialog *self,
                                                  const char          *base);
void     _prl_quick_setup_dialog_fill_providers  (PrlQuickSetupDialog *self);
void     _prl_quick_setup_dialog_class_init_text (GtkWidgetClass      *widget_class);
gboolean _prl_quick_setup_dialog_check_audio     (PrlQuickSetupDialog *self,
                                                  GError             **error);
gboolean _prl_quick_setup_dialog_check_text      (PrlQuickSetupDialog *self,
                                                  GError             **error);
gboolean _prl_quick_setup_dialog_check_options   (PrlQuickSetupDialog *self,
                                                  const char         **provider,
                                                  int                 *rounds,
                                                  GError             **error);
void     _prl_quick_setup_dialog_start           (PrlQuickSetupDialog *self);
void     _prl_quick_setup_dialog_cancel          (PrlQuickSetupDialog *self);
void     _prl_quick_setup_dialog_stop_following  (PrlQuickSetupDialog *self);
void     _prl_quick_setup_dialog_remove_links    (PrlQuickSetupDialog *self);

G_END_DECLS
