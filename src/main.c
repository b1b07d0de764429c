/* main.c: Secretariat, the desktop app for membership networks */

#include <locale.h>

#include "sec-application.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(SecApplication) app = NULL;

  setlocale (LC_ALL, "");

  app = sec_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
