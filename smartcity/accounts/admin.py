from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from smartcity.accounts import two_factor
from smartcity.accounts.models import Organisation, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_secretariat", "is_staff", "is_active"]
    search_fields = ["email", "full_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Profile"), {"fields": ["full_name", "preferred_language"]}),
        (
            _("Roles"),
            {"fields": ["is_active", "is_secretariat", "is_staff", "is_superuser", "groups"]},
        ),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]
    actions = ["reset_two_factor"]

    @admin.action(description=_("Reset two-factor sign-in (lost phone)"))
    def reset_two_factor(self, request, queryset):
        for user in queryset:
            two_factor.reset(user=user, by=request.user)
        self.message_user(
            request,
            ngettext(
                "Two-factor sign-in reset for %(count)d person: they set it up again at "
                "their next sign-in.",
                "Two-factor sign-in reset for %(count)d people: they set it up again at "
                "their next sign-in.",
                len(queryset),
            )
            % {"count": len(queryset)},
        )


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name_th", "name_en", "type", "province"]
    list_filter = ["type"]
    search_fields = ["name_th", "name_en"]
