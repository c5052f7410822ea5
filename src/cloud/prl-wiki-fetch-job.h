/* prl-wiki-fetch-job.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "prl-eval-run.h"
#include "prl-import-job.h"
#include "prl-job.h"
#include "prl-wiki-client.h"
#include "prl-workspace.h"

G_BEGIN_DECLS

#define PRL_TYPE_WIKI_FETCH_JOB (prl_wiki_fetch_job_get_type ())

/**
 * PrlWikiSkippedPage:
 * @title: the page's title
 * @kind: why, for scripts: "disambiguation", "non-text" or "language"
 * @reason: why, for people (translated)
 *
 * A fetched page left out as no training text.
 */
typedef struct
{
  char *title;
  char *kind;
  char *reason;
} PrlWikiSkippedPage;

void prl_wiki_skipped_page_free (PrlWikiSkippedPage *page);

G_DECLARE_FINAL_TYPE (PrlWikiFetchJob, prl_wiki_fetch_job, PRL, WIKI_FETCH_JOB, PrlJob)

PrlWikiFetchJob *prl_wiki_fetch_job_new             (const char         *api_url,
                                                     const char *const  *keywords,
                                                     gboolean            follow_links,
                                                     GError            **error) G_GNUC_WARN_UNUSED_RESULT;
char           **prl_wiki_parse_keywords            (const char         *text) G_GNUC_WARN_UNUSED_RESULT;
PrlWikiClient   *prl_wiki_fetch_job_get_client      (PrlWikiFetchJob    *self);
void             prl_wiki_fetch_job_set_pages_per_keyword (PrlWikiFetchJob *self,
                                                     guint               n_pages);
void             prl_wiki_fetch_job_set_max_links   (PrlWikiFetchJob    *self,
                                                     guint               max_links);

/* The preview, once the job succeeded. */
GPtrArray       *prl_wiki_fetch_job_get_pages       (PrlWikiFetchJob    *self);
guint64          prl_wiki_fetch_job_get_n_words     (PrlWikiFetchJob    *self);
const char *const *prl_wiki_fetch_job_get_keywords  (PrlWikiFetchJob    *self);
const char *const *prl_wiki_fetch_job_get_covered   (PrlWikiFetchJob    *self);
const char *const *prl_wiki_fetch_job_get_uncovered (PrlWikiFetchJob    *self);
const char *const *prl_wiki_fetch_job_get_not_found (PrlWikiFetchJob    *self);
GPtrArray       *prl_wiki_fetch_job_get_skipped     (PrlWikiFetchJob    *self);
void             prl_wiki_fetch_job_set_language    (PrlWikiFetchJob    *self,
                                                     const char         *language);
const char      *prl_wiki_fetch_job_get_licence     (PrlWikiFetchJob    *self);
const char      *prl_wiki_fetch_job_get_licence_url (PrlWikiFetchJob    *self);
char            *prl_wiki_fetch_job_dup_provenance  (PrlWikiFetchJob    *self) G_GNUC_WARN_UNUSED_RESULT;
void             prl_wiki_fetch_job_set_round       (PrlWikiFetchJob    *self,
                                                     guint               round);
void             prl_wiki_fetch_job_set_context     (PrlWikiFetchJob    *self,
                                                     const char *const  *context);
void             prl_wiki_fetch_job_set_leak_guard  (PrlWikiFetchJob    *self,
                                                     PrlEvalRun         *run);
guint            prl_wiki_fetch_job_get_n_dropped   (PrlWikiFetchJob    *self);
guint            prl_wiki_fetch_job_drop_known_pages (PrlWikiFetchJob    *self,
                                                     GPtrArray          *datasets);
PrlImportJob    *prl_wiki_fetch_job_import          (PrlWikiFetchJob    *self,
                                                     PrlWorkspace       *workspace,
                                                     PrlModel           *model,
                                                     const char         *name,
                                                     GError            **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
