/* prl-sigv4-clock.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-sigv4"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "prl-sigv4-private.h"

/* Clock skew. AWS refuses a signature more than 15 minutes away from its
 * clock (RequestTimeTooSkewed). Like the AWS SDKs, the client then takes
 * the server's time from the response's Date header, keeps the offset and
 * signs again once. Date headers come in the three forms RFC 9110 §5.6.7
 * says a recipient must accept:
 *
 *   Sun, 06 Nov 1994 08:49:37 GMT    (IMF-fixdate, RFC 1123)
 *   Sunday, 06-Nov-94 08:49:37 GMT   (RFC 850)
 *   Sun Nov  6 08:49:37 1994         (asctime)
 */

static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

static int
month_number (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (months); i++)
    if (g_ascii_strcasecmp (name, months[i]) == 0)
      return (int)i + 1;
  return 0;
}

static gboolean
is_day_name (const char *name, gboolean long_form)
{
  static const char *const days[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
  static const char *const long_days[]
      = { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday" };

  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    if (g_ascii_strcasecmp (name, long_form ? long_days[i] : days[i]) == 0)
      return TRUE;
  return FALSE;
}

/* sscanf's %d skips spaces and takes signs; the grammar has neither, so
 * the text is first checked to hold only the characters each form uses. */
static gboolean
only_date_chars (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && strchr (" ,:-", *p) == NULL)
      return FALSE;
  return TRUE;
}

GDateTime *
prl_sigv4_parse_http_date (const char *value, GError **error)
{
  g_autofree char *text = NULL;
  char             day[10] = "", month[4] = "", zone[4] = "";
  int              d = 0, year = 0, h = -1, min = -1, s = -1, end = 0;
  gsize            len;
  GDateTime       *result = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  text = g_strstrip (g_strdup (value != NULL ? value : ""));
  len = strlen (text);
  if (len > 0 && len < 40 && only_date_chars (text))
    {
      if (sscanf (text, "%3[A-Za-z], %2d %3[A-Za-z] %4d %2d:%2d:%2d %3[A-Z]%n", day, &d,
                  month, &year, &h, &min, &s, zone, &end)
              == 8
          && (gsize)end == len && is_day_name (day, FALSE) && g_str_equal (zone, "GMT"))
        result = g_date_time_new_utc (year, month_number (month), d, h, min, s);
      else if (sscanf (text, "%9[A-Za-z], %2d-%3[A-Za-z]-%2d %2d:%2d:%2d %3[A-Z]%n", day,
                       &d, month, &year, &h, &min, &s, zone, &end)
                   == 8
               && (gsize)end == len && is_day_name (day, TRUE)
               && g_str_equal (zone, "GMT"))
        /* Two-digit years: RFC 9110 reads one more than 50 years ahead as
         * the past; for a clock check 1970-2069 is the same thing. */
        result = g_date_time_new_utc (year < 70 ? 2000 + year : 1900 + year,
                                      month_number (month), d, h, min, s);
      else if (sscanf (text, "%3[A-Za-z] %3[A-Za-z] %2d %2d:%2d:%2d %4d%n", day, month,
                       &d, &h, &min, &s, &year, &end)
                   == 7
               && (gsize)end == len && is_day_name (day, FALSE))
        result = g_date_time_new_utc (year, month_number (month), d, h, min, s);
    }
  if (result == NULL || h < 0 || min < 0 || s < 0 || s > 60)
    {
      g_autofree char *shown = _prl_sigv4_display (value);

      g_clear_pointer (&result, g_date_time_unref);
      g_set_error (error, PRL_SIGV4_ERROR, PRL_SIGV4_ERROR_INVALID_DATE,
                   _ ("The server's Date header “%s” is not an HTTP date, so the clock "
                      "difference cannot be corrected. Set this computer's clock "
                      "(automatic date and time) and try again."),
                   shown);
    }
  return result;
}

gboolean
prl_sigv4_clock_offset (const char *date_header,
                        GDateTime  *local_now,
                        gint64     *offset_seconds,
                        GError    **error)
{
  g_autoptr (GDateTime) server = NULL;

  g_return_val_if_fail (local_now != NULL && offset_seconds != NULL, FALSE);

  server = prl_sigv4_parse_http_date (date_header, error);
  if (server == NULL)
    return FALSE;
  *offset_seconds = g_date_time_difference (server, local_now) / G_TIME_SPAN_SECOND;
  return TRUE;
}

GDateTime *
prl_sigv4_now (gint64 offset_seconds)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_add_seconds (now, (gdouble)offset_seconds);
}
