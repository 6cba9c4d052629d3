import rules

from smartcity.accounts.rules import is_secretariat

rules.add_perm("notifications.manage_outbox", is_secretariat)
