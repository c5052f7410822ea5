/* prl-job-owner.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * PrlJobOwner:
 * @pid: the process that runs the job
 * @boot_id: the kernel's boot id when it ran (or its beginning), or ""
 *   where unknown
 * @start_time: the process's start time in clock ticks since boot
 *   (field 22 of /proc/PID/stat), or 0 where unknown
 *
 * Who runs a job that marked state in the store. The three together name
 * one process of one boot, so a reused pid or a reboot is not taken for
 * the owner.
 */
typedef struct
{
  gint64   pid;
  char    *boot_id;
  guint64  start_time;
} PrlJobOwner;

PrlJobOwner *prl_job_owner_new_self   (void);
PrlJobOwner *prl_job_owner_new        (gint64             pid,
                                       const char        *boot_id,
                                       guint64            start_time);
void         prl_job_owner_free       (PrlJobOwner       *owner);
gboolean     prl_job_owner_is_alive   (const PrlJobOwner *owner);
gboolean     prl_job_owner_pid_is_alive (gint64           pid);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrlJobOwner, prl_job_owner_free)

G_END_DECLS
