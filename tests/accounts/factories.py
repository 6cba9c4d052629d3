import factory

from smartcity.accounts.enums import OrganisationType
from smartcity.accounts.models import Organisation, User


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
