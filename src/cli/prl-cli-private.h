/* prl-cli-private.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

/* Forward declarations only: prl-workspace.h would bring core's
 * PrlTranscript into files that use the text layer's trn PrlTranscript. */
typedef struct _PrlModel     PrlModel;
typedef struct _PrlWorkspace PrlWorkspace;

G_BEGIN_DECLS

/* Exit statuses shared by every subcommand. */
#define PRL_CLI_EXIT_OK      0
#define PRL_CLI_EXIT_FAILURE 1
#define PRL_CLI_EXIT_USAGE   2

typedef struct
{
  /* (nullable): --workspace, else PARLANCE_WORKSPACE, else XDG_DATA_HOME */
  const char *workspace_dir;
} PrlCliContext;

/* Each subcommand gets argv starting at its own name (argv[0]). */
typedef int (*PrlCliCommandFunc) (PrlCliContext *ctx,
                                  int            argc,
                                  char         **argv);

int  prl_cli_datasets       (PrlCliContext  *ctx,
                             int             argc,
                             char          **argv);
int  prl_cli_models         (PrlCliContext  *ctx,
                             int             argc,
                             char          **argv);
int  prl_cli_score          (PrlCliContext  *ctx,
                             int             argc,
                             char          **argv);
int  prl_cli_train          (PrlCliContext  *ctx,
                             int             argc,
                             char          **argv);
int  prl_cli_pronunciations (PrlCliContext  *ctx,
                             int             argc,
                             char          **argv);
int  prl_cli_transcribe     (PrlCliContext  *ctx,
                             int             argc,
                             char          **argv);
int  prl_cli_align          (PrlCliContext  *ctx,
                             int             argc,
                             char          **argv);
int  prl_cli_evaluate       (PrlCliContext  *ctx,
                             int             argc,
                             char          **argv);
int  prl_cli_quickstart     (PrlCliContext  *ctx,
                             int             argc,
                             char          **argv);

/* Helpers for subcommands (prl-cli-util.c). */
void prl_cli_print_error    (const char     *format,
                             ...) G_GNUC_PRINTF (1, 2);
void prl_cli_print_gerror   (const GError   *error);
gpointer prl_cli_wait       (GAsyncResult  **result);
PrlWorkspace *prl_cli_open_workspace (PrlCliContext *ctx);
PrlModel *prl_cli_find_model (PrlWorkspace *ws,
                              const char   *name);
void prl_cli_store_result_cb (GObject       *object,
                              GAsyncResult  *result,
                              gpointer       user_data);

G_END_DECLS
