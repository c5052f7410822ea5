/* prl-audio-convert.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Audio a cloud service cannot read (AAC in MP4, say) is decoded with
 * GStreamer to 16 kHz mono 16-bit samples, the rate the recognizers work
 * at anyway, so nothing they use is lost. prl_audio_convert_for_service()
 * sends them as FLAC: lossless and about half the size of a WAV (IBM
 * Watson takes 100 MB per request: 16 kHz WAV reaches it after 52
 * minutes). Without a FLAC encoder (gst-plugins-good missing) it writes
 * raw little-endian PCM instead, which IBM reads as
 * audio/l16;rate=16000;endianness=little-endian: as large as a WAV, but
 * it needs no encoder at all and Watson documents L16 with an explicit
 * byte order, while a WAV header is one more thing to get right. */

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "prl-audio-convert.h"
#include "prl-audio-decoder.h"
#include "prl-audio-encoder.h"

typedef struct
{
  FILE   *out;
  guint64 n_samples;
  int     saved_errno;
} Writer;

static gboolean
write_chunk (const gint16 *samples, gsize n_samples, gpointer user_data)
{
  Writer *w = user_data;
  gint16  buf[4096];

  for (gsize done = 0; done < n_samples;)
    {
      gsize n = MIN (n_samples - done, G_N_ELEMENTS (buf));

      for (gsize i = 0; i < n; i++)
        buf[i] = GINT16_TO_LE (samples[done + i]);
      if (fwrite (buf, sizeof (gint16), n, w->out) != n)
        {
          w->saved_errno = errno;
          return FALSE;
        }
      done += n;
    }
  w->n_samples += n_samples;
  return TRUE;
}

static void
put_u32 (guint8 *p, guint32 v)
{
  v = GUINT32_TO_LE (v);
  memcpy (p, &v, 4);
}

static void
put_u16 (guint8 *p, guint16 v)
{
  v = GUINT16_TO_LE (v);
  memcpy (p, &v, 2);
}

/* The canonical 44-byte header of PCM in RIFF WAVE. */
static void
fill_header (guint8 header[44], guint64 n_samples)
{
  guint32 data_size = (guint32)(n_samples * 2);

  memcpy (header, "RIFF", 4);
  put_u32 (header + 4, 36 + data_size);
  memcpy (header + 8, "WAVEfmt ", 8);
  put_u32 (header + 16, 16);
  put_u16 (header + 20, 1); /* PCM */
  put_u16 (header + 22, 1); /* mono */
  put_u32 (header + 24, PRL_AUDIO_DECODER_RATE);
  put_u32 (header + 28, PRL_AUDIO_DECODER_RATE * 2);
  put_u16 (header + 32, 2);
  put_u16 (header + 34, 16);
  memcpy (header + 36, "data", 4);
  put_u32 (header + 40, data_size);
}

static char *
convert (const char *path, gboolean raw, GCancellable *cancellable, GError **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;
  g_autofree char *out_path = NULL;
  g_autoptr (GError) local = NULL;
  Writer   w = { 0 };
  guint8   header[44] = { 0 };
  char    *dot;
  gboolean ok;

  g_return_val_if_fail (path != NULL, NULL);

  if (!(dir = g_dir_make_tmp ("parlance-convert-XXXXXX", error)))
    return NULL;
  base = g_path_get_basename (path);
  if ((dot = strrchr (base, '.')) != NULL && dot != base)
    *dot = '\0';
  name = g_strconcat (base, raw ? ".l16" : ".wav", NULL);
  out_path = g_build_filename (dir, name, NULL);
  if (!(w.out = g_fopen (out_path, "wb")))
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _ ("Could not write “%s”: %s"), out_path, g_strerror (saved));
      g_rmdir (dir);
      return NULL;
    }
  /* Room for the header, written once the length is known. */
  ok = (raw || fwrite (header, 1, sizeof header, w.out) == sizeof header)
       && prl_audio_decoder_run (path, write_chunk, &w, cancellable, &local);
  if (ok && w.saved_errno == 0 && w.n_samples == 0)
    g_set_error (&local, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                 _ ("“%s” holds no audio to convert"), path);
  if (local == NULL && w.saved_errno == 0 && !raw)
    {
      fill_header (header, w.n_samples);
      if (fseek (w.out, 0, SEEK_SET) != 0
          || fwrite (header, 1, sizeof header, w.out) != sizeof header)
        w.saved_errno = errno;
    }
  if (fclose (w.out) != 0 && w.saved_errno == 0)
    w.saved_errno = errno;
  if (local == NULL && w.saved_errno != 0)
    g_set_error (&local, G_IO_ERROR, g_io_error_from_errno (w.saved_errno),
                 _ ("Could not write “%s”: %s"), out_path, g_strerror (w.saved_errno));
  if (local == NULL && !ok)
    g_set_error (&local, G_IO_ERROR, G_IO_ERROR_FAILED, _ ("Could not write “%s”"),
                 out_path);
  if (local != NULL)
    {
      prl_audio_convert_remove (out_path);
      if (raw)
        g_prefix_error (&local, _ ("Could not convert “%s” to raw PCM: "), path);
      else
        g_prefix_error (&local, _ ("Could not convert “%s” to WAV: "), path);
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  return g_steal_pointer (&out_path);
}

