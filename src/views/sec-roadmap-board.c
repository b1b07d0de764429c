/* sec-roadmap-board.c: roadmap items as cards in columns
 *
 * A column per pillar or per status, the user's choice. A card shows the
 * item's status, owner, due date and progress; late and soon-due cards are
 * marked. A card is a button: Tab and the arrow keys reach it, Enter or a
 * click opens the item. Cards move between columns by drag and drop, from
 * the keyboard with Alt+Left and Alt+Right, or from their menu's "Move to".
 * A move is a save through the store, so it syncs like any change; the
 * moved card keeps the focus.
 */

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sec-field.h"
#include "sec-query-model.h"
#include "sec-roadmap-board.h"
#include "sec-store-watch.h"

typedef struct {
  char      *key;      /* pillar id or status */
  char      *title;
  GtkWidget *list;     /* GtkBox of cards */
  GtkLabel  *count;
  guint      n;
} Column;

struct _SecRoadmapBoard
{
  GtkWidget   parent_instance;
  GtkWidget  *scrolled;
  GtkBox     *columns_box;
  SecStore   *store;
  const char *group_by;   /* "pillar_id" or "status" */
  GPtrArray  *columns;    /* Column */
  GHashTable *cards;      /* item id → its card button, as last filled */
};

G_DEFINE_FINAL_TYPE (SecRoadmapBoard, sec_roadmap_board, GTK_TYPE_WIDGET)

static void fill (SecRoadmapBoard *self);

static void
column_free (gpointer data)
{
  Column *column = data;

  g_free (column->key);
  g_free (column->title);
  g_free (column);
}

static Column *
find_column (SecRoadmapBoard *self,
             const char      *key,
             guint           *index)
{
  for (guint i = 0; i < self->columns->len; i++)
    {
      Column *column = g_ptr_array_index (self->columns, i);
      if (g_strcmp0 (column->key, key) == 0)
        {
          if (index != NULL)
            *index = i;
          return column;
        }
    }
  return NULL;
}

/* The columns: live, not archived pillars by position, or the statuses. */
static void
collect_columns (SecRoadmapBoard *self)
{
  g_ptr_array_set_size (self->columns, 0);
  if (g_str_equal (self->group_by, "status"))
    {
      const SecField *status = sec_entity_get_field (&sec_entity_roadmap_item, "status");
      for (const SecChoice *c = status->choices; c->id != NULL; c++)
        {
          Column *column = g_new0 (Column, 1);
          column->key = g_strdup (c->id);
          column->title = g_strdup (_(c->label));
          g_ptr_array_add (self->columns, column);
        }
      return;
    }
  {
    g_autoptr(SecQueryModel) pillars = sec_query_model_new (self->store, &sec_entity_pillar);

    sec_query_model_set_sort (pillars, "position", FALSE);
    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pillars)); i++)
      {
        g_autoptr(SecRecord) pillar = g_list_model_get_item (G_LIST_MODEL (pillars), i);
        Column *column;

        if (g_strcmp0 (sec_record_get (pillar, "archived"), "1") == 0)
          continue;
        column = g_new0 (Column, 1);
        column->key = g_strdup (sec_record_get_id (pillar));
        column->title = g_strdup (sec_record_get (pillar, "name"));
        g_ptr_array_add (self->columns, column);
      }
  }
}

/* Moving cards */

