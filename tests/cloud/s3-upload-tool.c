/* s3-upload-tool.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Drives PrlS3Client from the test scripts and the benchmark:
 *
 *   s3-upload-tool [--part-size B] [--workers N] [--state FILE] put BUCKET KEY FILE
 *   s3-upload-tool get BUCKET KEY FILE
 *
 * The endpoint and keys come from PRL_TEST_S3_*. With --state, an upload
 * that a saved state names is resumed (only the parts the server lacks are
 * sent), and a new one records its progress there, so a killed run can be
 * continued. Prints "parts-sent N", "seconds S" and "peak-rss-kib K". */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "prl-s3-client.h"
#include "../test-util.h"

static int
fail (GError *error)
{
  g_printerr ("s3-upload-tool: %s\n", error->message);
  return 1;
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GOptionContext) context = g_option_context_new ("put|get BUCKET KEY FILE");
  g_autoptr (PrlHttpClient) http = NULL;
  g_autoptr (PrlAwsSigner) signer = NULL;
  g_autoptr (PrlS3Client) client = NULL;
  g_autoptr (PrlS3UploadStateFile) state = NULL;
  g_autofree char *state_path = NULL;
  gint64           part_size = 0;
  int              workers = 0;
  gint64           start;
  gboolean         ok;
  GOptionEntry     entries[] = {
        { "part-size", 0, 0, G_OPTION_ARG_INT64, &part_size, "Part size in bytes", "B" },
        { "workers", 0, 0, G_OPTION_ARG_INT, &workers, "Parts in flight", "N" },
        { "state", 0, 0, G_OPTION_ARG_FILENAME, &state_path, "Resume state file", "FILE" },
        { NULL },
  };
  const char *endpoint = g_getenv ("PRL_TEST_S3_ENDPOINT");

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return fail (error);
  if (argc != 5 || endpoint == NULL)
    {
      g_printerr ("usage: s3-upload-tool [OPTION...] put|get BUCKET KEY FILE "
                  "(with PRL_TEST_S3_ENDPOINT, _ACCESS_KEY, _SECRET_KEY set)\n");
      return 2;
    }

  http = prl_http_client_new ();
  signer = prl_aws_signer_new (g_getenv ("PRL_TEST_S3_ACCESS_KEY") ?: "",
                               g_getenv ("PRL_TEST_S3_SECRET_KEY") ?: "", NULL,
                               g_getenv ("PRL_TEST_S3_REGION") ?: "us-east-1", "s3",
                               PRL_SIGV4_S3);
  client = prl_s3_client_new (http, signer, endpoint, argv[2], &error);
  if (client == NULL)
    return fail (error);

  start = g_get_monotonic_time ();
  if (g_str_equal (argv[1], "get"))
    {
      g_autoptr (GFile) file = g_file_new_for_path (argv[4]);

      ok = prl_s3_client_get_object (client, argv[3], file, NULL, &error);
    }
  else
    {
      PrlS3UploadOptions options = { .part_size = part_size, .n_workers = workers };
      g_autofree char   *upload_id = NULL;
      g_autofree char   *saved_key = NULL;
      gsize              saved_part_size = 0;

      if (state_path != NULL)
        {
          state = prl_s3_upload_state_file_new (state_path);
          options.state = PRL_S3_UPLOAD_STATE (state);
          if (!prl_s3_upload_state_file_load (state, &upload_id, &saved_key,
                                              &saved_part_size, NULL, &error)
              && error != NULL)
            return fail (error);
        }
      if (upload_id != NULL && g_str_equal (saved_key, argv[3]))
        {
          options.part_size = saved_part_size;
          ok = prl_s3_client_resume_upload (client, argv[3], argv[4], upload_id, &options,
                                            NULL, &error);
        }
      else
        ok = prl_s3_client_upload_file (client, argv[3], argv[4], &options, NULL, &error);
    }
  if (!ok)
    return fail (error);
  g_print ("parts-sent %u\nseconds %.3f\npeak-rss-kib %" G_GUINT64_FORMAT "\n",
           state != NULL ? prl_s3_upload_state_file_get_n_recorded (state) : 0,
           (g_get_monotonic_time () - start) / 1e6, peak_rss_kib ());
  return 0;
}
