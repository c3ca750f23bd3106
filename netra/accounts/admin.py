"""Administrator actions on accounts: disable and end every session at once, lift a lockout, reset a
lost authenticator. They extend the user admin of `netra.agencies` (registered before this app)."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from netra.accounts import services, twofactor
from netra.accounts.models import StaffSession
from netra.agencies.admin import UserAdmin
from netra.agencies.models import User


@admin.action(description=_("Nonaktifkan akun dan akhiri semua sesinya"), permissions=["change"])
def disable_accounts(modeladmin, request, queryset):
    ended = 0
    for user in queryset:
        if user.pk == request.user.pk:
            modeladmin.message_user(request, _("Akun Anda sendiri tidak dinonaktifkan."), messages.WARNING)
            continue
        ended += services.account_disable(actor=request.user, user=user)
    modeladmin.message_user(request, _("Sesi yang diakhiri: %(n)d.") % {"n": ended})


@admin.action(
    description=_("Buka kunci masuk (setelah terlalu banyak kata sandi salah)"), permissions=["change"]
)
def unlock_accounts(modeladmin, request, queryset):
    for user in queryset:
        services.account_unlock(actor=request.user, username=user.get_username())
    modeladmin.message_user(request, _("Kunci masuk dibuka."))


@admin.action(description=_("Atur ulang verifikasi dua langkah (ponsel hilang)"), permissions=["change"])
def reset_second_factor(modeladmin, request, queryset):
    for user in queryset:
        twofactor.totp_reset(actor=request.user, user=user)
    modeladmin.message_user(request, _("Autentikator dihapus; pengguna mendaftar ulang saat masuk."))


admin.site.unregister(User)


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    actions = [disable_accounts, unlock_accounts, reset_second_factor]


@admin.register(StaffSession)
class StaffSessionAdmin(admin.ModelAdmin):
    """Read-only: sessions are opened by signing in and ended by the services above."""

    list_display = (
        "user",
        "started_at",
        "last_seen_at",
        "ip_address",
        "second_factor",
        "ended_at",
        "end_reason",
    )
    list_filter = ("end_reason", "second_factor")
    search_fields = ("user__username", "ip_address")
    exclude = ("session_key",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
