/* prl-cli-private.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "prl-improve-job.h"
#include "prl-workspace.h"

G_BEGIN_DECLS

/* Exit statuses shared by every subcommand. */
#define PRL_CLI_EXIT_OK      0
#define PRL_CLI_EXIT_FAILURE 1
#define PRL_CLI_EXIT_USAGE   2

typedef struct
{
  /* (nullable): --workspace, else PARLANCE_WORKSPACE, else XDG_DATA_HOME */
  const char *workspace_dir;
  /* Set by the commands that show cloud jobs themselves: no line about
   * interrupted ones when the workspace opens. */
  gboolean    quiet_interrupted;
} PrlCliContext;

/* Each subcommand gets argv starting at its own name (argv[0]). */
typedef int (*PrlCliCommandFunc) (PrlCliContext *ctx,
                                  int            argc,
                                  char         **argv);

typedef struct
{
  const char       *name;
  PrlCliCommandFunc func;
} PrlCliSubcommand;

/* How prl_cli_run_job() shows a job's progress on stderr. */
typedef enum
{
  PRL_CLI_PROGRESS_NONE,
  /* On a terminal only: “ 40% status” redrawn with \r, erased at the end. */
  PRL_CLI_PROGRESS_BAR,
  /* Idem, the last status left on its line. */
  PRL_CLI_PROGRESS_BAR_KEEP,
  /* “[ 40%] status”, one line per status. */
  PRL_CLI_PROGRESS_STAGES,
  /* “  status”, one line per status, under a numbered step. */
  PRL_CLI_PROGRESS_STEPS,
} PrlCliProgress;

typedef enum
{
  PRL_CLI_RUN_DEFAULT = 0,
  /* Execute the job; without it, wait for one the workspace started. */
  PRL_CLI_RUN_START = 1 << 0,
  /* Ctrl+C cancels the job instead of ending the process; the styles
   * with a line per status also say “Cancelling…”. */
  PRL_CLI_RUN_SIGINT = 1 << 1,
} PrlCliRunFlags;

char *prl_cli_escape         (const char     *text) G_GNUC_WARN_UNUSED_RESULT;

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
int  prl_cli_workspace      (PrlCliContext  *ctx,
                             int             argc,
                             char          **argv);
int  prl_cli_accounts       (PrlCliContext  *ctx,
                             int             argc,
                             char          **argv);
int  prl_cli_accounts_models (PrlCliContext *ctx,
                              int            argc,
                              char         **argv);
int  prl_cli_models_import  (PrlCliContext  *ctx,
                             int             argc,
                             char          **argv);
int  prl_cli_models_upgrade (PrlCliContext  *ctx,
                             int             argc,
                             char          **argv);
int  prl_cli_models_delete_version (PrlCliContext *ctx,
                                    int            argc,
                                    char         **argv);
GPtrArray *prl_cli_refresh_versions (PrlWorkspace *ws,
                                     PrlModel     *model,
                                     GError      **error);
int  prl_cli_jobs           (PrlCliContext  *ctx,
                             int             argc,
                             char          **argv);
int  prl_cli_datasets_upload (PrlCliContext *ctx,
                             int             argc,
                             char          **argv);
int  prl_cli_datasets_add_wiki (PrlCliContext *ctx,
                             int             argc,
                             char          **argv);
void prl_cli_warn_interrupted (PrlWorkspace *ws);
/* prl-cli-watson.c */
char *prl_cli_watson_choose_base (const char   *account,
                                  const char   *base,
                                  char        **language,
                                  PrlBaseModel *base_model,
                                  gboolean      band_given);

/* Helpers for subcommands (prl-cli-util.c). */
void prl_cli_print_error    (const char     *format,
                             ...) G_GNUC_PRINTF (1, 2);
void prl_cli_print_gerror   (const GError   *error);
int  prl_cli_fail           (const GError   *error);
gpointer prl_cli_wait       (GAsyncResult  **result);
PrlWorkspace *prl_cli_open_workspace (PrlCliContext *ctx);
PrlModel *prl_cli_find_model (PrlWorkspace *ws,
                              const char   *name);
void prl_cli_store_result_cb (GObject       *object,
                              GAsyncResult  *result,
                              gpointer       user_data);
GOptionEntry *prl_cli_json_entries (gboolean *json) G_GNUC_WARN_UNUSED_RESULT;
gboolean prl_cli_parse       (GOptionContext     *context,
                              const GOptionEntry *entries,
                              const char         *summary,
                              int *argc, char  ***argv,
                              int                 min_positional,
                              int                 max_positional,
                              const char         *usage_format,
                              ...) G_GNUC_PRINTF (8, 9);
gboolean prl_cli_dispatch    (PrlCliContext          *ctx,
                              int                     argc,
                              char                  **argv,
                              const PrlCliSubcommand *subcommands,
                              guint                   n_subcommands,
                              int                    *status);
int  prl_cli_dispatch_or_usage (PrlCliContext          *ctx,
                                int                     argc,
                                char                  **argv,
                                const PrlCliSubcommand *subcommands,
                                guint                   n_subcommands,
                                const char             *command,
                                const char             *usage);
void prl_cli_run_job         (PrlJob         *job,
                              PrlCliRunFlags  flags,
                              PrlCliProgress  style);
void prl_cli_print_eval_rows (GPtrArray      *rows,
                              const char     *indent);
void prl_cli_print_lm_fit    (PrlVersion     *version,
                              gboolean        explain_weight);
void prl_cli_print_json      (JsonBuilder    *builder);
void prl_cli_print_added     (GPtrArray      *datasets,
                              const char     *indent);
void prl_cli_print_leaderboard_json (PrlModel  *model,
                                     GPtrArray *rows,
                                     GHashTable *added);
GHashTable *prl_cli_describe_versions (PrlWorkspace *ws,
                                       PrlModel     *model);
void prl_cli_print_version_notes (GPtrArray  *rows,
                                  GHashTable *added,
                                  const char *indent);
int  prl_cli_improve        (PrlCliContext  *ctx,
                             int             argc,
                             char          **argv);
void prl_cli_print_improve_round (const PrlImproveRound *round,
                                  FILE                  *out);
int  prl_cli_run            (PrlCliContext  *ctx,
                             int             argc,
                             char          **argv);
PrlEvaluateJob *prl_cli_evaluate_model (PrlWorkspace      *ws,
                                        PrlModel          *model,
                                        const char *const *versions,
                                        gboolean           recompute,
                                        guint              threads,
                                        PrlCliRunFlags     flags,
                                        PrlCliProgress     style);

G_END_DECLS
