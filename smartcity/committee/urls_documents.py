# Filled in by the committee pages.
urlpatterns: list = []
