from django import template
from django.urls import reverse

from smartcity.core.mail import absolute_url
from smartcity.notifications.models import CalendarFeed

register = template.Library()


@register.inclusion_tag("notifications/_calendar_feed.html")
def calendar_feed_panel(user):
    """The profile page's calendar card: the person's secret feed address, if any."""
    feed = CalendarFeed.objects.filter(user=user).first()
    url = absolute_url(reverse("notifications:calendar_feed", args=[feed.token])) if feed else ""
    return {"feed_url": url}
