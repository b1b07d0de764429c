/* bench-window.c: how soon the window shows a federation's registry
 *
 *   bench-window --compare FILE    runs the two below in turn, seven times
 *                                  each, and reports the ratio of their medians
 *   bench-window --minimal         a minimal libadwaita window
 *   bench-window --db FILE         Secretariat on the database FILE
 *
 * Each of the last two prints the milliseconds from the start of main() to
 * the window's first painted frame, which for Secretariat holds the first
 * page of the members list. Run under Xvfb with the cairo renderer.
 */

#include <adwaita.h>

#include "sec-application.h"
#include "sec-bench.h"

static gint64 started;

static void
on_after_paint (GdkFrameClock *clock,
                GApplication  *app)
{
  g_print ("%.1f\n", sec_bench_ms_since (started));
  g_signal_handlers_disconnect_by_data (clock, app);
  g_application_quit (app);
}

static void
on_realize (GtkWidget    *window,
            GApplication *app)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (on_after_paint), app);
}

static void
watch_first_frame (GtkWindow    *window,
                   GApplication *app)
{
  g_signal_connect_after (window, "realize", G_CALLBACK (on_realize), app);
}

static void
on_minimal_activate (GtkApplication *app)
{
  GtkWidget *window = adw_application_window_new (app);

  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), gtk_label_new ("Secretariat"));
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  watch_first_frame (GTK_WINDOW (window), G_APPLICATION (app));
  gtk_window_present (GTK_WINDOW (window));
}

static int
run_minimal (void)
{
  g_autoptr(AdwApplication) app = adw_application_new ("org.asec.SecretariatBench", G_APPLICATION_NON_UNIQUE);

  g_signal_connect (app, "activate", G_CALLBACK (on_minimal_activate), NULL);
  return g_application_run (G_APPLICATION (app), 0, NULL);
}

static void
on_window_added (GtkApplication *app,
                 GtkWindow      *window)
{
  watch_first_frame (window, G_APPLICATION (app));
}

static int
run_app (const char *db)
{
  g_autoptr(SecApplication) app = sec_application_new ();
  g_autoptr(GError) error = NULL;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "window-added", G_CALLBACK (on_window_added), NULL);
  if (!g_application_register (G_APPLICATION (app), NULL, &error) ||
      !sec_application_open_store (app, db, &error))
    g_error ("%s", error->message);
  return g_application_run (G_APPLICATION (app), 0, NULL);
}

/* The milliseconds one run of this program in @mode prints. */
static double
run_child (const char *self,
           const char *mode,
           const char *db)
{
  const char *argv[] = { self, mode, db, NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("%s %s: %s", self, mode, error->message);
  return g_ascii_strtod (out, NULL);
}

static int
compare (const char *self,
         const char *db)
{
  g_autoptr(GArray) minimal = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ours = g_array_new (FALSE, FALSE, sizeof (double));
  double a, b;

  for (guint i = 0; i < 7; i++)
    {
      g_array_append_val (minimal, ((double) { run_child (self, "--minimal", "") }));
      g_array_append_val (ours, ((double) { run_child (self, "--db", db) }));
    }
  a = sec_bench_percentile (minimal, 0.5);
  b = sec_bench_percentile (ours, 0.5);
  g_print ("first frame: minimal libadwaita window %.0f ms, Secretariat on 1,000,000 members %.0f ms\n", a, b);
  sec_bench_result ("open a 1,000,000-member database and show the first page", "≤ 1.25 × a minimal libadwaita window",
                    b, "ms", b / a, 1.25);
  return 0;
}

int
main (int    argc,
      char **argv)
{
  started = g_get_monotonic_time ();
  if (argc > 1 && g_str_equal (argv[1], "--minimal"))
    return run_minimal ();
  if (argc > 2 && g_str_equal (argv[1], "--db"))
    return run_app (argv[2]);
  if (argc > 2 && g_str_equal (argv[1], "--compare"))
    return compare (argv[0], argv[2]);
  g_printerr ("usage: bench-window --compare FILE | --minimal | --db FILE\n");
  return 2;
}
