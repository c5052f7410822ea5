/* prl-wer-chart.c
 *
 * Copyright 2026 The Parlance authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prl-wer-chart"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "prl-wer-chart.h"

/* A horizontal bar per system of an evaluation: its name above, its WER
 * at the end of the bar, the longest bar for the highest WER. The stock
 * model's bar is striped and named "Stock model", so it stands out
 * without colour. One geometry feeds the widget, the PNG export (the same
 * snapshot code rendered with cairo) and the hand-written SVG.
 */

#define MARGIN 12.0
#define ROW_HEIGHT 48.0
#define NAME_HEIGHT 20.0
#define BAR_HEIGHT 20.0
#define VALUE_GAP 6.0
#define VALUE_WIDTH 72.0
#define STRIPE_WIDTH 6.0
#define FONT_SIZE 13.0
#define MAX_EXPORT 16384

typedef struct
{
  char    *name;  /* what the chart shows, "(best)" included */
  char    *value; /* "15.15%" */
  double   wer;
  gboolean stock;
} Bar;

/* Where one bar and its texts go. Texts are anchored at their start edge
 * in reading order: the left in LTR, the right in RTL. */
typedef struct
{
  graphene_rect_t bar;
  double          name_x;
  double          name_top;
  double          value_x;
  double          value_top;
} BarGeometry;

typedef struct
{
  GdkRGBA text;
  GdkRGBA bar;
  GdkRGBA stock_fill;
  GdkRGBA background;
} ChartColors;

struct _PrlWerChart
{
  GtkWidget parent_instance;

  GPtrArray *bars; /* (owned) (element-type Bar) */
};

G_DEFINE_FINAL_TYPE (PrlWerChart, prl_wer_chart, GTK_TYPE_WIDGET)

static void
bar_free (gpointer data)
{
  Bar *bar = data;

  g_free (bar->name);
  g_free (bar->value);
  g_free (bar);
}

static gboolean
is_rtl (PrlWerChart *self)
{
  return gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;
}

/* Lays the bars out in @width × @height; returns an array of BarGeometry,
 * one per bar. Rows shrink when the height is too small for them all. */
static GArray *
compute_layout (PrlWerChart *self, int width, int height)
{
  GArray  *out = g_array_sized_new (FALSE, TRUE, sizeof (BarGeometry), self->bars->len);
  double   max_wer = 0;
  double   max_width = MAX (0.0, width - 2 * MARGIN - VALUE_GAP - VALUE_WIDTH);
  double   row_height = ROW_HEIGHT;
  double   scale;
  gboolean rtl = is_rtl (self);

  if (self->bars->len == 0)
    return out;

  for (guint i = 0; i < self->bars->len; i++)
    max_wer = MAX (max_wer, ((Bar *)self->bars->pdata[i])->wer);

  if (MARGIN * 2 + row_height * self->bars->len > height)
    row_height = MAX (0.0, (height - 2 * MARGIN) / self->bars->len);
  scale = row_height / ROW_HEIGHT;

  for (guint i = 0; i < self->bars->len; i++)
    {
      Bar        *bar = self->bars->pdata[i];
      BarGeometry g;
      double      top = MARGIN + i * row_height;
      double      w = max_wer > 0 ? bar->wer / max_wer * max_width : 0;
      double      h = BAR_HEIGHT * scale;
      double      y = top + (NAME_HEIGHT + 2) * scale;

      if (rtl)
        {
          graphene_rect_init (&g.bar, width - MARGIN - w, y, w, h);
          g.name_x = width - MARGIN;
          g.value_x = width - MARGIN - w - VALUE_GAP;
        }
      else
        {
          graphene_rect_init (&g.bar, MARGIN, y, w, h);
          g.name_x = MARGIN;
          g.value_x = MARGIN + w + VALUE_GAP;
        }
      g.name_top = top;
      g.value_top = y + (h - FONT_SIZE * 1.3) / 2;
      g_array_append_val (out, g);
    }

  return out;
}

