import datetime as dt
import secrets

import factory
from django.utils import timezone

from smartcity.accounts.enums import MembershipRole, OrganisationType
from smartcity.accounts.models import Invitation, Membership, Organisation, User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"person{n}@example.go.th")
    full_name = factory.Sequence(lambda n: f"ผู้ใช้ทดสอบ {n}")
    password = factory.django.Password("correct horse battery staple")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name_th = factory.Sequence(lambda n: f"เทศบาลทดสอบ {n}")
    name_en = factory.Sequence(lambda n: f"Test Municipality {n}")
    type = OrganisationType.MUNICIPALITY


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = MembershipRole.VIEWER


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    organisation = factory.SubFactory(OrganisationFactory)
    email = factory.Sequence(lambda n: f"invitee{n}@example.go.th")
    role = MembershipRole.EDITOR
    token = factory.LazyFunction(lambda: secrets.token_urlsafe(32))
    invited_by = factory.SubFactory(UserFactory)
    expires_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=14))
