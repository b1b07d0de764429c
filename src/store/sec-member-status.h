/* sec-member-status.h: membership status, computed from the dates */
#pragma once

#include <glib.h>

#include "sec-record.h"

G_BEGIN_DECLS

#define SEC_DEFAULT_GRACE_DAYS 90

extern const SecChoice sec_member_statuses[];

const char *sec_member_status_compute (const char *status_override,
                                       const char *approved_on,
                                       const char *dues_amount,
                                       const char *dues_paid_until,
                                       const char *today,
                                       guint       grace_days);
const char *sec_member_status_of      (SecRecord  *member,
                                       const char *today,
                                       guint       grace_days);
const char *sec_member_status_label   (const char *status);

G_END_DECLS
