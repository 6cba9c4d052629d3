"""The permission backend of the site's rules (django-rules), kept to questions about objects
where a rule shares its name with one of Django's model permissions.

Some rules are named as Django names a model permission (`proposals.view_proposal` is both
"may see this proposal" and "may list proposals in the admin"). The admin asks the second
question without an object; a rule written about one proposal cannot answer it (it used to
fail on `None.organisation`, a 500 for any staff user without the model permission). So for
those names, without an object, only the groups' model permissions answer (ModelBackend).
"""

from functools import cache

from django.apps import apps
from rules.permissions import ObjectPermissionBackend


@cache
def model_permission_names() -> frozenset[str]:
    """Every `app_label.codename` Django creates for the installed models."""
    names = set()
    for model in apps.get_models():
        meta = model._meta
        codenames = [f"{action}_{meta.model_name}" for action in meta.default_permissions]
        codenames += [codename for codename, _name in meta.permissions]
        names.update(f"{meta.app_label}.{codename}" for codename in codenames)
    return frozenset(names)


class RulesBackend(ObjectPermissionBackend):
    def has_perm(self, user, perm, obj=None):
        if obj is None and perm in model_permission_names():
            return False
        return super().has_perm(user, perm, obj)
