/* prl-quick-setup-job.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "prl-eval-run.h"
#include "prl-improve-job.h"
#include "prl-job.h"
#include "prl-model.h"
#include "prl-workspace.h"

G_BEGIN_DECLS

/**
 * PrlQuickSetupOptions:
 * @name: the new model's name
 * @provider: (nullable): the provider; %NULL for the local engine
 * @account: (nullable): the provider's account
 * @test_files: (array length=n_test_files): audio files and their
 *   transcripts (NAME.wav + NAME.txt), paired as datasets pair them
 * @n_test_files: how many
 * @keywords: (nullable): what to fetch wiki text about; %NULL proposes
 *   keywords from the test references (and @text)
 * @text: (nullable): training text of the user's own
 * @wiki_api: (nullable): the wiki's api.php; %NULL for English Wikipedia
 * @self_heal: self-heal rounds after the first evaluation, 0 for none
 *
 * What prl_quick_setup_job_new() runs: create the model, add the test
 * pairs, add @text, fetch wiki text about the keywords, train, evaluate,
 * then self-heal.
 */
typedef struct
{
  const char        *name;
  const char        *provider;
  const char        *account;
  GFile            **test_files;
  guint              n_test_files;
  const char *const *keywords;
  GFile             *text;
  const char        *wiki_api;
  guint              self_heal;
} PrlQuickSetupOptions;

#define PRL_TYPE_QUICK_SETUP_JOB (prl_quick_setup_job_get_type ())

G_DECLARE_FINAL_TYPE (PrlQuickSetupJob, prl_quick_setup_job, PRL, QUICK_SETUP_JOB, PrlJob)

PrlQuickSetupJob *prl_quick_setup_job_new          (PrlWorkspace               *workspace,
                                                    const PrlQuickSetupOptions *options,
                                                    GError                    **error) G_GNUC_WARN_UNUSED_RESULT;
PrlModel         *prl_quick_setup_job_get_model    (PrlQuickSetupJob           *self);
gboolean          prl_quick_setup_job_get_kept     (PrlQuickSetupJob           *self);
const char *const *prl_quick_setup_job_get_keywords (PrlQuickSetupJob          *self);
guint             prl_quick_setup_job_get_n_pages  (PrlQuickSetupJob           *self);
guint64           prl_quick_setup_job_get_n_words  (PrlQuickSetupJob           *self);
guint             prl_quick_setup_job_get_n_dropped (PrlQuickSetupJob          *self);
PrlImproveJob    *prl_quick_setup_job_get_improve  (PrlQuickSetupJob           *self);
PrlEvalRun       *prl_quick_setup_job_get_run      (PrlQuickSetupJob           *self);
GPtrArray        *prl_quick_setup_job_get_rows     (PrlQuickSetupJob           *self);
gboolean          prl_quick_setup_job_beats_stock  (PrlQuickSetupJob           *self);

GPtrArray        *prl_quick_setup_scan_folder      (GFile                      *folder,
                                                    char                      **temp_dir,
                                                    GFile                     **keywords_file,
                                                    GError                    **error) G_GNUC_WARN_UNUSED_RESULT;
char            **prl_quick_setup_read_keywords    (GFile                      *file,
                                                    GError                    **error) G_GNUC_WARN_UNUSED_RESULT;

char             *prl_quick_setup_download_s3      (const char                 *account,
                                                    const char                 *url,
                                                    GCancellable               *cancellable,
                                                    GError                    **error) G_GNUC_WARN_UNUSED_RESULT;
void              prl_quick_setup_remove_tree      (const char                 *dir);

G_END_DECLS
