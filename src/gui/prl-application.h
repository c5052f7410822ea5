/* prl-application.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PRL_TYPE_APPLICATION (prl_application_get_type ())

G_DECLARE_FINAL_TYPE (PrlApplication, prl_application, PRL, APPLICATION, AdwApplication)

PrlApplication *prl_application_new (void) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
