/* replay.c: a fuzz target as an ordinary test
 *
 * Feeds every file of the directories given, the seed corpus and the inputs
 * that once crashed a target, to the target's LLVMFuzzerTestOneInput, so
 * that the suite runs them all, plain and under the sanitizers, without
 * libFuzzer. A crash found by fuzzing goes into regressions/ to stay fixed.
 */

#include <glib.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
main (int    argc,
      char **argv)
{
  guint n = 0;

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GDir) dir = g_dir_open (argv[i], 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (argv[i], name, NULL);
          g_autofree char *data = NULL;
          gsize size;

          if (name[0] == '.' || !g_file_get_contents (path, &data, &size, NULL))
            continue;
          LLVMFuzzerTestOneInput ((const uint8_t *) data, size);
          n++;
        }
    }
  g_print ("%u inputs, none crashed\n", n);
  return n > 0 ? 0 : 1;
}
