/* text-test-util.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "prl-dataset-check.h"

/* "code@line:column" for each issue, joined by " "; every issue must say
 * what to do about it. */
static inline char *
issues_string (GPtrArray *issues)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < issues->len; i++)
    {
      const PrlCheckIssue *issue = g_ptr_array_index (issues, i);

      if (i > 0)
        g_string_append_c (out, ' ');
      g_string_append_printf (out, "%s@%u:%u", issue->code, issue->line, issue->column);
      g_assert_nonnull (issue->fix);
    }
  return g_string_free (out, FALSE);
}
