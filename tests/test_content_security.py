"""Every page each persona can reach obeys the Content-Security-Policy by construction: no
inline script, no event-handler attribute, no javascript: address, no inline style. The
policy would block each of them in the browser, silently breaking the page; this crawl
finds them before a person does."""

from collections import deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import Resolver404, resolve

from tests.dashboard.world import build_people

# Pages of one URL pattern share a template: a few of each are enough.
PER_PATTERN = 2
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster"}


class InlineCode(HTMLParser):
    """Collects what the policy would refuse, and the site's links to follow."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.links: list[str] = []
        self._script_without_src = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script":
            # json_script's data blocks are not executed; CSP does not govern them.
            executable = attributes.get("type", "text/javascript") != "application/json"
            self._script_without_src = executable and not attributes.get("src")
            if self._script_without_src:
                self.problems.append(f"inline <script> at line {self.getpos()[0]}")
        if tag == "style":
            self.problems.append(f"inline <style> at line {self.getpos()[0]}")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"{name}= on <{tag}> at line {self.getpos()[0]}")
            if name == "style":
                self.problems.append(f"style= on <{tag}> at line {self.getpos()[0]}")
            if name in URL_ATTRIBUTES and (value or "").strip().lower().startswith("javascript:"):
                self.problems.append(f"javascript: URL in <{tag} {name}>")
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])


def crawl(client: Client, start: list[str], limit: int = 400) -> dict[str, list[str]]:
    """Visit every page reachable from `start` through the site's links (GET only, a few
    pages per URL pattern); return each visited HTML page's problems."""
    queue, seen, per_pattern, found = deque(start), set(start), {}, {}
    while queue and len(found) < limit:
        path = queue.popleft()
        response = client.get(path)
        content_type = response.get("Content-Type", "")
        if response.status_code != 200 or not content_type.startswith("text/html"):
            if response.streaming:  # a download: read to the end (the client then closes it)
                b"".join(response.streaming_content)
            continue
        assert "Content-Security-Policy" in response, path
        parser = InlineCode()
        parser.feed(response.content.decode())
        found[path] = parser.problems
        for href in parser.links:
            parts = urlsplit(urljoin(path, href))
            if parts.scheme or parts.netloc or parts.path.startswith("/static/"):
                continue
            link = parts.path
            if link in seen:
                continue
            seen.add(link)
            try:
                pattern = resolve(link).route
            except Resolver404:
                continue
            if "logout" in link or per_pattern.get(pattern, 0) >= PER_PATTERN:
                continue
            per_pattern[pattern] = per_pattern.get(pattern, 0) + 1
            queue.append(link)
    return found


def client_for(user) -> Client:
    client = Client()
    if not isinstance(user, AnonymousUser):
        client.force_login(user)
    return client


@pytest.fixture
def people(programme_data, secretariat_user):
    return build_people(secretariat_user)


@pytest.mark.parametrize(
    "persona", ["anonymous", "applicant", "reviewer", "committee member", "secretariat", "admin"]
)
def test_no_page_a_persona_reaches_holds_code_the_policy_refuses(
    persona, people, secretariat_user, admin_user
):
    user = {
        "anonymous": AnonymousUser(),
        "applicant": people.applicant,
        "reviewer": people.reviewer,
        "committee member": people.committee.member.user,
        "secretariat": secretariat_user,
        "admin": admin_user,
    }[persona]
    start = ["/", "/accounts/login/"] if persona == "anonymous" else ["/", "/work/"]
    if persona == "admin":
        start.append("/admin/")

    found = crawl(client_for(user), start)

    assert len(found) > 5, f"the crawl saw too few pages: {sorted(found)}"
    problems = {path: issues for path, issues in found.items() if issues}
    assert problems == {}
