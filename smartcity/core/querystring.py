"""Links that keep a list page's filters: the current query string with some values changed."""


def changed_query(request, **changes) -> str:
    """The request's query string with each of `changes` set (or removed when empty), e.g.
    the next page's link keeps the search and the filters: changed_query(request, page=2)."""
    params = request.GET.copy()
    for key, value in changes.items():
        params.pop(key, None)
        if value:
            params[key] = value
    return params.urlencode()