/**
 * prl_audio_convert_to_wav:
 * @path: an audio file GStreamer decodes
 *
 * Decodes @path into a 16 kHz mono 16-bit WAV in a new temporary folder,
 * named like @path (so that messages and transcript ids still say which
 * recording it is). Blocks: for worker threads.
 *
 * Returns: (transfer full) (nullable): the WAV's path, to give to
 *   prl_audio_convert_remove() once used
 */
char *
prl_audio_convert_to_wav (const char *path, GCancellable *cancellable, GError **error)
{
  return convert (path, FALSE, cancellable, error);
}

/**
 * prl_audio_convert_to_l16:
 * @path: an audio file GStreamer decodes
 *
 * Like prl_audio_convert_to_wav(), but the file (named like @path, with
 * ".l16") holds only the samples: 16 kHz mono signed 16-bit
 * little-endian, no header. Blocks: for worker threads.
 *
 * Returns: (transfer full) (nullable): its path, for
 *   prl_audio_convert_remove()
 */
char *
prl_audio_convert_to_l16 (const char *path, GCancellable *cancellable, GError **error)
{
  return convert (path, TRUE, cancellable, error);
}

/**
 * prl_audio_convert_to_flac:
 * @path: an audio file GStreamer decodes
 *
 * Decodes @path to a 16 kHz mono 16-bit FLAC in a new temporary folder,
 * named like @path with ".flac". Blocks: for worker threads.
 *
 * Returns: (transfer full) (nullable): its path, for
 *   prl_audio_convert_remove()
 */
char *
prl_audio_convert_to_flac (const char *path, GCancellable *cancellable, GError **error)
{
  g_autofree char *wav = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *flac = NULL;
  g_autoptr (GError) local = NULL;

  if (!(wav = convert (path, FALSE, cancellable, error)))
    return NULL;
  /* Beside the WAV, in the same private folder, which goes with it. */
  stem = g_strndup (wav, strlen (wav) - strlen (".wav"));
  flac = g_strconcat (stem, ".flac", NULL);
  if (!prl_audio_encoder_wav_to_flac (wav, flac, cancellable, &local))
    {
      g_unlink (flac);
      prl_audio_convert_remove (wav);
      g_prefix_error (&local, _ ("Could not convert “%s” to FLAC: "), path);
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  g_unlink (wav);
  return g_steal_pointer (&flac);
}

/**
 * prl_audio_convert_for_service:
 * @path: an audio file GStreamer decodes
 * @format: (out): what the file holds
 *
 * Converts @path for a cloud service that cannot read it: to FLAC, or to
 * raw 16 kHz little-endian PCM when GStreamer has no FLAC encoder.
 * `PRL_AUDIO_CONVERT_FORMAT=l16` picks the latter regardless (for tests
 * of that path). Blocks: for worker threads.
 *
 * Returns: (transfer full) (nullable): its path, for
 *   prl_audio_convert_remove()
 */
char *
prl_audio_convert_for_service (const char            *path,
                               PrlAudioConvertFormat *format,
                               GCancellable          *cancellable,
                               GError               **error)
{
  g_return_val_if_fail (path != NULL && format != NULL, NULL);

  if (g_strcmp0 (g_getenv ("PRL_AUDIO_CONVERT_FORMAT"), "l16") != 0
      && prl_audio_encoder_has_flac ())
    {
      *format = PRL_AUDIO_CONVERT_FLAC;
      return prl_audio_convert_to_flac (path, cancellable, error);
    }
  *format = PRL_AUDIO_CONVERT_L16;
  return prl_audio_convert_to_l16 (path, cancellable, error);
}

/**
 * prl_audio_convert_remove:
 * @converted: (nullable): what prl_audio_convert_to_wav() returned
 *
 * Deletes the converted file and its temporary folder.
 */
void
prl_audio_convert_remove (const char *converted)
{
  g_autofree char *dir = NULL;

  if (converted == NULL)
    return;
  dir = g_path_get_dirname (converted);
  g_unlink (converted);
  g_rmdir (dir);
}