static gboolean
move_item (SecRoadmapBoard *self,
           const char      *item_id,
           const char      *key)
{
  g_autoptr(SecRecord) item = sec_store_load (self->store, &sec_entity_roadmap_item, item_id, NULL);
  g_autoptr(GError) error = NULL;

  if (item == NULL || find_column (self, key, NULL) == NULL)
    return FALSE;
  if (g_strcmp0 (sec_record_get (item, self->group_by), key) == 0)
    return TRUE;
  sec_record_set (item, self->group_by, key);
  if (g_str_equal (self->group_by, "status") && g_str_equal (key, "done"))
    sec_record_set (item, "progress", "100");
  if (!sec_store_save (self->store, item, &error))
    {
      g_warning ("%s", error->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
on_drop (GtkDropTarget   *target,
         const GValue    *value,
         double           x,
         double           y,
         SecRoadmapBoard *self)
{
  const char *key = g_object_get_data (G_OBJECT (target), "key");

  return G_VALUE_HOLDS_STRING (value) && move_item (self, g_value_get_string (value), key);
}

static GdkContentProvider *
on_drag_prepare (GtkDragSource *source,
                 double         x,
                 double         y,
                 gpointer       user_data)
{
  GtkWidget *card = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  return gdk_content_provider_new_typed (G_TYPE_STRING, g_object_get_data (G_OBJECT (card), "id"));
}

/* The card follows the pointer as a picture of itself. */
static void
on_drag_begin (GtkDragSource *source,
               GdkDrag       *drag,
               gpointer       user_data)
{
  GtkWidget *card = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  g_autoptr(GdkPaintable) picture = gtk_widget_paintable_new (card);

  gtk_drag_source_set_icon (source, picture, 0, 0);
}

static gboolean
on_step_shortcut (GtkWidget *card,
                  GVariant  *args,
                  gpointer   user_data)
{
  SecRoadmapBoard *self = SEC_ROADMAP_BOARD (gtk_widget_get_ancestor (card, SEC_TYPE_ROADMAP_BOARD));

  return sec_roadmap_board_step (self, g_object_get_data (G_OBJECT (card), "id"), g_variant_get_int32 (args));
}

static void
on_card_clicked (GtkButton *card,
                 gpointer   user_data)
{
  gtk_widget_activate_action (GTK_WIDGET (card), "board.open", "s", g_object_get_data (G_OBJECT (card), "id"));
}

static void
open_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  gtk_widget_activate_action (widget, "win.show-record", "(ss)",
                              sec_entity_roadmap_item.name, g_variant_get_string (param, NULL));
}

static void
move_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  const char *id, *column;

  g_variant_get (param, "(&s&s)", &id, &column);
  move_item (SEC_ROADMAP_BOARD (widget), id, column);
}

/* Cards */

static GtkWidget *
card_label (const char *text,
            const char *style)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (style != NULL)
    gtk_widget_add_css_class (label, style);
  return label;
}

static char *
card_details (SecRoadmapBoard *self,
              SecRecord       *item,
              const char      *timing)
{
  const SecField *status = sec_entity_get_field (&sec_entity_roadmap_item, "status");
  GString *text = g_string_new (sec_field_choice_label (status, sec_record_get (item, "status")));

  if (sec_record_get (item, "owner") != NULL)
    g_string_append_printf (text, " · %s", sec_record_get (item, "owner"));
  if (sec_record_get (item, "due_on") != NULL)
    {
      g_autofree char *due = sec_field_display (item, (guint) sec_entity_field_index (&sec_entity_roadmap_item, "due_on"));
      g_string_append_printf (text, g_str_equal (timing, "overdue") ? _(" · late since %s") : _(" · due %s"), due);
    }
  return g_string_free (text, FALSE);
}

static void
add_shortcuts (GtkWidget *card)
{
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new_with_arguments (gtk_keyval_trigger_new (GDK_KEY_Left, GDK_ALT_MASK),
                                     gtk_callback_action_new (on_step_shortcut, NULL, NULL), "i", -1));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new_with_arguments (gtk_keyval_trigger_new (GDK_KEY_Right, GDK_ALT_MASK),
                                     gtk_callback_action_new (on_step_shortcut, NULL, NULL), "i", 1));
  gtk_widget_add_controller (card, shortcuts);
}

