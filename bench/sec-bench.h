/* sec-bench.h: what every benchmark program shares
 *
 * Each figure a program measures is one line on stdout,
 *   RESULT {"figure": …, "target": …, "measured": …, "unit": …, "ratio": …, "met": …}
 * which build-aux/bench gathers into a table and a JSON file. Other lines
 * are for people.
 */
#pragma once

#include <glib.h>
#include <stdio.h>
#include <string.h>

static inline double
sec_bench_ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static inline int
sec_bench_compare_double (gconstpointer a,
                          gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

/* The value at @fraction (0.5 for the median) of @values, sorted. */
static inline double
sec_bench_percentile (GArray *values,
                      double  fraction)
{
  guint index;

  g_array_sort (values, sec_bench_compare_double);
  index = MIN ((guint) (values->len * fraction), values->len - 1);
  return g_array_index (values, double, index);
}

/* @text as a JSON string's contents: UTF-8 kept, quotes and backslashes
 * escaped. */
static inline char *
sec_bench_json (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* One figure. @ratio < 0 when the target is not a ratio; then @measured is
 * compared with @limit, else @ratio is. */
static inline void
sec_bench_result (const char *figure,
                  const char *target,
                  double      measured,
                  const char *unit,
                  double      ratio,
                  double      limit)
{
  gboolean met = ratio >= 0 ? ratio <= limit : measured <= limit;
  g_autofree char *figure_json = sec_bench_json (figure);
  g_autofree char *target_json = sec_bench_json (target);
  char ratio_json[32] = "null";

  if (ratio >= 0)
    g_ascii_formatd (ratio_json, sizeof ratio_json, "%.2f", ratio);
  printf ("RESULT {\"figure\": \"%s\", \"target\": \"%s\", \"measured\": %.2f, \"unit\": \"%s\", "
          "\"ratio\": %s, \"met\": %s}\n", figure_json, target_json, measured, unit, ratio_json,
          met ? "true" : "false");
  fflush (stdout);
}

/* Resident memory of this process, in MB. */
static inline double
sec_bench_rss_mb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, "VmRSS:")) == NULL)
    return -1;
  return g_ascii_strtod (line + strlen ("VmRSS:"), NULL) / 1024.0;
}
