/* sec-test-cli.h: running the secretariat binary as a script would */
#pragma once

#include <glib.h>

typedef struct {
  int   status;
  char *out;
  char *err;
} SecTestRun;

static inline void
sec_test_run_clear (SecTestRun *run)
{
  g_free (run->out);
  g_free (run->err);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SecTestRun, sec_test_run_clear)

/* Runs @binary with the arguments in @args (ended by NULL) in @envp (or
 * the test's own environment), keeping its exit status and output. */
static inline void
sec_test_run_va (SecTestRun  *run,
                 const char  *binary,
                 char       **envp,
                 va_list      args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *arg;

  g_ptr_array_add (argv, (gpointer) binary);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                               &run->out, &run->err, &run->status, &error));
  g_assert_no_error (error);
}

static inline guint
sec_test_n_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p; p++)
    n += *p == '\n';
  return n;
}