/* Open, then "Move to" each other column. */
static GMenuModel *
card_menu (SecRoadmapBoard *self,
           SecRecord       *item)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) move = g_menu_new ();
  const char *id = sec_record_get_id (item);
  g_autoptr(GMenuItem) open = g_menu_item_new (_("_Open"), NULL);

  g_menu_item_set_action_and_target_value (open, "board.open", g_variant_new_string (id));
  g_menu_append_item (menu, open);
  for (guint i = 0; i < self->columns->len; i++)
    {
      Column *column = g_ptr_array_index (self->columns, i);
      g_autoptr(GMenuItem) entry = NULL;

      if (g_strcmp0 (column->key, sec_record_get (item, self->group_by)) == 0)
        continue;
      entry = g_menu_item_new (column->title, NULL);
      g_menu_item_set_action_and_target_value (entry, "board.move", g_variant_new ("(ss)", id, column->key));
      g_menu_append_item (move, entry);
    }
  g_menu_append_section (menu, _("Move To"), G_MENU_MODEL (move));
  return G_MENU_MODEL (menu);
}

static GtkWidget *
card_menu_button (SecRoadmapBoard *self,
                  SecRecord       *item)
{
  GtkWidget *button = gtk_menu_button_new ();
  g_autoptr(GMenuModel) menu = card_menu (self, item);
  g_autofree char *name = g_strdup_printf (_("Menu of “%s”"), sec_record_get (item, "title"));

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), menu);
  gtk_widget_set_tooltip_text (button, _("Open or Move To"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "circular");
  gtk_widget_set_halign (button, GTK_ALIGN_END);
  gtk_widget_set_valign (button, GTK_ALIGN_START);
  g_object_set (button, "margin-top", 4, "margin-end", 6, NULL);
  return button;
}

static GtkWidget *
card_content (SecRoadmapBoard *self,
              SecRecord       *item,
              const char      *details)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title = card_label (sec_record_get (item, "title"), "heading");
  GtkWidget *progress = gtk_progress_bar_new ();
  const char *percent = sec_record_get (item, "progress");

  gtk_widget_set_margin_end (title, 24);   /* clear of the menu button */
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), card_label (details, "caption"));
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (progress), percent ? g_ascii_strtod (percent, NULL) / 100 : 0);
  gtk_box_append (GTK_BOX (box), progress);
  return box;
}

/* The card, a button, in an overlay that holds its menu. */
static GtkWidget *
card (SecRoadmapBoard *self,
      SecRecord       *item)
{
  GtkWidget *overlay = gtk_overlay_new ();
  GtkWidget *button = gtk_button_new ();
  g_autofree char *timing = sec_store_computed (self->store, item, "timing");
  g_autofree char *details = card_details (self, item, timing ? timing : "");
  g_autofree char *accessible = g_strdup_printf ("%s. %s", sec_record_get (item, "title"), details);
  GtkDragSource *drag = gtk_drag_source_new ();

  gtk_widget_add_css_class (button, "card");
  gtk_widget_add_css_class (button, "roadmap-card");
  if (g_strcmp0 (timing, "overdue") == 0 || g_strcmp0 (timing, "due_soon") == 0)
    gtk_widget_add_css_class (button, timing);
  g_object_set (overlay, "margin-start", 2, "margin-end", 2, NULL);
  gtk_button_set_child (GTK_BUTTON (button), card_content (self, item, details));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Enter opens it; Alt+Left and Alt+Right move it to the next column"), -1);
  g_object_set_data_full (G_OBJECT (button), "id", g_strdup (sec_record_get_id (item)), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (on_card_clicked), NULL);
  gtk_drag_source_set_actions (drag, GDK_ACTION_MOVE);
  g_signal_connect (drag, "prepare", G_CALLBACK (on_drag_prepare), NULL);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), NULL);
  gtk_widget_add_controller (button, GTK_EVENT_CONTROLLER (drag));
  add_shortcuts (button);
  gtk_overlay_set_child (GTK_OVERLAY (overlay), button);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), card_menu_button (self, item));
  g_hash_table_insert (self->cards, g_strdup (sec_record_get_id (item)), button);
  return overlay;
}

