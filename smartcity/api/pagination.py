"""Pages of a collection: ?page=N and ?page_size=N (50 by default, 500 at most)."""

from django.core.paginator import InvalidPage
from django.utils.translation import gettext as _
from rest_framework.exceptions import NotFound
from rest_framework.pagination import PageNumberPagination


class ApiPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500

    def page_of(self, queryset, request):
        """The page's rows as a queryset still to run (sliced), not as objects: the
        records are then read as values (certification.serialisers), a fixed number of
        queries for the page. One query counts the collection."""
        size = self.get_page_size(request)
        paginator = self.django_paginator_class(queryset, size)
        number = request.query_params.get(self.page_query_param) or 1
        try:
            self.page = paginator.page(number)
        except InvalidPage:
            raise NotFound(_("There is no such page.")) from None
        self.request = request
        return self.page.object_list
