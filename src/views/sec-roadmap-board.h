/* sec-roadmap-board.h: roadmap items as cards in columns */
#pragma once

#include <gtk/gtk.h>

#include "sec-store.h"

G_BEGIN_DECLS

#define SEC_TYPE_ROADMAP_BOARD (sec_roadmap_board_get_type ())
G_DECLARE_FINAL_TYPE (SecRoadmapBoard, sec_roadmap_board, SEC, ROADMAP_BOARD, GtkWidget)

GtkWidget *sec_roadmap_board_new          (SecStore        *store);
void       sec_roadmap_board_set_group_by (SecRoadmapBoard *self,
                                           const char      *field);
gboolean   sec_roadmap_board_move         (SecRoadmapBoard *self,
                                           const char      *item_id,
                                           const char      *column);
gboolean   sec_roadmap_board_step         (SecRoadmapBoard *self,
                                           const char      *item_id,
                                           int              direction);
gboolean   sec_roadmap_board_has_column   (SecRoadmapBoard *self,
                                           const char      *column);
guint      sec_roadmap_board_count        (SecRoadmapBoard *self,
                                           const char      *column);

G_END_DECLS