static void
append_text (PrlWerChart   *self,
             GtkSnapshot   *snapshot,
             const char    *text,
             double         x,
             double         top,
             const GdkRGBA *color)
{
  g_autoptr (PangoLayout) layout
      = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  PangoFontDescription *font = pango_font_description_new ();
  int                   text_width;

  pango_font_description_set_absolute_size (font, FONT_SIZE * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_get_pixel_size (layout, &text_width, NULL);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot,
                          &GRAPHENE_POINT_INIT (is_rtl (self) ? x - text_width : x, top));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

/* The one drawing routine, for the screen and the PNG export alike. */
static void
draw_chart (PrlWerChart       *self,
            GtkSnapshot       *snapshot,
            int                width,
            int                height,
            const ChartColors *colors)
{
  g_autoptr (GArray) layout = compute_layout (self, width, height);

  if (colors->background.alpha > 0)
    gtk_snapshot_append_color (snapshot, &colors->background,
                               &GRAPHENE_RECT_INIT (0, 0, width, height));

  for (guint i = 0; i < self->bars->len; i++)
    {
      Bar         *bar = self->bars->pdata[i];
      BarGeometry *g = &g_array_index (layout, BarGeometry, i);

      append_text (self, snapshot, bar->name, g->name_x, g->name_top, &colors->text);

      if (g->bar.size.width > 0 && g->bar.size.height > 0)
        {
          if (bar->stock)
            {
              /* Light fill with solid stripes every STRIPE_WIDTH pixels. */
              gtk_snapshot_append_color (snapshot, &colors->stock_fill, &g->bar);
              gtk_snapshot_push_repeat (
                  snapshot, &g->bar,
                  &GRAPHENE_RECT_INIT (g->bar.origin.x, g->bar.origin.y, STRIPE_WIDTH,
                                       g->bar.size.height));
              gtk_snapshot_append_color (
                  snapshot, &colors->bar,
                  &GRAPHENE_RECT_INIT (g->bar.origin.x, g->bar.origin.y, STRIPE_WIDTH / 2,
                                       g->bar.size.height));
              gtk_snapshot_pop (snapshot);
            }
          else
            gtk_snapshot_append_color (snapshot, &colors->bar, &g->bar);
        }

      append_text (self, snapshot, bar->value, g->value_x, g->value_top, &colors->text);
    }
}

static void
widget_colors (PrlWerChart *self, ChartColors *colors)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));

  gtk_style_context_get_color (context, &colors->text);
  if (!gtk_style_context_lookup_color (context, "accent_bg_color", &colors->bar))
    gdk_rgba_parse (&colors->bar, "#3584e4");
  G_GNUC_END_IGNORE_DEPRECATIONS

  colors->stock_fill = colors->bar;
  colors->stock_fill.alpha *= 0.35f;
  colors->background = (GdkRGBA){ 0, 0, 0, 0 };
}

/* Exports stand alone, outside any theme: dark text on white. */
static void
export_colors (ChartColors *colors)
{
  gdk_rgba_parse (&colors->text, "#241f31");
  gdk_rgba_parse (&colors->bar, "#3584e4");
  gdk_rgba_parse (&colors->stock_fill, "#c0d8f6");
  gdk_rgba_parse (&colors->background, "#ffffff");
}

static void
prl_wer_chart_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  PrlWerChart *self = PRL_WER_CHART (widget);
  ChartColors  colors;

  widget_colors (self, &colors);
  draw_chart (self, snapshot, gtk_widget_get_width (widget),
              gtk_widget_get_height (widget), &colors);
}

static void
prl_wer_chart_measure (GtkWidget     *widget,
                       GtkOrientation orientation,
                       int            for_size,
                       int           *minimum,
                       int           *natural,
                       int           *minimum_baseline,
                       int           *natural_baseline)
{
  PrlWerChart *self = PRL_WER_CHART (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 2 * MARGIN + VALUE_GAP + VALUE_WIDTH + 40;
      *natural = 480;
    }
  else
    {
      *minimum = *natural
          = self->bars->len == 0 ? 0 : (int)(2 * MARGIN + ROW_HEIGHT * self->bars->len);
    }
}

static void
prl_wer_chart_direction_changed (GtkWidget *widget, GtkTextDirection previous)
{
  GTK_WIDGET_CLASS (prl_wer_chart_parent_class)->direction_changed (widget, previous);
  gtk_widget_queue_draw (widget);
}

static void
prl_wer_chart_finalize (GObject *object)
{
  PrlWerChart *self = PRL_WER_CHART (object);

  g_clear_pointer (&self->bars, g_ptr_array_unref);

  G_OBJECT_CLASS (prl_wer_chart_parent_class)->finalize (object);
}