static GtkWidget *
column_widget (SecRoadmapBoard *self,
               Column          *column)
{
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title = gtk_label_new (column->title);
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_MOVE);

  gtk_widget_set_size_request (outer, 240, -1);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_add_css_class (title, "heading");
  column->count = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (column->count), "dim-label");
  gtk_box_append (GTK_BOX (header), title);
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (column->count));
  column->list = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_widget_set_vexpand (column->list, TRUE);
  gtk_box_append (GTK_BOX (outer), header);
  gtk_box_append (GTK_BOX (outer), column->list);
  g_object_set_data_full (G_OBJECT (target), "key", g_strdup (column->key), g_free);
  g_signal_connect (target, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (outer, GTK_EVENT_CONTROLLER (target));
  gtk_accessible_update_property (GTK_ACCESSIBLE (column->list), GTK_ACCESSIBLE_PROPERTY_LABEL, column->title, -1);
  return outer;
}

/* The id of the card that has the focus, if one has. */
static char *
focused_card_id (SecRoadmapBoard *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
    return NULL;
  for (GtkWidget *w = focus; w != GTK_WIDGET (self); w = gtk_widget_get_parent (w))
    if (g_object_get_data (G_OBJECT (w), "id") != NULL)
      return g_strdup (g_object_get_data (G_OBJECT (w), "id"));
  return NULL;
}

static void
fill (SecRoadmapBoard *self)
{
  g_autoptr(SecQueryModel) items = sec_query_model_new (self->store, &sec_entity_roadmap_item);
  /* A card rebuilt after its move keeps the focus, so Alt+Right goes on. */
  g_autofree char *focused = focused_card_id (self);
  GtkWidget *child;

  g_hash_table_remove_all (self->cards);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->columns_box))) != NULL)
    gtk_box_remove (self->columns_box, child);
  collect_columns (self);
  for (guint i = 0; i < self->columns->len; i++)
    gtk_box_append (self->columns_box, column_widget (self, g_ptr_array_index (self->columns, i)));
  sec_query_model_set_sort (items, "due_on", FALSE);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (items)); i++)
    {
      g_autoptr(SecRecord) item = g_list_model_get_item (G_LIST_MODEL (items), i);
      Column *column = find_column (self, sec_record_get (item, self->group_by), NULL);

      if (column == NULL)
        continue;   /* under an archived pillar */
      gtk_box_append (GTK_BOX (column->list), card (self, item));
      column->n++;
    }
  for (guint i = 0; i < self->columns->len; i++)
    {
      Column *column = g_ptr_array_index (self->columns, i);
      g_autofree char *n = g_strdup_printf ("%u", column->n);
      gtk_label_set_text (column->count, n);
    }
  if (focused != NULL && g_hash_table_contains (self->cards, focused))
    gtk_widget_grab_focus (g_hash_table_lookup (self->cards, focused));
}

/* GObject */

static void
sec_roadmap_board_dispose (GObject *object)
{
  SecRoadmapBoard *self = SEC_ROADMAP_BOARD (object);

  sec_store_unwatch (self);
  g_clear_pointer (&self->scrolled, gtk_widget_unparent);
  g_clear_object (&self->store);
  g_clear_pointer (&self->columns, g_ptr_array_unref);
  g_clear_pointer (&self->cards, g_hash_table_unref);
  G_OBJECT_CLASS (sec_roadmap_board_parent_class)->dispose (object);
}

