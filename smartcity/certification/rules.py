"""Who may manage certificates. Verification is public and asks no rule."""

import rules

from smartcity.accounts.rules import is_secretariat

# Suspend, reinstate and revoke certificates; set a batch's logo ceremony.
rules.add_perm("certification.manage_certificates", is_secretariat)
