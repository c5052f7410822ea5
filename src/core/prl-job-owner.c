/* prl-job-owner.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-job-owner"

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "prl-job-owner.h"

/* Whether the process that recorded a job still runs. A job that marks
 * state in the store (a model Running, a scratch folder) records its
 * owner; when the owner is gone the state is stale and the next opening
 * of the workspace puts it back (prl-job-records.c). A pid alone is not
 * enough: pids are reused, and a reboot restarts them, so the boot id and
 * the process's start time are recorded with it.
 */

static char *
read_boot_id (void)
{
  g_autofree char *contents = NULL;

  if (!g_file_get_contents ("/proc/sys/kernel/random/boot_id", &contents, NULL, NULL))
    return g_strdup ("");
  return g_strdup (g_strstrip (contents));
}

static const char *
current_boot_id (void)
{
  static gsize boot_id = 0;

  if (g_once_init_enter (&boot_id))
    g_once_init_leave (&boot_id, (gsize)read_boot_id ());
  return (const char *)boot_id;
}

typedef enum
{
  PROC_GONE,
  PROC_RUNNING,
  PROC_UNKNOWN, /* no /proc to ask */
} ProcState;

/* Reads the state and start time of @pid from /proc/PID/stat. The command
 * name in parentheses may itself hold spaces and parentheses, so the
 * fields are counted from the last ')'. */
static ProcState
read_proc (gint64 pid, guint64 *start_time)
{
  g_autofree char *path = g_strdup_printf ("/proc/%" G_GINT64_FORMAT "/stat", pid);
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) fields = NULL;
  const char *rest;

  if (!g_file_get_contents (path, &contents, NULL, &error))
    {
      if (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT)
          && g_file_test ("/proc/self/stat", G_FILE_TEST_EXISTS))
        return PROC_GONE;
      return PROC_UNKNOWN;
    }

  if (!(rest = strrchr (contents, ')')))
    return PROC_UNKNOWN;

  /* After ')': state (field 3) … starttime (field 22). */
  fields = g_strsplit (rest + 1, " ", 0);
  if (g_strv_length (fields) < 21)
    return PROC_UNKNOWN;

  /* A zombie has ended; only its parent has not reaped it yet. */
  if (strcmp (fields[1], "Z") == 0 || strcmp (fields[1], "X") == 0)
    return PROC_GONE;

  *start_time = g_ascii_strtoull (fields[20], NULL, 10);
  return PROC_RUNNING;
}

/**
 * prl_job_owner_new_self:
 *
 * Returns: (transfer full): the calling process as an owner
 */
PrlJobOwner *
prl_job_owner_new_self (void)
{
  guint64 start_time = 0;

  if (read_proc (getpid (), &start_time) != PROC_RUNNING)
    start_time = 0;
  return prl_job_owner_new (getpid (), current_boot_id (), start_time);
}

PrlJobOwner *
prl_job_owner_new (gint64 pid, const char *boot_id, guint64 start_time)
{
  PrlJobOwner *owner = g_new0 (PrlJobOwner, 1);

  owner->pid = pid;
  owner->boot_id = g_strdup (boot_id ? boot_id : "");
  owner->start_time = start_time;
  return owner;
}

void
prl_job_owner_free (PrlJobOwner *owner)
{
  if (owner == NULL)
    return;
  g_free (owner->boot_id);
  g_free (owner);
}

/**
 * prl_job_owner_is_alive:
 *
 * Whether the process @owner names still runs. An owner recorded during
 * another boot, a pid that no longer exists or now belongs to a process
 * started at another time, and a zombie are all gone. Where /proc cannot
 * tell, the pid alone decides.
 */
gboolean
prl_job_owner_is_alive (const PrlJobOwner *owner)
{
  const char *boot_id = current_boot_id ();
  guint64     start_time = 0;

  g_return_val_if_fail (owner != NULL, FALSE);

  if (owner->pid <= 0 || owner->pid > G_MAXINT)
    return FALSE;

  /* A record may keep only the boot id's beginning. */
  if (owner->boot_id[0] != '\0' && boot_id[0] != '\0'
      && !g_str_has_prefix (boot_id, owner->boot_id))
    return FALSE;

  switch (read_proc (owner->pid, &start_time))
    {
    case PROC_GONE:
      return FALSE;
    case PROC_RUNNING:
      return owner->start_time == 0 || owner->start_time == start_time;
    case PROC_UNKNOWN:
    default:
      return kill ((pid_t)owner->pid, 0) == 0 || errno != ESRCH;
    }
}

/**
 * prl_job_owner_pid_is_alive:
 *
 * Whether a process with @pid runs, for records that kept only a pid; a
 * zombie counts as gone.
 */
gboolean
prl_job_owner_pid_is_alive (gint64 pid)
{
  g_autoptr (PrlJobOwner) owner = prl_job_owner_new (pid, "", 0);

  return prl_job_owner_is_alive (owner);
}