enum { PROP_0, PROP_GROUP_BY, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
sec_roadmap_board_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  if (prop_id == PROP_GROUP_BY)
    g_value_set_string (value, SEC_ROADMAP_BOARD (object)->group_by);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
sec_roadmap_board_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  if (prop_id == PROP_GROUP_BY)
    sec_roadmap_board_set_group_by (SEC_ROADMAP_BOARD (object), g_value_get_string (value));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
sec_roadmap_board_class_init (SecRoadmapBoardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sec_roadmap_board_dispose;
  object_class->get_property = sec_roadmap_board_get_property;
  object_class->set_property = sec_roadmap_board_set_property;
  /* What the columns stand for, "pillar_id" or "status"; the roadmap
   * menu's radio items act on it. */
  properties[PROP_GROUP_BY] = g_param_spec_string ("group-by", NULL, NULL, "pillar_id",
                                                   G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_install_action (GTK_WIDGET_CLASS (klass), "board.open", "s", open_activated);
  gtk_widget_class_install_action (GTK_WIDGET_CLASS (klass), "board.move", "(ss)", move_activated);
}

static void
sec_roadmap_board_init (SecRoadmapBoard *self)
{
  self->columns = g_ptr_array_new_with_free_func (column_free);
  self->cards = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->group_by = "pillar_id";
  self->columns_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18));
  g_object_set (self->columns_box, "margin-top", 12, "margin-bottom", 12, "margin-start", 12, "margin-end", 12, NULL);
  self->scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scrolled), GTK_WIDGET (self->columns_box));
  gtk_widget_set_parent (self->scrolled, GTK_WIDGET (self));
}

/* Public API */

static const SecEntity *const shown_entities[] = { &sec_entity_roadmap_item, &sec_entity_pillar, NULL };

GtkWidget *
sec_roadmap_board_new (SecStore *store)
{
  SecRoadmapBoard *self = g_object_new (SEC_TYPE_ROADMAP_BOARD, NULL);

  self->store = g_object_ref (store);
  sec_store_watch (self, store, shown_entities, (SecWatchFunc) fill);
  fill (self);
  return GTK_WIDGET (self);
}

/* "pillar_id" or "status": what the columns stand for. */
void
sec_roadmap_board_set_group_by (SecRoadmapBoard *self,
                                const char      *field)
{
  g_return_if_fail (SEC_IS_ROADMAP_BOARD (self));
  g_return_if_fail (g_strcmp0 (field, "pillar_id") == 0 || g_strcmp0 (field, "status") == 0);

  if (self->group_by == g_intern_string (field))
    return;
  self->group_by = g_intern_string (field);
  fill (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GROUP_BY]);
}

/* Puts the item in the column @column (a pillar id or a status), as a drop
 * there does. */
gboolean
sec_roadmap_board_move (SecRoadmapBoard *self,
                        const char      *item_id,
                        const char      *column)
{
  g_return_val_if_fail (SEC_IS_ROADMAP_BOARD (self), FALSE);
  return move_item (self, item_id, column);
}

/* Moves the item one column left (-1) or right (1): the keyboard's way. */
gboolean
sec_roadmap_board_step (SecRoadmapBoard *self,
                        const char      *item_id,
                        int              direction)
{
  g_autoptr(SecRecord) item = NULL;
  guint index;

  g_return_val_if_fail (SEC_IS_ROADMAP_BOARD (self), FALSE);

  item = sec_store_load (self->store, &sec_entity_roadmap_item, item_id, NULL);
  if (item == NULL || find_column (self, sec_record_get (item, self->group_by), &index) == NULL ||
      (direction < 0 && index == 0) || (direction > 0 && index + 1 >= self->columns->len))
    return FALSE;
  return move_item (self, item_id, ((Column *) g_ptr_array_index (self->columns, index + (direction < 0 ? -1 : 1)))->key);
}

/* How many cards the column @column holds now. */
guint
sec_roadmap_board_count (SecRoadmapBoard *self,
                         const char      *column)
{
  Column *found;

  g_return_val_if_fail (SEC_IS_ROADMAP_BOARD (self), 0);
  found = find_column (self, column, NULL);
  return found ? found->n : 0;
}

/* Whether the board has a column @column: a pillar in use, or a status. */
gboolean
sec_roadmap_board_has_column (SecRoadmapBoard *self,
                              const char      *column)
{
  g_return_val_if_fail (SEC_IS_ROADMAP_BOARD (self), FALSE);

  return find_column (self, column, NULL) != NULL;
}
