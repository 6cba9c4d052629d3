# Filled in by the certificate pages.
urlpatterns: list = []
