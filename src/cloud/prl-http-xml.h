/* prl-http-xml.h
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A small element tree for the XML that S3 answers with (<Error>,
 * <ListBucketResult>, <InitiateMultipartUploadResult>, ...): elements and
 * their text only. Namespace prefixes are dropped and attributes ignored.
 * GMarkup neither loads external entities nor expands a DTD, and the tree is
 * bounded in depth and size, so a hostile body cannot exhaust memory. */
typedef struct _PrlXmlNode PrlXmlNode;

PrlXmlNode *prl_xml_parse                (const char  *data,
                                          gssize       length,
                                          GError     **error) G_GNUC_WARN_UNUSED_RESULT;
void        prl_xml_node_free            (PrlXmlNode  *node);
const char *prl_xml_node_get_name        (const PrlXmlNode *node);
const char *prl_xml_node_get_text        (const PrlXmlNode *node);
guint       prl_xml_node_get_n_children  (const PrlXmlNode *node);
PrlXmlNode *prl_xml_node_get_nth_child   (const PrlXmlNode *node,
                                          guint             n);
PrlXmlNode *prl_xml_node_get_child       (const PrlXmlNode *node,
                                          const char       *name);
const char *prl_xml_node_get_child_text  (const PrlXmlNode *node,
                                          const char       *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrlXmlNode, prl_xml_node_free)

G_END_DECLS