static void
prl_wer_chart_class_init (PrlWerChartClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = prl_wer_chart_finalize;
  widget_class->snapshot = prl_wer_chart_snapshot;
  widget_class->measure = prl_wer_chart_measure;
  widget_class->direction_changed = prl_wer_chart_direction_changed;

  gtk_widget_class_set_css_name (widget_class, "werchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
prl_wer_chart_init (PrlWerChart *self)
{
  self->bars = g_ptr_array_new_with_free_func (bar_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Word error rate per version: no evaluation"), -1);
}

/**
 * prl_wer_chart_new:
 *
 * Returns: (transfer floating): an empty chart
 */
GtkWidget *
prl_wer_chart_new (void)
{
  return g_object_new (PRL_TYPE_WER_CHART, NULL);
}

/**
 * prl_wer_chart_set_run:
 * @run: (nullable): a scored run; %NULL empties the chart
 *
 * Copies the WER of every system; the chart does not follow later
 * changes to @run.
 */
void
prl_wer_chart_set_run (PrlWerChart *self, PrlEvalRun *run)
{
  g_autoptr (GString) summary = NULL;
  guint best = 0;
  guint n;

  g_return_if_fail (PRL_IS_WER_CHART (self));
  g_return_if_fail (run == NULL || PRL_IS_EVAL_RUN (run));

  g_ptr_array_set_size (self->bars, 0);
  n = run != NULL ? prl_eval_run_get_n_systems (run) : 0;

  if (n > 0)
    best = prl_eval_run_get_best_system (run);

  summary = g_string_new (_ ("Word error rate per version: "));
  for (guint i = 0; i < n; i++)
    {
      const PrlEvalRow *row = prl_eval_run_get_row (run, i);
      Bar              *bar = g_new0 (Bar, 1);
      const char       *name = row->version ? row->version : _ ("Stock model");

      bar->stock = row->version == NULL;
      bar->wer = MAX (row->wer, 0.0);
      bar->value = g_strdup_printf ("%.2f%%", row->wer);
      if (i == best && n > 1)
        /* Translators: a bar's name in the WER chart, for the lowest WER */
        bar->name = g_strdup_printf (_ ("%s (best)"), name);
      else
        bar->name = g_strdup (name);
      g_ptr_array_add (self->bars, bar);

      if (i > 0)
        g_string_append (summary, ", ");
      g_string_append_printf (summary, "%s %s", name, bar->value);
    }
  if (n == 0)
    g_string_append (summary, _ ("no evaluation"));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  summary->str, -1);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
append_number (GString *out, const char *attribute, double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_printf (out, " %s=\"%s\"", attribute,
                          g_ascii_formatd (buf, sizeof buf, "%.2f", value));
}

static void
append_svg_text (
    GString *out, const char *class, const char *text, double x, double top, gboolean rtl)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  g_string_append_printf (out, "  <text class=\"%s\"", class);
  append_number (out, "x", x);
  /* Baseline of a line of text whose top is at @top. */
  append_number (out, "y", top + FONT_SIZE);
  g_string_append_printf (out, " text-anchor=\"%s\">%s</text>\n", rtl ? "end" : "start",
                          escaped);
}

/**
 * prl_wer_chart_to_svg:
 * @width: in pixels, > 0
 * @height: in pixels, > 0
 *
 * Returns: (transfer full): the chart as a standalone SVG document, with
 *   one `<rect class="bar">` per system
 */
char *
prl_wer_chart_to_svg (PrlWerChart *self, int width, int height)
{
  g_autoptr (GArray) layout = NULL;
  GString    *out;
  ChartColors colors;
  gboolean    rtl;
  char        text[16], bar[16], fill[16];

  g_return_val_if_fail (PRL_IS_WER_CHART (self), NULL);
  g_return_val_if_fail (width > 0 && height > 0, NULL);

  export_colors (&colors);
  g_snprintf (text, sizeof text, "#%02x%02x%02x", (int)(colors.text.red * 255 + .5),
              (int)(colors.text.green * 255 + .5), (int)(colors.text.blue * 255 + .5));
  g_snprintf (bar, sizeof bar, "#%02x%02x%02x", (int)(colors.bar.red * 255 + .5),
              (int)(colors.bar.green * 255 + .5), (int)(colors.bar.blue * 255 + .5));
  g_snprintf (fill, sizeof fill, "#%02x%02x%02x", (int)(colors.stock_fill.red * 255 + .5),
              (int)(colors.stock_fill.green * 255 + .5),
              (int)(colors.stock_fill.blue * 255 + .5));

  layout = compute_layout (self, width, height);
  rtl = is_rtl (self);
  out = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  g_string_append_printf (
      out,
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
      "height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" "
      "font-size=\"%d\" fill=\"%s\">\n",
      width, height, width, height, (int)FONT_SIZE, text);
  {
    g_autofree char *title = g_markup_escape_text (_ ("Word error rate per version"), -1);

    g_string_append_printf (out, "  <title>%s</title>\n", title);
  }
  g_string_append_printf (
      out,
      "  <defs>\n"
      "    <pattern id=\"stock-stripes\" patternUnits=\"userSpaceOnUse\" "
      "width=\"%d\" height=\"%d\">\n"
      "      <rect width=\"%d\" height=\"%d\" fill=\"%s\"/>\n"
      "      <rect width=\"%d\" height=\"%d\" fill=\"%s\"/>\n"
      "    </pattern>\n"
      "  </defs>\n",
      (int)STRIPE_WIDTH, (int)STRIPE_WIDTH, (int)STRIPE_WIDTH, (int)STRIPE_WIDTH, fill,
      (int)(STRIPE_WIDTH / 2), (int)STRIPE_WIDTH, bar);
  g_string_append_printf (out,
                          "  <rect class=\"background\" width=\"%d\" height=\"%d\" "
                          "fill=\"#ffffff\"/>\n",
                          width, height);

  for (guint i = 0; i < self->bars->len; i++)
    {
      Bar         *b = self->bars->pdata[i];
      BarGeometry *g = &g_array_index (layout, BarGeometry, i);

      append_svg_text (out, "name", b->name, g->name_x, g->name_top, rtl);
      g_string_append (out, "  <rect class=\"bar\"");
      append_number (out, "x", g->bar.origin.x);
      append_number (out, "y", g->bar.origin.y);
      append_number (out, "width", g->bar.size.width);
      append_number (out, "height", g->bar.size.height);
      if (b->stock)
        g_string_append (out, " fill=\"url(#stock-stripes)\"/>\n");
      else
        g_string_append_printf (out, " fill=\"%s\"/>\n", bar);
      append_svg_text (out, "value", b->value, g->value_x, g->value_top, rtl);
    }

  g_string_append (out, "</svg>\n");
  return g_string_free (out, FALSE);
}

static gboolean
check_size (int width, int height, GError **error)
{
  if (width > 0 && height > 0 && width <= MAX_EXPORT && height <= MAX_EXPORT)
    return TRUE;

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               _ ("Could not save the chart: %d × %d is not a usable image size"), width,
               height);
  return FALSE;
}

static gboolean
write_file (GFile *file, const char *data, gsize length, GError **error)
{
  if (!g_file_replace_contents (file, data, length, NULL, FALSE,
                                G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, error))
    {
      g_prefix_error (error, _ ("Could not save the chart: "));
      return FALSE;
    }
  return TRUE;
}

static cairo_status_t
append_png_data (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static GBytes *
render_png (PrlWerChart *self, int width, int height, GError **error)
{
  g_autoptr (GskRenderNode) node = NULL;
  GByteArray      *png;
  GtkSnapshot     *snapshot;
  ChartColors      colors;
  cairo_surface_t *surface;
  cairo_t         *cr;
  cairo_status_t   status;

  export_colors (&colors);
  snapshot = gtk_snapshot_new ();
  draw_chart (self, snapshot, width, height, &colors);
  node = gtk_snapshot_free_to_node (snapshot);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  if (node != NULL)
    gsk_render_node_draw (node, cr);
  cairo_destroy (cr);

  png = g_byte_array_new ();
  status = cairo_surface_write_to_png_stream (surface, append_png_data, png);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_byte_array_unref (png);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _ ("Could not save the chart: %s"), cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (png);
}

/**
 * prl_wer_chart_render:
 * @svg: SVG rather than PNG
 * @width: in pixels
 * @height: in pixels
 *
 * Draws the chart at @width × @height (on white for PNG), for writing
 * off the main thread. Works on a chart that was never shown.
 *
 * Returns: (transfer full) (nullable): the image file's bytes
 */
GBytes *
prl_wer_chart_render (
    PrlWerChart *self, gboolean svg, int width, int height, GError **error)
{
  char *text;

  g_return_val_if_fail (PRL_IS_WER_CHART (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_size (width, height, error))
    return NULL;
  if (!svg)
    return render_png (self, width, height, error);

  text = prl_wer_chart_to_svg (self, width, height);
  return g_bytes_new_take (text, strlen (text));
}

static gboolean
save (PrlWerChart *self, gboolean svg, GFile *file, int width, int height, GError **error)
{
  g_autoptr (GBytes) bytes = NULL;

  g_return_val_if_fail (PRL_IS_WER_CHART (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (!(bytes = prl_wer_chart_render (self, svg, width, height, error)))
    return FALSE;
  return write_file (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                     error);
}

/**
 * prl_wer_chart_save_png:
 * @file: where to write; replaced if it exists
 *
 * Writes prl_wer_chart_render() as PNG, blocking: for tests and tools.
 */
gboolean
prl_wer_chart_save_png (
    PrlWerChart *self, GFile *file, int width, int height, GError **error)
{
  return save (self, FALSE, file, width, height, error);
}

/**
 * prl_wer_chart_save_svg:
 * @file: where to write; replaced if it exists
 *
 * Writes prl_wer_chart_render() as SVG, blocking: for tests and tools.
 */
gboolean
prl_wer_chart_save_svg (
    PrlWerChart *self, GFile *file, int width, int height, GError **error)
{
  return save (self, TRUE, file, width, height, error);
}
