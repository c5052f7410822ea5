/* prl-new-dataset-dialog-private.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "prl-new-dataset-dialog.h"

G_BEGIN_DECLS

/* A file the check did not reach (the batch was refused). In Adwaita. */
#define PRL_NOT_CHECKED_ICON "action-unavailable-symbolic"

struct _PrlNewDatasetDialog
{
  AdwWindow parent_instance;

  /* Template widgets */
  GtkButton      *cancel_button;
  GtkButton      *cancel_import_button;
  GtkLabel       *checking_label;
  GtkSpinner     *checking_spinner;
  GtkButton      *choose_button;
  GtkButton      *create_button;
  GtkWidget      *drop_area;
  GtkLabel       *drop_label;
  GtkLabel       *error_label;
  GtkRevealer    *error_revealer;
  GtkWidget      *files_group;
  GtkWidget      *names_group;
  GtkListBox     *files_list;
  GtkWidget      *form;
  GtkProgressBar *progress_bar;
  GtkLabel       *progress_title;
  GtkButton      *report_button;
  GtkStack       *stack;
  GtkLabel       *status_label;
  GtkStringList  *type_names;
  AdwComboRow    *type_row;

  PrlWorkspace         *workspace;         /* (owned) */
  PrlModel             *model;             /* (owned) */
  GPtrArray            *files;             /* (owned) (element-type GFile) */
  GArray               *file_types;        /* (owned): PrlDatasetType per file,
                                            * AUTO unless chosen for that file */
  GPtrArray            *checks;            /* (owned) (nullable): the last check */
  char                 *batch_error;       /* (owned) (nullable): refused batch */
  char                 *import_error;      /* (owned) (nullable): last import */
  GCancellable         *check_cancellable; /* (owned) (nullable) */
  PrlImportJob         *job;               /* (owned) (nullable): running import */
  GtkFileChooserNative *chooser;           /* (owned) (nullable) */
  GtkFileChooserNative *save_chooser;      /* (owned) (nullable) */
  GtkWidget            *report_window;     /* (unowned) (nullable): weak */
  GtkLabel             *report_status;     /* (unowned) (nullable): in report_window */
  char                 *report_text;       /* (owned) (nullable): what is shown */
  GPtrArray            *name_rows;         /* (owned): AdwEntryRow per dataset, in names_group */
  GHashTable           *names;             /* (owned): kind → the name the user typed */

  guint check_generation;
  guint can_create : 1;
  guint checking : 1;
  guint importing : 1;
};

void   _prl_new_dataset_dialog_rebuild_rows  (PrlNewDatasetDialog *self);
void   _prl_new_dataset_dialog_update_state  (PrlNewDatasetDialog *self);

/* prl-new-dataset-dialog-names.c */
void   _prl_new_dataset_dialog_rebuild_names (PrlNewDatasetDialog *self);
char  *_prl_new_dataset_dialog_check_names   (PrlNewDatasetDialog *self);
char **_prl_new_dataset_dialog_dup_names     (PrlNewDatasetDialog *self);

G_END_DECLS
