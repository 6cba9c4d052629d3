"""Who may handle partner tokens: the secretariat issues, revokes and reads their logs."""

import rules

from smartcity.accounts.rules import is_secretariat

rules.add_perm("api.manage_tokens", is_secretariat)
